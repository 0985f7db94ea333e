#include "amountcheck.h"

#include "displayformat.h"

#include <QCoreApplication>

namespace rd {

AmountCheck checkAmount(const QString &text, const Money &limit, const QString &limitText)
{
    auto tr = [](const char *s) { return QCoreApplication::translate("AmountCheck", s); };
    AmountCheck out;
    const QString trimmed = text.trimmed();
    const QString limitShown = display::amount(limit.minorUnits(), limit.currency());
    if (trimmed.isEmpty()) {
        out.problem = tr("Enter an amount in %1, at most %2.").arg(limit.currency(), limitShown);
        return out;
    }
    QString error;
    const auto parsed = Money::parse(trimmed, limit.currency(), &error);
    if (!parsed) {
        out.problem = error;
        return out;
    }
    if (parsed->isZero()) {
        out.problem = tr("The amount must be more than zero.");
        return out;
    }
    if (parsed->compare(limit).value_or(1) > 0) {
        out.problem = tr("%1 is more than the %2 %3.")
                          .arg(display::amount(parsed->minorUnits(), parsed->currency()),
                               limitShown, limitText);
        return out;
    }
    out.amount = parsed;
    return out;
}

} // namespace rd
