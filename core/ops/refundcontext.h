// Reads what the refund rules judge an invoice by (ops/refundrules.h) from the cache, in one
// place, for the refund service and the detail pane alike. A failed read is an error, never an
// empty list: a refund checked against refunds that failed to load could exceed the invoice.
#pragma once

#include "refundrules.h"

#include "domain/result.h"

namespace rd {

class Database;

// The invoice (nullopt inside the context when the cache does not hold it), its refunds and
// chargebacks, and the open outbox amount plus the amount awaiting approval in its currency.
// dialectReasons is left empty.
Result<RefundContext> readRefundContext(Database &db, qint64 accountId, Dialect dialect,
                                        const QString &invoiceId);

} // namespace rd
