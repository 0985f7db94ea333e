#include "refundable.h"

namespace rd {

namespace {

bool counts(CommonStatus s)
{
    return s == CommonStatus::Pending || s == CommonStatus::RequiresAction;
}

RefundBlock blockOf(Dialect dialect, const Invoice &invoice)
{
    if (invoice.status != CommonStatus::Succeeded)
        return RefundBlock::NotPaid;
    if (dialect == Dialect::Chargebee && invoice.offline)
        return RefundBlock::Offline;
    if (invoice.disputed && disputeBlocksRefunds(dialect))
        return RefundBlock::Disputed;
    return RefundBlock::None;
}

// The SQL twins of the pieces above; every fragment below is built from these.
const QString kPendingStates = QStringLiteral("('pending', 'requires_action')");

QString sameInvoice(const QString &t, const QString &i)
{
    return QStringLiteral("%1.account_id = %2.account_id AND %1.invoice_id = %2.gateway_id AND "
                          "%1.currency = %2.currency")
        .arg(t, i);
}

// The invoice's gateway: from the joined accounts row `a`, or looked up when the query has no
// such join (`a` empty).
QString gatewayOf(const QString &i, const QString &a)
{
    return a.isEmpty()
               ? QStringLiteral("(SELECT gateway FROM accounts WHERE id = %1.account_id)").arg(i)
               : a + QStringLiteral(".gateway");
}

QString isIntaSend(const QString &i, const QString &a)
{
    return QStringLiteral("%1 = 'intasend'").arg(gatewayOf(i, a));
}

// One row per refund, chargeback, open outbox entry and request awaiting approval of the
// invoice, split into the columns ok (succeeded), pend (pending or requires_action), lost
// (dispute lost), wait (outbox or awaiting approval).
QString partsOf(const QString &i, const QString &a)
{
    const QString intasend = isIntaSend(i, a);
    return QStringLiteral(
               "SELECT CASE WHEN r.status = 'succeeded' THEN r.amount ELSE 0 END AS ok, "
               "CASE WHEN r.status IN %1 THEN r.amount ELSE 0 END AS pend, 0 AS lost, 0 AS wait "
               "FROM refunds r WHERE %2 AND NOT (%3) "
               "UNION ALL SELECT CASE WHEN %3 AND c.status = 'succeeded' THEN c.amount ELSE 0 "
               "END, CASE WHEN %3 AND c.status IN %1 THEN c.amount ELSE 0 END, CASE WHEN NOT "
               "(%3) AND c.status = 'succeeded' THEN c.amount ELSE 0 END, 0 "
               "FROM chargebacks c WHERE %4 "
               "UNION ALL SELECT 0, 0, 0, o.amount FROM outbox o WHERE %5 AND o.state IN "
               "('pending', 'unknown') AND o.kind IN ('refund', 'chargeback') "
               "UNION ALL SELECT 0, 0, 0, p.amount FROM approvals p WHERE %6 AND p.state = "
               "'awaiting'")
        .arg(kPendingStates, sameInvoice(QStringLiteral("r"), i), intasend,
             sameInvoice(QStringLiteral("c"), i), sameInvoice(QStringLiteral("o"), i),
             sameInvoice(QStringLiteral("p"), i));
}

QString sumOf(const QString &i, const QString &a, const QString &expression)
{
    return QStringLiteral("(SELECT %1 FROM (%2))").arg(expression, partsOf(i, a));
}

} // namespace

Money RefundableFigures::consumed() const
{
    return Money(refunded.minorUnits() + pending.minorUnits() + lost.minorUnits(),
                 refunded.currency());
}

bool disputeBlocksRefunds(Dialect dialect)
{
    return dialect == Dialect::Stripe || dialect == Dialect::Chargebee ||
           dialect == Dialect::ProcessOut;
}

RefundableFigures refundableFigures(Dialect dialect, const Invoice &invoice,
                                    const QList<Refund> &refunds,
                                    const QList<Chargeback> &chargebacks, const Money &waiting)
{
    const QString currency = invoice.amount.currency();
    qint64 succeeded = 0;
    qint64 pending = 0;
    qint64 lost = 0;
    const bool intasend = dialect == Dialect::IntaSend;
    if (!intasend) {
        for (const Refund &r : refunds) {
            if (r.amount.currency() != currency)
                continue;
            if (r.status == CommonStatus::Succeeded)
                succeeded += r.amount.minorUnits();
            else if (counts(r.status))
                pending += r.amount.minorUnits();
        }
    }
    for (const Chargeback &c : chargebacks) {
        if (c.amount.currency() != currency)
            continue;
        if (intasend && c.status == CommonStatus::Succeeded)
            succeeded += c.amount.minorUnits();
        else if (intasend && counts(c.status))
            pending += c.amount.minorUnits();
        else if (!intasend && c.status == CommonStatus::Succeeded)
            lost += c.amount.minorUnits();
    }
    const qint64 reported =
        invoice.amountRefunded.isValid() && invoice.amountRefunded.currency() == currency
            ? invoice.amountRefunded.minorUnits()
            : 0;
    const qint64 open =
        waiting.isValid() && waiting.currency() == currency ? waiting.minorUnits() : 0;

    RefundableFigures f;
    f.refunded = Money(std::max(reported, succeeded), currency);
    f.pending = Money(pending, currency);
    f.lost = Money(lost, currency);
    f.waiting = Money(open, currency);
    f.block = blockOf(dialect, invoice);
    const qint64 left =
        invoice.amount.minorUnits() - f.refunded.minorUnits() - pending - lost - open;
    f.refundable = Money(f.block == RefundBlock::None ? std::max<qint64>(0, left) : 0, currency);
    return f;
}

namespace refundablesql {

QString refunded(const QString &i, const QString &a)
{
    return QStringLiteral("MAX(%1.amount_refunded, %2)")
        .arg(i, sumOf(i, a, QStringLiteral("COALESCE(SUM(ok), 0)")));
}

QString pending(const QString &i, const QString &a)
{
    return sumOf(i, a, QStringLiteral("COALESCE(SUM(pend), 0)"));
}

QString lost(const QString &i, const QString &a)
{
    return sumOf(i, a, QStringLiteral("COALESCE(SUM(lost), 0)"));
}

QString waiting(const QString &i)
{
    return QStringLiteral("((SELECT COALESCE(SUM(o.amount), 0) FROM outbox o WHERE %1 AND o.state "
                          "IN ('pending', 'unknown') AND o.kind IN ('refund', 'chargeback')) + "
                          "(SELECT COALESCE(SUM(p.amount), 0) FROM approvals p WHERE %2 AND "
                          "p.state = 'awaiting'))")
        .arg(sameInvoice(QStringLiteral("o"), i), sameInvoice(QStringLiteral("p"), i));
}

QString blocked(const QString &i, const QString &a)
{
    return QStringLiteral("(%1.status <> 'succeeded' OR (%2 = 'chargebee' AND "
                          "%1.offline <> 0) OR (%1.disputed <> 0 AND %2 IN ('stripe', "
                          "'chargebee', 'processout')))")
        .arg(i, gatewayOf(i, a));
}

QString refundable(const QString &i, const QString &a)
{
    // One pass over the invoice's refunds, chargebacks and outbox, not one per term.
    const QString left =
        QStringLiteral("MAX(0, %1.amount - MAX(%1.amount_refunded, COALESCE(SUM(ok), 0)) - "
                       "COALESCE(SUM(pend), 0) - COALESCE(SUM(lost), 0) - "
                       "COALESCE(SUM(wait), 0))")
            .arg(i);
    return QStringLiteral("(CASE WHEN %1 THEN 0 ELSE %2 END)")
        .arg(blocked(i, a), sumOf(i, a, left));
}

} // namespace refundablesql

} // namespace rd
