#include "displayformat.h"

#include "domain/currency.h"
#include "domain/money.h"

namespace rd::display {

QString amount(qint64 minorUnits, const QString &currency)
{
    const int exponent = Currency::exponent(currency);
    if (exponent < 0)
        return QStringLiteral("%1 %2").arg(minorUnits).arg(currency);
    return Money::formatGrouped(minorUnits, exponent) + QLatin1Char(' ') + currency;
}

QDateTime utc(qint64 secsSinceEpoch)
{
    return QDateTime::fromSecsSinceEpoch(secsSinceEpoch, Qt::UTC);
}

QString timestamp(qint64 secsSinceEpoch)
{
    if (secsSinceEpoch <= 0)
        return QString();
    return utc(secsSinceEpoch).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString statusLabel(const QString &commonStatus)
{
    const auto s = commonStatusFromName(commonStatus);
    if (!s)
        return commonStatus;
    switch (*s) {
    case CommonStatus::Pending:
        return QStringLiteral("Pending");
    case CommonStatus::RequiresAction:
        return QStringLiteral("Requires action");
    case CommonStatus::Succeeded:
        return QStringLiteral("Succeeded");
    case CommonStatus::Failed:
        return QStringLiteral("Failed");
    case CommonStatus::Canceled:
        return QStringLiteral("Canceled");
    }
    return commonStatus;
}

QColor statusColor(const QString &commonStatus)
{
    const auto s = commonStatusFromName(commonStatus);
    if (!s)
        return {};
    switch (*s) {
    case CommonStatus::Pending:
    case CommonStatus::RequiresAction:
        return warningColor();
    case CommonStatus::Failed:
        return QColor(0xb0, 0x1e, 0x1e);
    case CommonStatus::Canceled:
        return QColor(0x70, 0x70, 0x70);
    case CommonStatus::Succeeded:
        return {};
    }
    return {};
}

QColor refundedColor()
{
    return QColor(0x6a, 0x3d, 0x9a);
}
QColor warningColor()
{
    return QColor(0x9a, 0x5b, 0x00);
}

} // namespace rd::display
