// The outbox: every refund, chargeback, cancel or metadata update is written here, committed,
// before the first byte goes to a gateway, and closed once its outcome is definite. Open
// entries (pending, unknown) count against an invoice's refundable amount and are what the
// reconciler resolves.
#pragma once

#include "domain/money.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace rd {

class Database;

enum class OutboxState { Pending, Unknown, Succeeded, Rejected };
QString outboxStateName(OutboxState s);
std::optional<OutboxState> outboxStateFromName(QStringView name);

enum class OperationKind { Refund, Chargeback, CancelRefund, UpdateRefundMetadata };
QString operationKindName(OperationKind k);
std::optional<OperationKind> operationKindFromName(QStringView name);

struct OutboxEntry
{
    qint64 id = 0;
    QString operationId; // RefundDesk's own id, carried to the gateway for matching
    qint64 accountId = 0;
    OperationKind kind = OperationKind::Refund;
    QString invoiceId; // the invoice's gateway id
    QString targetId;  // the refund a cancel or metadata update acts on
    Money amount;      // invalid for cancel / metadata updates
    QString reason;
    QString note;
    QJsonObject params; // everything else needed to resend the identical request
    QString idempotencyKey;
    OutboxState state = OutboxState::Pending;
    QString resultId; // the gateway's id of what was created
    QString message;  // the gateway's message, or why the outcome is not known
    int attempts = 0; // sends so far
    QDateTime createdAt;
    QDateTime updatedAt;

    bool isOpen() const { return state == OutboxState::Pending || state == OutboxState::Unknown; }
};

class OutboxRepository final
{
public:
    explicit OutboxRepository(Database &db) : m_db(db) {}

    // The state machine: pending -> succeeded | rejected | unknown; unknown -> succeeded |
    // rejected (via reconcile). Closed entries never change again.
    static bool canTransition(OutboxState from, OutboxState to);

    // A fresh random id, used for both operation ids and idempotency keys.
    static QString newId(QStringView prefix);

    // Inserts `entry` (state pending, attempts 0); fills id and times. Runs inside the caller's
    // transaction when there is one.
    bool insert(OutboxEntry &entry, QString *error);

    // Moves an entry along the state machine; false (with a reason) when the entry is missing or
    // the transition is not allowed from its current state.
    bool transition(const QString &operationId, OutboxState to, const QString &resultId,
                    const QString &message, QString *error);
    // Counts a send and records who is sending (kept in params.owner).
    bool recordAttempt(const QString &operationId, const QJsonObject &owner, QString *error);
    bool setOwner(const QString &operationId, const QJsonObject &owner, QString *error);

    // Reads fail with the database's reason rather than pass for "no entries": each of them
    // feeds a decision about sending money.
    Result<std::optional<OutboxEntry>> find(const QString &operationId) const;
    // Pending and unknown entries, oldest first; all accounts when `accountIds` is empty.
    Result<QList<OutboxEntry>> openEntries(const QList<qint64> &accountIds = {}) const;
    // Every entry of an account's invoice, oldest first.
    Result<QList<OutboxEntry>> entriesOf(qint64 accountId, const QString &invoiceId) const;
    // The sum of open refund/chargeback amounts on an invoice in its `currency`.
    Result<Money> openAmount(qint64 accountId, const QString &invoiceId,
                             const QString &currency) const;
    // Gateway ids already claimed by other entries of the account (for matching by amount).
    Result<QStringList> claimedResultIds(qint64 accountId) const;

private:
    Result<QList<OutboxEntry>> select(const QString &where, const QVariantList &binds) const;

    Database &m_db;
};

} // namespace rd
