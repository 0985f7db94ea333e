#include "faults.h"

#include "domain/dialect.h"

#include <QJsonValue>

namespace rd::sandbox {

namespace {

// A non-negative integral JSON number within [min, max].
std::optional<int> intField(const QJsonValue &v, int min, int max)
{
    if (!v.isDouble())
        return std::nullopt;
    const qint64 n = v.toInteger(std::numeric_limits<qint64>::min());
    if (n == std::numeric_limits<qint64>::min() || n < min || n > max)
        return std::nullopt;
    return int(n);
}

} // namespace

QJsonObject Faults::toJson() const
{
    QJsonObject o;
    if (latencyMs > 0)
        o.insert(QStringLiteral("latency_ms"), latencyMs);
    if (failCount > 0) {
        QJsonObject fail{{QStringLiteral("status"), failStatus},
                         {QStringLiteral("count"), failCount}};
        if (retryAfter >= 0)
            fail.insert(QStringLiteral("retry_after"), retryAfter);
        o.insert(QStringLiteral("fail"), fail);
    }
    if (dropAfterCommit > 0)
        o.insert(QStringLiteral("drop_after_commit"), dropAfterCommit);
    if (malformed > 0)
        o.insert(QStringLiteral("malformed"), malformed);
    if (rateLimitRps > 0)
        o.insert(QStringLiteral("rate_limit"),
                 QJsonObject{{QStringLiteral("rps"), rateLimitRps},
                             {QStringLiteral("retry_after"), rateLimitRetryAfter}});
    if (!dialect.isEmpty())
        o.insert(QStringLiteral("dialect"), dialect);
    if (!method.isEmpty())
        o.insert(QStringLiteral("method"), method);
    return o;
}

bool Faults::merge(const QJsonObject &json, QString *error)
{
    Faults next = *this;
    auto bad = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("latency_ms")) {
            const auto v = intField(it.value(), 0, 600000);
            if (!v)
                return bad(QStringLiteral("latency_ms must be an integer from 0 to 600000"));
            next.latencyMs = *v;
        } else if (key == QLatin1String("fail")) {
            const QJsonObject f = it.value().toObject();
            const auto status = intField(f.value(QStringLiteral("status")), 400, 599);
            const auto count = intField(f.value(QStringLiteral("count")), 0, 1000000);
            if (!status || !count)
                return bad(QStringLiteral(
                    "fail needs status (400-599) and count (0 or more) as integers"));
            std::optional<int> retry = -1;
            if (f.contains(QStringLiteral("retry_after")))
                retry = intField(f.value(QStringLiteral("retry_after")), 0, 86400);
            if (!retry)
                return bad(QStringLiteral("fail.retry_after must be an integer number of seconds"));
            for (auto k = f.begin(); k != f.end(); ++k) {
                if (k.key() != QLatin1String("status") && k.key() != QLatin1String("count") &&
                    k.key() != QLatin1String("retry_after"))
                    return bad(QStringLiteral("unknown field fail.%1").arg(k.key()));
            }
            next.failStatus = *status;
            next.failCount = *count;
            next.retryAfter = *retry;
        } else if (key == QLatin1String("drop_after_commit")) {
            const auto v = intField(it.value(), 0, 1000000);
            if (!v)
                return bad(QStringLiteral("drop_after_commit must be an integer count"));
            next.dropAfterCommit = *v;
        } else if (key == QLatin1String("malformed")) {
            const auto v = intField(it.value(), 0, 1000000);
            if (!v)
                return bad(QStringLiteral("malformed must be an integer count"));
            next.malformed = *v;
        } else if (key == QLatin1String("rate_limit")) {
            const QJsonObject f = it.value().toObject();
            const auto rps = intField(f.value(QStringLiteral("rps")), 0, 100000);
            std::optional<int> retry = 1;
            if (f.contains(QStringLiteral("retry_after")))
                retry = intField(f.value(QStringLiteral("retry_after")), 0, 86400);
            if (!rps || !retry)
                return bad(QStringLiteral("rate_limit needs rps (0 or more) and optionally "
                                          "retry_after (seconds) as integers"));
            for (auto k = f.begin(); k != f.end(); ++k) {
                if (k.key() != QLatin1String("rps") && k.key() != QLatin1String("retry_after"))
                    return bad(QStringLiteral("unknown field rate_limit.%1").arg(k.key()));
            }
            next.rateLimitRps = *rps;
            next.rateLimitRetryAfter = *retry;
        } else if (key == QLatin1String("dialect")) {
            const QString name = it.value().toString();
            if (!name.isEmpty() && !dialectFromName(name))
                return bad(QStringLiteral("unknown dialect \"%1\"").arg(name));
            next.dialect = name;
        } else if (key == QLatin1String("method")) {
            // Lets a test aim a fault at the writes (POST) past the reads a refund makes first.
            const QString name = it.value().toString().toUpper();
            if (!name.isEmpty() && name != QLatin1String("GET") && name != QLatin1String("POST"))
                return bad(QStringLiteral("method must be GET or POST"));
            next.method = name;
        } else {
            return bad(QStringLiteral("unknown fault \"%1\"").arg(key));
        }
    }
    *this = next;
    return true;
}

} // namespace rd::sandbox
