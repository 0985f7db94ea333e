#include "retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>

namespace rd {

RetryPolicy::RetryPolicy(RetryConfig config, RandomSource random)
    : m_config(config), m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generate(); };
}

bool RetryPolicy::isReplayable(const QByteArray &method, bool hasIdempotencyKey)
{
    if (method == "POST" || method == "PATCH")
        return hasIdempotencyKey;
    return true;
}

bool RetryPolicy::isRetryable(const AttemptOutcome &outcome)
{
    if (outcome.transportError)
        return true;
    const QByteArray should = outcome.stripeShouldRetry.trimmed().toLower();
    if (should == "false" || outcome.status == 409)
        return false;
    if (should == "true")
        return true;
    switch (outcome.status) {
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
        return true;
    default:
        return false;
    }
}

std::optional<qint64> RetryPolicy::parseRetryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt
                           : std::optional<qint64>(qMin(seconds, qint64(1) << 31) * 1000);
    // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(v),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return qMax<qint64>(0, now.msecsTo(when));
}

int RetryPolicy::backoffMs(int attemptsMade) const
{
    qint64 delay = qMax(0, m_config.baseDelayMs);
    for (int i = 1; i < attemptsMade && delay < m_config.maxDelayMs; ++i)
        delay *= 2;
    delay = qMin<qint64>(delay, m_config.maxDelayMs);
    const qint64 half = delay / 2;
    const qint64 jitter = half > 0 ? qint64(m_random() % quint32(half + 1)) : 0;
    return int(delay - half + jitter);
}

std::optional<int> RetryPolicy::nextDelayMs(int attemptsMade, const AttemptOutcome &outcome,
                                            bool replayable, const QDateTime &now) const
{
    if (!replayable || attemptsMade >= m_config.maxAttempts || !isRetryable(outcome))
        return std::nullopt;
    if (outcome.status == 429 || outcome.status == 503) {
        if (const auto after = parseRetryAfterMs(outcome.retryAfter, now)) {
            if (*after > m_config.maxRetryAfterMs)
                return std::nullopt; // the gateway asks for longer than anyone should wait here
            return *after > 0 ? int(*after) : backoffMs(attemptsMade);
        }
    }
    return backoffMs(attemptsMade);
}

} // namespace rd
