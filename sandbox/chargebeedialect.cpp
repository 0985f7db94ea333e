// Chargebee (seed 002): Basic auth with the API key as user, form bodies, integer minor units,
// invoices whose refunds create credit notes, offset paging with next_offset.
#include "dialects.h"
#include "errors.h"
#include "listing.h"

#include <QRegularExpression>

#include <algorithm>

namespace rd::sandbox {

namespace {

const QStringList &reasonCodes()
{
    static const QStringList codes{QStringLiteral("product_unsatisfactory"),
                                   QStringLiteral("service_unsatisfactory"),
                                   QStringLiteral("order_change"),
                                   QStringLiteral("order_cancellation"),
                                   QStringLiteral("waiver"),
                                   QStringLiteral("other"),
                                   QStringLiteral("fraudulent"),
                                   QStringLiteral("chargeback")};
    return codes;
}

class ChargebeeHandler final : public DialectHandler
{
public:
    using DialectHandler::DialectHandler;

    Dialect dialect() const override { return Dialect::Chargebee; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Basic ") + QByteArrayLiteral("test_sandbox:").toBase64();
    }
    Reply unauthorized() const override
    {
        return errors::chargebee(401, QString(), QStringLiteral("api_authentication_failed"),
                                 QStringLiteral("Sorry, authentication failed. Invalid api key"));
    }
    Reply noRoute(const Request &) const override
    {
        return errors::chargebee(404, QString(), QStringLiteral("resource_not_found"),
                                 QStringLiteral("Sorry, we couldn't find that resource"));
    }
    Reply injectedFailure(int status) const override
    {
        if (status == 429)
            return errors::chargebee(429, QString(), QStringLiteral("api_request_limit_exceeded"),
                                     QStringLiteral("Sorry, access has been blocked temporarily "
                                                    "due to request count exceeding acceptable "
                                                    "limits. Please try after some time."));
        return errors::chargebee(status, QString(), QStringLiteral("internal_error"),
                                 QStringLiteral("Sorry, something went wrong when trying to "
                                                "process the request (injected by the sandbox)."));
    }
    QByteArray idempotencyHeader() const override
    {
        return QByteArrayLiteral("chargebee-idempotency-key");
    }
    Reply idempotencyConflict(const QString &key) const override
    {
        return invalid(409, QStringLiteral("The idempotency key '%1' has already been used with "
                                           "different request parameters.")
                                .arg(key));
    }
    void finish(Reply &reply, bool replayed) const override
    {
        if (replayed)
            reply.setHeader(QByteArrayLiteral("chargebee-idempotency-replayed"),
                            QByteArrayLiteral("true"));
    }
    Reply handle(const Request &request) override;

private:
    static Reply invalid(int status, const QString &message, const QString &param = {})
    {
        return errors::chargebee(status, QStringLiteral("invalid_request"),
                                 QStringLiteral("invalid_request"), message, param);
    }
    static Reply notFound(const QString &what, const QString &id)
    {
        return errors::chargebee(
            404, QString(), QStringLiteral("resource_not_found"),
            QStringLiteral("Sorry, we couldn't find that resource: %1 %2").arg(what, id));
    }

    Reply listInvoices(const Request &request) const;
    Reply listCreditNotes(const Request &request) const;
    Reply refund(const Request &request, quint32 invoice);

    struct Paging
    {
        int limit = 10;
        std::optional<quint32> after; // index of the last item of the previous page
        qint64 updatedAfter = -1;
        bool ascending = false;
        CreatedFilter date; // date[after|before|between|...]: bounds on `date`
    };
    std::optional<Reply> readPaging(const Request &request, Paging *paging) const;
    static QString offsetFor(qint64 key, quint32 index)
    {
        return QStringLiteral("[\"%1\",\"%2\"]").arg(key * 1000).arg(index);
    }

