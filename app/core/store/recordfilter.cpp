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

QStringList invoiceStateNames()
{
    return {QStringLiteral("not_refunded"), QStringLiteral("partly_refunded"),
            QStringLiteral("refunded"), QStringLiteral("disputed")};
}

QString invoiceRefundSumSql(const QString &i, const QStringList &statuses)
{
    QStringList quoted;
    for (const QString &s : statuses)
        quoted << QLatin1Char('\'') + QString(s).remove(QLatin1Char('\'')) + QLatin1Char('\'');
    return QStringLiteral(
               "CASE WHEN (SELECT gateway FROM accounts WHERE id = %1.account_id) = 'intasend' "
               "THEN (SELECT COALESCE(SUM(c.amount), 0) FROM chargebacks c WHERE c.account_id = "
               "%1.account_id AND c.invoice_id = %1.gateway_id AND c.currency = %1.currency AND "
               "c.status IN (%2)) ELSE (SELECT COALESCE(SUM(r.amount), 0) FROM refunds r WHERE "
               "r.account_id = %1.account_id AND r.invoice_id = %1.gateway_id AND r.currency = "
               "%1.currency AND r.status IN (%2)) END")
        .arg(i, quoted.join(QStringLiteral(", ")));
}

namespace {

// What the invoices table counts as refunded on invoice `i` once pending refunds are set
// apart: the gateway's figure or the cached refunds that may still succeed, whichever is
// larger, less those still pending.
QString succeededSql(const QString &i)
{
    const QString pending =
        invoiceRefundSumSql(i, {QStringLiteral("pending"), QStringLiteral("requires_action")});
    return QStringLiteral("(MAX(%1.amount_refunded, %2) - MIN(%3, MAX(%1.amount_refunded, %2)))")
        .arg(i,
             invoiceRefundSumSql(i, {QStringLiteral("succeeded"), QStringLiteral("pending"),
                                     QStringLiteral("requires_action")}),
             pending);
}

// The condition an invoice state puts on invoice `i`, as the invoices table labels its rows.
QString invoiceStateSql(const QString &state, const QString &i)
{
    const QString paid = i + QStringLiteral(".status = 'succeeded'");
    if (state == QLatin1String("disputed"))
        return QStringLiteral("%1.disputed = 1").arg(i);
    if (state == QLatin1String("refunded"))
        return QStringLiteral("(%1 AND %2.amount > 0 AND %3 >= %2.amount)")
            .arg(paid, i, succeededSql(i));
    if (state == QLatin1String("partly_refunded"))
        return QStringLiteral("(%1 AND %3 > 0 AND %3 < %2.amount)").arg(paid, i, succeededSql(i));
    // not_refunded: nothing refunded, nothing on its way, no dispute
    return QStringLiteral("(%1 AND %2.disputed = 0 AND %2.amount_refunded = 0 AND %3 = 0)")
        .arg(paid, i,
             invoiceRefundSumSql(i, {QStringLiteral("succeeded"), QStringLiteral("pending"),
                                     QStringLiteral("requires_action")}));
}

} // namespace

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
