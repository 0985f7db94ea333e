// Stripe (seed 003): form bodies, Bearer key, integer minor units, lower-case currencies,
// charges, refunds (create, retrieve, update metadata, list, cancel) and disputes.
#include "dialects.h"
#include "stripelike.h"

namespace rd::sandbox {

namespace {

class StripeHandler final : public StripeLikeHandler
{
public:
    using StripeLikeHandler::StripeLikeHandler;

    Dialect dialect() const override { return Dialect::Stripe; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Bearer sk_test_sandbox");
    }
    Reply idempotencyConflict(const QString &key) const override
    {
        return error(400, QStringLiteral("idempotency_key_in_use"),
                     QStringLiteral("Keys for idempotent requests can only be used with the same "
                                    "parameters they were first used with. Try using a key other "
                                    "than '%1' if you meant to execute a different request.")
                         .arg(key),
                     {}, QStringLiteral("idempotency_error"));
    }
    void finish(Reply &reply, bool replayed) const override
    {
        if (reply.status >= 400)
            reply.setHeader(QByteArrayLiteral("Stripe-Should-Retry"),
                            reply.status >= 500 || reply.status == 429
                                ? QByteArrayLiteral("true")
                                : QByteArrayLiteral("false"));
        if (replayed)
            reply.setHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
    }

    Reply handle(const Request &request) override;

private:
    Reply listCharges(const Request &request) const;
    Reply listRefunds(const Request &request) const;
    Reply listDisputes(const Request &request) const;
    Reply createRefund(const Request &request);
    Reply updateRefund(const Request &request, quint32 refund);
    Reply cancelRefund(quint32 refund);

