// A first sync into an empty table writes its rows without the table's upkeep (its secondary
// indexes and the full-text triggers) and builds that once at the end, which costs a fraction
// of keeping it row by row. SQLite caches only; a PostgreSQL team database is always written
// with its upkeep in place.
//
// Crash-safe by construction: the upkeep is dropped in the same transaction as the first rows
// written without it, and "an index or trigger the schema defines is missing" is itself the
// mark that the search index is behind. finish() puts everything back and rebuilds the search
// index in one transaction; the sync calls it when its run ends, and every writable open of a
// cache calls it, so a sync killed in between is caught up by whatever opens the cache next.
#pragma once

#include <QString>

namespace rd {

class Database;

namespace bulkload {

// Inside the caller's write transaction, before rows are written to `table` (invoices,
// refunds or chargebacks). On a connection that allows bulk loads (Database::setBulkLoad) and
// a table that is empty, or whose upkeep is already dropped, drops the upkeep and sets
// *deferred; otherwise leaves everything as it is and clears *deferred.
bool prepare(Database &db, const QString &table, bool *deferred, QString *error);

// Whether any record table's upkeep is missing (one query).
bool pending(Database &db, bool *isPending, QString *error);

// Puts back every index and trigger the schema defines on the record tables that is missing,
// and rebuilds the full-text index of each table whose triggers were missing. Its own
// transaction; does nothing (beyond one query) when nothing is missing, and on PostgreSQL.
// Database::open() calls it on every cache it can write, before a read-only open stops writes.
bool finish(Database &db, QString *error);

} // namespace bulkload
} // namespace rd
