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

    QJsonObject charge(quint32 index) const;
    QJsonObject refund(quint32 index) const;
    QJsonObject dispute(quint32 index) const;
    QString paymentIntent(quint32 payment) const
    {
        return m_store.id(dialect(), Kind::Aux1, payment);
    }
    QString balanceTransaction(quint64 n) const { return m_store.id(dialect(), Kind::Aux2, n); }
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
            return index ? Reply::json(charge(*index)) : missing(QStringLiteral("charge"), s[2]);
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
                return Reply::json(refund(*index));
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
            return index ? Reply::json(dispute(*index)) : missing(QStringLiteral("dispute"), s[2]);
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
    QJsonArray data;
    for (quint32 i : page.items)
        data.append(charge(i));
    return Reply::json(listEnvelope(QStringLiteral("/v1/charges"), data, page.hasMore));
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
    QJsonArray data;
    for (quint32 i : page.items)
        data.append(refund(i));
    return Reply::json(listEnvelope(QStringLiteral("/v1/refunds"), data, page.hasMore));
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
    QJsonArray data;
    for (quint32 i : page.items)
        data.append(dispute(i));
    return Reply::json(listEnvelope(QStringLiteral("/v1/disputes"), data, page.hasMore));
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
    Reply reply = Reply::json(refund(std::get<quint32>(result)));
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
    return Reply::json(refund(index));
}

Reply StripeHandler::cancelRefund(quint32 index)
{
    const Refund &r = m_store.data(dialect()).refunds.at(index);
    if (r.status != RefundStatus::RequiresAction)
        return error(
            400, QStringLiteral("refund_not_cancelable"),
            QStringLiteral("Refund %1 cannot be canceled: its status is %2; only refunds "
                           "in requires_action can be canceled.")
                .arg(m_store.id(dialect(), Kind::Refund, index), refundStatusName(r.status)));
    m_store.setRefundStatus(dialect(), index, RefundStatus::Canceled,
                            m_store.intern(QStringLiteral("merchant_request")));
    return Reply::json(refund(index));
}

