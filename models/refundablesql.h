// SQL for what has been refunded and what is waiting in the outbox for an invoice, for the
// invoices table. It follows the ops rules (ops/refundrules.h: consumedAmount, and the outbox's
// open amount) so the table agrees with what the refund dialog will allow.
#pragma once

#include <QString>

namespace rd::refundablesql {

// The larger of the gateway's own refunded figure and the cached refunds (IntaSend: chargeback
// requests) that succeeded or may still succeed. `i` is the invoices alias, `a` the accounts one.
QString refunded(const QString &i, const QString &a);
// Refunds and chargebacks still pending or unknown in the outbox.
QString waitingInOutbox(const QString &i);

} // namespace rd::refundablesql
