// Search folding on any text: it terminates, folding twice changes nothing more (what a person
// types after seeing a folded word must find it), ASCII only lower-cases, and the index's extra
// column is made of folded words.
#include "fuzzentries.h"

#include "store/searchfold.h"

namespace rd::fuzz {

QString searchFold(const QByteArray &input)
{
    if (input.isEmpty())
        return QString();
    const bool rawUtf16 = quint8(input.at(0)) & 1;
    const QByteArray rest = input.mid(1);
    const QString text = rawUtf16 ? utf16Text(rest) : QString::fromUtf8(rest);

    const QString folded = foldForSearch(text);
    if (foldForSearch(folded) != folded)
        return QStringLiteral("folding \"%1\" twice gives \"%2\", not \"%3\"")
            .arg(text, foldForSearch(folded), folded);
    bool ascii = true;
    for (const QChar c : text)
        ascii = ascii && c.unicode() < 0x80;
    if (ascii && folded != text.toLower())
        return QStringLiteral("ASCII \"%1\" folded to \"%2\"").arg(text, folded);

    // Words are folded one by one (a mark at the start of a word stays, as it does in a query
    // word), so each word of the extra column is a fixed point of the fold.
    const QString extra = searchExtra({text, QStringView(text).left(text.size() / 2)});
    for (const QString &word : extra.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (foldForSearch(word) != word)
            return QStringLiteral("the index word \"%1\" of \"%2\" is not folded").arg(word, text);
    }
    if (foldLettersSql(QStringLiteral("x")).isEmpty())
        return QStringLiteral("no SQL for the letter table");
    return QString();
}

} // namespace rd::fuzz