    void charge(JsonWriter &w, quint32 index) const;
    void refund(JsonWriter &w, quint32 index) const;
    void dispute(JsonWriter &w, quint32 index) const;
    // One object as the whole reply body.
    template <typename Render> static Reply one(Render render, quint32 index)
    {
        JsonWriter w;
        render(w, index);
        return Reply::json(std::move(w));
    }
    Reply refundReply(quint32 index) const
    {
        return one([this](JsonWriter &w, quint32 i) { refund(w, i); }, index);
    }
    IdText paymentIntent(quint32 payment) const
    {
        return m_store.idText(dialect(), Kind::Aux1, payment);
    }
    IdText balanceTransaction(quint64 n) const { return m_store.idText(dialect(), Kind::Aux2, n); }
    // A charge's payment method: "pm_" and the rest of the charge id after "ch_".
    static IdText paymentMethod(IdText charge)
    {
        std::memcpy(charge.text, "pm_", 3);
        return charge;
    }
};

// Form keys "metadata[k]" into an object; "metadata=" (empty) clears everything.
bool readMetadata(const QList<QPair<QString, QString>> &form, QJsonObject *metadata, bool *clearAll)
{
    bool any = false;
    for (const auto &[key, value] : form) {
        if (key == QLatin1String("metadata")) {
            *clearAll = value.isEmpty();
            any = true;
        } else if (key.startsWith(QLatin1String("metadata[")) && key.endsWith(QLatin1Char(']'))) {
            metadata->insert(key.mid(9, key.size() - 10), value);
            any = true;
        }
    }
    return any;
}

// A dispute's evidence before anything was submitted: every field present and null.
QJsonObject emptyEvidence()
{
    static const QJsonObject evidence = [] {
        QJsonObject o;
        for (const char *key : {"access_activity_log",
                                "billing_address",
                                "cancellation_policy",
                                "cancellation_policy_disclosure",
                                "cancellation_rebuttal",
                                "customer_communication",
                                "customer_email_address",
                                "customer_name",
                                "customer_purchase_ip",
                                "customer_signature",
                                "duplicate_charge_documentation",
                                "duplicate_charge_explanation",
                                "duplicate_charge_id",
                                "product_description",
                                "receipt",
                                "refund_policy",
                                "refund_policy_disclosure",
                                "refund_refusal_explanation",
                                "service_date",
                                "service_documentation",
                                "shipping_address",
                                "shipping_carrier",
                                "shipping_date",
                                "shipping_documentation",
                                "shipping_tracking_number",
                                "uncategorized_file",
                                "uncategorized_text"})
            o.insert(QLatin1String(key), QJsonValue::Null);
        o.insert(QStringLiteral("enhanced_evidence"), QJsonObject());
        return o;
    }();
    return evidence;
}

Reply StripeHandler::handle(const Request &request)
{
    const QStringList &s = request.segments;
    if (s.value(0) != QLatin1String("v1"))
        return noRoute(request);
    const QString collection = s.value(1);
    const Dialect d = dialect();
    if (collection == QLatin1String("charges")) {
        if (s.size() == 2 && request.is("GET"))
            return listCharges(request);
        if (s.size() == 3 && request.is("GET")) {
            const auto index = m_store.find(d, Kind::Payment, s[2]);
            return index ? one([this](JsonWriter &w, quint32 i) { charge(w, i); }, *index)
                         : missing(QStringLiteral("charge"), s[2]);
        }
    } else if (collection == QLatin1String("refunds")) {
        if (s.size() == 2 && request.is("GET"))
            return listRefunds(request);
        if (s.size() == 2 && request.is("POST"))
            return createRefund(request);
        if (s.size() >= 3) {
            const auto index = m_store.find(d, Kind::Refund, s[2]);
            if (s.size() == 3 && (request.is("GET") || request.is("POST")) && !index)
                return missing(QStringLiteral("refund"), s[2]);
            if (s.size() == 3 && request.is("GET"))
                return refundReply(*index);
            if (s.size() == 3 && request.is("POST"))
                return updateRefund(request, *index);
            if (s.size() == 4 && s[3] == QLatin1String("cancel") && request.is("POST"))
                return index ? cancelRefund(*index) : missing(QStringLiteral("refund"), s[2]);
        }
    } else if (collection == QLatin1String("disputes")) {
        if (s.size() == 2 && request.is("GET"))
            return listDisputes(request);
        if (s.size() == 3 && request.is("GET")) {
            const auto index = m_store.find(d, Kind::Dispute, s[2]);
            return index ? one([this](JsonWriter &w, quint32 i) { dispute(w, i); }, *index)
                         : missing(QStringLiteral("dispute"), s[2]);
        }
    }
    return noRoute(request);
}

Reply StripeHandler::listCharges(const Request &request) const
{
    Cursor c;
    if (auto bad = readCursor(request, Kind::Payment, QStringLiteral("charge"), &c))
        return *bad;
    std::optional<std::vector<quint32>> subset;
    if (request.query.hasQueryItem(QStringLiteral("payment_intent"))) {
        const QString pi =
            request.query.queryItemValue(QStringLiteral("payment_intent"), QUrl::FullyDecoded);
        const auto index = m_store.find(dialect(), Kind::Aux1, pi);
        if (!index)
            return missing(QStringLiteral("payment_intent"), pi, QStringLiteral("payment_intent"));
        subset = std::vector<quint32>{*index};
    }
    const Page page = pageOf(m_store.data(dialect()).payments, c, subset);
    return listReply(QStringLiteral("/v1/charges"), page,
                     [this](JsonWriter &w, quint32 i) { charge(w, i); });
}

Reply StripeHandler::listRefunds(const Request &request) const
{
    Cursor c;
    if (auto bad = readCursor(request, Kind::Refund, QStringLiteral("refund"), &c))
        return *bad;
    std::optional<std::vector<quint32>> subset;
    for (const auto &[param, kind] : {std::pair{QStringLiteral("charge"), Kind::Payment},
                                      std::pair{QStringLiteral("payment_intent"), Kind::Aux1}}) {
        if (!request.query.hasQueryItem(param))
            continue;
        const QString id = request.query.queryItemValue(param, QUrl::FullyDecoded);
        const auto index = m_store.find(dialect(), kind, id);
        if (!index)
            return missing(param, id, param);
        subset = refundsOf(m_store.data(dialect()), *index);
    }
    const Page page = pageOf(m_store.data(dialect()).refunds, c, subset);
    return listReply(QStringLiteral("/v1/refunds"), page,
                     [this](JsonWriter &w, quint32 i) { refund(w, i); });
}

Reply StripeHandler::listDisputes(const Request &request) const
{
    Cursor c;
    if (auto bad = readCursor(request, Kind::Dispute, QStringLiteral("dispute"), &c))
        return *bad;
    std::optional<std::vector<quint32>> subset;
    if (request.query.hasQueryItem(QStringLiteral("charge"))) {
        const QString id =
            request.query.queryItemValue(QStringLiteral("charge"), QUrl::FullyDecoded);
        const auto index = m_store.find(dialect(), Kind::Payment, id);
        if (!index)
            return missing(QStringLiteral("charge"), id, QStringLiteral("charge"));
        subset = disputesOf(m_store.data(dialect()), *index);
    }
    const Page page = pageOf(m_store.data(dialect()).disputes, c, subset);
    return listReply(QStringLiteral("/v1/disputes"), page,
                     [this](JsonWriter &w, quint32 i) { dispute(w, i); });
}

Reply StripeHandler::createRefund(const Request &request)
{
    const auto form = parseForm(request.body);
    RefundAsk ask;
    bool clearAll = false;
    readMetadata(form, &ask.metadata, &clearAll);
    QString chargeId, intentId, amountText;
    bool hasAmount = false;
    for (const auto &[key, value] : form) {
        if (key == QLatin1String("charge")) {
            chargeId = value;
        } else if (key == QLatin1String("payment_intent")) {
            intentId = value;
        } else if (key == QLatin1String("amount")) {
            amountText = value;
            hasAmount = true;
        } else if (key == QLatin1String("reason")) {
            ask.reason = value;
        } else if (key != QLatin1String("metadata") &&
                   !key.startsWith(QLatin1String("metadata[")) &&
                   key != QLatin1String("instructions_email") && key != QLatin1String("expand[]")) {
            return error(400, QStringLiteral("parameter_unknown"),
                         QStringLiteral("Received unknown parameter: %1").arg(key), key);
        }
    }
    if (chargeId.isEmpty() && intentId.isEmpty())
        return error(400, QStringLiteral("parameter_missing"),
                     QStringLiteral("One of the following params should be provided for this "
                                    "request: payment_intent or charge."));
    std::optional<quint32> payment;
    if (!chargeId.isEmpty()) {
        payment = m_store.find(dialect(), Kind::Payment, chargeId);
        if (!payment)
            return missing(QStringLiteral("charge"), chargeId, QStringLiteral("charge"));
    }
    if (!intentId.isEmpty()) {
        const auto byIntent = m_store.find(dialect(), Kind::Aux1, intentId);
        if (!byIntent)
            return missing(QStringLiteral("payment_intent"), intentId,
                           QStringLiteral("payment_intent"));
        if (payment && *payment != *byIntent)
            return error(400, QStringLiteral("parameter_invalid_string"),
                         QStringLiteral("Charge %1 does not belong to PaymentIntent %2.")
                             .arg(chargeId, intentId),
                         QStringLiteral("payment_intent"));
        payment = byIntent;
    }
    if (!ask.reason.isEmpty() && ask.reason != QLatin1String("duplicate") &&
        ask.reason != QLatin1String("fraudulent") &&
        ask.reason != QLatin1String("requested_by_customer"))
        return error(400, QString(),
                     QStringLiteral("Invalid reason: must be one of duplicate, fraudulent, or "
                                    "requested_by_customer"),
                     QStringLiteral("reason"));
    if (hasAmount) {
        const auto amount = parseInteger(amountText);
        if (!amount)
            return error(400, QStringLiteral("parameter_invalid_integer"),
                         QStringLiteral("Invalid integer: %1").arg(amountText),
                         QStringLiteral("amount"));
        ask.amount = *amount;
    }
    ask.payment = *payment;
    auto result = StripeLikeHandler::createRefund(ask, QStringLiteral("Charge"));
    if (auto *failure = std::get_if<Reply>(&result))
        return *failure;
    Reply reply = refundReply(std::get<quint32>(result));
    reply.created = true;
    return reply;
}

Reply StripeHandler::updateRefund(const Request &request, quint32 index)
{
    const auto form = parseForm(request.body);
    for (const auto &[key, value] : form) {
        Q_UNUSED(value);
        if (key != QLatin1String("metadata") && !key.startsWith(QLatin1String("metadata[")))
            return error(400, QStringLiteral("parameter_unknown"),
                         QStringLiteral("Received unknown parameter: %1. Refunds can only update "
                                        "metadata.")
                             .arg(key),
                         key);
    }
    QJsonObject changes;
    bool clearAll = false;
    readMetadata(form, &changes, &clearAll);
    const Extras *extras =
        m_store.extras(dialect(), m_store.data(dialect()).refunds.at(index).extra);
    QJsonObject metadata = clearAll || !extras ? QJsonObject() : extras->metadata;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().toString().isEmpty())
            metadata.remove(it.key()); // an empty value unsets the key
        else
            metadata.insert(it.key(), it.value());
    }
    m_store.setRefundMetadata(dialect(), index, metadata);
    return refundReply(index);
}

