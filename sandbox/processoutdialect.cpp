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
    QJsonObject transaction(quint32 index, bool withRefunds) const;
    QJsonObject refund(quint32 index) const;
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
    const QJsonObject ok{{QStringLiteral("success"), true}};
    if (s.size() == 2 && request.is("GET")) {
        QJsonObject o = ok;
        o.insert(QStringLiteral("transaction"), transaction(*index, false));
        return Reply::json(o);
    }
    if (s.size() == 3 && s[2] == QLatin1String("refunds")) {
        if (request.is("POST"))
            return createRefund(request, *index);
        if (request.is("GET")) {
            QJsonArray refunds;
            for (quint32 r : refundsOf(m_store.data(d), *index))
                refunds.append(refund(r));
            QJsonObject o = ok;
            o.insert(QStringLiteral("refunds"), refunds);
            return Reply::json(o);
        }
    }
    if (s.size() == 4 && s[2] == QLatin1String("refunds") && request.is("GET")) {
        const auto r = m_store.find(d, Kind::Refund, s[3]);
        if (!r || m_store.data(d).refunds[*r].payment != *index)
            return missing(QStringLiteral("refund"), s[3]);
        QJsonObject o = ok;
        o.insert(QStringLiteral("refund"), refund(*r));
        return Reply::json(o);
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
    QJsonArray list;
    for (quint32 i : page.items)
        list.append(transaction(i, withRefunds));
    return Reply::json(QJsonObject{{QStringLiteral("success"), true},
                                   {QStringLiteral("transactions"), list},
                                   {QStringLiteral("has_more"), page.hasMore}});
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
    const quint32 created = m_store.addRefund(d, r, &extras);
    Reply reply = Reply::json(QJsonObject{{QStringLiteral("success"), true},
                                          {QStringLiteral("refund"), refund(created)}});
    reply.created = true;
    return reply;
}

QJsonObject ProcessOutHandler::transaction(quint32 index, bool withRefunds) const
{
    const Dialect d = dialect();
    const Payment &p = m_store.data(d).payments.at(index);
    const Customer who = m_store.customer(d, index);
    const Extras *extras = m_store.extras(d, p.extra);
    const bool completed = p.status == PaymentStatus::Succeeded;
    const qint64 refunded = m_store.refunded(d, index);
    QJsonObject o{
        {QStringLiteral("id"), m_store.id(d, Kind::Payment, index)},
        {QStringLiteral("project_id"), QStringLiteral("test-proj_sandbox")},
        {QStringLiteral("invoice_id"), m_store.id(d, Kind::Aux1, index)},
        {QStringLiteral("name"), m_store.description(d, index)},
        {QStringLiteral("amount"), majorString(p.amount, p.currency)},
        {QStringLiteral("captured_amount"), majorString(completed ? p.amount : 0, p.currency)},
        {QStringLiteral("refunded_amount"), majorString(refunded, p.currency)},
        {QStringLiteral("available_amount"), majorString(m_store.refundable(d, index), p.currency)},
        {QStringLiteral("currency"), currencyCode(p.currency)},
        {QStringLiteral("status"), completed ? QStringLiteral("completed")
                                   : p.status == PaymentStatus::Pending ? QStringLiteral("pending")
                                                                        : QStringLiteral("failed")},
        {QStringLiteral("created_at"), isoTime(p.created)},
        {QStringLiteral("customer"), QJsonObject{{QStringLiteral("first_name"), who.firstName},
                                                 {QStringLiteral("last_name"), who.lastName},
                                                 {QStringLiteral("email"), who.email}}},
        {QStringLiteral("metadata"), extras ? extras->metadata : QJsonObject()},
        {QStringLiteral("chargedback"), bool(p.flags & Disputed)},
        {QStringLiteral("sandbox"), true}};
    if (withRefunds) {
        QJsonArray refunds;
        for (quint32 r : refundsOf(m_store.data(d), index))
            refunds.append(refund(r));
        o.insert(QStringLiteral("refunds"), refunds);
    }
    return o;
}

QJsonObject ProcessOutHandler::refund(quint32 index) const
{
    const Dialect d = dialect();
    const Refund &r = m_store.data(d).refunds.at(index);
    const Payment &p = m_store.data(d).payments.at(r.payment);
    const Extras *extras = m_store.extras(d, r.extra);
    return {{QStringLiteral("id"), m_store.id(d, Kind::Refund, index)},
            {QStringLiteral("transaction_id"), m_store.id(d, Kind::Payment, r.payment)},
            {QStringLiteral("reason"), m_store.string(r.reason)},
            {QStringLiteral("information"), extras ? extras->text : QString()},
            {QStringLiteral("amount"), majorString(r.amount, p.currency)},
            {QStringLiteral("currency"), currencyCode(p.currency)},
            {QStringLiteral("has_failed"), r.status == RefundStatus::Failed},
            {QStringLiteral("metadata"), extras ? extras->metadata : QJsonObject()},
            {QStringLiteral("sandbox"), true},
            {QStringLiteral("created_at"), isoTime(r.created)},
            {QStringLiteral("invoice_detail_ids"),
             QJsonArray::fromStringList(extras ? extras->invoiceDetailIds : QStringList())}};
}

} // namespace

std::unique_ptr<DialectHandler> makeProcessOutHandler(Store &store)
{
    return std::make_unique<ProcessOutHandler>(store);
}

} // namespace rd::sandbox
