#include "currency.h"

#include <QHash>
#include <QList>

#include <array>
#include <optional>

namespace rd {

namespace {

struct Table
{
    QHash<QString, int> exponents;
    // Codes of three ASCII letters, the form every gateway sends, without allocating: the
    // index of the upper-cased code among `codes`, plus one (0: unknown).
    std::array<quint8, 26 * 26 * 26> byLetters{};
    QList<QString> codes;
    QList<int> codeExponents;

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
        for (auto it = exponents.cbegin(); it != exponents.cend(); ++it) {
            codes.append(it.key());
            codeExponents.append(it.value());
            byLetters[size_t(letterIndex(it.key()))] = quint8(codes.size());
        }
    }

    // 0..17575 for three ASCII letters of either case, -1 for anything else.
    static int letterIndex(QStringView code)
    {
        if (code.size() != 3)
            return -1;
        int index = 0;
        for (const QChar c : code) {
            const char16_t u = c.unicode();
            int letter = -1;
            if (u >= u'A' && u <= u'Z')
                letter = u - u'A';
            else if (u >= u'a' && u <= u'z')
                letter = u - u'a';
            if (letter < 0)
                return -1;
            index = index * 26 + letter;
        }
        return index;
    }
    // The known code spelled by three ASCII letters, or null when they spell none; nullopt when
    // `code` is not three ASCII letters.
    std::optional<const QString *> byAsciiLetters(QStringView code) const
    {
        const int index = letterIndex(code);
        if (index < 0)
            return std::nullopt;
        const quint8 entry = byLetters[size_t(index)];
        return entry ? &codes[entry - 1] : nullptr;
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
    const Table &t = table();
    if (const std::optional<const QString *> known = t.byAsciiLetters(code))
        return *known ? t.codeExponents.at(*known - t.codes.constData()) : -1;
    return t.exponents.value(code.toString().toUpper(), -1);
}

QString Currency::normalized(QStringView code)
{
    const Table &t = table();
    if (const std::optional<const QString *> known = t.byAsciiLetters(code))
        return *known ? **known : QString();
    const QString upper = code.trimmed().toString().toUpper();
    return t.exponents.contains(upper) ? upper : QString();
}

QStringList Currency::knownCodes()
{
    QStringList codes = table().exponents.keys();
    codes.sort();
    return codes;
}

} // namespace rd
