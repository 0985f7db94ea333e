#include "amountinput.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace rd {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AmountInput", text);
}

// "1", "12", "123" followed by groups of exactly three digits.
bool groupedCorrectly(const QStringList &groups)
{
    if (groups.isEmpty() || groups.first().isEmpty() || groups.first().size() > 3)
        return false;
    for (qsizetype i = 1; i < groups.size(); ++i) {
        if (groups.at(i).size() != 3)
            return false;
    }
    return true;
}

bool allDigits(const QString &s)
{
    for (const QChar c : s) {
        if (!c.isDigit() || c.unicode() > 0x7f)
            return false;
    }
    return true;
}

} // namespace

AmountInput normaliseAmountInput(const QString &typed, const QString &currency, int exponent,
                                 const QLocale &locale)
{
    QString s = typed.trimmed();
    // The code the tables print after an amount, pasted along with it.
    if (!currency.isEmpty() && s.endsWith(currency, Qt::CaseInsensitive))
        s.chop(currency.size());
    // Spaces, no-break spaces and apostrophes are only ever grouping.
    s.remove(QRegularExpression(QStringLiteral("[\\s\\x{00a0}\\x{202f}'\\x{2019}]")));
    QString sign;
    if (s.startsWith(QLatin1Char('-')) || s.startsWith(QLatin1Char('+'))) {
        sign = s.left(1);
        s.remove(0, 1);
    }
    const QString example = exponent > 0
                                ? QStringLiteral("1250.") + QString(exponent, QLatin1Char('0'))
                                : QStringLiteral("1250");
    const AmountInput refused{typed.trimmed(),
                              tr("Write the amount with digits and '.' for decimals, for "
                                 "example %1.")
                                  .arg(example)};
    const bool localeComma = locale.decimalPoint() == QLatin1String(",");
    const qsizetype lastDot = s.lastIndexOf(QLatin1Char('.'));
    const qsizetype lastComma = s.lastIndexOf(QLatin1Char(','));
    QString whole = s;
    QString fraction;
    bool hasFraction = false;
    if (lastDot >= 0 && lastComma >= 0) {
        // Both: whichever comes last is the decimal mark, the other groups thousands.
        const QChar group = lastDot > lastComma ? QLatin1Char(',') : QLatin1Char('.');
        const qsizetype mark = std::max(lastDot, lastComma);
        if (group == QLatin1Char('.') && !localeComma)
            return refused; // "1.000,50" reads the other way round in this locale
        whole = s.left(mark);
        fraction = s.mid(mark + 1);
        hasFraction = true;
        if (whole.contains(s.at(mark)) || !groupedCorrectly(whole.split(group)))
            return refused;
        whole.remove(group);
    } else if (lastComma >= 0) {
        const QStringList parts = s.split(QLatin1Char(','));
        const bool asGroups = groupedCorrectly(parts);
        const bool asDecimal = localeComma && parts.size() == 2 && !parts.first().isEmpty();
        if (asDecimal && asGroups && parts.last().size() == exponent)
            return {typed.trimmed(), tr("\"%1\" could mean either amount: write it with '.' "
                                        "for decimals, for example %2.")
                                         .arg(typed.trimmed(), example)};
        if (asDecimal && parts.last().size() != 3) {
            whole = parts.first();
            fraction = parts.last();
            hasFraction = true;
        } else if (asGroups) {
            whole = parts.join(QString());
        } else {
            return refused;
        }
    } else if (lastDot >= 0) {
        const QStringList parts = s.split(QLatin1Char('.'));
        if (parts.size() > 2) {
            // "1.000.000": thousands grouped the way this locale writes them.
            if (!localeComma || !groupedCorrectly(parts))
                return refused;
            whole = parts.join(QString());
        } else {
            whole = parts.first();
            fraction = parts.last();
            hasFraction = true;
        }
    }
    if (whole.isEmpty() || !allDigits(whole) || !allDigits(fraction) ||
        (hasFraction && fraction.isEmpty()))
        return refused;
    return {sign + whole + (hasFraction ? QLatin1Char('.') + fraction : QString()), QString()};
}

} // namespace rd
