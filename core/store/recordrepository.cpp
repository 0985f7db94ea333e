#include "recordrepository.h"

#include "database.h"
#include "searchfold.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace rd {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QString metadataJson(const QMap<QString, QString> &metadata)
{
    QJsonObject o;
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it)
        o.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> metadataFromJson(const QString &json)
{
    QMap<QString, QString> out;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

// A null QString binds as SQL NULL; text columns are NOT NULL DEFAULT ''.
QString notNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

// PostgreSQL's text cannot hold U+0000, and the driver sends bound values inside the statement,
// which a NUL cuts short: the whole page would fail to store. There a NUL a gateway sent is
// kept as U+FFFD, as undecodable bytes are; SQLite keeps it as it came.
QVariant storableOnServer(const QVariant &v)
{
    if (v.typeId() != QMetaType::QString)
        return v;
    QString s = v.toString();
    if (!s.contains(QChar(0)))
        return v;
    return s.replace(QChar(0), QChar::ReplacementCharacter);
}

QDateTime fromSecs(const QVariant &v)
{
    return QDateTime::fromSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

// Rows are first written to a temporary staging table, then moved into `table` by a single
// INSERT ... SELECT ... ON CONFLICT (account_id, gateway_id) DO UPDATE. One statement per batch
// instead of one per row matters because the full-text tables behind the triggers flush their
// pending index at every statement boundary (a virtual-table savepoint): per-row upserts spent
// more time in those flushes than in everything else together. Later rows of a batch win, as
// they did row by row. `columns` start with account_id and gateway_id.
// Unqualified: a temporary table hides a main one of the same name (SQLite and PostgreSQL).
QString stagingTable(const QString &table)
{
    return QStringLiteral("%1_incoming").arg(table);
}

// Typed like `table` itself, so the merge converts nothing.
QString createStagingSql(const QString &table, const QStringList &columns)
{
    return QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS %1 AS SELECT 0 AS seq, %2 FROM %3 "
                          "WHERE 1 = 0")
        .arg(stagingTable(table), columns.join(QStringLiteral(", ")), table);
}

QString stageRowSql(const QString &table, const QStringList &columns)
{
    return QStringLiteral("INSERT INTO %1 (seq, %2) VALUES (%3)")
        .arg(stagingTable(table), columns.join(QStringLiteral(", ")),
             QStringList(columns.size() + 1, QStringLiteral("?")).join(QLatin1Char(',')));
}

QString mergeSql(const QString &table, const QStringList &columns)
{
    QStringList updates;
    for (const QString &c : columns.mid(2))
        updates << QStringLiteral("%1 = excluded.%1").arg(c);
    const QString names = columns.join(QStringLiteral(", "));
    // "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
    return QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3 WHERE true ORDER BY seq "
                          "ON CONFLICT (account_id, gateway_id) DO UPDATE SET %4")
        .arg(table, names, stagingTable(table), updates.join(QStringLiteral(", ")));
}

bool execSql(Database &db, const QString &sql, QString *error)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return fail(error, q.lastError().text());
    return true;
}

// Stages every row (`rowValues` yields the bound values without synced_at, which is added
// here) and merges them in one statement. The staging table is emptied before and after, so a
// failure part-way leaves nothing behind for the next call.
template <typename T, typename RowValues>
bool upsertAll(Database &db, const QString &table, const QStringList &columnsWithoutSync,
               const QList<T> &rows, RowValues rowValues, QString *error)
{
    if (rows.isEmpty())
        return true;
    const QStringList columns = columnsWithoutSync + QStringList{QStringLiteral("synced_at")};
    const QString clear = QStringLiteral("DELETE FROM %1").arg(stagingTable(table));
    if (!execSql(db, createStagingSql(table, columns), error) || !execSql(db, clear, error))
        return false;
    bool ok = true;
    {
        QSqlQuery q(db.connection());
        if (!q.prepare(stageRowSql(table, columns)))
            return fail(error, q.lastError().text());
        // Later rows of a batch win, so only the last row of each gateway id is staged: one
        // PostgreSQL statement may not upsert the same row twice ("ON CONFLICT DO UPDATE
        // command cannot affect row a second time"), where SQLite let the later one win.
        QHash<QString, qsizetype> last;
        for (qsizetype i = 0; i < rows.size(); ++i)
            last.insert(rows.at(i).gatewayId, i);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const bool server = db.isPostgres();
        qint64 seq = 0;
        for (qsizetype index = 0; index < rows.size(); ++index) {
            const T &row = rows.at(index);
            if (last.value(row.gatewayId) != index)
                continue;
            const QVariantList values = rowValues(row);
            q.bindValue(0, ++seq);
            for (int i = 0; i < values.size(); ++i)
                q.bindValue(i + 1, server ? storableOnServer(values.at(i)) : values.at(i));
            q.bindValue(int(values.size()) + 1, now);
            if (!q.exec()) {
                ok = fail(error, QStringLiteral("Cannot store %1 %2: %3")
                                     .arg(table.chopped(1), row.gatewayId, q.lastError().text()));
                break;
            }
        }
    }
    if (ok) {
        QSqlQuery merge(db.connection());
        if (!merge.exec(mergeSql(table, columns)))
            ok = fail(error,
                      QStringLiteral("Cannot store %1: %2").arg(table, merge.lastError().text()));
    }
    QString ignored;
    execSql(db, clear, &ignored);
    return ok;
}

} // namespace

