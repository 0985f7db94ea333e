// The value types of a refund or chargeback operation as the GUI and the CLI see them: what a
// person asked for (RefundDraft), what local validation says about it (Validation) and how it
// ended (OperationOutcome).
#pragma once

#include "domain/money.h"
#include "gateway/gateway.h"
#include "store/outboxrepository.h"

#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace rd {

struct RefundDraft
{
    qint64 accountId = 0;
    // Refund, or Chargeback (IntaSend). A Refund on an IntaSend account becomes a chargeback
    // request, since that is how IntaSend refunds.
    OperationKind kind = OperationKind::Refund;
    QString invoiceId;  // the invoice's gateway id, as in the cache
    QString amountText; // major units as typed ("12.50"); ignored when `full`
    bool full = false;  // refund everything that is still refundable
    // Refunds: a common reason (duplicate, fraudulent, requested_by_customer, other) or one of
    // the dialect's own values (Gateway::refundReasons()). Chargebacks: free text.
    QString reason;
    QString note;                    // comment / information / description / reason_details
    QString customerNotes;           // Chargebee
    QString creditNoteReasonCode;    // Chargebee credit-note reason code
    QStringList invoiceDetailIds;    // ProcessOut
    QMap<QString, QString> metadata; // Stripe, WooshPay, ProcessOut
    // A caller's stable name for this request (a bulk file's row). The outbox keeps it, and a
    // draft whose key already has a succeeded or open operation is answered by that operation
    // and not sent again. Empty: every submit is a new request.
    QString requestKey;
};

struct Validation
{
    bool ok = false;
    QString message;       // why it is refused, for a person; empty when ok
    Money captured;        // invalid when the invoice is unknown
    Money alreadyRefunded; // succeeded + pending at the gateway, as the cache knows
    Money inOutbox;        // operations of this invoice still open locally or awaiting approval
    Money refundable;      // captured - alreadyRefunded - inOutbox (never negative)
    Money amount;          // what would be sent
    QString reason;        // common reason name, or the chargeback reason text
    QString dialectReason; // the dialect's own value when the person chose one
};

// How an operation ended, as far as this process knows.
enum class OperationState {
    Refused,   // local validation said no; nothing sent
    Succeeded, // the gateway created it; `gatewayId` names it
    Rejected,  // the gateway said no (or authentication failed); closed
    NotSent,   // the gateway could not be reached before any byte went out; closed
    Unknown,   // no definite answer; kept open in the outbox for reconcile
    Failed,    // the cache could not be written; nothing was sent
    // Above the account's approval threshold: recorded as a request (`approvalId`) that
    // another person approves or rejects; nothing sent.
    AwaitingApproval,
};
QString operationStateName(OperationState s);

struct OperationOutcome
{
    OperationState state = OperationState::Failed;
    QString operationId; // empty when nothing reached the outbox
    QString gatewayId;   // the refund/chargeback id on success
    // The request awaiting approval: the one just recorded, or (NotSent after an approval)
    // the same request filed again because nothing reached the gateway.
    qint64 approvalId = 0;
    Money amount;
    QString message;    // for a person: the gateway's words, or ours
    GatewayError error; // the gateway's error, when there was one
    // True when an earlier operation with the draft's requestKey answered: nothing was sent now.
    bool earlier = false;
};

} // namespace rd

Q_DECLARE_METATYPE(rd::OperationOutcome)
