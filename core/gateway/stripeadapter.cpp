#include "stripeadapter.h"

namespace rd {

StripeAdapter::StripeAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent)
    : StripeFamilyAdapter(Dialect::Stripe, baseUrl, AuthScheme::Bearer, secret, parent)
{}

QStringList StripeAdapter::refundReasons() const
{
    return {QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
            QStringLiteral("requested_by_customer")};
}

QString StripeAdapter::invoiceParameter(const QString &invoiceId) const
{
    return invoiceId.startsWith(QLatin1String("pi_")) ? QStringLiteral("payment_intent")
                                                      : QStringLiteral("charge");
}

FormFields StripeAdapter::refundForm(const RefundRequest &request, const WireAmount &wire,
                                     QString *error)
{
    FormFields form;
    if (request.invoiceId.isEmpty()) {
        *error = QStringLiteral("No charge to refund.");
        return form;
    }
    form.add(request.invoiceId.startsWith(QLatin1String("pi_")) ? QStringLiteral("payment_intent")
                                                                : QStringLiteral("charge"),
             request.invoiceId);
    if (request.amount) {
        const QString minor = wire.toMinorString(*request.amount, error);
        if (minor.isEmpty())
            return form;
        form.add(QStringLiteral("amount"), minor);
    }
    const QString reason = wireReason(request);
    if (!reason.isEmpty())
        form.add(QStringLiteral("reason"), reason);
    form.addMap(QStringLiteral("metadata"), wireMetadata(request));
    return form;
}

HttpRequest StripeAdapter::refundRequest(const RefundRequest &request, QString *error) const
{
    HttpRequest req;
    req.body = HttpRequest::Body::Form;
    req.form = refundForm(request, wire(), error);
    return req;
}

void StripeAdapter::cancelRefund(const QString &refundId, const QString &idempotencyKey,
                                 Callback<Refund> done)
{
    HttpRequest req;
    req.method = "POST";
    req.path = HttpClient::pathOf(
        {QStringLiteral("v1"), QStringLiteral("refunds"), refundId, QStringLiteral("cancel")});
    req.body = HttpRequest::Body::Form;
    req.idempotencyHeader = "Idempotency-Key";
    req.idempotencyKey = idempotencyKey;
    call<Refund>(req, refundParser(), std::move(done));
}

void StripeAdapter::updateRefundMetadata(const QString &refundId,
                                         const QMap<QString, QString> &metadata,
                                         const QString &idempotencyKey, Callback<Refund> done)
{
    HttpRequest req;
    req.method = "POST";
    req.path = HttpClient::pathOf({QStringLiteral("v1"), QStringLiteral("refunds"), refundId});
    req.body = HttpRequest::Body::Form;
    req.form.addMap(QStringLiteral("metadata"), metadata);
    req.idempotencyHeader = "Idempotency-Key";
    req.idempotencyKey = idempotencyKey;
    call<Refund>(req, refundParser(), std::move(done));
}

} // namespace rd
