#include "recordrepository.h"

#include "database.h"

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
QString notNull(const QString &s) { return s.isNull() ? QStringLiteral("") : s; }

QDateTime fromSecs(const QVariant &v) { return QDateTime::fromSecsSinceEpoch(v.toLongLong(), Qt::UTC); }

} // namespace

bool RecordRepository::upsertInvoices(qint64 accountId, const QList<Invoice> &invoices,
                                      QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO invoices (account_id, gateway_id, payment_intent, customer, email, "
        "description, amount, amount_refunded, currency, status, gateway_status, disputed, "
        "offline, created_at, synced_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (account_id, gateway_id) DO UPDATE SET payment_intent = excluded.payment_intent, "
        "customer = excluded.customer, email = excluded.email, description = excluded.description, "
        "amount = excluded.amount, amount_refunded = excluded.amount_refunded, "
        "currency = excluded.currency, status = excluded.status, "
        "gateway_status = excluded.gateway_status, disputed = excluded.disputed, "
        "offline = excluded.offline, created_at = excluded.created_at, "
        "synced_at = excluded.synced_at"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const Invoice &inv : invoices) {
        q.bindValue(0, accountId);
        q.bindValue(1, notNull(inv.gatewayId));
        q.bindValue(2, notNull(inv.paymentIntent));
        q.bindValue(3, notNull(inv.customer));
        q.bindValue(4, notNull(inv.email));
        q.bindValue(5, notNull(inv.description));
        q.bindValue(6, inv.amount.minorUnits());
        q.bindValue(7, inv.amountRefunded.minorUnits());
        q.bindValue(8, inv.amount.currency());
        q.bindValue(9, commonStatusName(inv.status));
        q.bindValue(10, notNull(inv.gatewayStatus));
        q.bindValue(11, inv.disputed ? 1 : 0);
        q.bindValue(12, inv.offline ? 1 : 0);
        q.bindValue(13, inv.createdAt.toSecsSinceEpoch());
        q.bindValue(14, now);
        if (!q.exec())
            return fail(error, QStringLiteral("Cannot store invoice %1: %2")
                                   .arg(inv.gatewayId, q.lastError().text()));
    }
    return true;
}

bool RecordRepository::upsertRefunds(qint64 accountId, const QList<Refund> &refunds,
                                     QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, currency, reason, "
        "gateway_reason, status, gateway_status, note, failure_reason, operation_id, metadata, "
        "created_at, synced_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (account_id, gateway_id) DO UPDATE SET invoice_id = excluded.invoice_id, "
        "amount = excluded.amount, currency = excluded.currency, reason = excluded.reason, "
        "gateway_reason = excluded.gateway_reason, status = excluded.status, "
        "gateway_status = excluded.gateway_status, note = excluded.note, "
        "failure_reason = excluded.failure_reason, operation_id = excluded.operation_id, "
        "metadata = excluded.metadata, created_at = excluded.created_at, "
        "synced_at = excluded.synced_at"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const Refund &r : refunds) {
        q.bindValue(0, accountId);
        q.bindValue(1, notNull(r.gatewayId));
        q.bindValue(2, notNull(r.invoiceId));
        q.bindValue(3, r.amount.minorUnits());
        q.bindValue(4, r.amount.currency());
        q.bindValue(5, notNull(r.reason));
        q.bindValue(6, notNull(r.gatewayReason));
        q.bindValue(7, commonStatusName(r.status));
        q.bindValue(8, notNull(r.gatewayStatus));
        q.bindValue(9, notNull(r.note));
        q.bindValue(10, notNull(r.failureReason));
        q.bindValue(11, notNull(r.operationId));
        q.bindValue(12, metadataJson(r.metadata));
        q.bindValue(13, r.createdAt.toSecsSinceEpoch());
        q.bindValue(14, now);
        if (!q.exec())
            return fail(error, QStringLiteral("Cannot store refund %1: %2")
                                   .arg(r.gatewayId, q.lastError().text()));
    }
    return true;
}

bool RecordRepository::upsertChargebacks(qint64 accountId, const QList<Chargeback> &chargebacks,
                                         QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO chargebacks (account_id, gateway_id, invoice_id, amount, currency, reason, "
        "reason_details, status, gateway_status, resolution, operation_id, created_at, "
        "synced_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (account_id, gateway_id) DO UPDATE SET invoice_id = excluded.invoice_id, "
        "amount = excluded.amount, currency = excluded.currency, reason = excluded.reason, "
        "reason_details = excluded.reason_details, status = excluded.status, "
        "gateway_status = excluded.gateway_status, resolution = excluded.resolution, "
        "operation_id = excluded.operation_id, created_at = excluded.created_at, "
        "synced_at = excluded.synced_at"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const Chargeback &c : chargebacks) {
        q.bindValue(0, accountId);
        q.bindValue(1, notNull(c.gatewayId));
        q.bindValue(2, notNull(c.invoiceId));
        q.bindValue(3, c.amount.minorUnits());
        q.bindValue(4, c.amount.currency());
        q.bindValue(5, notNull(c.reason));
        q.bindValue(6, notNull(c.reasonDetails));
        q.bindValue(7, commonStatusName(c.status));
        q.bindValue(8, notNull(c.gatewayStatus));
        q.bindValue(9, notNull(c.resolution));
        q.bindValue(10, notNull(c.operationId));
        q.bindValue(11, c.createdAt.toSecsSinceEpoch());
        q.bindValue(12, now);
        if (!q.exec())
            return fail(error, QStringLiteral("Cannot store chargeback %1: %2")
                                   .arg(c.gatewayId, q.lastError().text()));
    }
    return true;
}

std::optional<Invoice> RecordRepository::invoice(qint64 accountId, const QString &gatewayId,
                                                 QString *error) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT gateway_id, payment_intent, customer, email, description, amount, "
        "amount_refunded, currency, status, gateway_status, disputed, offline, created_at "
        "FROM invoices WHERE account_id = ? AND gateway_id = ?"));
    q.bindValue(0, accountId);
    q.bindValue(1, gatewayId);
    if (!q.exec() || !q.next()) {
        fail(error, QStringLiteral("Invoice %1 is not in the cache; sync the account first.")
                        .arg(gatewayId));
        return std::nullopt;
    }
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
    return inv;
}

QList<Refund> RecordRepository::refundsOf(qint64 accountId, const QString &invoiceId) const
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
        return out;
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

QList<Chargeback> RecordRepository::chargebacksOf(qint64 accountId, const QString &invoiceId) const
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
        return out;
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
