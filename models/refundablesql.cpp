#include "refundablesql.h"

namespace rd::refundablesql {

QString refunded(const QString &i, const QString &a)
{
    return QStringLiteral(
               "MAX(%1.amount_refunded, CASE WHEN %2.gateway = 'intasend' THEN (SELECT "
               "COALESCE(SUM(c.amount), 0) FROM chargebacks c WHERE c.account_id = %1.account_id "
               "AND c.invoice_id = %1.gateway_id AND c.currency = %1.currency AND c.status IN "
               "('succeeded', 'pending', 'requires_action')) ELSE (SELECT COALESCE(SUM(r.amount), "
               "0) FROM refunds r WHERE r.account_id = %1.account_id AND r.invoice_id = "
               "%1.gateway_id AND r.currency = %1.currency AND r.status IN ('succeeded', "
               "'pending', 'requires_action')) END)")
        .arg(i, a);
}

QString waitingInOutbox(const QString &i)
{
    return QStringLiteral("(SELECT COALESCE(SUM(o.amount), 0) FROM outbox o WHERE o.account_id = "
                          "%1.account_id AND o.invoice_id = %1.gateway_id AND o.state IN "
                          "('pending', 'unknown') AND o.kind IN ('refund', 'chargeback'))")
        .arg(i);
}

} // namespace rd::refundablesql