Reply StripeHandler::cancelRefund(quint32 index)
{
    const Refund &r = m_store.data(dialect()).refunds.at(index);
    if (r.status != RefundStatus::RequiresAction)
        return error(400, QStringLiteral("refund_not_cancelable"),
                     QStringLiteral("Refund %1 cannot be canceled: its status is %2; only refunds "
                                    "in requires_action can be canceled.")
                         .arg(m_store.id(dialect(), Kind::Refund, index),
                              QString(refundStatusName(r.status))));
    m_store.setRefundStatus(dialect(), index, RefundStatus::Canceled,
                            m_store.intern(QStringLiteral("merchant_request")));
    return refundReply(index);
}

void StripeHandler::charge(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const Payment &p = m_store.data(d).payments.at(index);
    const Customer who = m_store.customer(d, index);
    const bool succeeded = p.status == PaymentStatus::Succeeded;
    const bool failed = p.status == PaymentStatus::Failed;
    const qint64 refunded = m_store.refunded(d, index);
    const IdText id = m_store.idText(d, Kind::Payment, index);
    const Extras *extras = m_store.extras(d, p.extra);
    const auto chain = refundsOf(m_store.data(d), index);

    w.beginObject();
    w.field("amount", p.amount)
        .field("amount_captured", succeeded ? p.amount : 0)
        .field("amount_refunded", refunded)
        .field("application", nullptr)
        .field("application_fee", nullptr)
        .field("application_fee_amount", nullptr);
    if (succeeded)
        w.field("balance_transaction", balanceTransaction(index).text);
    else
        w.field("balance_transaction", nullptr);
    w.key("billing_details").beginObject();
    w.key("address").beginObject();
    w.field("city", nullptr)
        .field("country", nullptr)
        .field("line1", nullptr)
        .field("line2", nullptr)
        .field("postal_code", nullptr)
        .field("state", nullptr);
    w.endObject();
    w.field("email", who.email)
        .field("name", who.name())
        .field("phone", nullptr)
        .field("tax_id", nullptr);
    w.endObject();
    w.field("calculated_statement_descriptor", "REFUNDDESK SANDBOX")
        .field("captured", succeeded)
        .field("created", p.created)
        .field("currency", lowerCurrency(p.currency))
        .field("customer", nullptr)
        .field("description", m_store.description(d, index))
        .field("disputed", bool(p.flags & Disputed))
        .field("failure_balance_transaction", nullptr);
    if (failed)
        w.field("failure_code", "card_declined")
            .field("failure_message", "Your card was declined.");
    else
        w.field("failure_code", nullptr).field("failure_message", nullptr);
    w.key("fraud_details").raw("{}");
    w.field("id", id.text).field("livemode", false);
    if (extras)
        w.field("metadata", extras->metadata);
    else
        w.key("metadata").raw("{}");
    w.field("object", "charge").field("on_behalf_of", nullptr);
    w.key("outcome").beginObject();
    w.field("network_status", succeeded ? "approved_by_network" : "declined_by_network")
        .field("reason", nullptr)
        .field("seller_message",
               succeeded ? "Payment complete."
                         : "The bank did not return any further details with this decline.")
        .field("type", succeeded ? "authorized" : "issuer_declined");
    w.endObject();
    w.field("paid", succeeded)
        .field("payment_intent", paymentIntent(index).text)
        .field("payment_method", paymentMethod(id).text);
    w.key("payment_method_details").beginObject();
    w.key("card").beginObject();
    w.field("brand", "visa")
        .field("country", "US")
        .field("exp_month", 8)
        .field("exp_year", 2030)
        .field("funding", "credit")
        .field("last4", "4242")
        .field("network", "visa");
    w.endObject();
    w.field("type", "card");
    w.endObject();
    w.field("receipt_email", who.email)
        .field("receipt_number", nullptr)
        .field("receipt_url", nullptr)
        .field("refunded", succeeded && refunded >= p.amount);
    // The ten newest refunds, as Stripe embeds them.
    const std::vector<quint32> newest(
        chain.begin(), chain.begin() + qsizetype(std::min<size_t>(chain.size(), 10)));
    w.key("refunds");
    char url[IdCodec::kMaxSize + 24] = "/v1/charges/";
    const qsizetype start = qsizetype(std::strlen(url));
    std::memcpy(url + start, id.text, size_t(id.size));
    std::memcpy(url + start + id.size, "/refunds", 8);
    writeList(w, QLatin1String(url, start + id.size + 8), newest, chain.size() > 10,
              [this](JsonWriter &inner, quint32 r) { refund(inner, r); });
    w.field("review", nullptr)
        .field("shipping", nullptr)
        .field("source", nullptr)
        .field("source_transfer", nullptr)
        .field("statement_descriptor", nullptr)
        .field("statement_descriptor_suffix", nullptr)
        .field("status", succeeded                            ? "succeeded"
                         : p.status == PaymentStatus::Pending ? "pending"
                                                              : "failed")
        .field("transfer_data", nullptr)
        .field("transfer_group", nullptr);
    w.endObject();
}

