#include "refundrules.h"

namespace rd {

namespace {

Validation refuse(Validation v, const QString &message)
{
    v.ok = false;
    v.message = message;
    return v;
}

} // namespace

OperationKind effectiveKind(Dialect dialect, OperationKind requested)
{
    if (dialect == Dialect::IntaSend && requested == OperationKind::Refund)
        return OperationKind::Chargeback;
    return requested;
}

QString chargebackReasonText(const QString &reason)
{
    const auto common = refundReasonFromName(reason);
    if (!common)
        return reason.trimmed();
    switch (*common) {
    case RefundReason::Duplicate:
        return QStringLiteral("Duplicate payment");
    case RefundReason::Fraudulent:
        return QStringLiteral("Fraudulent payment");
    case RefundReason::RequestedByCustomer:
        return QStringLiteral("Requested by customer");
    case RefundReason::Other:
        return QStringLiteral("Other");
    }
    return reason;
}

RefundableFigures refundableOf(const RefundContext &c)
{
    return refundableFigures(c.dialect, *c.invoice, c.refunds, c.chargebacks, c.inOutbox);
}

Money consumedAmount(const RefundContext &c)
{
    return refundableOf(c).consumed();
}

Validation validateDraft(const RefundDraft &draft, const RefundContext &c)
{
    Validation v;
    const OperationKind kind = effectiveKind(c.dialect, draft.kind);
    if (kind != OperationKind::Refund && kind != OperationKind::Chargeback)
        return refuse(v, QStringLiteral("Only refunds and chargebacks are validated here."));
    if (kind == OperationKind::Chargeback && c.dialect != Dialect::IntaSend)
        return refuse(v, QStringLiteral("%1 accounts take refunds, not chargeback requests; use "
                                        "refund.")
                             .arg(dialectDisplayName(c.dialect)));
    if (!c.invoice)
        return refuse(v, QStringLiteral("Invoice %1 is not in the cache; sync the account first.")
                             .arg(draft.invoiceId));
    const Invoice &inv = *c.invoice;
    const RefundableFigures f = refundableOf(c);
    v.captured = inv.amount;
    v.alreadyRefunded = f.consumed();
    v.inOutbox = f.waiting;
    v.refundable = f.refundable;

    switch (f.block) {
    case RefundBlock::None:
        break;
    case RefundBlock::NotPaid:
        return refuse(v, QStringLiteral("Invoice %1 is %2, not paid; there is nothing to refund.")
                             .arg(inv.gatewayId, inv.gatewayStatus.isEmpty()
                                                     ? commonStatusName(inv.status)
                                                     : inv.gatewayStatus));
    case RefundBlock::Offline:
        return refuse(v, QStringLiteral("Invoice %1 was paid offline; Chargebee refunds it only "
                                        "through \"record refund\", not through RefundDesk.")
                             .arg(inv.gatewayId));
    case RefundBlock::Disputed:
        return refuse(v, QStringLiteral("Invoice %1 is disputed; the dispute must be settled "
                                        "before it can be refunded.")
                             .arg(inv.gatewayId));
    }
    // WooshPay refunds a disputed payment only when the refund settles the dispute.
    if (c.dialect == Dialect::WooshPay && inv.disputed &&
        draft.reason.trimmed() != QLatin1String("resolved_dispute"))
        return refuse(v, QStringLiteral("Invoice %1 is disputed; the dispute must be settled "
                                        "before it can be refunded (or refunded with reason "
                                        "resolved_dispute).")
                             .arg(inv.gatewayId));
    if (v.refundable.isZero()) {
        if (!f.lost.isZero() && v.inOutbox.isZero())
            return refuse(v, QStringLiteral("Nothing is left to refund on invoice %1: the "
                                            "customer already got %2 back through a lost "
                                            "dispute, and %3 is refunded.")
                                 .arg(inv.gatewayId, f.lost.toDisplayString(),
                                      Money(f.refunded.minorUnits() + f.pending.minorUnits(),
                                            f.refunded.currency())
                                          .toDisplayString()));
        if (v.inOutbox.isZero())
            return refuse(v, QStringLiteral("Invoice %1 is already fully refunded (%2).")
                                 .arg(inv.gatewayId, v.alreadyRefunded.toDisplayString()));
        return refuse(v, QStringLiteral("Nothing is left to refund on invoice %1: %2 is refunded "
                                        "and %3 is still waiting to be sent, confirmed or "
                                        "approved (see the Outbox and Approvals).")
                             .arg(inv.gatewayId, v.alreadyRefunded.toDisplayString(),
                                  v.inOutbox.toDisplayString()));
    }

    if (draft.full) {
        v.amount = v.refundable;
    } else {
        QString why;
        const auto amount = Money::parse(draft.amountText.trimmed(), inv.amount.currency(), &why,
                                         Money::Sign::AllowNegative);
        if (!amount)
            return refuse(v, why);
        if (amount->minorUnits() <= 0)
            return refuse(v, QStringLiteral("The amount must be more than zero."));
        v.amount = *amount;
        if (amount->minorUnits() > v.refundable.minorUnits())
            return refuse(v,
                          v.inOutbox.isZero()
                              ? QStringLiteral("%1 is more than the %2 that can still be "
                                               "refunded on invoice %3 (paid %4, refunded "
                                               "%5).")
                                    .arg(amount->toDisplayString(), v.refundable.toDisplayString(),
                                         inv.gatewayId, inv.amount.toDisplayString(),
                                         v.alreadyRefunded.toDisplayString())
                              : QStringLiteral("%1 is more than the %2 that can still be "
                                               "refunded on invoice %3 (paid %4, refunded "
                                               "%5, waiting to be sent, confirmed or approved "
                                               "%6).")
                                    .arg(amount->toDisplayString(), v.refundable.toDisplayString(),
                                         inv.gatewayId, inv.amount.toDisplayString(),
                                         v.alreadyRefunded.toDisplayString(),
                                         v.inOutbox.toDisplayString()));
    }

    const QString reason = draft.reason.trimmed();
    if (kind == OperationKind::Chargeback) {
        v.reason = chargebackReasonText(reason.isEmpty() ? QStringLiteral("requested_by_customer")
                                                         : reason);
    } else if (reason.isEmpty() && c.dialect == Dialect::ProcessOut) {
        // ProcessOut requires a reason on every refund; a person who gave none is refunding
        // at the customer's request.
        v.reason = QStringLiteral("requested_by_customer");
    } else if (reason.isEmpty() || refundReasonFromName(reason)) {
        v.reason = reason;
    } else if (c.dialectReasons.contains(reason)) {
        v.dialectReason = reason;
    } else {
        QStringList allowed{QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
                            QStringLiteral("requested_by_customer"), QStringLiteral("other")};
        for (const QString &own : c.dialectReasons) {
            if (!allowed.contains(own))
                allowed << own;
        }
        return refuse(
            v, QStringLiteral("\"%1\" is not a refund reason %2 accepts; use one of: "
                              "%3.")
                   .arg(reason, dialectDisplayName(c.dialect), allowed.join(QStringLiteral(", "))));
    }
    if (c.dialect == Dialect::Chargebee && !draft.creditNoteReasonCode.isEmpty() &&
        !c.dialectReasons.isEmpty() && !c.dialectReasons.contains(draft.creditNoteReasonCode))
        return refuse(
            v, QStringLiteral("\"%1\" is not a Chargebee credit-note reason code; use "
                              "one of: %2.")
                   .arg(draft.creditNoteReasonCode, c.dialectReasons.join(QStringLiteral(", "))));
    if (!draft.invoiceDetailIds.isEmpty() && c.dialect != Dialect::ProcessOut)
        return refuse(v, QStringLiteral("Invoice detail ids are a ProcessOut option."));
    if (!draft.metadata.isEmpty() &&
        !(c.dialect == Dialect::Stripe || c.dialect == Dialect::WooshPay ||
          c.dialect == Dialect::ProcessOut))
        return refuse(
            v, QStringLiteral("%1 refunds carry no metadata.").arg(dialectDisplayName(c.dialect)));
    if ((!draft.customerNotes.isEmpty() || !draft.creditNoteReasonCode.isEmpty()) &&
        c.dialect != Dialect::Chargebee)
        return refuse(v, QStringLiteral("Customer notes and credit-note reason codes are "
                                        "Chargebee options."));
    v.ok = true;
    return v;
}

} // namespace rd