QJsonObject StripeHandler::charge(quint32 index) const
{
    const Dialect d = dialect();
    const Payment &p = m_store.data(d).payments.at(index);
    const Customer who = m_store.customer(d, index);
    const bool succeeded = p.status == PaymentStatus::Succeeded;
    const qint64 refunded = m_store.refunded(d, index);
    const QString id = m_store.id(d, Kind::Payment, index);
    const QJsonValue null(QJsonValue::Null);
    const Extras *extras = m_store.extras(d, p.extra);

    QJsonArray refunds;
    const auto chain = refundsOf(m_store.data(d), index);
    for (size_t i = 0; i < chain.size() && i < 10; ++i)
        refunds.append(refund(chain[i]));
    const QJsonObject address{
        {QStringLiteral("city"), null},        {QStringLiteral("country"), null},
        {QStringLiteral("line1"), null},       {QStringLiteral("line2"), null},
        {QStringLiteral("postal_code"), null}, {QStringLiteral("state"), null}};
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("charge")},
        {QStringLiteral("amount"), p.amount},
        {QStringLiteral("amount_captured"), succeeded ? p.amount : 0},
        {QStringLiteral("amount_refunded"), refunded},
        {QStringLiteral("application"), null},
        {QStringLiteral("application_fee"), null},
        {QStringLiteral("application_fee_amount"), null},
        {QStringLiteral("balance_transaction"),
         succeeded ? QJsonValue(balanceTransaction(index)) : null},
        {QStringLiteral("billing_details"), QJsonObject{{QStringLiteral("address"), address},
                                                        {QStringLiteral("email"), who.email},
                                                        {QStringLiteral("name"), who.name()},
                                                        {QStringLiteral("phone"), null},
                                                        {QStringLiteral("tax_id"), null}}},
        {QStringLiteral("calculated_statement_descriptor"), QStringLiteral("REFUNDDESK SANDBOX")},
        {QStringLiteral("captured"), succeeded},
        {QStringLiteral("created"), p.created},
        {QStringLiteral("currency"), lowerCurrency(p.currency)},
        {QStringLiteral("customer"), null},
        {QStringLiteral("description"), m_store.description(d, index)},
        {QStringLiteral("disputed"), bool(p.flags & Disputed)},
        {QStringLiteral("failure_balance_transaction"), null},
        {QStringLiteral("failure_code"),
         p.status == PaymentStatus::Failed ? QJsonValue(QStringLiteral("card_declined")) : null},
        {QStringLiteral("failure_message"),
         p.status == PaymentStatus::Failed ? QJsonValue(QStringLiteral("Your card was declined."))
                                           : null},
        {QStringLiteral("fraud_details"), QJsonObject()},
        {QStringLiteral("livemode"), false},
        {QStringLiteral("metadata"), extras ? extras->metadata : QJsonObject()},
        {QStringLiteral("on_behalf_of"), null},
        {QStringLiteral("outcome"),
         QJsonObject{
             {QStringLiteral("network_status"), succeeded ? QStringLiteral("approved_by_network")
                                                          : QStringLiteral("declined_by_network")},
             {QStringLiteral("reason"), null},
             {QStringLiteral("seller_message"),
              succeeded ? QStringLiteral("Payment complete.")
                        : QStringLiteral(
                              "The bank did not return any further details with this decline.")},
             {QStringLiteral("type"),
              succeeded ? QStringLiteral("authorized") : QStringLiteral("issuer_declined")}}},
        {QStringLiteral("paid"), succeeded},
        {QStringLiteral("payment_intent"), paymentIntent(index)},
        {QStringLiteral("payment_method"), QStringLiteral("pm_") + id.mid(3)},
        {QStringLiteral("payment_method_details"),
         QJsonObject{{QStringLiteral("card"),
                      QJsonObject{{QStringLiteral("brand"), QStringLiteral("visa")},
                                  {QStringLiteral("country"), QStringLiteral("US")},
                                  {QStringLiteral("exp_month"), 8},
                                  {QStringLiteral("exp_year"), 2030},
                                  {QStringLiteral("funding"), QStringLiteral("credit")},
                                  {QStringLiteral("last4"), QStringLiteral("4242")},
                                  {QStringLiteral("network"), QStringLiteral("visa")}}},
                     {QStringLiteral("type"), QStringLiteral("card")}}},
        {QStringLiteral("receipt_email"), who.email},
        {QStringLiteral("receipt_number"), null},
        {QStringLiteral("receipt_url"), null},
        {QStringLiteral("refunded"), succeeded && refunded >= p.amount},
        {QStringLiteral("refunds"), listEnvelope(QStringLiteral("/v1/charges/%1/refunds").arg(id),
                                                 refunds, chain.size() > 10)},
        {QStringLiteral("review"), null},
        {QStringLiteral("shipping"), null},
        {QStringLiteral("source"), null},
        {QStringLiteral("source_transfer"), null},
        {QStringLiteral("statement_descriptor"), null},
        {QStringLiteral("statement_descriptor_suffix"), null},
        {QStringLiteral("status"), succeeded ? QStringLiteral("succeeded")
                                   : p.status == PaymentStatus::Pending ? QStringLiteral("pending")
                                                                        : QStringLiteral("failed")},
        {QStringLiteral("transfer_data"), null},
        {QStringLiteral("transfer_group"), null},
    };
}

