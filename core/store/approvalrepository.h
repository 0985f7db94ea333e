// Maker-checker storage: each account's approval thresholds, and the refunds and chargebacks
// above them that wait for a second person. A request awaiting approval counts against its
// invoice's refundable amount like an open outbox entry (store/refundable.h), so two requests
// cannot together promise more than the invoice holds. Once approved, a request becomes an
// ordinary outbox operation (operation_id), sent exactly once.
#pragma once

#include "outboxrepository.h"

#include "domain/approvalpolicy.h"
#include "domain/money.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace rd {

class Database;

enum class ApprovalState { Awaiting, Approved, Rejected };
QString approvalStateName(ApprovalState s);

struct ApprovalRequest
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString account;                            // the account's name, read with the request
    OperationKind kind = OperationKind::Refund; // Refund or Chargeback, as it will be sent
    QString invoiceId;
    Money amount;
    QString reason; // the common reason, the chargeback reason text, or the dialect's own value
    QString note;
    QJsonObject params; // the draft's dialect options (see RefundService)
    ApprovalState state = ApprovalState::Awaiting;
    QString requestedBy;
    QDateTime requestedAt;
    QString decidedBy;
    QDateTime decidedAt; // invalid while awaiting
    QString why;         // why it was rejected
    QString operationId; // the outbox operation an approval became
    // The bulk file row it was asked for (RefundDraft::requestKey); empty for a single refund.
    // A re-run of the file finds the request by it instead of filing another.
    QString requestKey;
    // The request this one repeats because its approval reached nothing (0: none). A team
    // database keeps that one's requester for it; every other request is stamped with whoever
    // files it.
    qint64 refiledFrom = 0;
};

class ApprovalRepository final
{
public:
    explicit ApprovalRepository(Database &db) : m_db(db) {}

    // The account's thresholds; empty when nothing needs approval.
    Result<ApprovalPolicy> policy(qint64 accountId) const;
    // Replaces the account's thresholds with `policy` (empty: none). Runs inside the caller's
    // transaction when there is one.
    bool setPolicy(qint64 accountId, const ApprovalPolicy &policy, QString *error);

    // Inserts `request` awaiting approval; fills id and requestedAt.
    bool insert(ApprovalRequest &request, QString *error);
    Result<std::optional<ApprovalRequest>> find(qint64 id) const;
    // The newest request on the account filed for the bulk row `requestKey`, if any.
    Result<std::optional<ApprovalRequest>> latestWithRequestKey(qint64 accountId,
                                                                const QString &requestKey) const;
    // Requests still awaiting approval on every account, oldest first.
    Result<QList<ApprovalRequest>> awaiting() const;
    // The sum of requests awaiting approval on an invoice in its `currency`.
    Result<Money> awaitingAmount(qint64 accountId, const QString &invoiceId,
                                 const QString &currency) const;

    // Decides an awaiting request. False with a reason when it is no longer awaiting, or when
    // the database refuses (the requester approving their own request).
    bool approve(qint64 id, const QString &by, const QString &operationId, QString *error);
    bool reject(qint64 id, const QString &by, const QString &why, QString *error);

private:
    bool decide(qint64 id, ApprovalState to, const QString &by, const QString &why,
                const QString &operationId, QString *error);
    Result<QList<ApprovalRequest>> select(const QString &where, const QVariantList &binds) const;

    Database &m_db;
};

} // namespace rd
