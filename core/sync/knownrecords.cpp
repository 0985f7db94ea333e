#include "knownrecords.h"

#include "store/database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <sqlite3.h>

namespace rd::knownrecords {

namespace {

const QChar separator(0x1f); // ASCII unit separator: never part of gateway text we keep

// The columns compared, in the order fingerprint() lists the record's fields.
QString columns(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Invoices:
        return QStringLiteral("payment_intent, customer, email, description, amount, "
                              "amount_refunded, currency, status, gateway_status, disputed, "
                              "offline, created_at");
    case RecordKind::Refunds:
        return QStringLiteral("invoice_id, amount, currency, reason, gateway_reason, status, "
                              "gateway_status, note, failure_reason, operation_id, metadata, "
                              "created_at");
    case RecordKind::Chargebacks:
        return QStringLiteral("invoice_id, amount, currency, reason, reason_details, status, "
                              "gateway_status, resolution, operation_id, created_at");
    }
    return QString();
}

// Metadata is compared in one canonical form: compact JSON with sorted keys.
QString canonicalJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString metadataText(const QMap<QString, QString> &metadata)
{
    QJsonObject o;
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it)
        o.insert(it.key(), it.value());
    return canonicalJson(o);
}

QString join(const QStringList &fields)
{
    return fields.join(separator);
}

QString secs(const QDateTime &t)
{
    return QString::number(t.toSecsSinceEpoch());
}

bool failWith(QString *error, const QSqlQuery &q)
{
    if (error)
        *error = QStringLiteral("Cannot read the cache: %1").arg(q.lastError().text());
    return false;
}

// "?,?,?" for n placeholders.
QString placeholders(qsizetype n)
{
    QString s;
    s.reserve(n * 2);
    for (qsizetype i = 0; i < n; ++i)
        s += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
    return s;
}

// Runs `select` (which ends in "IN (%1)") for the account and ids; the caller reads q.
bool selectByIds(QSqlQuery &q, const QString &select, qint64 accountId, const QStringList &ids,
                 QString *error)
{
    q.setForwardOnly(true);
    q.prepare(select.arg(placeholders(ids.size())));
    q.addBindValue(accountId);
    for (const QString &id : ids)
        q.addBindValue(id);
    return q.exec() || failWith(error, q);
}

// On a SQLite cache: one prepared lookup by (account, gateway id) stepped once per id through
// SQLite's C API. Preparing an "IN (?, ?, ... ?)" of a hundred ids cost more than all the
// lookups together. `select` ends in "gateway_id = ?"; `take(stmt)` reads a found row, whose
// first column is the gateway id.
template <typename Take>
bool sqliteLookups(sqlite3 *handle, const QString &select, qint64 accountId, const QStringList &ids,
                   Take take, QString *error)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray sql = select.toUtf8();
    int rc = sqlite3_prepare_v2(handle, sql.constData(), int(sql.size()), &stmt, nullptr);
    for (qsizetype i = 0; rc == SQLITE_OK && i < ids.size(); ++i) {
        const QString &id = ids.at(i);
        rc = sqlite3_bind_int64(stmt, 1, accountId);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text16(stmt, 2,
                                     id.isNull() ? static_cast<const void *>(u"") : id.utf16(),
                                     int(id.size() * sizeof(QChar)), SQLITE_STATIC);
        if (rc == SQLITE_OK) {
            while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
                take(stmt);
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
        sqlite3_reset(stmt);
    }
    if (rc != SQLITE_OK && error)
        *error = QStringLiteral("Cannot read the cache: %1")
                     .arg(QString::fromUtf8(sqlite3_errmsg(handle)));
    sqlite3_finalize(stmt);
    return rc == SQLITE_OK;
}

// A column as QSqlQuery's value(c).toString() gives it for the types the cache stores.
QString columnText(sqlite3_stmt *stmt, int c)
{
    switch (sqlite3_column_type(stmt, c)) {
    case SQLITE_INTEGER:
        return QString::number(sqlite3_column_int64(stmt, c));
    case SQLITE_NULL:
        return QString();
    case SQLITE_FLOAT:
        return QString::number(sqlite3_column_double(stmt, c), 'g', 17);
    default: {
        const void *text = sqlite3_column_text16(stmt, c);
        return QString(static_cast<const QChar *>(text),
                       sqlite3_column_bytes16(stmt, c) / qsizetype(sizeof(QChar)));
    }
    }
}

} // namespace

