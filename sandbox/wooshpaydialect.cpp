// WooshPay (seed 004): a Stripe-like API with Basic auth (key as user), JSON bodies, refund
// amounts sent as strings of minor units, the extra reason resolved_dispute and failure_reason.
#include "dialects.h"
#include "stripelike.h"

namespace rd::sandbox {

namespace {

class WooshPayHandler final : public StripeLikeHandler
{
public:
    using StripeLikeHandler::StripeLikeHandler;

    Dialect dialect() const override { return Dialect::WooshPay; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Basic ") + QByteArrayLiteral("sk_test_sandbox:").toBase64();
    }
    Reply idempotencyConflict(const QString &key) const override
    {
        return error(409, QStringLiteral("idempotency_key_in_use"),
                     QStringLiteral("Idempotency key '%1' was already used with different "
                                    "parameters.")
                         .arg(key),
                     {}, QStringLiteral("idempotency_error"));
    }
    Reply handle(const Request &request) override;

private:
    Reply createRefund(const Request &request);
    void paymentIntent(JsonWriter &w, quint32 index) const;
    void refund(JsonWriter &w, quint32 index) const;
    void dispute(JsonWriter &w, quint32 index) const;
};

Reply WooshPayHandler::handle(const Request &request)
{
    const QStringList &s = request.segments;
    if (s.value(0) != QLatin1String("v1"))
        return noRoute(request);
    const Dialect d = dialect();
    const DialectData &data = m_store.data(d);
    const QString collection = s.value(1);
    struct Table
    {
        const char *name;
        const char *noun;
        Kind kind;
    };
    for (const Table &t :
         {Table{"payment_intents", "payment_intent", Kind::Payment},
          Table{"refunds", "refund", Kind::Refund}, Table{"disputes", "dispute", Kind::Dispute}}) {
        if (collection != QLatin1String(t.name))
            continue;
        const QString noun = QString::fromLatin1(t.noun);
        auto render = [this, kind = t.kind](JsonWriter &w, quint32 i) {
            if (kind == Kind::Payment)
                paymentIntent(w, i);
            else if (kind == Kind::Refund)
                refund(w, i);
            else
                dispute(w, i);
        };
        if (s.size() == 2 && request.is("POST") && t.kind == Kind::Refund)
            return createRefund(request);
        if (s.size() == 3 && request.is("GET")) {
            const auto index = m_store.find(d, t.kind, s[2]);
            if (!index)
                return missing(noun, s[2]);
            JsonWriter w;
            render(w, *index);
            return Reply::json(std::move(w));
        }
        if (s.size() != 2 || !request.is("GET"))
            break;
        Cursor c;
        if (auto bad = readCursor(request, t.kind, noun, &c))
            return *bad;
        std::optional<std::vector<quint32>> subset;
        if (t.kind != Kind::Payment &&
            request.query.hasQueryItem(QStringLiteral("payment_intent"))) {
            const QString pi =
                request.query.queryItemValue(QStringLiteral("payment_intent"), QUrl::FullyDecoded);
            const auto payment = m_store.find(d, Kind::Payment, pi);
            if (!payment)
                return missing(QStringLiteral("payment_intent"), pi,
                               QStringLiteral("payment_intent"));
            subset =
                t.kind == Kind::Refund ? refundsOf(data, *payment) : disputesOf(data, *payment);
        }
        const Page page = t.kind == Kind::Payment  ? pageOf(data.payments, c, subset)
                          : t.kind == Kind::Refund ? pageOf(data.refunds, c, subset)
                                                   : pageOf(data.disputes, c, subset);
        return listReply(QStringLiteral("/v1/") + collection, page, render);
    }
    return noRoute(request);
}

Reply WooshPayHandler::createRefund(const Request &request)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (!doc.isObject())
        return error(400, QStringLiteral("parameter_invalid_json"),
                     QStringLiteral("The request body must be a JSON object."));
    const QJsonObject body = doc.object();
    RefundAsk ask;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("payment_intent") || key == QLatin1String("reason") ||
            key == QLatin1String("description")) {
            if (!it.value().isString())
                return error(400, QStringLiteral("parameter_invalid_string"),
                             QStringLiteral("%1 must be a string.").arg(key), key);
        } else if (key == QLatin1String("amount")) {
            if (!it.value().isString())
                return error(400, QStringLiteral("parameter_invalid_string"),
                             QStringLiteral("amount must be a string of the amount in the "
                                            "currency's smallest unit, e.g. \"1000\"."),
                             key);
            const auto amount = parseInteger(it.value().toString());
            if (!amount)
                return error(400, QStringLiteral("parameter_invalid_integer"),
                             QStringLiteral("Invalid integer: %1").arg(it.value().toString()), key);
            ask.amount = *amount;
        } else if (key == QLatin1String("metadata")) {
            if (!it.value().isObject())
                return error(400, QStringLiteral("parameter_invalid_object"),
                             QStringLiteral("metadata must be an object of strings."), key);
            ask.metadata = it.value().toObject();
        } else {
            return error(400, QStringLiteral("parameter_unknown"),
                         QStringLiteral("Received unknown parameter: %1").arg(key), key);
        }
    }
    const QString pi = body.value(QStringLiteral("payment_intent")).toString();
    if (pi.isEmpty())
        return error(400, QStringLiteral("parameter_missing"),
                     QStringLiteral("Missing required param: payment_intent."),
                     QStringLiteral("payment_intent"));
    const auto payment = m_store.find(dialect(), Kind::Payment, pi);
    if (!payment)
        return missing(QStringLiteral("payment_intent"), pi, QStringLiteral("payment_intent"));
    ask.payment = *payment;
    ask.reason = body.value(QStringLiteral("reason")).toString();
    ask.description = body.value(QStringLiteral("description")).toString();
    static const QStringList reasons{QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
                                     QStringLiteral("requested_by_customer"),
                                     QStringLiteral("resolved_dispute")};
    if (!ask.reason.isEmpty() && !reasons.contains(ask.reason))
        return error(400, QStringLiteral("parameter_invalid_string"),
                     QStringLiteral("Invalid reason: must be one of ") +
                         reasons.join(QStringLiteral(", ")),
                     QStringLiteral("reason"));
    auto result = StripeLikeHandler::createRefund(ask, QStringLiteral("PaymentIntent"));
    if (auto *failure = std::get_if<Reply>(&result))
        return *failure;
    JsonWriter w;
    refund(w, std::get<quint32>(result));
    Reply reply = Reply::json(std::move(w));
    reply.created = true;
    return reply;
}