    qint64 updatedAt(quint32 invoice) const;
    void invoice(JsonWriter &w, quint32 index) const;
    void creditNote(JsonWriter &w, quint32 refund) const;
    auto invoiceWriter() const
    {
        return [this](JsonWriter &w, quint32 i) { invoice(w, i); };
    }
    auto creditNoteWriter() const
    {
        return [this](JsonWriter &w, quint32 i) { creditNote(w, i); };
    }
    // {"<name>": object}, as Chargebee wraps every object it returns.
    template <typename Render>
    static void wrapped(JsonWriter &w, QLatin1String name, Render render, quint32 index)
    {
        w.beginObject().key(name);
        render(w, index);
        w.endObject();
    }
    template <typename Render>
    static Reply wrappedReply(QLatin1String name, Render render, quint32 index)
    {
        JsonWriter w;
        wrapped(w, name, render, index);
        return Reply::json(std::move(w));
    }
    // A list page: {"list":[{"<name>":…},…],"next_offset":…} (next_offset only when given).
    template <typename Render>
    static Reply listReply(QLatin1String name, Render render, const std::vector<quint32> &items,
                           const QString &nextOffset)
    {
        JsonWriter w(qsizetype(items.size()) * 1024 + 64);
        w.beginObject().key("list").beginArray();
        for (quint32 i : items)
            wrapped(w, name, render, i);
        w.endArray();
        if (!nextOffset.isEmpty())
            w.field("next_offset", nextOffset);
        w.endObject();
        return Reply::json(std::move(w));
    }
    // "cust_" and the rest of the invoice id after "inv_".
    IdText customerId(quint32 invoice) const
    {
        const IdText id = m_store.idText(dialect(), Kind::Payment, invoice);
        IdText customer;
        std::memcpy(customer.text, "cust_", 5);
        std::memcpy(customer.text + 5, id.text + 4, size_t(id.size - 4));
        customer.size = id.size + 1;
        customer.text[customer.size] = '\0';
        return customer;
    }
};

Reply ChargebeeHandler::handle(const Request &request)
{
    const QStringList &s = request.segments;
    if (s.value(0) != QLatin1String("api") || s.value(1) != QLatin1String("v2"))
        return noRoute(request);
    const Dialect d = dialect();
    if (s.value(2) == QLatin1String("invoices")) {
        if (s.size() == 3 && request.is("GET"))
            return listInvoices(request);
        if (s.size() >= 4) {
            const auto index = m_store.find(d, Kind::Payment, s[3]);
            if (s.size() == 4 && request.is("GET"))
                return index ? wrappedReply(QLatin1String("invoice"), invoiceWriter(), *index)
                             : notFound(QStringLiteral("invoice"), s[3]);
            if (s.size() == 5 && s[4] == QLatin1String("refund") && request.is("POST"))
                return index ? refund(request, *index) : notFound(QStringLiteral("invoice"), s[3]);
        }
    } else if (s.value(2) == QLatin1String("credit_notes")) {
        if (s.size() == 3 && request.is("GET"))
            return listCreditNotes(request);
        if (s.size() == 4 && request.is("GET")) {
            const auto index = m_store.find(d, Kind::Refund, s[3]);
            return index ? wrappedReply(QLatin1String("credit_note"), creditNoteWriter(), *index)
                         : notFound(QStringLiteral("credit_note"), s[3]);
        }
    }
    return noRoute(request);
}

std::optional<Reply> ChargebeeHandler::readPaging(const Request &request, Paging *paging) const
{
    const QUrlQuery &q = request.query;
    if (q.hasQueryItem(QStringLiteral("limit"))) {
        const auto limit = parseInteger(q.queryItemValue(QStringLiteral("limit")));
        if (!limit || *limit < 1 || *limit > 100)
            return invalid(400, QStringLiteral("limit : must be between 1 and 100"),
                           QStringLiteral("limit"));
        paging->limit = int(*limit);
    }
    if (q.hasQueryItem(QStringLiteral("offset"))) {
        // Offsets are the opaque strings this server handed out: ["<sort key ms>","<index>"].
        static const QRegularExpression form(QString::fromLatin1(R"re(^\["-?\d+","(\d+)"\]$)re"));
        const auto match =
            form.match(q.queryItemValue(QStringLiteral("offset"), QUrl::FullyDecoded));
        const auto index = match.hasMatch() ? parseInteger(match.captured(1)) : std::nullopt;
        if (!index)
            return invalid(400, QStringLiteral("offset : invalid value"), QStringLiteral("offset"));
        paging->after = quint32(*index);
    }
    if (q.hasQueryItem(QStringLiteral("updated_at[after]"))) {
        const auto t = parseInteger(q.queryItemValue(QStringLiteral("updated_at[after]")));
        if (!t)
            return invalid(400, QStringLiteral("updated_at[after] : invalid timestamp"),
                           QStringLiteral("updated_at[after]"));
        paging->updatedAfter = *t;
    }
    QString badDate;
    if (!parseCreatedFilter(q, QStringLiteral("date"), &paging->date, &badDate))
        return invalid(400, QStringLiteral("%1 : invalid timestamp").arg(badDate), badDate);
    const QString asc = q.queryItemValue(QStringLiteral("sort_by[asc]"));
    if (!asc.isEmpty() && asc != QLatin1String("updated_at") && asc != QLatin1String("date"))
        return invalid(400, QStringLiteral("sort_by[asc] : invalid value"),
                       QStringLiteral("sort_by[asc]"));
    paging->ascending = !asc.isEmpty();
    return std::nullopt;
}

qint64 ChargebeeHandler::updatedAt(quint32 index) const
{
    const DialectData &data = m_store.data(dialect());
    const Payment &p = data.payments.at(index);
    return p.firstRefund >= 0 ? std::max(p.created, data.refunds[size_t(p.firstRefund)].created)
                              : p.created;
}

Reply ChargebeeHandler::listInvoices(const Request &request) const
{
    Paging paging;
    if (auto bad = readPaging(request, &paging))
        return *bad;
    const DialectData &data = m_store.data(dialect());
    std::vector<quint32> items;
    bool hasMore = false;
    if (paging.updatedAfter < 0 && !paging.ascending) {
        // The common case, newest first over the whole table: O(limit) by index.
        const auto [lo, hi] = createdRange(data.payments, paging.date);
        const Page page = pageOfRange(lo, hi, paging.after, std::nullopt, paging.limit);
        items = page.items;
        hasMore = page.hasMore;
    } else {
        // Invoices changed after T: created after T, or given a credit note after T.
        std::vector<quint32> matched;
        CreatedFilter f;
        f.min = paging.updatedAfter + 1;
        const auto [plo, phi] = createdRange(data.payments, f);
        for (quint32 i = plo; i < phi; ++i)
            matched.push_back(i);
        const auto [rlo, rhi] = createdRange(data.refunds, f);
        for (quint32 r = rlo; r < rhi; ++r)
            matched.push_back(data.refunds[r].payment);
        std::sort(matched.begin(), matched.end());
        matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
        matched.erase(std::remove_if(matched.begin(), matched.end(),
                                     [&](quint32 i) {
                                         return !paging.date.contains(data.payments[i].created);
                                     }),
                      matched.end());
        std::vector<std::pair<qint64, quint32>> keyed;
        keyed.reserve(matched.size());
        for (quint32 i : matched)
            keyed.emplace_back(paging.ascending ? updatedAt(i) : data.payments[i].created, i);
        std::sort(keyed.begin(), keyed.end());
        if (!paging.ascending)
            std::reverse(keyed.begin(), keyed.end());
        auto it = keyed.begin();
        if (paging.after) {
            it = std::find_if(keyed.begin(), keyed.end(),
                              [&](const auto &k) { return k.second == *paging.after; });
            if (it != keyed.end())
                ++it;
        }
        for (; it != keyed.end() && int(items.size()) < paging.limit; ++it)
            items.push_back(it->second);
        hasMore = it != keyed.end();
    }
    QString nextOffset;
    if (hasMore && !items.empty())
        nextOffset = offsetFor(paging.ascending ? updatedAt(items.back())
                                                : data.payments[items.back()].created,
                               items.back());
    return listReply(QLatin1String("invoice"), invoiceWriter(), items, nextOffset);
}

Reply ChargebeeHandler::listCreditNotes(const Request &request) const
{
    Paging paging;
    if (auto bad = readPaging(request, &paging))
        return *bad;
    const DialectData &data = m_store.data(dialect());
    // A credit note's updated_at is its date here, so both filters bound the same field.
    CreatedFilter f = paging.date;
    if (paging.updatedAfter >= 0)
        f.min = std::max(f.min, paging.updatedAfter + 1);
    Page page;
    const QString invoiceId = request.query.queryItemValue(
        QStringLiteral("reference_invoice_id[is]"), QUrl::FullyDecoded);
    if (!invoiceId.isEmpty()) {
        const auto inv = m_store.find(dialect(), Kind::Payment, invoiceId);
        std::vector<quint32> notes;
        if (inv) {
            for (quint32 r : refundsOf(data, *inv)) {
                if (f.contains(data.refunds[r].created))
                    notes.push_back(r);
            }
        }
        if (paging.ascending)
            std::reverse(notes.begin(), notes.end());
        page = paging.ascending ? pageOfListAscending(notes, paging.after, paging.limit)
                                : pageOfList(notes, paging.after, std::nullopt, paging.limit);
    } else {
        const auto [lo, hi] = createdRange(data.refunds, f);
        page = paging.ascending ? pageOfRangeAscending(lo, hi, paging.after, paging.limit)
                                : pageOfRange(lo, hi, paging.after, std::nullopt, paging.limit);
    }
    QString nextOffset;
    if (page.hasMore && !page.items.empty())
        nextOffset = offsetFor(data.refunds[page.items.back()].created, page.items.back());
    return listReply(QLatin1String("credit_note"), creditNoteWriter(), page.items, nextOffset);
}

Reply ChargebeeHandler::refund(const Request &request, quint32 index)
{
    const Dialect d = dialect();
    const QString id = m_store.id(d, Kind::Payment, index);
    std::optional<qint64> amount;
    Extras extras;
    QString reasonCode = QStringLiteral("other");
    for (const auto &[key, value] : parseForm(request.body)) {
        if (key == QLatin1String("refund_amount")) {
            amount = parseInteger(value);
            if (!amount)
                return invalid(
                    400, QStringLiteral("refund_amount : invalid integer value \"%1\"").arg(value),
                    key);
        } else if (key == QLatin1String("comment")) {
            extras.text = value;
        } else if (key == QLatin1String("customer_notes")) {
            extras.customerNotes = value;
        } else if (key == QLatin1String("credit_note[reason_code]") ||
                   key == QLatin1String("credit_note[create_reason_code]")) {
            if (!reasonCodes().contains(value))
                return invalid(400, QStringLiteral("%1 : invalid value \"%2\"").arg(key, value),
                               key);
            reasonCode = value;
        } else {
            return invalid(400, QStringLiteral("%1 : unknown parameter").arg(key), key);
        }
    }
    const Payment &p = m_store.data(d).payments.at(index);
    if (p.status != PaymentStatus::Succeeded)
        return invalid(
            400,
            QStringLiteral("Invoice %1 is not paid; only paid invoices can be refunded.").arg(id));
    if (p.flags & Offline)
        return invalid(400, QStringLiteral("Invoice %1 was paid offline. Refunds for offline "
                                           "payments cannot be processed through the gateway; "
                                           "use the Record refund API instead.")
                                .arg(id));
    const qint64 refundable = m_store.refundable(d, index);
    if (refundable <= 0)
        return invalid(400, QStringLiteral("Invoice %1 has already been fully refunded.").arg(id));
    if (amount && *amount <= 0)
        return invalid(400, QStringLiteral("refund_amount : cannot be less than 1"),
                       QStringLiteral("refund_amount"));
    if (amount && *amount > refundable)
        return invalid(400,
                       QStringLiteral("refund_amount : cannot be more than the refundable "
                                      "amount %1 (%2 %3)")
                           .arg(refundable)
                           .arg(majorString(refundable, p.currency), currencyCode(p.currency)),
                       QStringLiteral("refund_amount"));
    Refund r;
    r.payment = index;
    r.amount = amount.value_or(refundable);
    r.created = m_store.runtimeNow(d);
    r.status = RefundStatus::Succeeded;
    r.reason = m_store.intern(reasonCode);
    const quint32 note = m_store.addRefund(d, r, &extras);
    const QJsonObject transaction{
        {QStringLiteral("id"), m_store.id(d, Kind::Aux2, note)},
        {QStringLiteral("object"), QStringLiteral("transaction")},
        {QStringLiteral("type"), QStringLiteral("refund")},
        {QStringLiteral("amount"), r.amount},
        {QStringLiteral("currency_code"), currencyCode(p.currency)},
        {QStringLiteral("status"), QStringLiteral("success")},
        {QStringLiteral("date"), r.created},
        {QStringLiteral("payment_method"), QStringLiteral("card")},
        {QStringLiteral("customer_id"), QString(customerId(index).latin1())},
        {QStringLiteral("linked_credit_notes"),
         QJsonArray{QJsonObject{{QStringLiteral("cn_id"), m_store.id(d, Kind::Refund, note)},
                                {QStringLiteral("applied_amount"), r.amount}}}}};
    JsonWriter w;
    w.beginObject().key("credit_note");
    creditNote(w, note);
    w.key("invoice");
    invoice(w, index);
    w.field("transaction", transaction).endObject();
    Reply reply = Reply::json(std::move(w));
    reply.created = true;
    return reply;
}

void ChargebeeHandler::invoice(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const DialectData &data = m_store.data(d);
    const Payment &p = data.payments.at(index);
    const Customer who = m_store.customer(d, index);
    const bool paid = p.status == PaymentStatus::Succeeded;
    const qint64 updated = updatedAt(index);

    w.beginObject();
    w.field("amount_adjusted", 0)
        .field("amount_due", paid ? 0 : p.amount)
        .field("amount_paid", paid ? p.amount : 0);
    w.key("billing_address").beginObject();
    w.field("email", who.email)
        .field("first_name", who.firstName)
        .field("last_name", who.lastName)
        .field("object", "billing_address");
    w.endObject();
    w.field("credits_applied", 0)
        .field("currency_code", currencyCode(p.currency))
        .field("customer_id", customerId(index).text)
        .field("date", p.created)
        .field("deleted", false)
        .field("due_date", p.created)
        .field("id", m_store.idText(d, Kind::Payment, index).text);
    w.key("issued_credit_notes").beginArray();
    for (quint32 r : refundsOf(data, index)) {
        const Refund &x = data.refunds[r];
        w.beginObject();
        w.field("cn_date", x.created)
            .field("cn_id", m_store.idText(d, Kind::Refund, r).text)
            .field("cn_reason_code", m_store.string(x.reason))
            .field("cn_status", "refunded")
            .field("cn_total", x.amount);
        w.endObject();
    }
    w.endArray();
    w.key("line_items").beginArray().beginObject();
    w.field("amount", p.amount)
        .field("description", m_store.description(d, index))
        .field("quantity", 1);
    w.endObject().endArray();
    w.key("linked_payments").beginArray();
    if (p.status != PaymentStatus::Pending) {
        w.beginObject();
        w.field("applied_amount", paid ? p.amount : 0)
            .field("applied_at", p.created)
            .field("payment_method", (p.flags & Offline) ? "offline" : "card")
            .field("txn_amount", p.amount)
            .field("txn_date", p.created)
            .field("txn_id", m_store.idText(d, Kind::Aux1, index).text)
            .field("txn_status", paid ? "success" : "failure");
        w.endObject();
    }
    w.endArray();
    w.field("object", "invoice");
    if (paid)
        w.field("paid_at", p.created);
    else
        w.field("paid_at", nullptr);
    w.field("price_type", "tax_exclusive")
        .field("recurring", false)
        .field("resource_version", updated * 1000)
        .field("status", paid                                 ? "paid"
                         : p.status == PaymentStatus::Pending ? "payment_due"
                                                              : "not_paid")
        .field("total", p.amount)
        .field("updated_at", updated);
    w.endObject();
}

void ChargebeeHandler::creditNote(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const DialectData &data = m_store.data(d);
    const Refund &r = data.refunds.at(index);
    const Payment &p = data.payments.at(r.payment);
    const Extras *extras = m_store.extras(d, r.extra);

    w.beginObject();
    w.field("amount_allocated", 0).field("amount_available", 0).field("amount_refunded", r.amount);
    if (extras && !extras->text.isEmpty())
        w.field("comment", extras->text);
    else
        w.field("comment", nullptr);
    w.field("currency_code", currencyCode(p.currency))
        .field("customer_id", customerId(r.payment).text);
    if (extras && !extras->customerNotes.isEmpty())
        w.field("customer_notes", extras->customerNotes);
    else
        w.field("customer_notes", nullptr);
    w.field("date", r.created).field("id", m_store.idText(d, Kind::Refund, index).text);
    w.key("linked_refunds").beginArray().beginObject();
    w.field("applied_amount", r.amount)
        .field("applied_at", r.created)
        .field("txn_amount", r.amount)
        .field("txn_date", r.created)
        .field("txn_id", m_store.idText(d, Kind::Aux2, index).text)
        .field("txn_status", "success");
    w.endObject().endArray();
    w.field("object", "credit_note")
        .field("reason_code", m_store.string(r.reason))
        .field("reference_invoice_id", m_store.idText(d, Kind::Payment, r.payment).text)
        .field("refunded_at", r.created)
        .field("resource_version", r.created * 1000)
        .field("status", "refunded")
        .field("total", r.amount)
        .field("type", "refundable")
        .field("updated_at", r.created);
    w.endObject();
}

} // namespace

std::unique_ptr<DialectHandler> makeChargebeeHandler(Store &store)
{
    return std::make_unique<ChargebeeHandler>(store);
}

} // namespace rd::sandbox
