#include "money.h"

#include "currency.h"

#include <limits>

namespace rd {

namespace {

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

} // namespace

Money::Money(qint64 minorUnits, QStringView currency)
    : m_minor(minorUnits), m_currency(Currency::normalized(currency))
{
    if (m_currency.isEmpty())
        m_minor = 0;
}

int Money::exponent() const
{
    return Currency::exponent(m_currency);
}

std::optional<Money> Money::parse(QStringView text, QStringView currency, QString *error, Sign sign)
{
    const QString code = Currency::normalized(currency);
    if (code.isEmpty()) {
        setError(error, QStringLiteral("Unknown currency \"%1\".").arg(currency.toString()));
        return std::nullopt;
    }
    const int exp = Currency::exponent(code);
    const QStringView s = text.trimmed();
    if (s.isEmpty()) {
        setError(error, QStringLiteral("Enter an amount."));
        return std::nullopt;
    }

    qsizetype i = 0;
    bool negative = false;
    if (s.at(0) == QLatin1Char('-')) {
        if (sign == Sign::PositiveOnly) {
            setError(error, QStringLiteral("The amount must not be negative."));
            return std::nullopt;
        }
        negative = true;
        ++i;
    }

    // Accumulate as a negative number so that the most negative int64 is representable.
    constexpr qint64 minValue = std::numeric_limits<qint64>::min();
    qint64 acc = 0;
    int intDigits = 0;
    int fracDigits = 0;
    bool seenPoint = false;
    for (; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('.')) {
            if (seenPoint) {
                setError(
                    error,
                    QStringLiteral("\"%1\" has more than one decimal point.").arg(s.toString()));
                return std::nullopt;
            }
            seenPoint = true;
            continue;
        }
        if (c == QLatin1Char(',')) {
            setError(error, QStringLiteral("\"%1\": use '.' as the decimal separator and no "
                                           "thousands separators.")
                                .arg(s.toString()));
            return std::nullopt;
        }
        if (!isAsciiDigit(c)) {
            setError(error, QStringLiteral("\"%1\" is not an amount: only digits and one '.' "
                                           "are allowed.")
                                .arg(s.toString()));
            return std::nullopt;
        }
        if (seenPoint) {
            if (++fracDigits > exp) {
                setError(error,
                         exp == 0
                             ? QStringLiteral("%1 has no decimals; enter a whole amount.").arg(code)
                             : QStringLiteral("%1 allows at most %2 decimals.").arg(code).arg(exp));
                return std::nullopt;
            }
        } else {
            ++intDigits;
        }
        const int digit = c.unicode() - '0';
        if (acc < (minValue + digit) / 10) {
            setError(error, QStringLiteral("The amount is too large."));
            return std::nullopt;
        }
        acc = acc * 10 - digit;
    }
    if (intDigits == 0) {
        setError(
            error,
            QStringLiteral("\"%1\" needs a digit before the decimal point.").arg(s.toString()));
        return std::nullopt;
    }
    if (seenPoint && fracDigits == 0) {
        setError(error,
                 QStringLiteral("\"%1\" needs digits after the decimal point.").arg(s.toString()));
        return std::nullopt;
    }
    for (int k = fracDigits; k < exp; ++k) {
        if (acc < minValue / 10) {
            setError(error, QStringLiteral("The amount is too large."));
            return std::nullopt;
        }
        acc *= 10;
    }
    if (!negative) {
        if (acc == minValue) {
            setError(error, QStringLiteral("The amount is too large."));
            return std::nullopt;
        }
        acc = -acc;
    }
    return Money(acc, code);
}

std::optional<Money> Money::fromMinorString(QStringView digits, QStringView currency,
                                            QString *error)
{
    const QString code = Currency::normalized(currency);
    if (code.isEmpty()) {
        setError(error, QStringLiteral("Unknown currency \"%1\".").arg(currency.toString()));
        return std::nullopt;
    }
    bool ok = false;
    const qint64 v = digits.toLongLong(&ok);
    if (!ok) {
        setError(
            error,
            QStringLiteral("\"%1\" is not a whole number of minor units.").arg(digits.toString()));
        return std::nullopt;
    }
    return Money(v, code);
}

QString Money::formatMinor(qint64 minorUnits, int exponent)
{
    // Work on the unsigned magnitude so that the most negative value formats correctly.
    const bool negative = minorUnits < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(minorUnits) : quint64(minorUnits);
    QString digits = QString::number(magnitude);
    if (exponent > 0) {
        if (digits.size() <= exponent)
            digits.prepend(QString(exponent - digits.size() + 1, QLatin1Char('0')));
        digits.insert(digits.size() - exponent, QLatin1Char('.'));
    }
    if (negative)
        digits.prepend(QLatin1Char('-'));
    return digits;
}

QString Money::toDecimalString() const
{
    if (!isValid())
        return QString();
    return formatMinor(m_minor, exponent());
}

QString Money::formatGrouped(qint64 minorUnits, int exponent)
{
    // Group thousands of the whole part; '.' stays the one decimal separator everywhere.
    QString text = formatMinor(minorUnits, exponent);
    const int sign = text.startsWith(QLatin1Char('-')) ? 1 : 0;
    int dot = int(text.indexOf(QLatin1Char('.')));
    if (dot < 0)
        dot = int(text.size());
    for (int pos = dot - 3; pos > sign; pos -= 3)
        text.insert(pos, QLatin1Char(','));
    return text;
}

QString Money::toDisplayString() const
{
    if (!isValid())
        return QString();
    return formatGrouped(m_minor, exponent()) + QLatin1Char(' ') + m_currency;
}

std::optional<Money> Money::checkedAdd(const Money &other, QString *error) const
{
    if (!isValid() || !other.isValid() || m_currency != other.m_currency) {
        setError(error, QStringLiteral("Cannot add %1 to %2: different currencies.")
                            .arg(other.m_currency, m_currency));
        return std::nullopt;
    }
    qint64 out = 0;
    if (__builtin_add_overflow(m_minor, other.m_minor, &out)) {
        setError(error, QStringLiteral("The sum is too large."));
        return std::nullopt;
    }
    return Money(out, m_currency);
}

std::optional<Money> Money::checkedSubtract(const Money &other, QString *error) const
{
    if (!isValid() || !other.isValid() || m_currency != other.m_currency) {
        setError(error, QStringLiteral("Cannot subtract %1 from %2: different currencies.")
                            .arg(other.m_currency, m_currency));
        return std::nullopt;
    }
    qint64 out = 0;
    if (__builtin_sub_overflow(m_minor, other.m_minor, &out)) {
        setError(error, QStringLiteral("The difference is too large."));
        return std::nullopt;
    }
    return Money(out, m_currency);
}

std::optional<int> Money::compare(const Money &other) const
{
    if (!isValid() || !other.isValid() || m_currency != other.m_currency)
        return std::nullopt;
    return m_minor < other.m_minor ? -1 : (m_minor > other.m_minor ? 1 : 0);
}

} // namespace rd
