// ProcessOut (seed 001): Basic project_id:secret, JSON bodies, amounts as decimal strings in major
// units, refunds on a transaction or on an invoice, reasons customer_request|duplicate|fraud.
#include "dialects.h"
#include "errors.h"
#include "listing.h"

namespace rd::sandbox {

namespace {

class ProcessOutHandler final : public DialectHandler
{
public:
    using DialectHandler::DialectHandler;

    Dialect dialect() const override { return Dialect::ProcessOut; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Basic ") +
               QByteArrayLiteral("test-proj_sandbox:key_sandbox").toBase64();
    }
    Reply unauthorized() const override
    {
        return errors::processout(401, QStringLiteral("request.authentication.invalid"),
                                  QStringLiteral("The API credentials could not be verified: "
                                                 "check the project ID and the secret key."));
    }
    Reply noRoute(const Request &) const override
    {
        return errors::processout(404, QStringLiteral("request.route-not-found"),
                                  QStringLiteral("The requested route could not be found."));
    }
    Reply injectedFailure(int status) const override
    {
        if (status == 429)
            return errors::processout(429, QStringLiteral("request.rate-limit.exceeded"),
                                      QStringLiteral("Too many requests, slow down."));
        return errors::processout(
            status, QStringLiteral("default"),
            QStringLiteral("An internal error occurred (injected by the sandbox)."));
    }
    QByteArray idempotencyHeader() const override { return QByteArrayLiteral("Idempotency-Key"); }
    Reply idempotencyConflict(const QString &key) const override
    {
        return errors::processout(409, QStringLiteral("request.idempotency-key.conflict"),
                                  QStringLiteral("The idempotency key %1 was already used for a "
                                                 "request with different parameters.")
                                      .arg(key));
    }
    Reply handle(const Request &request) override;

private:
    static Reply missing(const QString &what, const QString &id)
    {
        return errors::processout(404, QStringLiteral("resource.not-found"),
                                  QStringLiteral("The %1 %2 could not be found.").arg(what, id));
    }
    static Reply bad(const QString &type, const QString &message)
    {
        return errors::processout(400, type, message);
    }
    Reply listTransactions(const Request &request) const;
    Reply createRefund(const Request &request, quint32 transaction);
    void transaction(JsonWriter &w, quint32 index, bool withRefunds) const;
    void refund(JsonWriter &w, quint32 index) const;
    // {"refund":{…},"success":true}
    Reply refundReply(quint32 index) const
    {
        JsonWriter w;
        w.beginObject().key("refund");
        refund(w, index);
        w.field("success", true).endObject();
        return Reply::json(std::move(w));
    }
};

Reply ProcessOutHandler::handle(const Request &request)
{
    const QStringList &s = request.segments;
    const Dialect d = dialect();
    if (s.value(0) == QLatin1String("invoices") && s.size() == 3 &&
        s[2] == QLatin1String("refunds") && request.is("POST")) {
        // An invoice and its transaction share an index, so the refund lands on the transaction.
        const auto index = m_store.find(d, Kind::Aux1, s[1]);
        return index ? createRefund(request, *index) : missing(QStringLiteral("invoice"), s[1]);
    }
    if (s.value(0) != QLatin1String("transactions"))
        return noRoute(request);
    if (s.size() == 1 && request.is("GET"))
        return listTransactions(request);
    if (s.size() < 2)
        return noRoute(request);
    const auto index = m_store.find(d, Kind::Payment, s[1]);
    if (!index)
        return missing(QStringLiteral("transaction"), s[1]);
    if (s.size() == 2 && request.is("GET")) {
        JsonWriter w;
        w.beginObject().field("success", true).key("transaction");
        transaction(w, *index, false);
        w.endObject();
        return Reply::json(std::move(w));
    }
    if (s.size() == 3 && s[2] == QLatin1String("refunds")) {
        if (request.is("POST"))
            return createRefund(request, *index);
        if (request.is("GET")) {
            JsonWriter w;
            w.beginObject().key("refunds").beginArray();
            for (quint32 r : refundsOf(m_store.data(d), *index))
                refund(w, r);
            w.endArray().field("success", true).endObject();
            return Reply::json(std::move(w));
        }
    }
    if (s.size() == 4 && s[2] == QLatin1String("refunds") && request.is("GET")) {
        const auto r = m_store.find(d, Kind::Refund, s[3]);
        if (!r || m_store.data(d).refunds[*r].payment != *index)
            return missing(QStringLiteral("refund"), s[3]);
        return refundReply(*r);
    }
    return noRoute(request);
}

Reply ProcessOutHandler::listTransactions(const Request &request) const
{
    const QUrlQuery &q = request.query;
    int limit = 10;
    if (q.hasQueryItem(QStringLiteral("limit"))) {
        const auto l = parseInteger(q.queryItemValue(QStringLiteral("limit")));
        if (!l || *l < 1 || *l > 100)
            return bad(QStringLiteral("request.validation.error"),
                       QStringLiteral("limit must be between 1 and 100."));
        limit = int(*l);
    }
    std::optional<quint32> after, before;
    for (const auto &[param, target] : {std::pair{QStringLiteral("start_after"), &after},
                                        std::pair{QStringLiteral("end_before"), &before}}) {
        if (!q.hasQueryItem(param))
            continue;
        const QString id = q.queryItemValue(param, QUrl::FullyDecoded);
        *target = m_store.find(dialect(), Kind::Payment, id);
        if (!*target)
            return missing(QStringLiteral("transaction"), id);
    }
    const QString expand =
        q.queryItemValue(QStringLiteral("expand[]")) + q.queryItemValue(QStringLiteral("expand"));
    const bool withRefunds = expand.contains(QLatin1String("refunds"));
    const Page page =
        pageOfRange(0, quint32(m_store.data(dialect()).payments.size()), after, before, limit);
    JsonWriter w(qsizetype(page.items.size()) * 768 + 64);
    w.beginObject().field("has_more", page.hasMore).field("success", true);
    w.key("transactions").beginArray();
    for (quint32 i : page.items)
        transaction(w, i, withRefunds);
    w.endArray().endObject();
    return Reply::json(std::move(w));
}

Reply ProcessOutHandler::createRefund(const Request &request, quint32 index)
{
    const Dialect d = dialect();
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return bad(QStringLiteral("request.validation.error"),
                   QStringLiteral("The request body must be a JSON object."));
    const QJsonObject body = doc.object();
    const Payment &p = m_store.data(d).payments.at(index);
    const QString id = m_store.id(d, Kind::Payment, index);
    const QString code = currencyCode(p.currency);

    const QJsonValue amountValue = body.value(QStringLiteral("amount"));
    if (!amountValue.isString())
        return bad(QStringLiteral("refund.invalid-amount"),
                   QStringLiteral("The refund amount must be given as a string in major units, "
                                  "e.g. \"5.00\"."));
    AmountError why = AmountError::None;
    const auto amount = parseMajor(amountValue.toString(), p.currency, &why);
    if (!amount) {
        const QString message =
            why == AmountError::TooManyDecimals
                ? QStringLiteral("The refund amount %1 has more decimals than %2 allows (%3).")
                      .arg(amountValue.toString(), code)
                      .arg(currencyExponent(p.currency))
            : why == AmountError::NotPositive
                ? QStringLiteral("The refund amount must be greater than zero.")
                : QStringLiteral("The refund amount %1 is not a valid number.")
                      .arg(amountValue.toString());
        return bad(QStringLiteral("refund.invalid-amount"), message);
    }
    const QString reason = body.value(QStringLiteral("reason")).toString();
    if (reason != QLatin1String("customer_request") && reason != QLatin1String("duplicate") &&
        reason != QLatin1String("fraud"))
        return bad(QStringLiteral("refund.invalid-reason"),
                   QStringLiteral("The refund reason must be one of customer_request, duplicate "
                                  "or fraud."));
    Extras extras;
    extras.text = body.value(QStringLiteral("information")).toString();
    const QJsonObject metadata = body.value(QStringLiteral("metadata")).toObject();
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
        if (!it.value().isString())
            return bad(QStringLiteral("request.validation.error"),
                       QStringLiteral("metadata values must be strings."));
    }
    extras.metadata = metadata;
    for (const QJsonValue &v : body.value(QStringLiteral("invoice_detail_ids")).toArray()) {
        if (!v.isString())
            return bad(QStringLiteral("request.validation.error"),
                       QStringLiteral("invoice_detail_ids must be strings."));
        extras.invoiceDetailIds << v.toString();
    }
    if (p.status != PaymentStatus::Succeeded)
        return bad(
            QStringLiteral("refund.transaction-not-completed"),
            QStringLiteral("The transaction %1 is not completed and cannot be refunded.").arg(id));
    const qint64 available = m_store.refundable(d, index);
    if (available <= 0)
        return bad(QStringLiteral("refund.transaction-fully-refunded"),
                   QStringLiteral("The transaction %1 has already been fully refunded.").arg(id));
    if (*amount > available)
        return bad(
            QStringLiteral("refund.amount-too-high"),
            QStringLiteral("The refund amount %1 %3 is higher than the amount still "
                           "refundable on the transaction (%2 %3).")
                .arg(majorString(*amount, p.currency), majorString(available, p.currency), code));
    Refund r;
    r.payment = index;
    r.amount = *amount;
    r.created = m_store.runtimeNow(d);
    r.status = RefundStatus::Succeeded;
    r.reason = m_store.intern(reason);
    Reply reply = refundReply(m_store.addRefund(d, r, &extras));
    reply.created = true;
    return reply;
}

void ProcessOutHandler::transaction(JsonWriter &w, quint32 index, bool withRefunds) const
{
    const Dialect d = dialect();
    const Payment &p = m_store.data(d).payments.at(index);
    const Customer who = m_store.customer(d, index);
    const Extras *extras = m_store.extras(d, p.extra);
    const bool completed = p.status == PaymentStatus::Succeeded;
    w.beginObject();
    w.field("amount", majorString(p.amount, p.currency))
        .field("available_amount", majorString(m_store.refundable(d, index), p.currency))
        .field("captured_amount", majorString(completed ? p.amount : 0, p.currency))
        .field("chargedback", bool(p.flags & Disputed))
        .field("created_at", isoTime(p.created))
        .field("currency", currencyCode(p.currency));
    w.key("customer").beginObject();
    w.field("email", who.email).field("first_name", who.firstName).field("last_name", who.lastName);
    w.endObject();
    w.field("id", m_store.idText(d, Kind::Payment, index).text)
        .field("invoice_id", m_store.idText(d, Kind::Aux1, index).text);
    if (extras)
        w.field("metadata", extras->metadata);
    else
        w.key("metadata").raw("{}");
    w.field("name", m_store.description(d, index))
        .field("project_id", "test-proj_sandbox")
        .field("refunded_amount", majorString(m_store.refunded(d, index), p.currency));
    if (withRefunds) {
        w.key("refunds").beginArray();
        for (quint32 r : refundsOf(m_store.data(d), index))
            refund(w, r);
        w.endArray();
    }
    w.field("sandbox", true)
        .field("status", completed                            ? "completed"
                         : p.status == PaymentStatus::Pending ? "pending"
                                                              : "failed");
    w.endObject();
}

void ProcessOutHandler::refund(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const Refund &r = m_store.data(d).refunds.at(index);
    const Payment &p = m_store.data(d).payments.at(r.payment);
    const Extras *extras = m_store.extras(d, r.extra);
    w.beginObject();
    w.field("amount", majorString(r.amount, p.currency))
        .field("created_at", isoTime(r.created))
        .field("currency", currencyCode(p.currency))
        .field("has_failed", r.status == RefundStatus::Failed)
        .field("id", m_store.idText(d, Kind::Refund, index).text)
        .field("information", extras ? extras->text : QString());
    if (extras && !extras->invoiceDetailIds.isEmpty())
        w.field("invoice_detail_ids", QJsonArray::fromStringList(extras->invoiceDetailIds));
    else
        w.key("invoice_detail_ids").raw("[]");
    if (extras)
        w.field("metadata", extras->metadata);
    else
        w.key("metadata").raw("{}");
    w.field("reason", m_store.string(r.reason))
        .field("sandbox", true)
        .field("transaction_id", m_store.idText(d, Kind::Payment, r.payment).text);
    w.endObject();
}

} // namespace

std::unique_ptr<DialectHandler> makeProcessOutHandler(Store &store)
{
    return std::make_unique<ProcessOutHandler>(store);
}

} // namespace rd::sandbox
