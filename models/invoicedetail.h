// Everything the detail pane and the refund dialog need about one invoice, read in one go on a
// worker connection: the invoice, its refunds, chargebacks, audit entries, open outbox entries
// and the amount still refundable.
#pragma once

#include "cacheworker.h"
#include "ops/refundrules.h"
#include "store/accountrepository.h"
#include "store/auditlog.h"
#include "store/outboxrepository.h"

#include <QList>
#include <QObject>

#include <memory>

namespace rd {

struct InvoiceDetail
{
    bool found = false;
    QString error;
    Account account;
    Invoice invoice;
    QList<Refund> refunds;
    QList<Chargeback> chargebacks;
    QList<AuditEntry> audit;
    QList<OutboxEntry> openOperations;
    // What the ops rules validate a refund against (ops/refundrules.h); the dialogs call
    // validateDraft() on it as the person types. dialectReasons is filled by the UI.
    RefundContext context;
    // The one refundable rule (store/refundable.h) over the same context, so the pane, the
    // table, the reports and the refund check show one figure.
    RefundableFigures figures;

    // Reads it all on the calling thread's connection (the loader calls it on its worker).
    static InvoiceDetail read(Database &db, qint64 accountId, const QString &invoiceId);
};

class InvoiceDetailLoader final : public QObject
{
    Q_OBJECT
public:
    explicit InvoiceDetailLoader(const QString &databasePath, QObject *parent = nullptr);
    ~InvoiceDetailLoader() override;

    // Asynchronous; only the answer to the latest request is delivered.
    void load(qint64 accountId, const QString &invoiceId);
    void clear();

Q_SIGNALS:
    void loaded(const rd::InvoiceDetail &detail);

private:
    std::unique_ptr<CacheWorker> m_worker;
    quint64 m_generation = 0;
};

} // namespace rd

Q_DECLARE_METATYPE(rd::InvoiceDetail)
