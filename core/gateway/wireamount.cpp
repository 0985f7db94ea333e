#include "wireamount.h"

#include "domain/currency.h"

#include <limits>

namespace rd {

namespace {

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

bool pow10(int n, qint64 *out)
{
    qint64 p = 1;
    for (int i = 0; i < n; ++i) {
        if (p > std::numeric_limits<qint64>::max() / 10)
            return false;
        p *= 10;
    }
    *out = p;
    return true;
}

} // namespace

WireAmount::WireAmount(QHash<QString, int> exponentOverrides)
    : m_overrides(std::move(exponentOverrides))
{}

WireAmount WireAmount::forDialect(Dialect dialect)
{
    // None of the five dialects is known to deviate from the currency table today; this is
    // where a dialect would list e.g. a currency it sends with two extra zero digits.
    Q_UNUSED(dialect);
    return WireAmount();
}

int WireAmount::wireExponent(QStringView currency) const
{
    const QString code = Currency::normalized(currency);
    if (code.isEmpty())
        return -1;
    return m_overrides.value(code, Currency::exponent(code));
}

std::optional<Money> WireAmount::fromMinor(qint64 wireMinor, QStringView currency,
                                           QString *error) const
{
    const QString code = Currency::normalized(currency);
    if (code.isEmpty()) {
        setError(error, QStringLiteral("unknown currency \"%1\"").arg(currency.toString()));
        return std::nullopt;
    }
    const int wireExp = wireExponent(code);
    const int exp = Currency::exponent(code);
    qint64 factor = 1;
    if (wireExp >= exp) {
        if (!pow10(wireExp - exp, &factor))
            return std::nullopt;
        if (wireMinor % factor != 0) {
            setError(error, QStringLiteral("%1 is not a whole number of %2 minor units")
                                .arg(wireMinor)
                                .arg(code));
            return std::nullopt;
        }
        return Money(wireMinor / factor, code);
    }
    if (!pow10(exp - wireExp, &factor))
        return std::nullopt;
    if (wireMinor > std::numeric_limits<qint64>::max() / factor ||
        wireMinor < std::numeric_limits<qint64>::min() / factor) {
        setError(error, QStringLiteral("amount %1 is too large").arg(wireMinor));
        return std::nullopt;
    }
    return Money(wireMinor * factor, code);
}

std::optional<Money> WireAmount::fromMajor(QStringView text, QStringView currency, QString *error,
                                           Money::Sign sign) const
{
    const QString code = Currency::normalized(currency);
    if (code.isEmpty()) {
        setError(error, QStringLiteral("unknown currency \"%1\"").arg(currency.toString()));
        return std::nullopt;
    }
    const int wireExp = wireExponent(code);
    const int exp = Currency::exponent(code);
    if (wireExp == exp)
        return Money::parse(text, code, error, sign);
    // Parse with a currency of the wire's exponent, then rescale to the ISO exponent.
    const QStringList codes = Currency::knownCodes();
    for (const QString &probe : codes) {
        if (Currency::exponent(probe) != wireExp)
            continue;
        const std::optional<Money> wire = Money::parse(text, probe, error, sign);
        if (!wire)
            return std::nullopt;
        return fromMinor(wire->minorUnits(), code, error);
    }
    setError(error, QStringLiteral("no currency has %1 decimals").arg(wireExp));
    return std::nullopt;
}

std::optional<qint64> WireAmount::toMinor(const Money &money, QString *error) const
{
    if (!money.isValid()) {
        setError(error, QStringLiteral("the amount has no currency"));
        return std::nullopt;
    }
    const int wireExp = wireExponent(money.currency());
    const int exp = money.exponent();
    qint64 factor = 1;
    if (wireExp >= exp) {
        if (!pow10(wireExp - exp, &factor) ||
            money.minorUnits() > std::numeric_limits<qint64>::max() / factor ||
            money.minorUnits() < std::numeric_limits<qint64>::min() / factor) {
            setError(error, QStringLiteral("the amount is too large"));
            return std::nullopt;
        }
        return money.minorUnits() * factor;
    }
    if (!pow10(exp - wireExp, &factor) || money.minorUnits() % factor != 0) {
        setError(error, QStringLiteral("%1 cannot be sent with %2 decimals")
                            .arg(money.toDisplayString())
                            .arg(wireExp));
        return std::nullopt;
    }
    return money.minorUnits() / factor;
}

QString WireAmount::toMinorString(const Money &money, QString *error) const
{
    const std::optional<qint64> minor = toMinor(money, error);
    return minor ? QString::number(*minor) : QString();
}

QString WireAmount::toMajor(const Money &money, QString *error) const
{
    const std::optional<qint64> minor = toMinor(money, error);
    if (!minor)
        return QString();
    return Money::formatMinor(*minor, wireExponent(money.currency()));
}

} // namespace rd
