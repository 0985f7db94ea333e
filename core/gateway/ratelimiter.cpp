#include "ratelimiter.h"

#include <algorithm>

namespace rd {

namespace {

// Below this a sync would crawl; a gateway that wants less says so with Retry-After.
constexpr double kMinimumRate = 0.5;

} // namespace

void RateLimiter::setCeiling(double ceiling)
{
    m_ceiling = std::max(0.0, ceiling);
    m_rate = m_ceiling;
}

qint64 RateLimiter::reserve(qint64 nowMs)
{
    if (!isLimited())
        return 0;
    const double slot = std::max(double(nowMs), m_nextFreeMs);
    m_nextFreeMs = slot + intervalMs();
    return qint64(slot - double(nowMs) + 0.5);
}

void RateLimiter::onRateLimited(qint64 nowMs, qint64 retryAfterMs)
{
    if (!isLimited())
        return;
    m_rate = std::max(kMinimumRate, m_rate / 2);
    const double pause = retryAfterMs > 0 ? double(retryAfterMs) : intervalMs();
    m_nextFreeMs = std::max(m_nextFreeMs, double(nowMs) + pause);
}

void RateLimiter::onAnswered()
{
    if (!isLimited() || m_rate >= m_ceiling)
        return;
    m_rate = std::min(m_ceiling, m_rate + m_ceiling / 50);
}

} // namespace rd