void StripeHandler::refund(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const DialectData &data = m_store.data(d);
    const Refund &r = data.refunds.at(index);
    const Payment &p = data.payments.at(r.payment);
    const Extras *extras = m_store.extras(d, r.extra);
    const bool settled = r.status == RefundStatus::Succeeded || r.status == RefundStatus::Pending;
    const IdText charge = m_store.idText(d, Kind::Payment, r.payment);

    w.beginObject();
    w.field("amount", r.amount);
    if (settled)
        w.field("balance_transaction", balanceTransaction((quint64(1) << 40) + index).text);
    else
        w.field("balance_transaction", nullptr);
    w.field("charge", charge.text)
        .field("created", r.created)
        .field("currency", lowerCurrency(p.currency))
        .field("customer", nullptr)
        .field("customer_account", nullptr);
    w.key("destination_details").beginObject();
    w.key("card").beginObject();
    w.field("reference", QString::number(100000000000 + index))
        .field("reference_status", settled ? "available" : "pending")
        .field("reference_type", "acquirer_reference_number")
        .field("type", "refund");
    w.endObject();
    w.field("type", "card");
    w.endObject();
    if (r.failureReason)
        w.field("failure_reason", m_store.string(r.failureReason));
    w.field("id", m_store.idText(d, Kind::Refund, index).text);
    if (extras)
        w.field("metadata", extras->metadata);
    else
        w.key("metadata").raw("{}");
    if (r.status == RefundStatus::RequiresAction) {
        w.key("next_action").beginObject();
        w.key("display_details").beginObject().field("expires_at", r.created + 30 * 86400);
        w.endObject();
        w.field("type", "display_details");
        w.endObject();
    }
    w.field("object", "refund")
        .field("payment_intent", paymentIntent(r.payment).text)
        .field("payment_method", paymentMethod(charge).text);
    writeReason(w, r.reason);
    w.field("receipt_number", nullptr)
        .field("source_transfer_reversal", nullptr)
        .field("status", refundStatusName(r.status))
        .field("transfer_reversal", nullptr);
    w.endObject();
}

