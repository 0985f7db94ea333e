#include "knownrecords.h"

#include "store/database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

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
    QSqlQuery q(db.connection());
    const QString select = QStringLiteral("SELECT gateway_id, %1 FROM %2 WHERE account_id = ? "
                                          "AND gateway_id IN (%3)")
                               .arg(columns(kind), tableName(kind), QStringLiteral("%1"));
    if (!selectByIds(q, select, accountId, ids, error))
        return false;
    const int metadataColumn = kind == RecordKind::Refunds ? 11 : -1;
    while (q.next()) {
        QStringList fields;
        const int n = q.record().count();
        for (int c = 1; c < n; ++c) {
            if (c == metadataColumn) {
                const QJsonObject o =
                    QJsonDocument::fromJson(q.value(c).toString().toUtf8()).object();
                fields << canonicalJson(o);
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
