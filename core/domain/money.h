// An exact amount of money: a signed 64-bit count of minor units plus an ISO 4217 currency.
// There is no floating point anywhere on this path; arithmetic is checked for overflow.
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

namespace rd {

class Money final
{
public:
    enum class Sign { PositiveOnly, AllowNegative };

    Money() = default; // an invalid (empty) amount
    // `currency` must be a known code (any case); otherwise the result is invalid.
    Money(qint64 minorUnits, QStringView currency);

    bool isValid() const { return !m_currency.isEmpty(); }
    qint64 minorUnits() const { return m_minor; }
    const QString &currency() const { return m_currency; }
    int exponent() const;
    bool isZero() const { return m_minor == 0; }
    bool isNegative() const { return m_minor < 0; }

    // Parses a decimal string in major units ("12.50", "1000", "1.250"). '.' is the only
    // separator. On failure returns nullopt and, if `error` is given, a sentence for a person.
    static std::optional<Money> parse(QStringView text, QStringView currency, QString *error,
                                      Sign sign = Sign::PositiveOnly);
    // Like parse() but from an exact minor-unit integer string ("1250").
    static std::optional<Money> fromMinorString(QStringView digits, QStringView currency,
                                                QString *error);

    // "12.50", "-3.000", "1000": exactly the currency's decimals, '.' separator, no grouping.
    QString toDecimalString() const;
    // "1,250.00 USD", for people: thousands grouped as every table shows them.
    QString toDisplayString() const;

    // Checked arithmetic: nullopt on currency mismatch or overflow, with a reason in `error`.
    std::optional<Money> checkedAdd(const Money &other, QString *error = nullptr) const;
    std::optional<Money> checkedSubtract(const Money &other, QString *error = nullptr) const;

    // Comparison is only meaningful within one currency; compare() returns nullopt otherwise.
    std::optional<int> compare(const Money &other) const;
    bool sameCurrency(const Money &other) const { return m_currency == other.m_currency; }

    bool operator==(const Money &o) const
    {
        return m_minor == o.m_minor && m_currency == o.m_currency;
    }
    bool operator!=(const Money &o) const { return !(*this == o); }

    // Formats a minor-unit count with a given exponent, for callers that hold raw columns.
    static QString formatMinor(qint64 minorUnits, int exponent);
    // Like formatMinor() with the thousands of the whole part grouped: "1,250.00".
    static QString formatGrouped(qint64 minorUnits, int exponent);

private:
    qint64 m_minor = 0;
    QString m_currency;
};

} // namespace rd

Q_DECLARE_METATYPE(rd::Money)