void StripeHandler::dispute(JsonWriter &w, quint32 index) const
{
    const Dialect d = dialect();
    const Dispute &x = m_store.data(d).disputes.at(index);
    const Payment &p = m_store.data(d).payments.at(x.payment);
    static const QByteArray evidence =
        QJsonDocument(emptyEvidence()).toJson(QJsonDocument::Compact);

    w.beginObject();
    w.field("amount", x.amount);
    w.key("balance_transactions").raw("[]");
    w.field("charge", m_store.idText(d, Kind::Payment, x.payment).text)
        .field("created", x.created)
        .field("currency", lowerCurrency(p.currency));
    w.key("enhanced_eligibility_types").raw("[]");
    w.key("evidence").raw(evidence);
    w.key("evidence_details").beginObject();
    w.field("due_by", x.created + 21 * 86400)
        .field("has_evidence", false)
        .field("past_due", false)
        .field("submission_count", 0);
    w.endObject();
    w.field("id", m_store.idText(d, Kind::Dispute, index).text)
        .field("is_charge_refundable", false)
        .field("livemode", false);
    w.key("metadata").raw("{}");
    w.field("object", "dispute").field("payment_intent", paymentIntent(x.payment).text);
    w.key("payment_method_details").beginObject();
    w.key("card").beginObject();
    w.field("brand", "visa")
        .field("case_type", "chargeback")
        .field("network", "visa")
        .field("network_reason_code", "10.4");
    w.endObject();
    w.field("type", "card");
    w.endObject();
    w.field("reason", m_store.string(x.reason)).field("status", m_store.string(x.status));
    w.endObject();
}

} // namespace

std::unique_ptr<DialectHandler> makeStripeHandler(Store &store)
{
    return std::make_unique<StripeHandler>(store);
}

} // namespace rd::sandbox
