#include "searchfold.h"

namespace rd {

namespace {

// Letters with no Unicode decomposition, so neither dropping combining marks nor the index
// tokenizer's remove_diacritics turns them into what a person types on a plain keyboard. Both
// cases are listed because SQLite's replace() is case-sensitive.
struct Letter
{
    char16_t letter;
    const char *spelling;
};

constexpr Letter Letters[] = {
    {u'ø', "o"},  {u'Ø', "o"},  {u'ł', "l"},  {u'Ł', "l"},  {u'ß', "ss"}, {u'ẞ', "ss"},
    {u'æ', "ae"}, {u'Æ', "ae"}, {u'đ', "d"},  {u'Đ', "d"},  {u'œ', "oe"}, {u'Œ', "oe"},
    {u'ı', "i"},  {u'ð', "d"},  {u'Ð', "d"},  {u'þ', "th"}, {u'Þ', "th"}, {u'ħ', "h"},
    {u'Ħ', "h"},  {u'ŧ', "t"},  {u'Ŧ', "t"},  {u'ŀ', "l"},  {u'Ŀ', "l"},  {u'ĸ', "k"},
    {u'ŋ', "n"},  {u'Ŋ', "n"},  {u'ĳ', "ij"}, {u'Ĳ', "ij"}, {u'ƒ', "f"},
};

const char *listedSpellingOf(char16_t c)
{
    for (const Letter &l : Letters) {
        if (l.letter == c)
            return l.spelling;
    }
    return nullptr;
}

// A capital whose small letter is listed (Ƒ for ƒ) folds like it: otherwise the fold's own
// lower-casing would turn it into the listed letter, and folding the result again would give
// something else. The table cannot simply list it: the SQL mirror of the table is already as
// deeply nested as SQLite's parser allows.
const char *spellingOf(char16_t c)
{
    if (const char *spelling = listedSpellingOf(c))
        return spelling;
    return listedSpellingOf(QChar::toLower(char32_t(c)));
}

// The blocks of combining marks that sit on Latin letters (and on others, whose marks stay).
bool isCombiningDiacritic(char16_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F);
}

// Marks are dropped from Latin letters only, as the index tokenizer's remove_diacritics does:
// a Cyrillic "й" or a Greek "ά" stays what it is on both sides, so caches indexed before
// folding existed keep matching, and Devanagari or Thai signs stay part of their words.
bool isLatin(char16_t c)
{
    return c < 0x0250 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2C60 && c <= 0x2C7F) ||
           (c >= 0xA720 && c <= 0xA7FF);
}

} // namespace

QString foldForSearch(const QString &text)
{
    // Decomposing first makes NFC and NFD input (a keyboard's "é" or "e" + U+0301) fold alike.
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    bool afterLatin = false;
    for (const QChar ch : decomposed) {
        const char16_t c = ch.unicode();
        if (isCombiningDiacritic(c)) {
            if (!afterLatin)
                out += ch;
            continue;
        }
        afterLatin = isLatin(c);
        if (c < 0x80) {
            out += ch;
        } else if (const char *spelling = spellingOf(c)) {
            out += QLatin1String(spelling);
        } else {
            out += ch;
        }
    }
    // NFC puts back together what has no mark to drop (Hangul syllables, for one).
    return out.toLower().normalized(QString::NormalizationForm_C);
}

QString searchExtra(std::initializer_list<QStringView> fields)
{
    QString out;
    for (const QStringView field : fields) {
        qsizetype start = -1;
        bool nonAscii = false;
        for (qsizetype i = 0; i <= field.size(); ++i) {
            if (i == field.size() || field.at(i).isSpace()) {
                if (start >= 0 && nonAscii) {
                    if (!out.isEmpty())
                        out += QLatin1Char(' ');
                    out += foldForSearch(field.mid(start, i - start).toString());
                }
                start = -1;
                nonAscii = false;
                continue;
            }
            if (start < 0)
                start = i;
            if (field.at(i).unicode() >= 0x80)
                nonAscii = true;
        }
    }
    return out;
}

QString foldLettersSql(const QString &sqlExpression)
{
    QString sql = sqlExpression;
    for (const Letter &l : Letters)
        sql = QStringLiteral("replace(%1,'%2','%3')")
                  .arg(sql, QString(QChar(l.letter)), QLatin1String(l.spelling));
    return sql;
}

} // namespace rd
