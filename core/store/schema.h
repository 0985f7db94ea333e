// The store's schema as one ordered list of migration steps, each written for both backends:
// step N takes a SQLite cache (PRAGMA user_version) or a PostgreSQL team database (table
// refunddesk_schema) from version N to N + 1. A new step adds one entry to both lists in
// schema.cpp (sqliteSteps() and postgresSteps()), even when one side has nothing to do, so the
// two numbers always mean the same schema.
#pragma once

#include <QHash>
#include <QList>
#include <QStringList>

namespace rd::schema {

enum class Backend { Sqlite, Postgres };

// The SQLite steps (what migrations(Backend::Sqlite) returns).
const QList<QStringList> &migrations();
const QList<QStringList> &migrations(Backend backend);
int latestVersion();

// The CREATE statement of every index and trigger on `table` as the latest SQLite schema
// defines it, by name: read from the steps themselves (the last CREATE of a name that no later
// step drops), so a new step that changes one is followed without editing this. Automatic
// indexes of UNIQUE constraints are not listed (they belong to the table).
QHash<QString, QString> sqliteDefinitionsOn(const QString &table);

} // namespace rd::schema