bool RecordRepository::upsertInvoices(qint64 accountId, const QList<Invoice> &invoices,
                                      QString *error)
{
    static const QStringList columns = {
        QStringLiteral("account_id"),     QStringLiteral("gateway_id"),
        QStringLiteral("payment_intent"), QStringLiteral("customer"),
        QStringLiteral("email"),          QStringLiteral("description"),
        QStringLiteral("amount"),         QStringLiteral("amount_refunded"),
        QStringLiteral("currency"),       QStringLiteral("status"),
        QStringLiteral("gateway_status"), QStringLiteral("disputed"),
        QStringLiteral("offline"),        QStringLiteral("created_at"),
        QStringLiteral("search_extra")};
    return upsertAll(
        m_db, QStringLiteral("invoices"), columns, invoices,
        [accountId](const Invoice &inv) {
            return QVariantList{
                accountId,
                notNull(inv.gatewayId),
                notNull(inv.paymentIntent),
                notNull(inv.customer),
                notNull(inv.email),
                notNull(inv.description),
                inv.amount.minorUnits(),
                inv.amountRefunded.minorUnits(),
                inv.amount.currency(),
                commonStatusName(inv.status),
                notNull(inv.gatewayStatus),
                inv.disputed ? 1 : 0,
                inv.offline ? 1 : 0,
                inv.createdAt.toSecsSinceEpoch(),
                notNull(searchExtra({inv.gatewayId, inv.customer, inv.email, inv.description}))};
        },
        error);
}

bool RecordRepository::upsertRefunds(qint64 accountId, const QList<Refund> &refunds, QString *error)
{
    static const QStringList columns = {
        QStringLiteral("account_id"),     QStringLiteral("gateway_id"),
        QStringLiteral("invoice_id"),     QStringLiteral("amount"),
        QStringLiteral("currency"),       QStringLiteral("reason"),
        QStringLiteral("gateway_reason"), QStringLiteral("status"),
        QStringLiteral("gateway_status"), QStringLiteral("note"),
        QStringLiteral("failure_reason"), QStringLiteral("operation_id"),
        QStringLiteral("metadata"),       QStringLiteral("created_at"),
        QStringLiteral("search_extra")};
    return upsertAll(
        m_db, QStringLiteral("refunds"), columns, refunds,
        [accountId](const Refund &r) {
            return QVariantList{accountId,
                                notNull(r.gatewayId),
                                notNull(r.invoiceId),
                                r.amount.minorUnits(),
                                r.amount.currency(),
                                notNull(r.reason),
                                notNull(r.gatewayReason),
                                commonStatusName(r.status),
                                notNull(r.gatewayStatus),
                                notNull(r.note),
                                notNull(r.failureReason),
                                notNull(r.operationId),
                                metadataJson(r.metadata),
                                r.createdAt.toSecsSinceEpoch(),
                                notNull(searchExtra({r.gatewayId, r.invoiceId, r.note}))};
        },
        error);
}

bool RecordRepository::upsertChargebacks(qint64 accountId, const QList<Chargeback> &chargebacks,
                                         QString *error)
{
    static const QStringList columns = {
        QStringLiteral("account_id"),     QStringLiteral("gateway_id"),
        QStringLiteral("invoice_id"),     QStringLiteral("amount"),
        QStringLiteral("currency"),       QStringLiteral("reason"),
        QStringLiteral("reason_details"), QStringLiteral("status"),
        QStringLiteral("gateway_status"), QStringLiteral("resolution"),
        QStringLiteral("operation_id"),   QStringLiteral("created_at")};
    return upsertAll(
        m_db, QStringLiteral("chargebacks"), columns, chargebacks,
        [accountId](const Chargeback &c) {
            return QVariantList{accountId,
                                notNull(c.gatewayId),
                                notNull(c.invoiceId),
                                c.amount.minorUnits(),
                                c.amount.currency(),
                                notNull(c.reason),
                                notNull(c.reasonDetails),
                                commonStatusName(c.status),
                                notNull(c.gatewayStatus),
                                notNull(c.resolution),
                                notNull(c.operationId),
                                c.createdAt.toSecsSinceEpoch()};
        },
        error);
}

