// The local rules a refund or chargeback must pass before anything is sent: amount and currency
// precision, the refundable amount, the invoice's state and the reason. Pure functions over
// what the cache and the outbox hold, so they are tested row by row.
#pragma once

#include "operation.h"

#include "domain/records.h"
#include "store/refundable.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace rd {

struct RefundContext
{
    Dialect dialect = Dialect::Stripe;
    std::optional<Invoice> invoice; // nullopt when the cache does not hold it
    QList<Refund> refunds;          // the invoice's refunds in the cache
    QList<Chargeback> chargebacks;  // the invoice's chargebacks in the cache
    Money inOutbox; // open outbox operations and requests awaiting approval (may be invalid = 0)
    QStringList dialectReasons; // Gateway::refundReasons()
};

// A refund on a dialect that refunds through chargeback requests (IntaSend) is a chargeback.
OperationKind effectiveKind(Dialect dialect, OperationKind requested);

// The one refundable rule (store/refundable.h) applied to what the context holds.
RefundableFigures refundableOf(const RefundContext &context);
// What has been taken out of an invoice: the larger of the gateway's own refunded figure and
// the cached succeeded refunds, plus pending ones and lost disputes (outbox aside).
Money consumedAmount(const RefundContext &context);

Validation validateDraft(const RefundDraft &draft, const RefundContext &context);

// Readable chargeback reason for a common refund reason ("Requested by customer").
QString chargebackReasonText(const QString &reason);

} // namespace rd
