#include "refundable.h"

#include <algorithm>
#include <functional>

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

// amount - max(reported, ok) - pend - lost - wait, never below 0: leftOver() below in C++.
// Empty where an int64 step would overflow (SQLite's arithmetic goes on in floating point).
std::optional<qint64> checkedLeftOver(qint64 amount, qint64 reported, const RefundableSums &sums)
{
    qint64 left = 0;
    if (__builtin_sub_overflow(amount, std::max(reported, sums.ok), &left) ||
        __builtin_sub_overflow(left, sums.pending, &left) ||
        __builtin_sub_overflow(left, sums.lost, &left) ||
        __builtin_sub_overflow(left, sums.waiting, &left))
        return std::nullopt;
    return std::max<qint64>(0, left);
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

// The rows each refund, chargeback, open outbox entry and request awaiting approval adds to its
// invoice, split into the columns ok (succeeded), pend (pending or requires_action), lost (dispute
// lost), wait (outbox or awaiting approval).
// Written once for both SQL forms: `key` prefixes each SELECT list (the grouping key, or
// nothing), `join` joins each table's row to what `intasend` reads, `where` is a per-table
// condition (%1 = the table's alias) such as "the invoice `i`", or empty.
QString partRows(const QString &key, const QString &join, const QString &intasend,
                 const std::function<QString(const QString &)> &where)
{
    // Per table alias: its key columns, its join and its condition (ending in AND), or nothing.
    const auto keyOf = [&key](const char *t) {
        return key.isEmpty() ? key : key.arg(QLatin1String(t));
    };
    const auto joinOf = [&join](const char *t) {
        return join.isEmpty() ? join : join.arg(QLatin1String(t));
    };
    const auto andOf = [&where](const char *t) {
        const QString w = where(QLatin1String(t));
        return w.isEmpty() ? w : w + QStringLiteral(" AND ");
    };
    return QStringLiteral("SELECT ") + keyOf("r") +
           QStringLiteral("CASE WHEN r.status = 'succeeded' THEN r.amount ELSE 0 END AS ok, "
                          "CASE WHEN r.status IN %1 THEN r.amount ELSE 0 END AS pend, 0 AS lost, "
                          "0 AS wait FROM refunds r ")
               .arg(kPendingStates) +
           joinOf("r") + QStringLiteral(" WHERE ") + andOf("r") +
           QStringLiteral("NOT (%1) UNION ALL SELECT ").arg(intasend) + keyOf("c") +
           QStringLiteral("CASE WHEN %2 AND c.status = 'succeeded' THEN c.amount ELSE 0 END, "
                          "CASE WHEN %2 AND c.status IN %1 THEN c.amount ELSE 0 END, "
                          "CASE WHEN NOT (%2) AND c.status = 'succeeded' THEN c.amount ELSE 0 "
                          "END, 0 FROM chargebacks c ")
               .arg(kPendingStates, intasend) +
           joinOf("c") + QStringLiteral(" WHERE ") + andOf("c") +
           QStringLiteral("1 = 1 UNION ALL SELECT ") + keyOf("o") +
           QStringLiteral("0, 0, 0, o.amount FROM outbox o WHERE ") + andOf("o") +
           QStringLiteral("o.state IN ('pending', 'unknown') AND o.kind IN ('refund', "
                          "'chargeback') UNION ALL SELECT ") +
           keyOf("p") + QStringLiteral("0, 0, 0, p.amount FROM approvals p WHERE ") + andOf("p") +
           QStringLiteral("p.state = 'awaiting'");
}

// One invoice's rows, for a query over invoice `i` (joined to account `a`, or not).
QString partsOf(const QString &i, const QString &a)
{
    return partRows(QString(), QString(), isIntaSend(i, a),
                    [&i](const QString &t) { return sameInvoice(t, i); });
}

// What is left of invoice `i` from the four sums (before the block rule), one formula for both
// SQL forms.
QString leftOver(const QString &i, const QString &ok, const QString &pend, const QString &lost,
                 const QString &wait)
{
    return QStringLiteral("MAX(0, %1.amount - MAX(%1.amount_refunded, %2) - %3 - %4 - %5)")
        .arg(i, ok, pend, lost, wait);
}

QString sumOf(const QString &i, const QString &a, const QString &expression)
{
    // The alias is PostgreSQL's requirement; SQLite ignores it.
    return QStringLiteral("(SELECT %1 FROM (%2) AS parts)").arg(expression, partsOf(i, a));
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

bool RefundableSums::add(qint64 okPart, qint64 pendingPart, qint64 lostPart, qint64 waitingPart)
{
    return !__builtin_add_overflow(ok, okPart, &ok) &&
           !__builtin_add_overflow(pending, pendingPart, &pending) &&
           !__builtin_add_overflow(lost, lostPart, &lost) &&
           !__builtin_add_overflow(waiting, waitingPart, &waiting);
}

std::optional<qint64> refundableFromSums(bool blocked, qint64 amount, qint64 amountRefunded,
                                         const RefundableSums &sums)
{
    if (blocked)
        return 0;
    return checkedLeftOver(amount, amountRefunded, sums);
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
    // Figures no real invoice reaches (past the range of int64) leave nothing to refund.
    const RefundableSums sums{succeeded, pending, lost, open};
    f.refundable = Money(refundableFromSums(f.block != RefundBlock::None,
                                            invoice.amount.minorUnits(), reported, sums)
                             .value_or(0),
                         currency);
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
    const QString left = leftOver(
        i, QStringLiteral("COALESCE(SUM(ok), 0)"), QStringLiteral("COALESCE(SUM(pend), 0)"),
        QStringLiteral("COALESCE(SUM(lost), 0)"), QStringLiteral("COALESCE(SUM(wait), 0)"));
    return QStringLiteral("(CASE WHEN %1 THEN 0 ELSE %2 END)")
        .arg(blocked(i, a), sumOf(i, a, left));
}

QString partRowsByInvoice()
{
    // Each row's own account tells whether it is IntaSend's: the rows are not tied to one
    // invoice here, so the rule's intasend test reads the account joined as `ga`.
    return partRows(QStringLiteral("%1.account_id, %1.invoice_id, %1.currency, "),
                    QStringLiteral("JOIN accounts ga ON ga.id = %1.account_id"),
                    QStringLiteral("ga.gateway = 'intasend'"),
                    [](const QString &) { return QString(); });
}

QString partsByInvoice()
{
    // The derived table's alias is PostgreSQL's requirement; SQLite ignores it.
    return QStringLiteral("(SELECT account_id, invoice_id, currency, SUM(ok) AS ok, SUM(pend) AS "
                          "pend, SUM(lost) AS lost, SUM(wait) AS wait FROM (%1) AS part_rows "
                          "GROUP BY account_id, invoice_id, currency)")
        .arg(partRowsByInvoice());
}

QString partsJoin(const QString &i, const QString &p)
{
    return QStringLiteral("%1.account_id = %2.account_id AND %1.invoice_id = %2.gateway_id AND "
                          "%1.currency = %2.currency")
        .arg(p, i);
}

QString refundableFromParts(const QString &i, const QString &a, const QString &p)
{
    const auto sum = [&p](const char *column) {
        return QStringLiteral("COALESCE(%1.%2, 0)").arg(p, QLatin1String(column));
    };
    return QStringLiteral("(CASE WHEN %1 THEN 0 ELSE %2 END)")
        .arg(blocked(i, a), leftOver(i, sum("ok"), sum("pend"), sum("lost"), sum("wait")));
}

} // namespace refundablesql

} // namespace rd
