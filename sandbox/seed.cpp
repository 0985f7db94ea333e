#include "seed.h"

#include <algorithm>
#include <array>

namespace rd::sandbox {

namespace {

class Rng final
{
public:
    explicit Rng(quint64 state) : m_state(state) {}
    quint64 next() { return mix64(m_state += 0x9E3779B97F4A7C15ULL); }
    // Uniform enough in [0, n) for n far below 2^64.
    quint64 below(quint64 n) { return n == 0 ? 0 : next() % n; }
    bool percent(int p) { return below(100) < quint64(p); }

private:
    quint64 m_state;
};

struct Vocabulary
{
    std::vector<const char *> refundReasons; // nullptr = no reason given
    std::vector<const char *> failureReasons;
    std::vector<const char *> disputeReasons;
    std::vector<const char *> disputeStatuses;
};

constexpr int kShowcase = 8;

const Vocabulary &vocabulary(Dialect d)
{
    static const std::array<Vocabulary, 5> table = [] {
        std::array<Vocabulary, 5> t;
        t[size_t(Dialect::Stripe)] = {
            {nullptr, "duplicate", "fraudulent", "requested_by_customer", "requested_by_customer"},
            {"lost_or_stolen_card", "expired_or_canceled_card", "declined", "insufficient_funds",
             "unknown"},
            {"fraudulent", "product_not_received", "duplicate", "general", "unrecognized",
             "product_unacceptable", "subscription_canceled", "credit_not_processed"},
            {"warning_needs_response", "warning_under_review", "warning_closed", "needs_response",
             "under_review", "won", "lost"}};
        t[size_t(Dialect::WooshPay)] = {
            {"duplicate", "fraudulent", "requested_by_customer", "requested_by_customer",
             "resolved_dispute"},
            {"lost_or_stolen_card", "expired_or_canceled_card", "unknown"},
            {"fraudulent", "product_not_received", "duplicate", "general"},
            {"needs_response", "under_review", "won", "lost"}};
        t[size_t(Dialect::Chargebee)] = {{"product_unsatisfactory", "service_unsatisfactory",
                                          "order_change", "order_cancellation", "waiver", "other",
                                          "fraudulent"},
                                         {},
                                         {},
                                         {}};
        t[size_t(Dialect::ProcessOut)] = {
            {"customer_request", "customer_request", "duplicate", "fraud"}, {"failed"}, {}, {}};
        t[size_t(Dialect::IntaSend)] = {{},
                                        {},
                                        {"Delayed shipping", "Item not received",
                                         "Duplicate charge", "Damaged goods",
                                         "Service not rendered"},
                                        {"PENDING", "APPROVED", "REJECTED", "REFUNDED"}};
        return t;
    }();
    return table[size_t(d)];
}

// Relative weights of USD, EUR, GBP, JPY, KWD, KES per dialect.
const std::array<std::array<int, 6>, 5> kCurrencyWeights = {{
    {40, 20, 15, 10, 5, 10}, // Stripe
    {40, 20, 10, 15, 5, 10}, // WooshPay
    {40, 25, 20, 5, 5, 5},   // Chargebee
    {35, 25, 15, 10, 10, 5}, // ProcessOut
    {20, 5, 5, 0, 0, 70},    // IntaSend
}};

// Amount ranges in major units per currency.
const std::array<std::pair<qint64, qint64>, 6> kMajorRange = {
    {{1, 2500}, {1, 2500}, {1, 2000}, {100, 300000}, {1, 800}, {50, 250000}}};

qint64 pow10(int e)
{
    qint64 p = 1;
    while (e-- > 0)
        p *= 10;
    return p;
}

quint8 pickCurrency(Dialect d, Rng &rng)
{
    const auto &w = kCurrencyWeights[size_t(d)];
    int total = 0;
    for (int x : w)
        total += x;
    int roll = int(rng.below(quint64(total)));
    for (size_t i = 0; i < w.size(); ++i) {
        if (roll < w[i])
            return quint8(i);
        roll -= w[i];
    }
    return 0;
}

qint64 pickAmount(quint8 cur, Rng &rng)
{
    const qint64 unit = pow10(currencyExponent(cur));
    const auto [lo, hi] = kMajorRange[cur];
    const qint64 major = lo + qint64(rng.below(quint64(hi - lo)));
    if (unit == 1 || rng.percent(40))
        return major * unit; // a round amount
    return major * unit + qint64(rng.below(quint64(unit)));
}

template <typename T> quint8 internPick(Store &store, const std::vector<T> &list, Rng &rng)
{
    if (list.empty())
        return 0;
    const char *text = list[rng.below(list.size())];
    return text ? store.intern(QString::fromUtf8(text)) : 0;
}

// Splits `total` into `parts` positive amounts (parts <= total).
std::vector<qint64> split(qint64 total, int parts, Rng &rng)
{
    std::vector<qint64> out;
    qint64 left = total;
    for (int i = parts; i > 1; --i) {
        const qint64 room = left - (i - 1); // keep at least 1 for each later part
        const qint64 share = 1 + qint64(rng.below(quint64(std::max<qint64>(1, room / 2))));
        out.push_back(share);
        left -= share;
    }
    out.push_back(left);
    return out;
}

void seedDialect(Store &store, Dialect d, int count)
{
    DialectData &data = store.data(d);
    const Vocabulary &vocab = vocabulary(d);
    const qint64 now = store.seededNow();
    const qint64 start = now - 2 * 365 * 24 * 3600;
    const qint64 span = now - start;
    data.payments.reserve(size_t(count));
    std::vector<Refund> refunds;
    std::vector<Dispute> disputes;
    refunds.reserve(size_t(count) / 4);
    const bool isStripe = d == Dialect::Stripe;

    for (int i = 0; i < count; ++i) {
        Rng rng(mixKey(store.seed(), 300 + quint64(d), quint64(i)));
        Payment p;
        const qint64 bucket = std::max<qint64>(1, span / count);
        p.created = start + qint64(i) * span / count + qint64(rng.below(quint64(bucket)));
        p.currency = pickCurrency(d, rng);
        p.amount = pickAmount(p.currency, rng);
        // The newest few payments play fixed roles so that even a small seed shows every
        // case (and the demo's first screen does); the rest is left to chance.
        const int role = count >= kShowcase && i >= count - kShowcase ? count - 1 - i : -1;
        const quint64 statusRoll = rng.below(100);
        p.status = statusRoll < 84   ? PaymentStatus::Succeeded
                   : statusRoll < 90 ? PaymentStatus::Pending
                                     : PaymentStatus::Failed;
        if (role >= 0)
            p.status = role == 3   ? PaymentStatus::Failed
                       : role == 6 ? PaymentStatus::Pending
                                   : PaymentStatus::Succeeded;
        const bool offlineRoll = rng.percent(12);
        if (d == Dialect::Chargebee && p.status == PaymentStatus::Succeeded &&
            (role >= 0 ? role == 4 || role == 7 : offlineRoll))
            p.flags |= Offline;
        data.payments.push_back(p);
        if (p.status != PaymentStatus::Succeeded)
            continue;

        const auto index = quint32(i);
        auto refundAt = [&](qint64 amount, RefundStatus status) {
            Refund r;
            r.payment = index;
            r.amount = amount;
            r.status = status;
            const qint64 room = std::max<qint64>(1, now - p.created - 3600);
            r.created = p.created + 3600 + qint64(rng.below(quint64(room)));
            r.reason = internPick(store, vocab.refundReasons, rng);
            if (status == RefundStatus::Failed)
                r.failureReason = internPick(store, vocab.failureReasons, rng);
            refunds.push_back(r);
        };
        // A dispute (IntaSend: a chargeback) a day or more after the payment.
        auto disputeAt = [&](qint64 amount) {
            Dispute x;
            x.payment = index;
            x.amount = amount;
            const qint64 room = std::max<qint64>(1, now - p.created - 86400);
            x.created = p.created + 86400 + qint64(rng.below(quint64(room)));
            x.reason = internPick(store, vocab.disputeReasons, rng);
            x.status = internPick(store, vocab.disputeStatuses, rng);
            disputes.push_back(x);
        };

        if (d == Dialect::IntaSend) {
            const bool chargebackRoll = rng.percent(10);
            if (role >= 0 ? role == 4 || role == 7 : chargebackRoll) {
                disputeAt(rng.percent(50) ? p.amount : std::max<qint64>(1, p.amount / 2));
            }
            continue;
        }
        if (p.flags & Offline)
            continue;

        quint64 roll = rng.below(100);
        if (role >= 0) {
            const bool stripeLike = isStripe || d == Dialect::WooshPay;
            roll = role == 1                              ? 5
                   : role == 2                            ? 12
                   : role == 5                            ? (isStripe     ? 18
                                                             : stripeLike ? 21
                                                                          : 5)
                   : role == 7 && d != Dialect::Chargebee ? 23
                                                          : 99;
        }
        if (roll < 10 && p.amount >= 2) { // partially refunded
            const qint64 total = 1 + qint64(rng.below(quint64(p.amount - 1)));
            const int parts = total >= 2 && rng.percent(30) ? 2 : 1;
            for (qint64 a : split(total, parts, rng))
                refundAt(a, RefundStatus::Succeeded);
        } else if (roll < 17) { // fully refunded
            const int parts = p.amount >= 2 && rng.percent(25) ? 2 : 1;
            for (qint64 a : split(p.amount, parts, rng))
                refundAt(a, RefundStatus::Succeeded);
        } else if (roll < 20 && isStripe) { // waiting for the customer
            refundAt(rng.percent(50) ? p.amount : std::max<qint64>(1, p.amount / 2),
                     RefundStatus::RequiresAction);
        } else if (roll < 22 && (isStripe || d == Dialect::WooshPay)) {
            refundAt(std::max<qint64>(1, p.amount / 3), RefundStatus::Pending);
        } else if (roll < 24 && d != Dialect::Chargebee) {
            refundAt(p.amount, RefundStatus::Failed);
        }

        const bool disputeRoll = rng.percent(4);
        if (d != Dialect::Chargebee && (role >= 0 ? role == 4 : disputeRoll)) {
            if (d == Dialect::ProcessOut) {
                data.payments.back().flags |= Disputed; // ProcessOut only flags it
            } else {
                disputeAt(p.amount);
            }
        }
    }

    // Tables are kept in creation order so that "newest first" is descending index.
    auto byCreated = [](const auto &a, const auto &b) {
        return a.created != b.created ? a.created < b.created : a.payment < b.payment;
    };
    std::stable_sort(refunds.begin(), refunds.end(), byCreated);
    std::stable_sort(disputes.begin(), disputes.end(), byCreated);
    data.refunds.reserve(refunds.size());
    for (const Refund &r : refunds)
        store.addRefund(d, r);
    for (const Dispute &x : disputes)
        store.addDispute(d, x);
}

} // namespace

void seedStore(Store &store, int invoicesPerDialect)
{
    for (int d = 0; d < 5; ++d)
        seedDialect(store, Dialect(d), invoicesPerDialect);
}

quint32 addRuntimePayment(Store &store, Dialect dialect, quint8 currency, qint64 amount)
{
    Payment p;
    p.created = store.runtimeNow(dialect);
    p.currency = currency;
    if (amount <= 0) {
        Rng rng(mixKey(store.seed(), 400 + quint64(dialect), store.data(dialect).payments.size()));
        amount = pickAmount(currency, rng);
    }
    p.amount = amount;
    p.status = PaymentStatus::Succeeded;
    return store.addPayment(dialect, p);
}

} // namespace rd::sandbox
