#include "refundcontext.h"

#include "store/outboxrepository.h"
#include "store/recordrepository.h"

namespace rd {

Result<RefundContext> readRefundContext(Database &db, qint64 accountId, Dialect dialect,
                                        const QString &invoiceId)
{
    RecordRepository records(db);
    RefundContext c;
    c.dialect = dialect;
    auto invoice = records.invoice(accountId, invoiceId);
    if (!invoice)
        return Error{invoice.error()};
    c.invoice = *invoice;
    if (!c.invoice)
        return c;
    auto refunds = records.refundsOf(accountId, invoiceId);
    if (!refunds)
        return Error{refunds.error()};
    c.refunds = *refunds;
    auto chargebacks = records.chargebacksOf(accountId, invoiceId);
    if (!chargebacks)
        return Error{chargebacks.error()};
    c.chargebacks = *chargebacks;
    const auto open =
        OutboxRepository(db).openAmount(accountId, invoiceId, c.invoice->amount.currency());
    if (!open)
        return Error{open.error()};
    c.inOutbox = *open;
    return c;
}

} // namespace rd
