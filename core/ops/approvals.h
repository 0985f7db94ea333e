// The maker-checker steps that need no gateway: turning a request back into the draft it was
// made from, and rejecting a request. Approving sends money and is RefundService::approve().
#pragma once

#include "operation.h"

#include "domain/result.h"
#include "store/approvalrepository.h"

namespace rd {

class Database;

// The draft a request was made from, with its amount fixed: an approver approves that amount,
// never "whatever is left" at approval time.
RefundDraft draftOf(const ApprovalRequest &request);

// The request with `id` if it can still be decided by `actor`; otherwise the sentence saying
// why not (missing, already decided, or, when `approving`, the actor's own request).
Result<ApprovalRequest> decidableRequest(Database &db, qint64 id, const QString &actor,
                                         bool approving);

// Rejects request `id` as the acting user with `why` (required), and writes the audit row.
// Nothing is sent. The requester may reject (withdraw) their own request.
Result<ApprovalRequest> rejectApproval(Database &db, qint64 id, const QString &why);

// One audit row for a maker-checker step (request, approve, reject, refused approval).
bool auditApproval(Database &db, const ApprovalRequest &request, const QString &action,
                   const QString &outcome, const QString &message, const QString &operationId,
                   QString *error = nullptr);

} // namespace rd
