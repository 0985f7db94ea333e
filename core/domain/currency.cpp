#include "currency.h"

#include <QHash>

namespace rd {

namespace {

struct Table
{
    QHash<QString, int> exponents;

    Table()
    {
        // Exponent 0 and 3 are listed explicitly; everything else in the list below is 2.
        const char *zero[] = {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
                              "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"};
        const char *three[] = {"BHD", "JOD", "KWD", "OMR", "TND"};
        const char *two[] = {
            "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD",
            "BDT", "BGN", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
            "CDF", "CHF", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP",
            "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
            "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "ISK", "JMD", "KES", "KGS",
            "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MKD",
            "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN",
            "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON",
            "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
            "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD",
            "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "YER", "ZAR", "ZMW", "ZWL"};
        for (const char *c : zero)
            exponents.insert(QString::fromLatin1(c), 0);
        for (const char *c : three)
            exponents.insert(QString::fromLatin1(c), 3);
        for (const char *c : two)
            exponents.insert(QString::fromLatin1(c), 2);
    }
};

const Table &table()
{
    static const Table t;
    return t;
}

} // namespace

int Currency::exponent(QStringView code)
{
    if (code.size() != 3)
        return -1;
    return table().exponents.value(code.toString().toUpper(), -1);
}

QString Currency::normalized(QStringView code)
{
    const QString upper = code.trimmed().toString().toUpper();
    return table().exponents.contains(upper) ? upper : QString();
}

QStringList Currency::knownCodes()
{
    QStringList codes = table().exponents.keys();
    codes.sort();
    return codes;
}

} // namespace rd
