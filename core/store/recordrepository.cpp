#include "recordrepository.h"

#include "bulkload.h"
#include "database.h"
#include "searchfold.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVarLengthArray>

#include <sqlite3.h>

#include <memory>

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

// Rows are written in one of two ways, which store the same values:
//
// - Staged (PostgreSQL always; SQLite while a table keeps its search index row by row): rows
//   go to a temporary staging table, then into `table` by a single INSERT ... SELECT ... ON
//   CONFLICT (account_id, gateway_id) DO UPDATE. One statement per batch instead of one per
//   row matters because the full-text tables behind the triggers flush their pending index at
//   every statement boundary (a virtual-table savepoint): per-row upserts spent more time in
//   those flushes than in everything else together. Later rows of a batch win, as they did
//   row by row.
// - Direct (SQLite, while a first sync leaves the table's upkeep out, see bulkload.h): one
//   prepared INSERT ... ON CONFLICT DO UPDATE per row, stepped through SQLite's C API, with no
//   staging copy and no QVariant per value.
//
// `columns` start with account_id and gateway_id and end with synced_at.
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

QString updateSetSql(const QStringList &columns)
{
    QStringList updates;
    for (const QString &c : columns.mid(2))
        updates << QStringLiteral("%1 = excluded.%1").arg(c);
    return updates.join(QStringLiteral(", "));
}

QString mergeSql(const QString &table, const QStringList &columns)
{
    const QString names = columns.join(QStringLiteral(", "));
    // "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
    return QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3 WHERE true ORDER BY seq "
                          "ON CONFLICT (account_id, gateway_id) DO UPDATE SET %4")
        .arg(table, names, stagingTable(table), updateSetSql(columns));
}

QString directUpsertSql(const QString &table, const QStringList &columns)
{
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (account_id, gateway_id) "
                          "DO UPDATE SET %4")
        .arg(table, columns.join(QStringLiteral(", ")),
             QStringList(columns.size(), QStringLiteral("?")).join(QLatin1Char(',')),
             updateSetSql(columns));
}

bool execSql(Database &db, const QString &sql, QString *error)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return fail(error, q.lastError().text());
    return true;
}

// Binds one row's values in column order through QSqlQuery (any backend).
class QueryBinder final
{
public:
    // `server`: a PostgreSQL statement, whose text cannot hold a NUL (see storableOnServer()).
    explicit QueryBinder(QSqlQuery &q, int first, bool server = false)
        : m_q(q), m_i(first), m_server(server)
    {}
    void operator()(qint64 v) { m_q.bindValue(m_i++, v); }
    void operator()(int v) { m_q.bindValue(m_i++, v); }
    void operator()(const QString &s)
    {
        const QVariant v = notNull(s);
        m_q.bindValue(m_i++, m_server ? storableOnServer(v) : v);
    }
    int next() const { return m_i; }

private:
    QSqlQuery &m_q;
    int m_i;
    bool m_server;
};

// Binds one row's values in column order straight onto a SQLite statement, as Qt's driver
// does (64-bit integers, UTF-16 text converted by SQLite; ASCII text, the same bytes in UTF-8,
// bound as UTF-8), so both store the same values.
// Strings are kept alive until the row has been stepped.
class SqliteBinder final
{
public:
    explicit SqliteBinder(sqlite3_stmt *stmt, int first) : m_stmt(stmt), m_i(first) {}
    void operator()(qint64 v) { check(sqlite3_bind_int64(m_stmt, m_i++, v)); }
    void operator()(int v) { check(sqlite3_bind_int(m_stmt, m_i++, v)); }
    void operator()(const QString &s)
    {
        if (QtPrivate::isAscii(s)) {
            // Most values: the same bytes either way, without SQLite's UTF-16 conversion.
            m_ascii.append(s.toLatin1());
            const QByteArray &bytes = m_ascii.last();
            check(sqlite3_bind_text(m_stmt, m_i++, bytes.isNull() ? "" : bytes.constData(),
                                    int(bytes.size()), SQLITE_STATIC));
            return;
        }
        m_keep.append(s);
        check(sqlite3_bind_text16(m_stmt, m_i++, s.utf16(), int(s.size() * sizeof(QChar)),
                                  SQLITE_STATIC));
    }
    int next() const { return m_i; }
    int result() const { return m_rc; }

private:
    void check(int rc)
    {
        if (rc != SQLITE_OK && m_rc == SQLITE_OK)
            m_rc = rc;
    }
    sqlite3_stmt *m_stmt;
    int m_i;
    int m_rc = SQLITE_OK;
    QVarLengthArray<QString, 16> m_keep;
    QVarLengthArray<QByteArray, 16> m_ascii;
};

struct StatementDeleter
{
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

Statement prepareSqlite(sqlite3 *handle, const QString &sql, QString *error)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(handle, utf8.constData(), int(utf8.size()), &stmt, nullptr) !=
        SQLITE_OK) {
        fail(error, QString::fromUtf8(sqlite3_errmsg(handle)));
        sqlite3_finalize(stmt);
        return nullptr;
    }
    return Statement(stmt);
}

