#include "refundrules.h"

namespace rd {

namespace {

bool stillCounts(CommonStatus s)
{
    return s == CommonStatus::Succeeded || s == CommonStatus::Pending ||
           s == CommonStatus::RequiresAction;
}

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

Money consumedAmount(const RefundContext &c)
{
    const QString currency = c.invoice->amount.currency();
    qint64 cached = 0;
    if (c.dialect == Dialect::IntaSend) {
        for (const Chargeback &cb : c.chargebacks) {
            if (stillCounts(cb.status) && cb.amount.currency() == currency)
                cached += cb.amount.minorUnits();
        }
    } else {
        for (const Refund &r : c.refunds) {
            if (stillCounts(r.status) && r.amount.currency() == currency)
                cached += r.amount.minorUnits();
        }
    }
    const qint64 reported =
        c.invoice->amountRefunded.isValid() ? c.invoice->amountRefunded.minorUnits() : 0;
    return Money(std::max(cached, reported), currency);
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
    const QString currency = inv.amount.currency();
    v.captured = inv.amount;
    v.alreadyRefunded = consumedAmount(c);
    v.inOutbox = c.inOutbox.isValid() ? c.inOutbox : Money(0, currency);
    if (!v.inOutbox.sameCurrency(inv.amount))
        return refuse(v, QStringLiteral("The outbox holds operations on invoice %1 in another "
                                        "currency; resolve them first.")
                             .arg(inv.gatewayId));
    const qint64 left =
        inv.amount.minorUnits() - v.alreadyRefunded.minorUnits() - v.inOutbox.minorUnits();
    v.refundable = Money(std::max<qint64>(0, left), currency);

    if (inv.status != CommonStatus::Succeeded)
        return refuse(v, QStringLiteral("Invoice %1 is %2, not paid; there is nothing to refund.")
                             .arg(inv.gatewayId, inv.gatewayStatus.isEmpty()
                                                     ? commonStatusName(inv.status)
                                                     : inv.gatewayStatus));
    if (c.dialect == Dialect::Chargebee && inv.offline)
        return refuse(v, QStringLiteral("Invoice %1 was paid offline; Chargebee refunds it only "
                                        "through \"record refund\", not through RefundDesk.")
                             .arg(inv.gatewayId));
    // WooshPay refunds a disputed payment when the refund settles the dispute.
    const bool settlesDispute = c.dialect == Dialect::WooshPay &&
                                draft.reason.trimmed() == QLatin1String("resolved_dispute");
    if (c.dialect != Dialect::IntaSend && inv.disputed && !settlesDispute)
        return refuse(v, QStringLiteral("Invoice %1 is disputed; the dispute must be settled "
                                        "before it can be refunded%2.")
                             .arg(inv.gatewayId, c.dialect == Dialect::WooshPay
                                                     ? QStringLiteral(" (or refunded with reason "
                                                                      "resolved_dispute)")
                                                     : QString()));
    if (v.refundable.isZero()) {
        if (v.inOutbox.isZero())
            return refuse(v, QStringLiteral("Invoice %1 is already fully refunded (%2).")
                                 .arg(inv.gatewayId, v.alreadyRefunded.toDisplayString()));
        return refuse(v, QStringLiteral("Nothing is left to refund on invoice %1: %2 is refunded "
                                        "and %3 is still open in the outbox "
                                        "(see refunddesk-cli outbox).")
                             .arg(inv.gatewayId, v.alreadyRefunded.toDisplayString(),
                                  v.inOutbox.toDisplayString()));
    }

    if (draft.full) {
        v.amount = v.refundable;
    } else {
        QString why;
        const auto amount =
            Money::parse(draft.amountText.trimmed(), currency, &why, Money::Sign::AllowNegative);
        if (!amount)
            return refuse(v, QStringLiteral("Amount \"%1\": %2").arg(draft.amountText, why));
        if (amount->minorUnits() <= 0)
            return refuse(v, QStringLiteral("The amount must be more than zero."));
        v.amount = *amount;
        if (amount->minorUnits() > v.refundable.minorUnits())
            return refuse(v, QStringLiteral("%1 is more than the %2 that can still be refunded "
                                            "on invoice %3 (captured %4, refunded %5, open in "
                                            "the outbox %6).")
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
