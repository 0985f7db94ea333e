#include "refundcontext.h"

#include "store/approvalrepository.h"
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
    // Requests awaiting approval are promised too: they count like open outbox entries.
    const auto awaiting =
        ApprovalRepository(db).awaitingAmount(accountId, invoiceId, c.invoice->amount.currency());
    if (!awaiting)
        return Error{awaiting.error()};
    const auto sum = open->checkedAdd(*awaiting);
    if (!sum)
        return Error{
            QStringLiteral("The amounts waiting on invoice %1 do not add up.").arg(invoiceId)};
    c.inOutbox = *sum;
    return c;
}

} // namespace rd