// Steps `stmt` once for each row (`bindRow(binder, row)` binds its values from parameter
// `first`), then synced_at. False with the row's gateway id on the first failure.
template <typename T, typename BindRow>
bool stepRows(sqlite3 *handle, sqlite3_stmt *stmt, const QString &table, const QList<T> &rows,
              bool withSeq, BindRow bindRow, QString *error)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    qint64 seq = 0;
    for (const T &row : rows) {
        SqliteBinder bind(stmt, 1);
        if (withSeq)
            bind(++seq);
        bindRow(bind, row);
        bind(now);
        int rc = bind.result();
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
        sqlite3_reset(stmt);
        if (rc != SQLITE_OK)
            return fail(error, QStringLiteral("Cannot store %1 %2: %3")
                                   .arg(table.chopped(1), row.gatewayId,
                                        QString::fromUtf8(sqlite3_errmsg(handle))));
    }
    return true;
}

// `rows` without the earlier of two rows with the same gateway id: later rows win, as they do
// row by row. The merge needs it on PostgreSQL, whose ON CONFLICT DO UPDATE cannot touch a row
// twice in one statement (a list can repeat an object that moved between two of its pages).
template <typename T> QList<T> lastOfEachId(const QList<T> &rows)
{
    QHash<QString, qsizetype> last;
    last.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        last.insert(rows.at(i).gatewayId, i);
    if (last.size() == rows.size())
        return rows;
    QList<T> out;
    out.reserve(last.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (last.value(rows.at(i).gatewayId) == i)
            out.append(rows.at(i));
    }
    return out;
}

// Writes every row, directly during a bulk load, otherwise staged and merged in one statement.
// The staging table is emptied before and after, so a failure part-way leaves nothing behind
// for the next call. `bindRow(binder, row)` binds a row's values without synced_at.
template <typename T, typename BindRow>
bool upsertAll(Database &db, bool portable, const QString &table,
               const QStringList &columnsWithoutSync, const QList<T> &allRows, BindRow bindRow,
               QString *error)
{
    if (allRows.isEmpty())
        return true;
    const QStringList columns = columnsWithoutSync + QStringList{QStringLiteral("synced_at")};
    sqlite3 *handle = portable ? nullptr : db.sqliteHandle();
    if (handle) {
        bool deferred = false;
        if (!bulkload::prepare(db, table, &deferred, error))
            return false;
        if (deferred) {
            const Statement stmt = prepareSqlite(handle, directUpsertSql(table, columns), error);
            return stmt && stepRows(handle, stmt.get(), table, allRows, false, bindRow, error);
        }
    }
    const QList<T> rows = lastOfEachId(allRows);
    const QString clear = QStringLiteral("DELETE FROM %1").arg(stagingTable(table));
    if (!execSql(db, createStagingSql(table, columns), error) || !execSql(db, clear, error))
        return false;
    bool ok = true;
    if (handle) {
        const Statement stmt = prepareSqlite(handle, stageRowSql(table, columns), error);
        ok = stmt && stepRows(handle, stmt.get(), table, rows, true, bindRow, error);
    } else {
        QSqlQuery q(db.connection());
        if (!q.prepare(stageRowSql(table, columns)))
            return fail(error, q.lastError().text());
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const bool server = db.isPostgres();
        qint64 seq = 0;
        for (const T &row : rows) {
            QueryBinder bind(q, 0, server);
            bind(++seq);
            bindRow(bind, row);
            bind(now);
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
        m_db, m_portable, QStringLiteral("invoices"), columns, invoices,
        [accountId](auto &bind, const Invoice &inv) {
            bind(accountId);
            bind(inv.gatewayId);
            bind(inv.paymentIntent);
            bind(inv.customer);
            bind(inv.email);
            bind(inv.description);
            bind(inv.amount.minorUnits());
            bind(inv.amountRefunded.minorUnits());
            bind(inv.amount.currency());
            bind(commonStatusName(inv.status));
            bind(inv.gatewayStatus);
            bind(inv.disputed ? 1 : 0);
            bind(inv.offline ? 1 : 0);
            bind(inv.createdAt.toSecsSinceEpoch());
            bind(searchExtra({inv.gatewayId, inv.customer, inv.email, inv.description}));
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
        m_db, m_portable, QStringLiteral("refunds"), columns, refunds,
        [accountId](auto &bind, const Refund &r) {
            bind(accountId);
            bind(r.gatewayId);
            bind(r.invoiceId);
            bind(r.amount.minorUnits());
            bind(r.amount.currency());
            bind(r.reason);
            bind(r.gatewayReason);
            bind(commonStatusName(r.status));
            bind(r.gatewayStatus);
            bind(r.note);
            bind(r.failureReason);
            bind(r.operationId);
            bind(metadataJson(r.metadata));
            bind(r.createdAt.toSecsSinceEpoch());
            bind(searchExtra({r.gatewayId, r.invoiceId, r.note}));
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
        m_db, m_portable, QStringLiteral("chargebacks"), columns, chargebacks,
        [accountId](auto &bind, const Chargeback &c) {
            bind(accountId);
            bind(c.gatewayId);
            bind(c.invoiceId);
            bind(c.amount.minorUnits());
            bind(c.amount.currency());
            bind(c.reason);
            bind(c.reasonDetails);
            bind(commonStatusName(c.status));
            bind(c.gatewayStatus);
            bind(c.resolution);
            bind(c.operationId);
            bind(c.createdAt.toSecsSinceEpoch());
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
