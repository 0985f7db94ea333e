// Everything the detail pane and the refund dialog need about one invoice, read in one go on a
// worker connection: the invoice, its refunds, chargebacks, audit entries, open outbox entries
// and the amount still refundable.
#pragma once

#include "cacheworker.h"
#include "domain/records.h"
#include "store/accountrepository.h"

#include <QList>
#include <QObject>

#include <memory>

namespace rd {

struct AuditEntry
{
    QDateTime at;
    QString action;
    QString operationId;
    Money amount; // invalid when the entry has none
    QString outcome;
    QString message;
};

struct OutboxEntry
{
    QString operationId;
    QString kind;
    QString state;
    Money amount;
    QString message;
    QDateTime createdAt;
};

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
    Money refunded;   // succeeded + pending refunds (or the gateway's figure when larger)
    Money waiting;    // refunds in the outbox not yet seen on the gateway
    Money refundable; // amount − refunded − waiting, never below zero

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
