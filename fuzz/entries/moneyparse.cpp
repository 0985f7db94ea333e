// Money::parse and fromMinorString on any text: a parse either fails with a sentence for a
// person or gives an amount that prints back (toDecimalString) to text parsing to the same
// amount; checked arithmetic never wraps around.
#include "fuzzentries.h"

#include "domain/money.h"

namespace rd::fuzz {

namespace {

QString roundTrip(const Money &money, const QString &text)
{
    if (!money.isValid())
        return QStringLiteral("\"%1\" parsed to an invalid amount").arg(text);
    const QString printed = money.toDecimalString();
    QString error;
    const auto again = Money::parse(printed, money.currency(), &error, Money::Sign::AllowNegative);
    if (!again || *again != money)
        return QStringLiteral("\"%1\" printed as \"%2\", which reads back differently (%3)")
            .arg(text, printed, error);
    if (money.toDisplayString().isEmpty())
        return QStringLiteral("\"%1\" has no display form").arg(text);
    // Sums and differences are exact or refused, never wrapped.
    const auto sum = money.checkedAdd(money);
    if (sum && (sum->minorUnits() - money.minorUnits() != money.minorUnits()))
        return QStringLiteral("\"%1\" doubled wrongly").arg(text);
    const auto difference = money.checkedSubtract(money);
    if (!difference || !difference->isZero())
        return QStringLiteral("\"%1\" minus itself is not zero").arg(text);
    return QString();
}

} // namespace

QString moneyParse(const QByteArray &input)
{
    static const QString currencies[] = {
        QStringLiteral("USD"),  QStringLiteral("jpy"), QStringLiteral("KWD"),
        QStringLiteral("EUR"),  QStringLiteral("KES"), QStringLiteral("BHD"),
        QStringLiteral("CLP"),  QStringLiteral("XYZ"), QString(),
        QStringLiteral("usd "), QStringLiteral("VND"), QStringLiteral("TND"),
        QStringLiteral("GBP"),  QStringLiteral("KRW"), QStringLiteral("OMR"),
        QStringLiteral("JOD"),
    };
    if (input.isEmpty())
        return QString();
    const quint8 selector = quint8(input.at(0));
    const QString &currency = currencies[selector % std::size(currencies)];
    const Money::Sign sign =
        (selector & 0x10) ? Money::Sign::AllowNegative : Money::Sign::PositiveOnly;
    const QString text = QString::fromUtf8(input.mid(1));

    QString error;
    if (const auto money = Money::parse(text, currency, &error, sign)) {
        if (sign == Money::Sign::PositiveOnly && money->isNegative())
            return QStringLiteral("\"%1\" parsed negative where only positive is allowed")
                .arg(text);
        if (const QString problem = roundTrip(*money, text); !problem.isEmpty())
            return problem;
    } else if (error.isEmpty()) {
        return QStringLiteral("\"%1\" was refused without a reason").arg(text);
    }

    error.clear();
    if (const auto money = Money::fromMinorString(text, currency, &error)) {
        if (const QString problem = roundTrip(*money, text); !problem.isEmpty())
            return problem;
    } else if (error.isEmpty()) {
        return QStringLiteral("minor units \"%1\" were refused without a reason").arg(text);
    }
    return QString();
}

} // namespace rd::fuzz
