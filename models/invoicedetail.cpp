#include "invoicedetail.h"

#include "displayformat.h"
#include "store/database.h"
#include "store/recordrepository.h"

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
    d.chargebacks = records.chargebacksOf(accountId, invoiceId);

    // The same context RefundService validates with, so the pane and the dialog agree with it.
    const QString currency = invoice->amount.currency();
    OutboxRepository outbox(db);
    d.context.dialect = account->dialect;
    d.context.invoice = invoice;
    d.context.refunds = d.refunds;
    d.context.chargebacks = d.chargebacks;
    d.context.inOutbox =
        outbox.openAmount(accountId, invoiceId, currency, &error).value_or(Money(0, currency));
    d.refunded = consumedAmount(d.context);
    d.waiting = d.context.inOutbox;
    d.refundable = Money(std::max<qint64>(0, invoice->amount.minorUnits() -
                                                 d.refunded.minorUnits() - d.waiting.minorUnits()),
                         currency);
    d.audit = AuditLog(db).forInvoice(account->name, invoiceId);
    for (const OutboxEntry &e : outbox.entriesOf(accountId, invoiceId)) {
        if (e.isOpen())
            d.openOperations << e;
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
