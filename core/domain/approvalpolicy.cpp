#include "approvalpolicy.h"

#include "currency.h"

#include <QtNumeric>

#include <algorithm>

namespace rd {

namespace {

constexpr int kMaxScale = 3; // the largest exponent in the currency table

// `value` * 10^`times`, or nullopt when it does not fit an int64.
std::optional<qint64> scaleUp(qint64 value, int times)
{
    for (int i = 0; i < times; ++i) {
        if (qMulOverflow(value, qint64(10), &value))
            return std::nullopt;
    }
    return value;
}

// A non-negative decimal in major units with at most `maxDecimals` decimals: its digits as an
// integer and how many decimals it had.
std::optional<ApprovalThreshold> parseAmount(QStringView text, int maxDecimals,
                                             const QString &currency, QString *error)
{
    const QString shown = text.toString();
    if (text.isEmpty()) {
        *error = QStringLiteral("An approval threshold needs an amount, such as 100 or "
                                "5000:JPY.");
        return std::nullopt;
    }
    qint64 digits = 0;
    int decimals = 0;
    bool point = false;
    bool anyDigit = false;
    for (const QChar c : text) {
        if (c == QLatin1Char('.') && !point) {
            point = true;
            continue;
        }
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            *error = QStringLiteral("\"%1\" is not an amount; write major units with '.' as the "
                                    "decimal separator, such as 250 or 99.50.")
                         .arg(shown);
            return std::nullopt;
        }
        anyDigit = true;
        if (point)
            ++decimals;
        if (qMulOverflow(digits, qint64(10), &digits) ||
            qAddOverflow(digits, qint64(c.unicode() - u'0'), &digits)) {
            *error = QStringLiteral("\"%1\" is too large for an approval threshold.").arg(shown);
            return std::nullopt;
        }
    }
    if (!anyDigit || (point && decimals == 0)) {
        *error = QStringLiteral("\"%1\" is not an amount; write major units with '.' as the "
                                "decimal separator, such as 250 or 99.50.")
                     .arg(shown);
        return std::nullopt;
    }
    if (decimals > maxDecimals) {
        *error =
            currency.isEmpty()
                ? QStringLiteral("\"%1\" has more than %2 decimals.").arg(shown).arg(maxDecimals)
                : QStringLiteral("\"%1\" has more decimals than %2 has (%3).")
                      .arg(shown, currency)
                      .arg(maxDecimals);
        return std::nullopt;
    }
    ApprovalThreshold t;
    t.currency = currency;
    t.above = digits;
    t.scale = decimals;
    // An override is kept in its currency's minor units, so "5000:JPY" and "5000.00:USD" read
    // back the way the currency writes them.
    if (!currency.isEmpty()) {
        const auto minor = scaleUp(digits, maxDecimals - decimals);
        if (!minor) {
            *error = QStringLiteral("\"%1\" is too large for an approval threshold.").arg(shown);
            return std::nullopt;
        }
        t.above = *minor;
        t.scale = maxDecimals;
    }
    return t;
}

QString decimalText(qint64 above, int scale)
{
    return Money::formatMinor(above, scale);
}

} // namespace

QString ApprovalThreshold::toDisplayString() const
{
    const QString amount = decimalText(above, scale);
    return currency.isEmpty() ? amount : amount + QLatin1Char(' ') + currency;
}

QString ApprovalThreshold::toArgument() const
{
    const QString amount = decimalText(above, scale);
    return currency.isEmpty() ? amount : amount + QLatin1Char(':') + currency;
}

ApprovalPolicy::ApprovalPolicy(QList<ApprovalThreshold> thresholds)
    : m_thresholds(std::move(thresholds))
{
    std::sort(m_thresholds.begin(), m_thresholds.end(),
              [](const ApprovalThreshold &a, const ApprovalThreshold &b) {
                  return a.currency < b.currency;
              });
}

std::optional<ApprovalPolicy> ApprovalPolicy::parse(const QStringList &values, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    QList<ApprovalThreshold> out;
    bool none = false;
    for (const QString &raw : values) {
        const QString value = raw.trimmed();
        if (value.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
            none = true;
            continue;
        }
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        QString currency;
        int maxDecimals = kMaxScale;
        if (colon >= 0) {
            const QString code = value.mid(colon + 1).trimmed();
            currency = Currency::normalized(code);
            if (currency.isEmpty()) {
                *error = QStringLiteral("\"%1\" is not a currency RefundDesk knows; write "
                                        "AMOUNT:CUR with an ISO 4217 code, such as 5000:JPY.")
                             .arg(code);
                return std::nullopt;
            }
            maxDecimals = Currency::exponent(currency);
        }
        const auto t = parseAmount(QStringView(value).left(colon >= 0 ? colon : value.size()),
                                   maxDecimals, currency, error);
        if (!t)
            return std::nullopt;
        for (const ApprovalThreshold &seen : out) {
            if (seen.currency == t->currency) {
                *error =
                    currency.isEmpty()
                        ? QStringLiteral("Give one approval threshold for every currency "
                                         "(AMOUNT) and at most one per currency (AMOUNT:CUR); "
                                         "write decimals with '.', since commas separate "
                                         "thresholds.")
                        : QStringLiteral("%1 has two approval thresholds; give one.").arg(currency);
                return std::nullopt;
            }
        }
        out << *t;
    }
    if (none && !out.isEmpty()) {
        *error = QStringLiteral("\"none\" removes every approval threshold; do not combine it "
                                "with amounts.");
        return std::nullopt;
    }
    if (!none && out.isEmpty()) {
        *error = QStringLiteral("Give an approval threshold (AMOUNT or AMOUNT:CUR) or none.");
        return std::nullopt;
    }
    return ApprovalPolicy(out);
}

std::optional<ApprovalPolicy> ApprovalPolicy::parseLine(const QString &line, QString *error)
{
    if (line.trimmed().isEmpty())
        return ApprovalPolicy();
    return parse(line.split(QLatin1Char(','), Qt::SkipEmptyParts), error);
}

std::optional<ApprovalThreshold> ApprovalPolicy::thresholdFor(const QString &currency) const
{
    std::optional<ApprovalThreshold> every;
    for (const ApprovalThreshold &t : m_thresholds) {
        if (t.currency.isEmpty())
            every = t;
        else if (t.currency == currency)
            return t;
    }
    return every;
}

bool ApprovalPolicy::needsApproval(const Money &amount) const
{
    if (!amount.isValid())
        return false;
    const auto t = thresholdFor(amount.currency());
    if (!t)
        return false;
    // amount / 10^e > above / 10^s  <=>  amount * 10^s > above * 10^e, both sides exact.
    const int e = amount.exponent();
    const auto left = scaleUp(amount.minorUnits(), t->scale);
    const auto right = scaleUp(t->above, e);
    if (!left)
        return true; // an amount too large to scale is above any threshold that fits
    if (!right)
        return false;
    return *left > *right;
}

QString ApprovalPolicy::toLine() const
{
    if (m_thresholds.isEmpty())
        return QStringLiteral("none");
    QStringList parts;
    for (const ApprovalThreshold &t : m_thresholds)
        parts << t.toArgument();
    return parts.join(QStringLiteral(", "));
}

} // namespace rd
