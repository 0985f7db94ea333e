#include "refundablesql.h"

namespace rd::refundablesql {

QString refunded(const QString &i)
{
    return QStringLiteral(
               "MAX(%1.amount_refunded, (SELECT COALESCE(SUM(r.amount), 0) FROM refunds r "
               "WHERE r.account_id = %1.account_id AND r.invoice_id IN (%1.gateway_id, "
               "NULLIF(%1.payment_intent, '')) AND r.status IN "
               "('succeeded', 'pending', 'requires_action')))")
        .arg(i);
}

QString waitingInOutbox(const QString &i)
{
    // An entry whose refund has already been synced is counted once, through the refunds.
    return QStringLiteral(
               "(SELECT COALESCE(SUM(o.amount), 0) FROM outbox o WHERE o.account_id = "
               "%1.account_id AND o.invoice_id = %1.gateway_id AND o.kind NOT LIKE "
               "'chargeback%' AND o.state IN ('pending', 'unknown') AND NOT EXISTS (SELECT 1 "
               "FROM refunds r2 WHERE r2.operation_id = o.operation_id AND r2.operation_id <> "
               "''))")
        .arg(i);
}

} // namespace rd::refundablesql
