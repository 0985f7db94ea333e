// The filters a person or a script applies to invoices, refunds and chargebacks, turned into
// a parameterised SQL WHERE clause. Shared by the table models, `refunddesk-cli list` and the
// exports, so all three select exactly the same rows.
#pragma once

#include "schema.h"

#include <QDate>
#include <QString>
#include <QVariantList>

#include <optional>

namespace rd {

enum class RecordKind { Invoices, Refunds, Chargebacks };

struct RecordFilter
{
    qint64 accountId = 0; // 0 = all accounts
    QString search;       // words matched as prefixes over ids, customer, email, note (folded)
    // A common status name, or one of the invoice states the invoices table shows
    // (invoiceStateNames()); on refunds and chargebacks an invoice state selects the rows
    // whose invoice is in it. Empty = any.
    QString status;
    QString currency; // ISO code, empty = any
    QDate from;       // inclusive, UTC day
    QDate to;         // inclusive, UTC day
    // Inclusive bounds in minor units of `currency` (amounts of different currencies do not
    // compare, so a bound without a currency is ignored).
    std::optional<qint64> minAmount;
    std::optional<qint64> maxAmount;

    bool isEmpty() const
    {
        return accountId == 0 && search.trimmed().isEmpty() && status.isEmpty() &&
               currency.isEmpty() && !from.isValid() && !to.isValid() && !minAmount && !maxAmount;
    }
};

struct SqlWhere
{
    QString clause;     // "" or "WHERE ..." using only positional '?' placeholders
    QVariantList binds; // in placeholder order
};

// `alias` is the table alias the clause refers to (e.g. "i" for invoices). The search is
// FTS5 on SQLite and the folded `search_text` column on PostgreSQL (same words, same folding).
SqlWhere buildWhere(RecordKind kind, const RecordFilter &filter, const QString &alias,
                    schema::Backend backend = schema::Backend::Sqlite);

// The longest search text accepted, in UTF-16 code units: ids, names and a few words fit; a
// pasted page does not.
constexpr int MaxSearchLength = 200;

// Why `text` cannot be searched for, as one sentence that says what to do; empty when it can
// (blank text can: it filters nothing). Refused: text longer than MaxSearchLength, text that is
// not valid Unicode (invalid UTF-8 arrives as U+FFFD, or a lone surrogate), and text with no
// letter or digit to look for. buildWhere() makes such a search match no row, never every
// row; the CLI refuses it with exit 2.
QString searchProblem(const QString &text);

// The FTS5 MATCH expression for free text: each word, folded by foldForSearch(), becomes a
// quoted prefix term, so user input can never inject FTS syntax. Empty when there are no words.
QString ftsPrefixQuery(const QString &text);

// `text` (NFC) as a LIKE pattern matching values that start with it: `%`, `_` and `\` are
// escaped, so the clause must say `LIKE ? ESCAPE '\'`.
QString likePrefixPattern(const QString &text);

// The invoice states beyond the common statuses: "not_refunded" (paid, nothing refunded, no
// dispute), "partly_refunded", "refunded", "disputed".
QStringList invoiceStateNames();

// Table name for a kind: "invoices", "refunds", "chargebacks".
QString tableName(RecordKind kind);

} // namespace rd
