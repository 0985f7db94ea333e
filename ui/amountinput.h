// What a clerk types into an amount field, made into the plain "1234.50" form the refund rules
// parse: the grouping the tables display ("1,000.00") and the locale's decimal comma ("12,50")
// are accepted where they cannot be misread; anything ambiguous is refused with one message.
#pragma once

#include <QLocale>
#include <QString>

namespace rd {

struct AmountInput
{
    QString text;    // plain digits with '.' as the decimal point; the input itself on failure
    QString problem; // empty when `text` can go to the rules
};

// `exponent` is the currency's number of decimals (ISO 4217, 0 for JPY, 3 for KWD).
AmountInput normaliseAmountInput(const QString &typed, const QString &currency, int exponent,
                                 const QLocale &locale = QLocale());

} // namespace rd
