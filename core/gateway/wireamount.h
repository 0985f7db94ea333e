// Converts amounts between a gateway's wire form (integer minor units, or decimal strings in
// major units) and Money, exactly. A dialect whose minor unit differs from ISO 4217 for some
// currency declares it as an exponent override; nothing is ever rounded.
#pragma once

#include "domain/dialect.h"
#include "domain/money.h"

#include <QHash>
#include <QString>
#include <QStringView>

#include <optional>

namespace rd {

class WireAmount final
{
public:
    // `exponentOverrides` maps an upper-case ISO code to the exponent the gateway uses on the
    // wire for it, where that differs from the currency table.
    explicit WireAmount(QHash<QString, int> exponentOverrides = {});
    static WireAmount forDialect(Dialect dialect);

    // The exponent of wire amounts for `currency`, or -1 if the currency is unknown.
    int wireExponent(QStringView currency) const;

    // Wire minor units → Money. Fails (with a reason) for an unknown currency, or when the
    // wire exponent is finer than the currency's and the amount is not a whole number of
    // the currency's minor units.
    std::optional<Money> fromMinor(qint64 wireMinor, QStringView currency, QString *error) const;
    // A decimal string in major units ("12.50") → Money. Too many decimals is an error.
    std::optional<Money> fromMajor(QStringView text, QStringView currency, QString *error,
                                   Money::Sign sign = Money::Sign::PositiveOnly) const;

    // Money → wire minor units (checked for overflow).
    std::optional<qint64> toMinor(const Money &money, QString *error) const;
    QString toMinorString(const Money &money, QString *error) const;
    // Money → a decimal string in major units with the wire exponent's decimals.
    QString toMajor(const Money &money, QString *error) const;

private:
    QHash<QString, int> m_overrides;
};

} // namespace rd
