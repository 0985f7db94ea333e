#include "recordfilter.h"

#include "refundable.h"

#include "searchfold.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>

namespace rd {

QString tableName(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Invoices:
        return QStringLiteral("invoices");
    case RecordKind::Refunds:
        return QStringLiteral("refunds");
    case RecordKind::Chargebacks:
        return QStringLiteral("chargebacks");
    }
    return QString();
}

QString searchProblem(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QString();
    if (t.size() > MaxSearchLength)
        return QStringLiteral("The search text is %1 characters long; search for at most %2 "
                              "(a name, an id or a few words).")
            .arg(t.size())
            .arg(MaxSearchLength);
    if (!t.isValidUtf16() || t.contains(QChar::ReplacementCharacter) || t.contains(QChar::Null))
        return QStringLiteral("The search text is not valid UTF-8; type it again or check the "
                              "terminal's encoding.");
    if (ftsPrefixQuery(t).isEmpty())
        return QStringLiteral("The search \"%1\" has no letter or digit to look for; search for "
                              "a name, an id or a word.")
            .arg(t);
    return QString();
}

QStringList invoiceStateNames()
{
    return {QStringLiteral("not_refunded"), QStringLiteral("partly_refunded"),
            QStringLiteral("refunded"), QStringLiteral("disputed")};
}

namespace {

// The condition an invoice state puts on invoice `i`, as the invoices table labels its rows:
// "refunded" counts the money that went back (the store's refunded figure, store/refundable.h),
// never refunds that are still pending.
QString invoiceStateSql(const QString &state, const QString &i)
{
    const QString paid = i + QStringLiteral(".status = 'succeeded'");
    const QString refunded = refundablesql::refunded(i, QString());
    if (state == QLatin1String("disputed"))
        return QStringLiteral("%1.disputed = 1").arg(i);
    if (state == QLatin1String("refunded"))
        return QStringLiteral("(%1 AND %2.amount > 0 AND %3 >= %2.amount)").arg(paid, i, refunded);
    if (state == QLatin1String("partly_refunded"))
        return QStringLiteral("(%1 AND %3 > 0 AND %3 < %2.amount)").arg(paid, i, refunded);
    // not_refunded: nothing refunded, nothing on its way, no dispute
    return QStringLiteral("(%1 AND %2.disputed = 0 AND %3 = 0 AND %4 = 0)")
        .arg(paid, i, refunded, refundablesql::pending(i, QString()));
}

} // namespace

QString ftsPrefixQuery(const QString &text)
{
    // Split on anything that is not a letter or digit, as the unicode61 tokenizer does, after
    // folding exactly as the index's search_extra column was folded.
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QStringList terms;
    for (const QString &word : foldForSearch(text).split(separators, Qt::SkipEmptyParts))
        terms << QLatin1Char('"') + word + QStringLiteral("\"*");
    return terms.join(QLatin1Char(' '));
}

QString likePrefixPattern(const QString &text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_C)) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('%');
}

namespace {

// Each word of the search must start a word of the row's folded `search_text` (PostgreSQL).
// Words hold only letters and digits, so they need no LIKE escaping.
QString searchTextCondition(const QString &column, const QString &search, QVariantList *binds)
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QStringList parts;
    for (const QString &word : foldForSearch(search).split(separators, Qt::SkipEmptyParts)) {
        parts << column + QStringLiteral(" LIKE ?");
        *binds << QStringLiteral("% ") + word + QLatin1Char('%');
    }
    return QLatin1Char('(') + parts.join(QStringLiteral(" AND ")) + QLatin1Char(')');
}

} // namespace

SqlWhere buildWhere(RecordKind kind, const RecordFilter &filter, const QString &alias,
                    schema::Backend backend)
{
    const bool postgres = backend == schema::Backend::Postgres;
    SqlWhere w;
    QStringList parts;
    const QString a = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    if (filter.accountId != 0) {
        parts << a + QStringLiteral("account_id = ?");
        w.binds << filter.accountId;
    }
    if (invoiceStateNames().contains(filter.status)) {
        if (kind == RecordKind::Invoices) {
            parts << invoiceStateSql(filter.status, alias.isEmpty() ? tableName(kind) : alias);
        } else {
            // Refunds and chargebacks of invoices in that state.
            parts << QStringLiteral("EXISTS (SELECT 1 FROM invoices si WHERE si.account_id = "
                                    "%1account_id AND si.gateway_id = %1invoice_id AND %2)")
                         .arg(a.isEmpty() ? tableName(kind) + QLatin1Char('.') : a,
                              invoiceStateSql(filter.status, QStringLiteral("si")));
        }
    } else if (!filter.status.isEmpty()) {
        parts << a + QStringLiteral("status = ?");
        w.binds << filter.status;
    }
    if (!filter.currency.isEmpty()) {
        parts << a + QStringLiteral("currency = ?");
        w.binds << filter.currency.toUpper();
    }
    if (!filter.currency.isEmpty() && filter.minAmount) {
        parts << a + QStringLiteral("amount >= ?");
        w.binds << *filter.minAmount;
    }
    if (!filter.currency.isEmpty() && filter.maxAmount) {
        parts << a + QStringLiteral("amount <= ?");
        w.binds << *filter.maxAmount;
    }
    if (filter.from.isValid()) {
        parts << a + QStringLiteral("created_at >= ?");
        w.binds << QDateTime(filter.from, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    }
    if (filter.to.isValid()) {
        parts << a + QStringLiteral("created_at < ?");
        w.binds << QDateTime(filter.to.addDays(1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    }
    const QString search = filter.search.trimmed();
    if (!search.isEmpty() && !searchProblem(search).isEmpty()) {
        parts << QStringLiteral(
            "1 = 0"); // text that cannot be searched finds nothing, not everything
    } else if (!search.isEmpty() && postgres && kind != RecordKind::Chargebacks) {
        parts << searchTextCondition(a + QStringLiteral("search_text"), search, &w.binds);
    } else if (!search.isEmpty()) {
        switch (kind) {
        case RecordKind::Invoices:
            parts << a + QStringLiteral("id IN (SELECT rowid FROM invoices_fts WHERE invoices_fts "
                                        "MATCH ?)");
            w.binds << ftsPrefixQuery(search);
            break;
        case RecordKind::Refunds:
            parts << a + QStringLiteral("id IN (SELECT rowid FROM refunds_fts WHERE refunds_fts "
                                        "MATCH ?)");
            w.binds << ftsPrefixQuery(search);
            break;
        case RecordKind::Chargebacks: {
            // Few rows per account: prefix match on the ids and substring on the reason, with
            // the person's `%` and `_` taken literally.
            const QString like = likePrefixPattern(search);
            // ILIKE on PostgreSQL, whose LIKE minds case where SQLite's does not.
            parts << QStringLiteral("(%1gateway_id %2 ? ESCAPE '\\' OR %1invoice_id %2 ? "
                                    "ESCAPE '\\' OR %1reason %2 ? ESCAPE '\\')")
                         .arg(a, postgres ? QStringLiteral("ILIKE") : QStringLiteral("LIKE"));
            w.binds << like << like << QLatin1Char('%') + like;
            break;
        }
        }
    }
    if (!parts.isEmpty())
        w.clause = QStringLiteral("WHERE ") + parts.join(QStringLiteral(" AND "));
    return w;
}

} // namespace rd
