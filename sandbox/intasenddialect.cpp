// IntaSend (seed 000): Bearer secret key, JSON, decimal strings in major units; chargebacks
// (refund requests) against an invoice, and a paged invoice list so accounts can be synced.
#include "dialects.h"
#include "errors.h"
#include "listing.h"

namespace rd::sandbox {

namespace {

// Chargebacks are numbered from 1 and transactions carry a number of their own, as on IntaSend.
constexpr qint64 kTransactionBase = 10000;

class IntaSendHandler final : public DialectHandler
{
public:
    using DialectHandler::DialectHandler;

    Dialect dialect() const override { return Dialect::IntaSend; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Bearer ISSecretKey_test_sandbox");
    }
    Reply unauthorized() const override
    {
        return errors::intasend(401, QStringLiteral("Invalid token."));
    }
    Reply noRoute(const Request &) const override
    {
        return errors::intasend(404, QStringLiteral("Not found."));
    }
    Reply injectedFailure(int status) const override
    {
        if (status == 429)
            return errors::intasend(429, QStringLiteral("Request was throttled."));
        return errors::intasend(status,
                                QStringLiteral("Internal server error (injected by the sandbox)."));
    }
    Reply handle(const Request &request) override;

private:
    Reply listInvoices(const Request &request) const;
    Reply createChargeback(const Request &request);
    std::optional<quint32> findChargeback(const QString &id) const;
    void invoice(JsonWriter &w, quint32 index) const;
    void chargeback(JsonWriter &w, quint32 index) const;
    Reply chargebackReply(quint32 index) const
    {
        JsonWriter w;
        chargeback(w, index);
        return Reply::json(std::move(w));
    }
};

Reply IntaSendHandler::handle(const Request &request)
{
    const QStringList &s = request.segments;
    if (s.value(0) != QLatin1String("api") || s.value(1) != QLatin1String("v1"))
        return noRoute(request);
    const Dialect d = dialect();
    if (s.value(2) == QLatin1String("invoices")) {
        if (s.size() == 3 && request.is("GET"))
            return listInvoices(request);
        if (s.size() == 4 && request.is("GET")) {
            const auto index = m_store.find(d, Kind::Payment, s[3]);
            if (!index)
                return errors::intasend(404, QStringLiteral("Invoice %1 not found.").arg(s[3]));
            JsonWriter w;
            invoice(w, *index);
            return Reply::json(std::move(w));
        }
    } else if (s.value(2) == QLatin1String("chargebacks")) {
        if (s.size() == 3 && request.is("POST"))
            return createChargeback(request);
        if (s.size() == 3 && request.is("GET")) {
            JsonWriter w;
            w.beginArray();
            for (auto i = qint64(m_store.data(d).disputes.size()) - 1; i >= 0; --i)
                chargeback(w, quint32(i));
            w.endArray();
            return Reply::json(std::move(w));
        }
        if (s.size() == 4 && request.is("GET")) {
            const auto index = findChargeback(s[3]);
            return index ? chargebackReply(*index) : noRoute(request);
        }
    }
    return noRoute(request);
}

std::optional<quint32> IntaSendHandler::findChargeback(const QString &id) const
{
    const auto n = parseInteger(id);
    if (!n || *n < 1 || *n > qint64(m_store.data(dialect()).disputes.size()))
        return std::nullopt;
    return quint32(*n - 1);
}

Reply IntaSendHandler::listInvoices(const Request &request) const
{
    const QUrlQuery &q = request.query;
    qint64 page = 1;
    qint64 pageSize = 20;
    if (q.hasQueryItem(QStringLiteral("page"))) {
        const auto v = parseInteger(q.queryItemValue(QStringLiteral("page")));
        if (!v || *v < 1)
            return errors::intasend(404, QStringLiteral("Invalid page."));
        page = *v;
    }
    if (q.hasQueryItem(QStringLiteral("page_size"))) {
        const auto v = parseInteger(q.queryItemValue(QStringLiteral("page_size")));
        if (!v || *v < 1 || *v > 100)
            return errors::intasend(400, QStringLiteral("page_size must be between 1 and 100."));
        pageSize = *v;
    }
    const qint64 count = qint64(m_store.data(dialect()).payments.size());
    const qint64 first = (page - 1) * pageSize; // position from the newest
    if (first >= count && !(page == 1 && count == 0))
        return errors::intasend(404, QStringLiteral("Invalid page."));
    const auto link = [&](QLatin1String key, bool exists, qint64 p, JsonWriter &w) {
        if (exists)
            w.key(key).value(QStringLiteral("%1/api/v1/invoices/?page=%2&page_size=%3")
                                 .arg(request.baseUrl)
                                 .arg(p)
                                 .arg(pageSize));
        else
            w.key(key).value(nullptr);
    };
    JsonWriter w(pageSize * 512 + 256);
    w.beginObject().field("count", count);
    link(QLatin1String("next"), first + pageSize < count, page + 1, w);
    link(QLatin1String("previous"), page > 1, page - 1, w);
    w.key("results").beginArray();
    for (qint64 pos = first; pos < std::min(count, first + pageSize); ++pos)
        invoice(w, quint32(count - 1 - pos));
    w.endArray().endObject();
    return Reply::json(std::move(w));
}

Reply IntaSendHandler::createChargeback(const Request &request)
{
    const Dialect d = dialect();
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return errors::intasend(400,
                                QStringLiteral("JSON parse error: the body must be an object."));
    const QJsonObject body = doc.object();
    const QString invoiceId = body.value(QStringLiteral("invoice")).toString();
    if (invoiceId.isEmpty())
        return errors::intasend(400, QStringLiteral("invoice: This field is required."));
    const auto index = m_store.find(d, Kind::Payment, invoiceId);
    if (!index)
        return errors::intasend(404, QStringLiteral("Invoice %1 not found.").arg(invoiceId));
    const Payment &p = m_store.data(d).payments.at(*index);
    const QString code = currencyCode(p.currency);

    // The amount is a decimal string; an integral JSON number is accepted too (never a double).
    const QJsonValue amountValue = body.value(QStringLiteral("amount"));
    QString amountText;
    if (amountValue.isString()) {
        amountText = amountValue.toString();
    } else if (amountValue.isDouble()) {
        const qint64 whole = amountValue.toInteger(std::numeric_limits<qint64>::min());
        if (whole == std::numeric_limits<qint64>::min())
            return errors::intasend(
                400, QStringLiteral("amount: send a decimal string such as \"200.00\"."));
        amountText = QString::number(whole);
    } else {
        return errors::intasend(400, QStringLiteral("amount: This field is required."));
    }
    AmountError why = AmountError::None;
    const auto amount = parseMajor(amountText, p.currency, &why);
    if (!amount) {
        return errors::intasend(
            400, why == AmountError::TooManyDecimals
                     ? QStringLiteral("amount: %1 has more decimal places than %2 allows (%3).")
                           .arg(amountText, code)
                           .arg(currencyExponent(p.currency))
                 : why == AmountError::NotPositive
                     ? QStringLiteral("amount: Ensure this value is greater than 0.")
                     : QStringLiteral("amount: A valid number is required."));
    }
    const QString reason = body.value(QStringLiteral("reason")).toString().trimmed();
    if (reason.isEmpty())
        return errors::intasend(400, QStringLiteral("reason: This field is required."));
    if (p.status != PaymentStatus::Succeeded)
        return errors::intasend(400, QStringLiteral("Invoice %1 is not complete; only completed "
                                                    "payments can be charged back.")
                                         .arg(invoiceId));
    const qint64 remaining = p.amount - m_store.chargedBack(d, *index);
    if (*amount > remaining)
        return errors::intasend(
            400, QStringLiteral("amount: Must be equal or less than the billed "
                                "amount (%1 %3 billed, %2 %3 not yet charged back).")
                     .arg(majorString(p.amount, p.currency),
                          majorString(std::max<qint64>(0, remaining), p.currency), code));
    Dispute x;
    x.payment = *index;
    x.amount = *amount;
    x.created = m_store.runtimeNow(d);
    x.status = m_store.intern(QStringLiteral("PENDING"));
    Extras extras;
    extras.reason = reason;
    extras.text = body.value(QStringLiteral("reason_details")).toString();
    Reply reply = chargebackReply(m_store.addDispute(d, x, &extras));
    reply.created = true;
    return reply;
}

void IntaSendHandler::invoice(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const Payment &p = m_store.data(d).payments.at(index);
    const Customer who = m_store.customer(d, index);
    const qint64 updated =
        p.firstDispute >= 0
            ? std::max(p.created, m_store.data(d).disputes[size_t(p.firstDispute)].created)
            : p.created;
    w.beginObject();
    w.field("account", who.email)
        .field("api_ref", m_store.description(d, index))
        .field("charges", majorString(0, p.currency))
        .field("created_at", isoTime(p.created))
        .field("currency", currencyCode(p.currency));
    w.key("customer").beginObject();
    w.field("email", who.email).field("first_name", who.firstName).field("last_name", who.lastName);
    w.endObject();
    if (p.status == PaymentStatus::Failed)
        w.field("failed_reason", "Card declined");
    else
        w.field("failed_reason", nullptr);
    w.field("invoice_id", m_store.idText(d, Kind::Payment, index).text)
        .field("provider", "CARD-PAYMENT")
        .field("state", p.status == PaymentStatus::Succeeded ? "COMPLETE"
                        : p.status == PaymentStatus::Pending ? "PROCESSING"
                                                             : "FAILED")
        .field("updated_at", isoTime(updated))
        .field("value", majorString(p.amount, p.currency));
    w.endObject();
}

void IntaSendHandler::chargeback(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const Dispute &x = m_store.data(d).disputes.at(index);
    const Payment &p = m_store.data(d).payments.at(x.payment);
    const Extras *extras = m_store.extras(d, x.extra);
    const QString status = m_store.string(x.status);
    QLatin1String resolution("");
    if (status == QLatin1String("REFUNDED"))
        resolution = QLatin1String("Refunded to the customer's card.");
    else if (status == QLatin1String("REJECTED"))
        resolution = QLatin1String("Merchant evidence accepted.");
    else if (status == QLatin1String("APPROVED"))
        resolution = QLatin1String("Approved; refund scheduled.");
    QString details = extras ? extras->text : QString();
    if (!extras)
        details = QStringLiteral("Customer reported: %1.").arg(m_store.string(x.reason).toLower());
    w.beginObject();
    w.field("amount", majorString(x.amount, p.currency))
        .field("created_at", isoTime(x.created))
        .field("currency", currencyCode(p.currency))
        .field("id", qint64(index) + 1)
        .field("invoice", m_store.idText(d, Kind::Payment, x.payment).text)
        .field("reason", extras ? extras->reason : m_store.string(x.reason))
        .field("reason_details", details)
        .field("resolution", resolution)
        .field("staff_created", "false")
        .field("status", status)
        .field("transaction", kTransactionBase + qint64(x.payment));
    w.endObject();
}

} // namespace

std::unique_ptr<DialectHandler> makeIntaSendHandler(Store &store)
{
    return std::make_unique<IntaSendHandler>(store);
}

} // namespace rd::sandbox
