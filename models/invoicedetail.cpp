#include "invoicedetail.h"

#include "displayformat.h"
#include "refundablesql.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QSqlQuery>

namespace rd {

InvoiceDetail InvoiceDetail::read(Database &db, qint64 accountId, const QString &invoiceId)
{
    InvoiceDetail d;
    QString error;
    const auto account = AccountRepository(db).findById(accountId, &error);
    if (!account) {
        d.error = error;
        return d;
    }
    d.account = *account;
    RecordRepository records(db);
    const auto invoice = records.invoice(accountId, invoiceId, &error);
    if (!invoice) {
        d.error = error;
        return d;
    }
    d.found = true;
    d.invoice = *invoice;
    d.refunds = records.refundsOf(accountId, invoiceId);
    if (!invoice->paymentIntent.isEmpty() && invoice->paymentIntent != invoiceId)
        d.refunds += records.refundsOf(accountId, invoice->paymentIntent);
    d.chargebacks = records.chargebacksOf(accountId, invoiceId);

    const QString currency = invoice->amount.currency();
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT ") + refundablesql::refunded(QStringLiteral("i")) +
              QStringLiteral(", ") + refundablesql::waitingInOutbox(QStringLiteral("i")) +
              QStringLiteral(" FROM invoices i WHERE i.account_id = ? AND i.gateway_id = ?"));
    q.bindValue(0, accountId);
    q.bindValue(1, invoiceId);
    qint64 refunded = invoice->amountRefunded.minorUnits();
    qint64 waiting = 0;
    if (q.exec() && q.next()) {
        refunded = q.value(0).toLongLong();
        waiting = q.value(1).toLongLong();
    }
    d.refunded = Money(refunded, currency);
    d.waiting = Money(waiting, currency);
    d.refundable =
        Money(std::max<qint64>(0, invoice->amount.minorUnits() - refunded - waiting), currency);

    q.prepare(QStringLiteral("SELECT at, action, operation_id, amount, currency, outcome, message "
                             "FROM audit_log WHERE account = ? AND invoice_id = ? ORDER BY at, "
                             "id"));
    q.bindValue(0, account->name);
    q.bindValue(1, invoiceId);
    if (q.exec()) {
        while (q.next()) {
            AuditEntry e;
            e.at = display::utc(q.value(0).toLongLong());
            e.action = q.value(1).toString();
            e.operationId = q.value(2).toString();
            if (!q.value(3).isNull())
                e.amount = Money(q.value(3).toLongLong(), q.value(4).toString());
            e.outcome = q.value(5).toString();
            e.message = q.value(6).toString();
            d.audit << e;
        }
    }
    q.prepare(QStringLiteral("SELECT operation_id, kind, state, amount, currency, message, "
                             "created_at FROM outbox WHERE account_id = ? AND invoice_id = ? AND "
                             "state IN ('pending', 'unknown') ORDER BY created_at, id"));
    q.bindValue(0, accountId);
    q.bindValue(1, invoiceId);
    if (q.exec()) {
        while (q.next()) {
            OutboxEntry e;
            e.operationId = q.value(0).toString();
            e.kind = q.value(1).toString();
            e.state = q.value(2).toString();
            e.amount = Money(q.value(3).toLongLong(), q.value(4).toString());
            e.message = q.value(5).toString();
            e.createdAt = display::utc(q.value(6).toLongLong());
            d.openOperations << e;
        }
    }
    return d;
}

InvoiceDetailLoader::InvoiceDetailLoader(const QString &databasePath, QObject *parent)
    : QObject(parent), m_worker(std::make_unique<CacheWorker>(databasePath))
{}

InvoiceDetailLoader::~InvoiceDetailLoader()
{
    m_worker.reset();
}

void InvoiceDetailLoader::load(qint64 accountId, const QString &invoiceId)
{
    const quint64 generation = ++m_generation;
    m_worker->post(
        [this, generation, accountId, invoiceId](Database *db, const QString &openError) {
            InvoiceDetail d;
            if (db)
                d = InvoiceDetail::read(*db, accountId, invoiceId);
            else
                d.error = openError;
            QMetaObject::invokeMethod(
                this,
                [this, generation, d] {
                    if (generation == m_generation)
                        Q_EMIT loaded(d);
                },
                Qt::QueuedConnection);
        });
}

void InvoiceDetailLoader::clear()
{
    ++m_generation;
}

} // namespace rd