Result<std::optional<Invoice>> RecordRepository::invoice(qint64 accountId,
                                                         const QString &gatewayId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT gateway_id, payment_intent, customer, email, description, amount, "
        "amount_refunded, currency, status, gateway_status, disputed, offline, created_at "
        "FROM invoices WHERE account_id = ? AND gateway_id = ?"));
    q.bindValue(0, accountId);
    q.bindValue(1, gatewayId);
    if (!q.exec())
        return Error{QStringLiteral("Cannot read invoice %1 from the cache: %2")
                         .arg(gatewayId, q.lastError().text())};
    if (!q.next())
        return std::optional<Invoice>();
    Invoice inv;
    inv.gatewayId = q.value(0).toString();
    inv.paymentIntent = q.value(1).toString();
    inv.customer = q.value(2).toString();
    inv.email = q.value(3).toString();
    inv.description = q.value(4).toString();
    const QString currency = q.value(7).toString();
    inv.amount = Money(q.value(5).toLongLong(), currency);
    inv.amountRefunded = Money(q.value(6).toLongLong(), currency);
    inv.status = commonStatusFromName(q.value(8).toString()).value_or(CommonStatus::Pending);
    inv.gatewayStatus = q.value(9).toString();
    inv.disputed = q.value(10).toBool();
    inv.offline = q.value(11).toBool();
    inv.createdAt = fromSecs(q.value(12));
    return std::optional<Invoice>(inv);
}

Result<QList<Refund>> RecordRepository::refundsOf(qint64 accountId, const QString &invoiceId) const
{
    QList<Refund> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT gateway_id, invoice_id, amount, currency, reason, gateway_reason, status, "
        "gateway_status, note, failure_reason, operation_id, metadata, created_at FROM refunds "
        "WHERE account_id = ? AND invoice_id = ? ORDER BY created_at, id"));
    q.bindValue(0, accountId);
    q.bindValue(1, invoiceId);
    if (!q.exec())
        return Error{QStringLiteral("Cannot read the refunds of invoice %1 from the cache: %2")
                         .arg(invoiceId, q.lastError().text())};
    while (q.next()) {
        Refund r;
        r.gatewayId = q.value(0).toString();
        r.invoiceId = q.value(1).toString();
        r.amount = Money(q.value(2).toLongLong(), q.value(3).toString());
        r.reason = q.value(4).toString();
        r.gatewayReason = q.value(5).toString();
        r.status = commonStatusFromName(q.value(6).toString()).value_or(CommonStatus::Pending);
        r.gatewayStatus = q.value(7).toString();
        r.note = q.value(8).toString();
        r.failureReason = q.value(9).toString();
        r.operationId = q.value(10).toString();
        r.metadata = metadataFromJson(q.value(11).toString());
        r.createdAt = fromSecs(q.value(12));
        out.append(r);
    }
    return out;
}

Result<QList<Chargeback>> RecordRepository::chargebacksOf(qint64 accountId,
                                                          const QString &invoiceId) const
{
    QList<Chargeback> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT gateway_id, invoice_id, amount, currency, reason, reason_details, status, "
        "gateway_status, resolution, operation_id, created_at FROM chargebacks "
        "WHERE account_id = ? AND invoice_id = ? ORDER BY created_at, id"));
    q.bindValue(0, accountId);
    q.bindValue(1, invoiceId);
    if (!q.exec())
        return Error{QStringLiteral("Cannot read the chargebacks of invoice %1 from the cache: "
                                    "%2")
                         .arg(invoiceId, q.lastError().text())};
    while (q.next()) {
        Chargeback c;
        c.gatewayId = q.value(0).toString();
        c.invoiceId = q.value(1).toString();
        c.amount = Money(q.value(2).toLongLong(), q.value(3).toString());
        c.reason = q.value(4).toString();
        c.reasonDetails = q.value(5).toString();
        c.status = commonStatusFromName(q.value(6).toString()).value_or(CommonStatus::Pending);
        c.gatewayStatus = q.value(7).toString();
        c.resolution = q.value(8).toString();
        c.operationId = q.value(9).toString();
        c.createdAt = fromSecs(q.value(10));
        out.append(c);
    }
    return out;
}

} // namespace rd