QString fingerprint(const Invoice &i)
{
    return join({i.paymentIntent, i.customer, i.email, i.description,
                 QString::number(i.amount.minorUnits()),
                 QString::number(i.amountRefunded.minorUnits()), i.amount.currency(),
                 commonStatusName(i.status), i.gatewayStatus, QString::number(i.disputed ? 1 : 0),
                 QString::number(i.offline ? 1 : 0), secs(i.createdAt)});
}

QString fingerprint(const Refund &r)
{
    return join({r.invoiceId, QString::number(r.amount.minorUnits()), r.amount.currency(), r.reason,
                 r.gatewayReason, commonStatusName(r.status), r.gatewayStatus, r.note,
                 r.failureReason, r.operationId, metadataText(r.metadata), secs(r.createdAt)});
}

QString fingerprint(const Chargeback &c)
{
    return join({c.invoiceId, QString::number(c.amount.minorUnits()), c.amount.currency(), c.reason,
                 c.reasonDetails, commonStatusName(c.status), c.gatewayStatus, c.resolution,
                 c.operationId, secs(c.createdAt)});
}

bool cachedFingerprints(Database &db, RecordKind kind, qint64 accountId, const QStringList &ids,
                        QHash<QString, QString> *out, QString *error)
{
    out->clear();
    if (ids.isEmpty())
        return true;
    const int metadataColumn = kind == RecordKind::Refunds ? 11 : -1;
    const auto canonicalMetadata = [](const QString &text) {
        return canonicalJson(QJsonDocument::fromJson(text.toUtf8()).object());
    };
    if (sqlite3 *handle = db.sqliteHandle()) {
        const QString select =
            QStringLiteral("SELECT gateway_id, %1 FROM %2 WHERE account_id = ? AND gateway_id = ?")
                .arg(columns(kind), tableName(kind));
        return sqliteLookups(
            handle, select, accountId, ids,
            [&](sqlite3_stmt *stmt) {
                QStringList fields;
                const int n = sqlite3_column_count(stmt);
                fields.reserve(n - 1);
                for (int c = 1; c < n; ++c) {
                    fields << (c == metadataColumn ? canonicalMetadata(columnText(stmt, c))
                                                   : columnText(stmt, c));
                }
                out->insert(columnText(stmt, 0), join(fields));
            },
            error);
    }
    QSqlQuery q(db.connection());
    const QString select = QStringLiteral("SELECT gateway_id, %1 FROM %2 WHERE account_id = ? "
                                          "AND gateway_id IN (%3)")
                               .arg(columns(kind), tableName(kind), QStringLiteral("%1"));
    if (!selectByIds(q, select, accountId, ids, error))
        return false;
    while (q.next()) {
        QStringList fields;
        const int n = q.record().count();
        for (int c = 1; c < n; ++c) {
            if (c == metadataColumn) {
                fields << canonicalMetadata(q.value(c).toString());
            } else {
                fields << q.value(c).toString();
            }
        }
        out->insert(q.value(0).toString(), join(fields));
    }
    return true;
}

bool invoiceSyncTimes(Database &db, qint64 accountId, const QStringList &ids,
                      QHash<QString, qint64> *out, QString *error)
{
    out->clear();
    if (ids.isEmpty())
        return true;
    if (sqlite3 *handle = db.sqliteHandle()) {
        return sqliteLookups(
            handle,
            QStringLiteral("SELECT gateway_id, synced_at FROM invoices WHERE account_id = ? AND "
                           "gateway_id = ?"),
            accountId, ids,
            [out](sqlite3_stmt *stmt) {
                out->insert(columnText(stmt, 0), sqlite3_column_int64(stmt, 1));
            },
            error);
    }
    QSqlQuery q(db.connection());
    if (!selectByIds(q,
                     QStringLiteral("SELECT gateway_id, synced_at FROM invoices WHERE "
                                    "account_id = ? AND gateway_id IN (%1)"),
                     accountId, ids, error))
        return false;
    while (q.next())
        out->insert(q.value(0).toString(), q.value(1).toLongLong());
    return true;
}

} // namespace rd::knownrecords
