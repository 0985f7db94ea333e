#include "invoicedetail.h"

#include "displayformat.h"
#include "ops/refundcontext.h"
#include "store/database.h"

namespace rd {

InvoiceDetail InvoiceDetail::read(Database &db, qint64 accountId, const QString &invoiceId)
{
    InvoiceDetail d;
    const auto account = AccountRepository(db).findById(accountId);
    if (!account) {
        d.error = account.error();
        return d;
    }
    d.account = *account;
    auto context = readRefundContext(db, accountId, account->dialect, invoiceId);
    if (!context) {
        d.error = context.error();
        return d;
    }
    if (!context->invoice) {
        d.error = QStringLiteral("Invoice %1 is not in the cache; sync the account first.")
                      .arg(invoiceId);
        return d;
    }
    auto audit = AuditLog(db).forInvoice(account->name, invoiceId);
    auto entries = OutboxRepository(db).entriesOf(accountId, invoiceId);
    if (!audit || !entries) {
        d.error = audit ? entries.error() : audit.error();
        return d;
    }
    // The same context RefundService validates with, so the pane and the dialog agree with it.
    d.found = true;
    d.context = *context;
    d.invoice = *context->invoice;
    d.refunds = context->refunds;
    d.chargebacks = context->chargebacks;
    d.figures = refundableOf(d.context);
    d.audit = *audit;
    for (const OutboxEntry &e : *entries) {
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
