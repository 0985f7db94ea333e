#include "recordfilter.h"

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

QString ftsPrefixQuery(const QString &text)
{
    // Split on anything that is not a letter or digit, as the unicode61 tokenizer does.
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QStringList terms;
    for (const QString &word : text.split(separators, Qt::SkipEmptyParts))
        terms << QLatin1Char('"') + word + QStringLiteral("\"*");
    return terms.join(QLatin1Char(' '));
}

SqlWhere buildWhere(RecordKind kind, const RecordFilter &filter, const QString &alias)
{
    SqlWhere w;
    QStringList parts;
    const QString a = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    if (filter.accountId != 0) {
        parts << a + QStringLiteral("account_id = ?");
        w.binds << filter.accountId;
    }
    if (!filter.status.isEmpty()) {
        parts << a + QStringLiteral("status = ?");
        w.binds << filter.status;
    }
    if (!filter.currency.isEmpty()) {
        parts << a + QStringLiteral("currency = ?");
        w.binds << filter.currency.toUpper();
    }
    if (filter.from.isValid()) {
        parts << a + QStringLiteral("created_at >= ?");
        w.binds << QDateTime(filter.from, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    }
    if (filter.to.isValid()) {
        parts << a + QStringLiteral("created_at < ?");
        w.binds << QDateTime(filter.to.addDays(1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    }
    const QString match = ftsPrefixQuery(filter.search);
    if (!match.isEmpty()) {
        switch (kind) {
        case RecordKind::Invoices:
            parts << a + QStringLiteral("id IN (SELECT rowid FROM invoices_fts WHERE invoices_fts "
                                        "MATCH ?)");
            w.binds << match;
            break;
        case RecordKind::Refunds:
            parts << a + QStringLiteral("id IN (SELECT rowid FROM refunds_fts WHERE refunds_fts "
                                        "MATCH ?)");
            w.binds << match;
            break;
        case RecordKind::Chargebacks: {
            // Few rows per account: prefix match on the indexed ids and substring on reason.
            const QString like = filter.search.trimmed() + QLatin1Char('%');
            parts << QStringLiteral("(%1gateway_id LIKE ? OR %1invoice_id LIKE ? OR %1reason "
                                    "LIKE ?)")
                         .arg(a);
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
