// When and after how long a gateway request is sent again: exponential backoff with jitter on
// connection errors, 429 (honouring Retry-After), 500/502/503/504 and Stripe-Should-Retry: true.
// The random source and the base delay are injectable so tests neither wait nor guess.
#pragma once

#include <QByteArray>
#include <QDateTime>

#include <functional>
#include <optional>

namespace rd {

struct RetryConfig
{
    int maxAttempts = 4;         // first attempt included
    int baseDelayMs = 500;       // delay before the first retry, doubled each time
    int maxDelayMs = 20000;      // cap of the exponential part
    int maxRetryAfterMs = 60000; // a longer Retry-After is not waited for
};

// What one attempt produced, as far as retrying is concerned.
struct AttemptOutcome
{
    bool transportError = false; // no HTTP status: refused, reset, timeout, DNS
    int status = 0;
    QByteArray stripeShouldRetry; // header value, empty when absent
    QByteArray retryAfter;        // header value, empty when absent
};

class RetryPolicy final
{
public:
    using RandomSource = std::function<quint32()>;

    explicit RetryPolicy(RetryConfig config = {}, RandomSource random = {});

    const RetryConfig &config() const { return m_config; }

    // A POST is sent again only when it carries an idempotency key; reads always may be.
    static bool isReplayable(const QByteArray &method, bool hasIdempotencyKey);
    // Whether the outcome is worth another attempt, regardless of attempt count.
    static bool isRetryable(const AttemptOutcome &outcome);
    // Retry-After as delta-seconds or an HTTP date; nullopt when absent or unreadable.
    static std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &now);

    // Delay before attempt `attemptsMade + 1`, or nullopt to stop and report `outcome`.
    std::optional<int> nextDelayMs(int attemptsMade, const AttemptOutcome &outcome, bool replayable,
                                   const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // The backoff part alone: base * 2^(attemptsMade-1), capped, then "equal jitter"
    // (half fixed, half random) so many clients do not retry in lockstep.
    int backoffMs(int attemptsMade) const;

private:
    RetryConfig m_config;
    RandomSource m_random;
};

} // namespace rd