QJsonObject StripeHandler::refund(quint32 index) const
{
    const Refund &r = m_store.data(dialect()).refunds.at(index);
    const QJsonValue null(QJsonValue::Null);
    QJsonObject o = refundCommon(index);
    const bool settled = r.status == RefundStatus::Succeeded || r.status == RefundStatus::Pending;
    o.insert(QStringLiteral("balance_transaction"),
             settled ? QJsonValue(balanceTransaction((quint64(1) << 40) + index)) : null);
    const QString charge = m_store.id(dialect(), Kind::Payment, r.payment);
    o.insert(QStringLiteral("charge"), charge);
    o.insert(QStringLiteral("customer"), null);
    o.insert(QStringLiteral("customer_account"), null);
    o.insert(QStringLiteral("payment_method"), QStringLiteral("pm_") + charge.mid(3));
    o.insert(QStringLiteral("payment_intent"), paymentIntent(r.payment));
    o.insert(QStringLiteral("destination_details"),
             QJsonObject{
                 {QStringLiteral("card"),
                  QJsonObject{{QStringLiteral("reference"), QString::number(100000000000 + index)},
                              {QStringLiteral("reference_status"),
                               settled ? QStringLiteral("available") : QStringLiteral("pending")},
                              {QStringLiteral("reference_type"),
                               QStringLiteral("acquirer_reference_number")},
                              {QStringLiteral("type"), QStringLiteral("refund")}}},
                 {QStringLiteral("type"), QStringLiteral("card")}});
    if (r.status == RefundStatus::RequiresAction) {
        o.insert(
            QStringLiteral("next_action"),
            QJsonObject{{QStringLiteral("type"), QStringLiteral("display_details")},
                        {QStringLiteral("display_details"),
                         QJsonObject{{QStringLiteral("expires_at"), r.created + 30 * 86400}}}});
    }
    o.insert(QStringLiteral("receipt_number"), null);
    o.insert(QStringLiteral("source_transfer_reversal"), null);
    o.insert(QStringLiteral("transfer_reversal"), null);
    return o;
}

QJsonObject StripeHandler::dispute(quint32 index) const
{
    const Dialect d = dialect();
    const Dispute &x = m_store.data(d).disputes.at(index);
    const Payment &p = m_store.data(d).payments.at(x.payment);
    const QString status = m_store.string(x.status);
    return {
        {QStringLiteral("id"), m_store.id(d, Kind::Dispute, index)},
        {QStringLiteral("object"), QStringLiteral("dispute")},
        {QStringLiteral("amount"), x.amount},
        {QStringLiteral("balance_transactions"), QJsonArray()},
        {QStringLiteral("charge"), m_store.id(d, Kind::Payment, x.payment)},
        {QStringLiteral("created"), x.created},
        {QStringLiteral("currency"), lowerCurrency(p.currency)},
        {QStringLiteral("enhanced_eligibility_types"), QJsonArray()},
        {QStringLiteral("evidence"), emptyEvidence()},
        {QStringLiteral("evidence_details"),
         QJsonObject{{QStringLiteral("due_by"), x.created + 21 * 86400},
                     {QStringLiteral("has_evidence"), false},
                     {QStringLiteral("past_due"), false},
                     {QStringLiteral("submission_count"), 0}}},
        {QStringLiteral("is_charge_refundable"), false},
        {QStringLiteral("livemode"), false},
        {QStringLiteral("metadata"), QJsonObject()},
        {QStringLiteral("payment_intent"), paymentIntent(x.payment)},
        {QStringLiteral("payment_method_details"),
         QJsonObject{{QStringLiteral("card"),
                      QJsonObject{{QStringLiteral("brand"), QStringLiteral("visa")},
                                  {QStringLiteral("case_type"), QStringLiteral("chargeback")},
                                  {QStringLiteral("network"), QStringLiteral("visa")},
                                  {QStringLiteral("network_reason_code"), QStringLiteral("10.4")}}},
                     {QStringLiteral("type"), QStringLiteral("card")}}},
        {QStringLiteral("reason"), m_store.string(x.reason)},
        {QStringLiteral("status"), status}};
}

} // namespace

std::unique_ptr<DialectHandler> makeStripeHandler(Store &store)
{
    return std::make_unique<StripeHandler>(store);
}

} // namespace rd::sandbox
