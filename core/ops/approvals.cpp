#include "approvals.h"

#include "store/actinguser.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/teamroles.h"

#include <QJsonArray>

namespace rd {

RefundDraft draftOf(const ApprovalRequest &r)
{
    RefundDraft d;
    d.accountId = r.accountId;
    d.kind = r.kind;
    d.invoiceId = r.invoiceId;
    d.amountText = r.amount.toDecimalString();
    d.full = false;
    d.reason = r.reason;
    d.note = r.note;
    d.requestKey = r.requestKey; // so the approved send carries the bulk row's key
    d.customerNotes = r.params.value(QStringLiteral("customer_notes")).toString();
    d.creditNoteReasonCode = r.params.value(QStringLiteral("credit_note_reason_code")).toString();
    for (const QJsonValue &v : r.params.value(QStringLiteral("invoice_detail_ids")).toArray())
        d.invoiceDetailIds << v.toString();
    const QJsonObject metadata = r.params.value(QStringLiteral("metadata")).toObject();
    for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it)
        d.metadata.insert(it.key(), it.value().toString());
    return d;
}

Result<ApprovalRequest> decidableRequest(Database &db, qint64 id, const QString &actor,
                                         bool approving)
{
    const auto found = ApprovalRepository(db).find(id);
    if (!found)
        return Error{found.error()};
    if (!*found)
        return Error{QStringLiteral("There is no approval request %1.").arg(id)};
    const ApprovalRequest &r = **found;
    if (r.state != ApprovalState::Awaiting)
        return Error{QStringLiteral("Approval request %1 was already %2 by %3.")
                         .arg(id)
                         .arg(approvalStateName(r.state), r.decidedBy)};
    if (actor.trimmed().isEmpty())
        return Error{QStringLiteral("Cannot tell who is acting, so nobody can decide approval "
                                    "request %1.")
                         .arg(id)};
    // On a team database the server decides who may decide: refunddesk_approver (or the
    // database owner). The grants and triggers refuse a direct write as well; asking first
    // gives the person a clear refusal instead of a permission error.
    if (db.isPostgres()) {
        const auto role = team::currentRole(db);
        if (!role)
            return Error{role.error()};
        if (!team::mayDecide(*role))
            return Error{QStringLiteral("%1 may not decide approval requests: that needs the "
                                        "refunddesk_approver role (team grant %1 approver).")
                             .arg(actor)};
    }
    if (approving && sameUser(actor, r.requestedBy))
        return Error{QStringLiteral("%1 requested approval request %2 and cannot approve it; "
                                    "another person must.")
                         .arg(r.requestedBy)
                         .arg(id)};
    return r;
}

bool auditApproval(Database &db, const ApprovalRequest &r, const QString &action,
                   const QString &outcome, const QString &message, const QString &operationId,
                   QString *error)
{
    AuditEntry a;
    a.account = r.account;
    a.invoiceId = r.invoiceId;
    a.operationId = operationId;
    a.action = action;
    a.amount = r.amount;
    a.reason = r.reason;
    a.outcome = outcome;
    a.message = message;
    return AuditLog(db).append(a, error);
}

Result<ApprovalRequest> rejectApproval(Database &db, qint64 id, const QString &why)
{
    if (why.trimmed().isEmpty())
        return Error{QStringLiteral("Say why the request is rejected.")};
    const QString actor = actingUser(db);
    QString error;
    if (!db.beginImmediate(&error))
        return Error{QStringLiteral("Cannot lock the cache: %1").arg(error)};
    auto r = decidableRequest(db, id, actor, false);
    if (!r) {
        db.rollback();
        return r;
    }
    if (!ApprovalRepository(db).reject(id, actor, why.trimmed(), &error) ||
        !auditApproval(db, *r, QStringLiteral("reject"), QStringLiteral("rejected"),
                       QStringLiteral("approval request %1 of %2 rejected: %3")
                           .arg(id)
                           .arg(r->requestedBy, why.trimmed()),
                       QString(), &error) ||
        !db.commit(&error)) {
        db.rollback();
        return Error{error};
    }
    r->state = ApprovalState::Rejected;
    r->decidedBy = actor;
    r->why = why.trimmed();
    return r;
}

} // namespace rd
