#include "gateway.h"

namespace rd {

QString GatewayError::kindName(Kind k)
{
    switch (k) {
    case Kind::None:
        return QStringLiteral("ok");
    case Kind::Auth:
        return QStringLiteral("authentication failed");
    case Kind::NotFound:
        return QStringLiteral("not found");
    case Kind::Rejected:
        return QStringLiteral("rejected by the gateway");
    case Kind::RateLimited:
        return QStringLiteral("rate limited");
    case Kind::Server:
        return QStringLiteral("gateway server error");
    case Kind::Network:
        return QStringLiteral("gateway unreachable");
    case Kind::Malformed:
        return QStringLiteral("malformed reply");
    }
    return QString();
}

QString GatewayError::describe() const
{
    QString head = kindName(kind);
    QStringList detail;
    if (httpStatus > 0)
        detail << QString::number(httpStatus);
    if (!code.isEmpty())
        detail << code;
    if (!detail.isEmpty())
        head += QStringLiteral(" (%1)").arg(detail.join(QLatin1Char(' ')));
    return message.isEmpty() ? head : head + QStringLiteral(": ") + message;
}

namespace {
// Delivered from the event loop, like every gateway answer, so callers see one behaviour.
template <typename T>
void unsupported(Gateway &g, const QString &what, const Gateway::Callback<T> &done)
{
    GatewayResult<T> r;
    r.error.kind = GatewayError::Kind::Rejected;
    r.error.code = QStringLiteral("unsupported");
    r.error.message =
        QStringLiteral("%1 does not support %2.").arg(dialectDisplayName(g.dialect()), what);
    QMetaObject::invokeMethod(
        &g, [r, done] { done(r); }, Qt::QueuedConnection);
}
} // namespace

void Gateway::retrieveRefund(const QString &, Callback<Refund> done)
{
    unsupported(*this, QStringLiteral("fetching one refund"), done);
}

void Gateway::retrieveChargeback(const QString &, Callback<Chargeback> done)
{
    unsupported(*this, QStringLiteral("fetching one chargeback"), done);
}

void Gateway::createChargeback(const ChargebackRequest &, Callback<Chargeback> done)
{
    unsupported(*this, QStringLiteral("filing chargebacks"), done);
}

void Gateway::cancelRefund(const QString &, const QString &, Callback<Refund> done)
{
    unsupported(*this, QStringLiteral("cancelling refunds"), done);
}

void Gateway::updateRefundMetadata(const QString &, const QMap<QString, QString> &, const QString &,
                                   Callback<Refund> done)
{
    unsupported(*this, QStringLiteral("updating refund metadata"), done);
}

} // namespace rd
