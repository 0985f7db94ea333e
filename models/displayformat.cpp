#include "displayformat.h"
#include "semanticcolors.h"

#include "domain/currency.h"
#include "domain/money.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

namespace rd::display {

QString amount(qint64 minorUnits, const QString &currency)
{
    const int exponent = Currency::exponent(currency);
    if (exponent < 0)
        return QStringLiteral("%1 %2").arg(minorUnits).arg(currency);
    // The digits come from the exact minor units (never a double); only the separators follow
    // the person's locale: "1,250.00 USD" in English and the C locale, "1.250,00 USD" in German.
    QString text = Money::formatMinor(minorUnits, exponent);
    const QLocale locale;
    const bool c = locale.language() == QLocale::C;
    const QString group = c ? QStringLiteral(",") : locale.groupSeparator();
    const QString point = c ? QStringLiteral(".") : locale.decimalPoint();
    const int sign = text.startsWith(QLatin1Char('-')) ? 1 : 0;
    int dot = int(text.indexOf(QLatin1Char('.')));
    if (dot >= 0)
        text.replace(dot, 1, point);
    else
        dot = int(text.size());
    for (int pos = dot - 3; pos > sign; pos -= 3)
        text.insert(pos, group);
    return text + QLatin1Char(' ') + currency;
}

QDateTime utc(qint64 secsSinceEpoch)
{
    return QDateTime::fromSecsSinceEpoch(secsSinceEpoch, Qt::UTC);
}

QString money(const Money &m)
{
    return m.isValid() ? amount(m.minorUnits(), m.currency()) : QString();
}

namespace {

// The locale's short date format with the year in full: two-digit years are ambiguous in
// financial records.
QString fullYearDateFormat(const QLocale &locale)
{
    QString date = locale.dateFormat(QLocale::ShortFormat);
    if (!date.contains(QStringLiteral("yyyy")))
        date.replace(QStringLiteral("yy"), QStringLiteral("yyyy"));
    return date;
}

} // namespace

QString timestamp(qint64 secsSinceEpoch)
{
    if (secsSinceEpoch <= 0)
        return QString();
    const QDateTime local = utc(secsSinceEpoch).toLocalTime();
    const QLocale locale;
    if (locale.language() == QLocale::C)
        return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    // The locale's short date and time ("07.05.2024 08:32" in German).
    return locale.toString(local, fullYearDateFormat(locale) + QLatin1Char(' ') +
                                      locale.timeFormat(QLocale::ShortFormat));
}

QString date(qint64 secsSinceEpoch)
{
    if (secsSinceEpoch <= 0)
        return QString();
    const QDateTime local = utc(secsSinceEpoch).toLocalTime();
    const QLocale locale;
    if (locale.language() == QLocale::C)
        return local.toString(QStringLiteral("yyyy-MM-dd"));
    return locale.toString(local, fullYearDateFormat(locale));
}

QString statusLabel(const QString &commonStatus)
{
    const auto s = commonStatusFromName(commonStatus);
    if (!s)
        return commonStatus;
    switch (*s) {
    case CommonStatus::Pending:
        return QCoreApplication::translate("rd::display", "Pending");
    case CommonStatus::RequiresAction:
        return QCoreApplication::translate("rd::display", "Requires action");
    case CommonStatus::Succeeded:
        return QCoreApplication::translate("rd::display", "Succeeded");
    case CommonStatus::Failed:
        return QCoreApplication::translate("rd::display", "Failed");
    case CommonStatus::Canceled:
        return QCoreApplication::translate("rd::display", "Canceled");
    }
    return commonStatus;
}

QString filterStatusLabel(const QString &value)
{
    auto tr = [](const char *s) { return QCoreApplication::translate("rd::display", s); };
    if (value == QLatin1String("not_refunded"))
        return tr("Paid, nothing refunded");
    if (value == QLatin1String("partly_refunded"))
        return tr("Partly refunded");
    if (value == QLatin1String("refunded"))
        return tr("Refunded");
    if (value == QLatin1String("disputed"))
        return tr("Disputed");
    return statusLabel(value);
}

QString clipped(const QString &text)
{
    if (text.size() <= maxShownChars)
        return text;
    qsizetype keep = maxShownChars;
    if (text.at(keep - 1).isHighSurrogate())
        --keep; // never half a character
    return text.left(keep) + QChar(0x2026);
}

QString reasonLabel(const QString &reasonCode)
{
    auto tr = [](const char *s) { return QCoreApplication::translate("rd::display", s); };
    const QString code = reasonCode.trimmed();
    // The common reasons and the dialects' synonyms for them read the same everywhere.
    if (code == QLatin1String("requested_by_customer") || code == QLatin1String("customer_request"))
        return tr("Requested by customer");
    if (code == QLatin1String("duplicate"))
        return tr("Duplicate payment");
    if (code == QLatin1String("fraudulent") || code == QLatin1String("fraud"))
        return tr("Fraudulent payment");
    if (code == QLatin1String("other"))
        return tr("Other");
    QString label = code;
    if (!label.contains(QLatin1Char(' ')))
        label.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!label.isEmpty())
        label[0] = label.at(0).toUpper();
    return label;
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
        return semantic::color(semantic::Role::Error);
    case CommonStatus::Canceled:
        return semantic::color(semantic::Role::Muted);
    case CommonStatus::Succeeded:
        return {};
    }
    return {};
}

QColor refundedColor()
{
    return semantic::color(semantic::Role::Refunded);
}
QColor warningColor()
{
    return semantic::color(semantic::Role::Warning);
}

} // namespace rd::display
