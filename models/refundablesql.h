// SQL for what has been refunded and what is waiting in the outbox for an invoice, so the
// table and the detail pane compute the refundable amount the same way (DESIGN: captured −
// succeeded − pending refunds − refunds waiting in the local outbox).
#pragma once

#include <QString>

namespace rd::refundablesql {

// Refunded so far: the larger of the gateway's own figure and the cached refunds that count
// (succeeded, pending, requires_action). `i` is the invoices alias.
QString refunded(const QString &i);
// Refunds written to the outbox and not yet known to the gateway's list.
QString waitingInOutbox(const QString &i);

} // namespace rd::refundablesql
