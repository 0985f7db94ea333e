// The one table of ISO 4217 currencies RefundDesk knows, with each currency's exponent
// (number of minor-unit decimals). Every amount parse and format goes through it.
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace rd {

class Currency final
{
public:
    // Exponent of an upper- or lower-case ISO code, or -1 when the code is unknown.
    static int exponent(QStringView code);
    static bool isKnown(QStringView code) { return exponent(code) >= 0; }
    // Upper-cased, trimmed code if known; empty otherwise.
    static QString normalized(QStringView code);
    static QStringList knownCodes();
};

} // namespace rd
