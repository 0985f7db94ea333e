// An online, consistent copy of the cache through SQLite's backup API: the copy is taken from
// one read snapshot while other connections (the GUI, a sync, another process) keep writing,
// is checked with PRAGMA integrity_check, and only then gets the target's name.
#pragma once

#include <QString>

namespace rd {

class Database;

struct BackupResult
{
    bool ok = false;
    QString error;    // one sentence for a person, when not ok
    qint64 bytes = 0; // size of the copy
};

class CacheBackup final
{
public:
    // Copies the cache open in `source` to `target` (replacing a file already there). Refuses
    // the cache itself and its -wal/-shm files as the target. The copy is written to a
    // temporary file in the target's folder and renamed, so `target` holds either its old
    // content or a complete, checked copy.
    static BackupResult run(Database &source, const QString &target);
    // Opens `cachePath` read-only on the calling thread and copies it: for a worker thread
    // (File > Back up cache...), which must not share the GUI's connection.
    static BackupResult run(const QString &cachePath, const QString &target);
};

} // namespace rd
