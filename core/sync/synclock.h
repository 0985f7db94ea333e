// One desktop syncs an account of a team database at a time: a session-level PostgreSQL
// advisory lock per account, held from the account's first page to its last commit. SQLite
// caches need none (one person, and SQLite serializes the writes).
#pragma once

#include <QString>

namespace rd {

class Database;

namespace SyncLock {

// Empty when this connection now holds the account's sync lock (always on SQLite); otherwise
// one sentence for a person saying who is syncing it.
QString acquire(Database &db, qint64 accountId);
void release(Database &db, qint64 accountId);

} // namespace SyncLock

} // namespace rd
