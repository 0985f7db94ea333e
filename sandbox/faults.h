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
    QString dialect; // empty = every dialect
    QString method;  // "GET" or "POST"; empty = every method

    bool appliesTo(const QString &dialectName, const QString &requestMethod) const
    {
        return (dialect.isEmpty() || dialect == dialectName) &&
               (method.isEmpty() || method == requestMethod);
    }
    bool isEmpty() const
    {
        return latencyMs == 0 && failCount == 0 && dropAfterCommit == 0 && malformed == 0;
    }
    QJsonObject toJson() const;
    // Arms the fields present in `json` on top of what is armed already. On a bad field returns
    // false with a sentence in `error` and changes nothing.
    bool merge(const QJsonObject &json, QString *error);
};

} // namespace rd::sandbox