void WooshPayHandler::paymentIntent(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const Payment &p = m_store.data(d).payments.at(index);
    const Customer who = m_store.customer(d, index);
    const Extras *extras = m_store.extras(d, p.extra);
    const bool succeeded = p.status == PaymentStatus::Succeeded;
    w.beginObject();
    w.field("amount", p.amount)
        .field("amount_received", succeeded ? p.amount : 0)
        .field("amount_refunded", m_store.refunded(d, index))
        .field("created", p.created)
        .field("currency", lowerCurrency(p.currency))
        .field("customer_name", who.name())
        .field("description", m_store.description(d, index))
        .field("disputed", bool(p.flags & Disputed))
        .field("id", m_store.idText(d, Kind::Payment, index).text)
        .field("livemode", false);
    if (extras)
        w.field("metadata", extras->metadata);
    else
        w.key("metadata").raw("{}");
    w.field("object", "payment_intent")
        .field("receipt_email", who.email)
        .field("status", succeeded                            ? "succeeded"
                         : p.status == PaymentStatus::Pending ? "processing"
                                                              : "requires_payment_method");
    w.endObject();
}

void WooshPayHandler::refund(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const DialectData &data = m_store.data(d);
    const Refund &r = data.refunds.at(index);
    const Payment &p = data.payments.at(r.payment);
    const Extras *extras = m_store.extras(d, r.extra);
    w.beginObject();
    w.field("amount", r.amount)
        .field("created", r.created)
        .field("currency", lowerCurrency(p.currency));
    if (extras && !extras->text.isEmpty())
        w.field("description", extras->text);
    else
        w.field("description", nullptr);
    if (r.failureReason)
        w.field("failure_reason", m_store.string(r.failureReason));
    else
        w.field("failure_reason", nullptr);
    w.field("id", m_store.idText(d, Kind::Refund, index).text);
    if (extras)
        w.field("metadata", extras->metadata);
    else
        w.key("metadata").raw("{}");
    w.field("object", "refund")
        .field("payment_intent", m_store.idText(d, Kind::Payment, r.payment).text);
    writeReason(w, r.reason);
    w.field("status", refundStatusName(r.status));
    w.endObject();
}

void WooshPayHandler::dispute(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const Dispute &x = m_store.data(d).disputes.at(index);
    const Payment &p = m_store.data(d).payments.at(x.payment);
    w.beginObject();
    w.field("amount", x.amount)
        .field("created", x.created)
        .field("currency", lowerCurrency(p.currency))
        .field("id", m_store.idText(d, Kind::Dispute, index).text);
    w.key("metadata").raw("{}");
    w.field("object", "dispute")
        .field("payment_intent", m_store.idText(d, Kind::Payment, x.payment).text)
        .field("reason", m_store.string(x.reason))
        .field("status", m_store.string(x.status));
    w.endObject();
}

} // namespace

std::unique_ptr<DialectHandler> makeWooshPayHandler(Store &store)
{
    return std::make_unique<WooshPayHandler>(store);
}

} // namespace rd::sandbox
