// Letter folding for search, so what a person types without marks ("soren", "lukasz",
// "strasse") finds what the gateway wrote ("Søren", "Łukasz", "Straße"). The same function folds
// the text that is indexed and the text that is searched for, so the two sides always agree.
#pragma once

#include <QString>
#include <QStringView>

#include <initializer_list>

namespace rd {

// `text` in any Unicode normalization form, folded for matching: combining diacritics dropped
// from Latin letters (é, ü, å, ş, ř), letters whose mark is part of the letter spelled as people
// type them (ø→o, ł→l, ß→ss, æ→ae, đ→d, œ→oe, ı→i, þ→th, …), lower-cased, returned in NFC.
QString foldForSearch(const QString &text);

// The value of the search index's `search_extra` column for a record's searchable fields: the
// folded form of each word that has a non-ASCII character, space-separated. The index's
// tokenizer already matches ASCII words, so ASCII-only records (most ids and emails) cost
// nothing extra on the sync path.
QString searchExtra(std::initializer_list<QStringView> fields);

// The letter table of foldForSearch() as one SQL expression over `sqlExpression`, made of
// nested built-in replace() calls (so a plain sqlite3 shell can run it). The FTS tokenizer
// (unicode61 remove_diacritics 2) does the lower-casing and the combining marks, so indexing
// this expression's result yields the same tokens as indexing searchExtra(). Used by the
// migration that fills `search_extra` for rows cached before it existed.
QString foldLettersSql(const QString &sqlExpression);

} // namespace rd
