#include "wooshpayadapter.h"

namespace rd {

WooshPayAdapter::WooshPayAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent)
    : StripeFamilyAdapter(Dialect::WooshPay, baseUrl, AuthScheme::BasicKeyAsUser, secret, parent)
{}

QStringList WooshPayAdapter::refundReasons() const
{
    return {QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
            QStringLiteral("requested_by_customer"), QStringLiteral("resolved_dispute")};
}

QJsonObject WooshPayAdapter::refundJson(const RefundRequest &request, const WireAmount &wire,
                                        QString *error)
{
    QJsonObject body;
    if (request.invoiceId.isEmpty()) {
        *error = QStringLiteral("No payment intent to refund.");
        return body;
    }
    body.insert(QStringLiteral("payment_intent"), request.invoiceId);
    if (request.amount) {
        // WooshPay wants the minor units as a string, not a JSON number.
        const QString minor = wire.toMinorString(*request.amount, error);
        if (minor.isEmpty())
            return body;
        body.insert(QStringLiteral("amount"), minor);
    }
    const QString reason = wireReason(request);
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    const QMap<QString, QString> metadata = wireMetadata(request);
    QJsonObject meta;
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it)
        meta.insert(it.key(), it.value());
    if (!meta.isEmpty())
        body.insert(QStringLiteral("metadata"), meta);
    return body;
}

HttpRequest WooshPayAdapter::refundRequest(const RefundRequest &request, QString *error) const
{
    HttpRequest req;
    req.body = HttpRequest::Body::Json;
    req.json = QJsonDocument(refundJson(request, wire(), error));
    return req;
}

} // namespace rd
