// Resolves outbox entries whose outcome is not known (no answer, 5xx, a crash mid-send): lists
// the invoice's refunds or chargebacks and matches the operation id (then amount and time), and
// otherwise resends the identical request with the same idempotency key and operation id.
// Never a new key. Run on every start of the CLI and GUI, after every sync, and on
// `refunddesk-cli reconcile`.
//
//   Reconciler::GatewayProvider provider = [&](const Account &a, QString *error) -> Gateway * {
//       return gatewayFor(a, error);  // owned by the caller; nullptr with a reason if none
//   };
//   auto *r = new Reconciler(db, provider, parent);
//   connect(r, &Reconciler::finished, ...);  // exactly once per reconcile() call
//   r->reconcile({account.id});              // or {} for every account
#pragma once

#include "operation.h"

#include "store/accountrepository.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>

#include <functional>
#include <memory>

namespace rd {

class Database;
class OperationExecutor;

struct ReconcileSummary
{
    int examined = 0;  // open entries looked at
    int succeeded = 0; // found at the gateway or created by the retry
    int rejected = 0;  // the retry was refused by the gateway: closed
    int stillOpen = 0; // still pending or unknown (no answer again, listing failed, ...)
    int busy = 0;      // being sent by another live process right now: left alone
    QList<OperationOutcome> outcomes;
    QStringList problems; // one sentence each, for a person
};

class Reconciler final : public QObject
{
    Q_OBJECT
public:
    using GatewayProvider = std::function<Gateway *(const Account &, QString *error)>;

    Reconciler(Database &db, GatewayProvider provider, QObject *parent = nullptr);
    ~Reconciler() override;

    // Starts reconciling the open entries of `accountIds` (all accounts when empty). Calls
    // made while one is running are folded into it.
    void reconcile(const QList<qint64> &accountIds = {});
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void entryResolved(const rd::OperationOutcome &outcome);
    void finished(const rd::ReconcileSummary &summary);

private:
    void next();
    bool claim(const OutboxEntry &entry, OutboxEntry *claimed);
    void release(const QString &operationId);
    void listAndMatch(const OutboxEntry &entry, OperationExecutor *executor, const Account &account,
                      Gateway *gateway, const QString &cursor, int pages);
    void resend(const OutboxEntry &entry, OperationExecutor *executor);
    void done(const OutboxEntry &entry, const OperationOutcome &outcome);
    void leaveOpen(const OutboxEntry &entry, const QString &why);
    OperationExecutor *executorFor(const Account &account, Gateway *gateway);

    Database &m_db;
    GatewayProvider m_provider;
    bool m_running = false;
    QList<OutboxEntry> m_queue;
    ReconcileSummary m_summary;
    QHash<qint64, std::shared_ptr<OperationExecutor>> m_executors;
    QList<Refund> m_foundRefunds;
    QList<Chargeback> m_foundChargebacks;
};

} // namespace rd

Q_DECLARE_METATYPE(rd::ReconcileSummary)
