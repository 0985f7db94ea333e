// The faults a test has armed on /_sandbox/faults, and their JSON form. Counters go down as
// requests consume them; an empty set means the sandbox behaves normally.
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace rd::sandbox {

struct Faults
{
    int latencyMs = 0;
    int failStatus = 0;
    int failCount = 0;
    int retryAfter = -1; // seconds; -1 = not given
    int dropAfterCommit = 0;
    int malformed = 0;
    // Answers 429 with Retry-After to gateway requests beyond this many in any one second
    // (per dialect), as a gateway's rate limit does; 0 = no limit.
    int rateLimitRps = 0;
    int rateLimitRetryAfter = 1; // seconds
    QString dialect;             // empty = every dialect
    QString method;              // "GET" or "POST"; empty = every method

    bool appliesTo(const QString &dialectName, const QString &requestMethod) const
    {
        return (dialect.isEmpty() || dialect == dialectName) &&
               (method.isEmpty() || method == requestMethod);
    }
    bool isEmpty() const
    {
        return latencyMs == 0 && failCount == 0 && dropAfterCommit == 0 && malformed == 0 &&
               rateLimitRps == 0;
    }
    QJsonObject toJson() const;
    // Arms the fields present in `json` on top of what is armed already. On a bad field returns
    // false with a sentence in `error` and changes nothing.
    bool merge(const QJsonObject &json, QString *error);
};

} // namespace rd::sandbox
