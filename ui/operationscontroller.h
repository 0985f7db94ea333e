// Sends what the dialogs return (refunds, chargeback requests, refund cancels and metadata
// edits) through the exactly-once RefundService, and reconciles open outbox entries. Finds
// each account's secret, builds its gateway adapter, and hands back the OperationOutcome.
#pragma once

#include "operationtypes.h"
#include "store/accountrepository.h"

#include <QObject>

#include <functional>
#include <memory>

namespace rd {

class CacheWorker;
class Database;
class SecretSource;
class Gateway;
struct ReconcileSummary;

class OperationsController final : public QObject
{
    Q_OBJECT
public:
    // `db` is the window's connection, used for account look-ups; sending runs on a worker
    // thread with its own connection to the same cache.
    OperationsController(Database &db, SecretSource *secrets, QObject *parent = nullptr);
    ~OperationsController() override;

    // Empty when operations can be sent; otherwise why not, for a person.
    QString unavailableReason() const { return QString(); }
    static bool canFileChargebacks(Dialect d) { return d == Dialect::IntaSend; }
    static bool canCancelRefunds(Dialect d) { return d == Dialect::Stripe; }
    static bool canEditRefundMetadata(Dialect d) { return d == Dialect::Stripe; }
    // The dialect's own refund reasons (Gateway::refundReasons()).
    static QStringList dialectReasons(const Account &account);

    using Done = std::function<void(const OperationOutcome &)>;
    void submitRefund(const RefundDraft &draft, Done done); // refunds and chargeback requests
    void cancelRefund(qint64 accountId, const QString &refundId, Done done);
    void updateRefundMetadata(const RefundMetadataDraft &draft, Done done);
    // Approves request `approvalId` of account `accountId` as the acting user and sends it
    // exactly once (RefundService::approve()).
    void approveRequest(qint64 accountId, qint64 approvalId, Done done);
    // Rejects request `approvalId` with `why`; `done` gets an empty string or why it failed.
    void rejectRequest(qint64 approvalId, const QString &why,
                       std::function<void(const QString &error)> done);
    // Resolves pending/unknown outbox entries of these accounts (all when empty).
    void reconcile(const QList<qint64> &accountIds);

Q_SIGNALS:
    // Something was written to the cache or the outbox: views refresh.
    void cacheChanged();
    void reconciled(const QString &summary);

private:
    using Work = std::function<void(class RefundService *service)>;
    void withService(qint64 accountId, Done done, Work work);
    // On the worker thread: a parent for one operation's adapter and service.
    QObject *holderOnWorker();
    // From the worker thread: hands the outcome to `done` on this object's thread.
    void deliver(const Done &done, const OperationOutcome &outcome);

    Database &m_db; // the window's connection: account look-ups only
    SecretSource *m_secrets;
    std::unique_ptr<CacheWorker> m_worker; // its own thread and connection for sending
    QObject *m_root = nullptr;             // lives on the worker thread
    bool m_reconciling = false;
};

} // namespace rd
