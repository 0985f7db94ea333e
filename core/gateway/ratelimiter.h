// Keeps one account's requests under its request-rate ceiling, so a sync can keep several
// requests in flight without the gateway answering 429. Requests are spaced evenly at the
// current rate; a 429 halves that rate and holds every request until its Retry-After has
// passed, and each answer that was not a 429 wins a little of the rate back, up to the ceiling
// (additive increase, multiplicative decrease). Pure arithmetic on a millisecond clock the
// caller passes in, so tests neither wait nor guess.
#pragma once

#include <QtGlobal>

namespace rd {

class RateLimiter final
{
public:
    // `ceiling` requests per second; 0 or less means no limit.
    explicit RateLimiter(double ceiling = 0) { setCeiling(ceiling); }

    void setCeiling(double ceiling);
    double ceiling() const { return m_ceiling; }
    // The rate requests are spaced at now: the ceiling, or less after 429 answers.
    double currentRate() const { return m_rate; }
    bool isLimited() const { return m_ceiling > 0; }

    // Reserves the next free slot for a request and returns how long to wait before sending
    // it (0 = at once). Slots are handed out in call order.
    qint64 reserve(qint64 nowMs);
    // The gateway answered 429: halve the rate and send nothing before `retryAfterMs` (or one
    // spacing interval when the gateway did not say) from now.
    void onRateLimited(qint64 nowMs, qint64 retryAfterMs);
    // Any other answer: recover a fiftieth of the ceiling per answer, up to the ceiling.
    void onAnswered();

private:
    double intervalMs() const { return m_rate > 0 ? 1000.0 / m_rate : 0.0; }

    double m_ceiling = 0;
    double m_rate = 0;
    double m_nextFreeMs = 0; // earliest time the next request may be sent
};

} // namespace rd
