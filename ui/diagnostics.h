// Facts about this installation and cache for a support request (Help > Copy diagnostics) and
// the About dialog. Read from the open cache only; no secret is ever part of it: accounts are
// read from the cache, which holds none, and neither the environment nor the keychain is read.
#pragma once

#include <QString>

namespace rd {

class Database;

namespace diagnostics {

// The SQLite library's version, asked of the open connection (the one the Qt driver carries,
// which need not be the system's).
QString sqliteVersion(Database &db);
// The cache file's size with its -wal file, in bytes.
qint64 cacheSize(const QString &path);
// The plain-text report: versions, cache path and size, each account with its dialect, base URL
// and last sync, and the outbox's entries by state. In English on purpose: it is pasted into a
// support ticket for people who may not read the clerk's language.
QString report(Database &db);

} // namespace diagnostics
} // namespace rd
