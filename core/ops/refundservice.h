// Issues refunds, chargeback requests, refund cancels and refund metadata updates for one
// account, exactly once: validate locally, commit to the outbox with a fresh idempotency key,
// then send (see DESIGN.md, "Exactly-once refunds"). For the GUI and the CLI alike.
//
// Use from the thread that owns `db` and `gateway`:
//   auto *service = new RefundService(db, account, gateway, parent);
//   const Validation v = service->validate(draft);   // cache only, no network: call as the
//                                                    // person types; v.refundable, v.message
//   connect(service, &RefundService::finished, ...); // exactly once per submit/cancel/update
//   service->submit(draft);                          // returns at once
// A finished() with state Unknown means the operation stays in the outbox until a Reconciler
// resolves it; never submit it again as a new draft.
#pragma once

#include "operation.h"
#include "operationexecutor.h"

#include "domain/result.h"
#include "store/accountrepository.h"
#include "store/approvalrepository.h"
#include "store/database.h"

#include <QObject>

#include <functional>
#include <optional>

namespace rd {

class Database;

class RefundService final : public QObject
{
    Q_OBJECT
public:
    RefundService(Database &db, const Account &account, Gateway *gateway,
                  QObject *parent = nullptr);

    const Account &account() const { return m_account; }

    // Local rules only (cache + outbox): refundable amount, precision, invoice state, reason.
    // `alsoHeld` is counted as if it were open in the outbox too: what earlier rows of a dry
    // run would take from the same invoice.
    Validation validate(const RefundDraft &draft, const Money &alsoHeld = Money()) const;
    // The operation an earlier submit of draft.requestKey left succeeded or still open, as an
    // outcome with `earlier` set; nullopt when there is none (or no key) and the draft may be
    // sent. A rejected earlier attempt refunded nothing and does not count.
    Result<std::optional<OperationOutcome>> earlierOutcome(const RefundDraft &draft) const;

    // Refuses at once what the cache refuses. Otherwise re-reads the invoice and its refunds
    // (IntaSend: chargebacks; a disputed payment's disputes too) from the gateway into the
    // cache, so a refund made elsewhere is counted and refused here rather than by the
    // gateway; then validates again under the database's write lock, commits the outbox entry,
    // sends.
    // When the re-read fails, the cache as it stands decides (the gateway still enforces its
    // own limit, and the outbox protocol holds either way).
    void submit(const RefundDraft &draft);
    // A refund or chargeback above the account's approval threshold is not sent: it is
    // recorded as an approval request (finished() with AwaitingApproval and its id), with
    // nothing read from or sent to the gateway.

    // Approves request `approvalId` of this account as the acting user (never its requester)
    // and sends it exactly once, as submit() does: the invoice is read again from the gateway
    // and the refundable rule checked again, without the request's own amount. A refusal
    // leaves the request awaiting a decision.
    void approve(qint64 approvalId);
    // Off for a caller that has just synced, or that must not read before writing.
    void setRefreshBeforeSend(bool on) { m_refreshBeforeSend = on; }
    // Stripe: cancels a refund that is waiting in requires_action.
    void cancelRefund(const QString &refundId);
    // Stripe: sets (or, with an empty value, unsets) metadata keys of a refund.
    void updateRefundMetadata(const QString &refundId, const QMap<QString, QString> &metadata);

Q_SIGNALS:
    void finished(const rd::OperationOutcome &outcome);

private:
    Validation validateLocked(const RefundDraft &draft, QString *error,
                              const Money &alsoHeld = Money()) const;
    void refreshThen(const QString &invoiceId, const std::function<void()> &then);
    void submitChecked(const RefundDraft &draft);
    void approveChecked(qint64 approvalId, const RefundDraft &draft);
    // Inside the caller's write transaction; a failed read rolls it back and finishes.
    std::optional<Validation> validateInTransaction(const RefundDraft &draft);
    // An approved request whose send never reached the gateway: filed again, awaiting
    // approval, for the same requester, so nothing is lost and nothing is sent behind anyone's
    // back.
    void refileUnsent(const ApprovalRequest &request, OperationOutcome &outcome);
    bool needsApproval(const Money &amount, QString *error) const;
    void requestApproval(const RefundDraft &draft, const Validation &v);
    OutboxEntry entryFor(const RefundDraft &draft, const Validation &v) const;
    void refuseLater(const QString &message, const Money &amount = Money());
    void submitTargeted(OperationKind kind, const QString &refundId,
                        const QMap<QString, QString> &metadata);
    void queueAndSend(OutboxEntry entry, const QString &refusal);
    void finishLater(const OperationOutcome &outcome);
    void failLater(const QString &why); // the cache failed before anything was sent
    void auditRefusal(const QString &invoiceId, const Money &amount, const QString &reason,
                      const QString &message);

    Database &m_db;
    Account m_account;
    Gateway *m_gateway;
    OperationExecutor m_executor;
    bool m_refreshBeforeSend = true;
    // The request being sent by approve(): if nothing reaches the gateway it waits again.
    std::optional<ApprovalRequest> m_sendingApproval;
};

} // namespace rd
