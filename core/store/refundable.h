// The one rule for what is still refundable on an invoice, defined here once: as SQL for the
// tables, `list` and every report, and as the same rule in C++ for the refund checks and the
// detail pane. tests/ops/tst_refundable_agreement.cpp proves the two agree on every invoice
// of seeded sandbox caches.
//
// An invoice that is not paid, was paid offline (Chargebee), or is disputed where its dialect
// refuses refunds of disputed payments (all but WooshPay, which refunds with resolved_dispute,
// and IntaSend, whose chargebacks are its refunds) has nothing refundable. Otherwise:
//   refundable = amount − max(gateway-reported refunded, cached succeeded refunds)
//                       − cached pending and requires_action refunds
//                       − lost disputes (the cardholder already has that money back)
//                       − open outbox refunds and chargebacks (pending or unknown)
//                       − refunds and chargebacks awaiting approval (maker-checker)
// each in the invoice's currency, never below 0. IntaSend counts its chargeback requests as
// the refunds, and has no separate disputes.
#pragma once

#include "domain/records.h"

#include <QList>
#include <QString>

#include <optional>

namespace rd {

enum class RefundBlock {
    None,
    NotPaid,  // the payment did not succeed (pending, failed, canceled)
    Offline,  // Chargebee: paid offline, refunded only through "record refund"
    Disputed, // under a dispute, and the dialect refuses refunds of disputed payments
};

struct RefundableFigures
{
    Money refunded;   // max(gateway-reported, cached succeeded refunds)
    Money pending;    // cached refunds still pending or requiring action
    Money lost;       // disputes lost: money the cardholder already got back
    Money waiting;    // RefundDesk operations open in the outbox or awaiting approval
    Money refundable; // what may still be refunded (0 when blocked)
    RefundBlock block = RefundBlock::None;

    // Everything already taken or promised out of the invoice, outbox aside.
    Money consumed() const;
};

// True when a dialect refuses to refund a disputed payment (ops may still allow WooshPay's
// resolved_dispute refund, which settles the dispute).
bool disputeBlocksRefunds(Dialect dialect);

// The four sums of an invoice's parts (the columns of refundablesql::partRowsByInvoice()),
// in the invoice's currency.
struct RefundableSums
{
    qint64 ok = 0;      // succeeded refunds (IntaSend: chargebacks)
    qint64 pending = 0; // refunds pending or requiring action
    qint64 lost = 0;    // disputes lost
    qint64 waiting = 0; // open outbox entries and requests awaiting approval
    // Adds one part row; false (sums undefined) where a sum would leave the range of int64.
    bool add(qint64 okPart, qint64 pendingPart, qint64 lostPart, qint64 waitingPart);
};

// The rule's arithmetic on an invoice's stored amount and gateway-reported refunded amount
// and the sums of its parts: refundablesql::refundableFromParts() in C++ (with `blocked` as
// refundablesql::blocked() gives it), for a caller that sums the parts itself. Empty where a
// step of SQL's integer arithmetic would overflow (SQLite goes on in floating point there),
// so that caller asks SQL instead.
std::optional<qint64> refundableFromSums(bool blocked, qint64 amount, qint64 amountRefunded,
                                         const RefundableSums &sums);

// The C++ form of the rule. `waiting` is the open outbox amount plus the amount awaiting
// approval, in the invoice's currency.
RefundableFigures refundableFigures(Dialect dialect, const Invoice &invoice,
                                    const QList<Refund> &refunds,
                                    const QList<Chargeback> &chargebacks, const Money &waiting);

// The SQL form, as scalar expressions for one row of `invoices` aliased `i`, joined to its
// `accounts` row aliased `a` (or, with `a` empty, looking the account's gateway up). Each reads the
// invoice's refunds, chargebacks, outbox and approvals through their (account_id, invoice_id)
// indexes.
namespace refundablesql {
QString refunded(const QString &i, const QString &a);
QString pending(const QString &i, const QString &a);
QString lost(const QString &i, const QString &a);
QString waiting(const QString &i);
// 1 when the invoice has nothing refundable whatever its refunds (RefundBlock other than None).
QString blocked(const QString &i, const QString &a);
// The refundable amount, one scalar expression (the same rule as refundableFigures()).
QString refundable(const QString &i, const QString &a);

// The same rule for many invoices at once (reports over the whole cache), where the forms
// above would run their subquery once per invoice: partsByInvoice() is one pass over every
// refund, chargeback and open outbox entry, summed per (account, invoice, currency); LEFT JOIN
// it as `p` ON partsJoin(i, p), then refundableFromParts(i, a, p) is the invoice's refundable
// amount. tests/ops/tst_refundable_agreement.cpp proves both forms agree on every invoice.
QString partsByInvoice();
// The rows partsByInvoice() sums: account_id, invoice_id, currency, ok, pend, lost, wait, one
// per refund, chargeback, open outbox entry and request awaiting approval.
QString partRowsByInvoice();
QString partsJoin(const QString &i, const QString &p);
QString refundableFromParts(const QString &i, const QString &a, const QString &p);
} // namespace refundablesql

} // namespace rd
