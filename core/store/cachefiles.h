// The files one SQLite cache consists of, and the one check every file RefundDesk writes
// (exports, backups) goes through, so that none of them ever lands on the open cache.
#pragma once

#include <QString>
#include <QStringList>

namespace rd {

// The cache file and its companions SQLite keeps beside it: -wal, -shm and -journal.
QStringList cacheFiles(const QString &cachePath);

// Empty when `target` may be written while the cache at `cachePath` is open; otherwise one
// sentence for a person. Files are compared by device and inode, so a hard link or a symbolic
// link to the cache is caught whatever its name; a name that does not exist yet is compared
// by its resolved path (the -wal file may come and go).
QString refuseCacheAsTarget(const QString &target, const QString &cachePath);

// True when `path` exists and starts with SQLite's file header: a report written over it
// would destroy a database, most likely another cache.
bool isSqliteFile(const QString &path);

} // namespace rd
