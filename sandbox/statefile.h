// Optional persistence of a sandbox (--state FILE): the seed parameters plus a journal of every
// change made at runtime, in SQLite. On restart the store is re-seeded and the journal replayed,
// so a refund created before a restart is still there after it.
#pragma once

#include "idempotency.h"
#include "store.h"

#include <QString>

#include <optional>

namespace rd::sandbox {

class StateFile final
{
public:
    StateFile();
    ~StateFile();
    StateFile(const StateFile &) = delete;
    StateFile &operator=(const StateFile &) = delete;

    bool open(const QString &path, QString *error);

    struct Meta
    {
        quint64 seed = 0;
        int invoices = 0;
    };
    // What the file was created with; nullopt for a new file.
    std::optional<Meta> meta() const;
    bool writeMeta(const Meta &meta, QString *error);

    // Re-applies the journal to a freshly seeded store; then records every later change.
    bool replayInto(Store &store, QString *error);
    void attach(Store &store);

    void loadIdempotency(IdempotencyCache &cache) const;
    void saveIdempotency(int dialect, const QString &key, const IdempotentReply &reply);

private:
    void record(Store &store, Store::Change change, Dialect dialect, quint32 index);

    QString m_connection;
};

} // namespace rd::sandbox
