// Sends one outbox entry to its gateway and writes down what came of it: the outbox transition,
// the audit row and the created record in the cache, in one transaction. RefundService uses it
// for the first send, Reconciler for retries with the same idempotency key and operation id.
#pragma once

#include "operation.h"

#include "store/accountrepository.h"

#include <QJsonObject>

#include <functional>

namespace rd {

class Database;

class OperationExecutor final
{
public:
    using Done = std::function<void(const OperationOutcome &)>;

    OperationExecutor(Database &db, const Account &account, Gateway *gateway);

    // Counts the attempt (committed, and so on disk, before the first byte), sends `entry` as
    // it was committed, and applies the answer. `firstSend` is true for the send right after
    // the outbox write: only then may "could not connect" close the entry as not sent (a retry
    // of an entry whose earlier attempt may have reached the gateway stays open instead).
    // `done` runs once the cache is written.
    void send(const OutboxEntry &entry, bool firstSend, Done done);
    // The two halves of send(), for a caller that writes the entry itself: recordAttempt()
    // counts and audits the attempt inside the caller's write transaction; once the caller
    // has committed it, transmit() sends and applies the answer as send() does.
    bool recordAttempt(OutboxEntry &entry, QString *error);
    void transmit(const OutboxEntry &entry, bool firstSend, Done done);

    // Closes `entry` as succeeded with a record found at the gateway (reconcile by listing).
    OperationOutcome closeFound(const OutboxEntry &entry, const Refund *refund,
                                const Chargeback *chargeback, const QString &how);

    // Writes one audit row for `entry`; false with a reason when the log cannot be written.
    bool audit(const OutboxEntry &entry, const QString &action, const QString &outcome,
               const QString &message, QString *error = nullptr) const;

    // {"host", "pid", "sending": true}: marks an entry as in the hands of this process.
    static QJsonObject ownerStamp();
    // Whether `entry` is being sent right now: by this process (see setInFlight), or by another
    // live process on this machine (its owner stamp). Reconcile leaves such entries alone.
    static bool isBeingSent(const OutboxEntry &entry);
    // Marks an operation as handed to a gateway by this process, until its answer is recorded.
    static void setInFlight(const QString &operationId, bool inFlight);
    // Test-only fault point: when REFUNDDESK_TEST_CRASH_AT equals `point`, the process kills
    // itself with SIGKILL, leaving the cache exactly as a crash at that moment would.
    static void crashPointForTests(const char *point);

private:
    OperationOutcome apply(const OutboxEntry &entry, bool firstSend, const GatewayError &error,
                           const Refund *refund, const Chargeback *chargeback);
    bool storeRecord(const OutboxEntry &entry, const Refund *refund, const Chargeback *chargeback,
                     QString *error);

    Database &m_db;
    Account m_account;
    Gateway *m_gateway;
};

// Builds the gateway request for an outbox entry: the same bytes on every attempt.
RefundRequest refundRequestFor(const OutboxEntry &entry);
ChargebackRequest chargebackRequestFor(const OutboxEntry &entry);

} // namespace rd
