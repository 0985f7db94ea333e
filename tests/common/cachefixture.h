// Builds a real cache file for model and widget tests: accounts, invoices, refunds,
// chargebacks and outbox rows written through the repositories (outbox rows by SQL).
#pragma once

#include "store/accountrepository.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace rdtest {

inline rd::Invoice makeInvoice(int n, const QString &currency, qint64 amount, qint64 createdSecs)
{
    rd::Invoice inv;
    inv.gatewayId = QStringLiteral("ch_%1").arg(n, 6, 10, QLatin1Char('0'));
    inv.customer = QStringLiteral("Customer %1").arg(n % 37);
    inv.email = QStringLiteral("c%1@example.com").arg(n % 37);
    inv.description = QStringLiteral("Order %1").arg(n);
    inv.amount = rd::Money(amount, currency);
    inv.amountRefunded = rd::Money(0, currency);
    inv.gatewayStatus = QStringLiteral("succeeded");
    inv.status = rd::CommonStatus::Succeeded;
    inv.createdAt = QDateTime::fromSecsSinceEpoch(createdSecs, Qt::UTC);
    return inv;
}

inline rd::Refund makeRefund(const QString &id, const QString &invoice, qint64 amount,
                             const QString &currency, rd::CommonStatus status, qint64 createdSecs)
{
    rd::Refund r;
    r.gatewayId = id;
    r.invoiceId = invoice;
    r.amount = rd::Money(amount, currency);
    r.reason = QStringLiteral("requested_by_customer");
    r.gatewayReason = QStringLiteral("requested_by_customer");
    r.status = status;
    r.gatewayStatus = rd::commonStatusName(status);
    r.note = QStringLiteral("note for %1").arg(invoice);
    r.createdAt = QDateTime::fromSecsSinceEpoch(createdSecs, Qt::UTC);
    return r;
}

inline bool insertOutbox(rd::Database &db, const QString &operationId, qint64 accountId,
                         const QString &invoiceId, qint64 amount, const QString &currency,
                         const QString &state, QString *error)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO outbox (operation_id, account_id, kind, invoice_id, amount, currency, "
        "idempotency_key, state, created_at, updated_at) VALUES (?, ?, 'refund', ?, ?, ?, ?, ?, "
        "?, ?)"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QVariantList values{operationId, accountId, invoiceId,
                              amount,      currency,  QStringLiteral("key-") + operationId,
                              state,       now,       now};
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace rdtest
