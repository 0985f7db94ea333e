#include "bulkload.h"

#include "database.h"
#include "schema.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace rd::bulkload {

namespace {

const QStringList &recordTables()
{
    static const QStringList tables = {QStringLiteral("invoices"), QStringLiteral("refunds"),
                                       QStringLiteral("chargebacks")};
    return tables;
}

bool fail(QString *error, const QSqlQuery &q)
{
    if (error)
        *error = q.lastError().text();
    return false;
}

// Names of the indexes and triggers that `table` has now (automatic indexes aside).
bool existingOn(Database &db, const QString &table, QStringList *names, QString *error)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') "
                             "AND sql IS NOT NULL AND tbl_name = ?"));
    q.addBindValue(table);
    if (!q.exec())
        return fail(error, q);
    while (q.next())
        names->append(q.value(0).toString());
    return true;
}

// The schema's definitions on `table` that it lacks now.
bool missingOn(Database &db, const QString &table, QHash<QString, QString> *missing, QString *error)
{
    QStringList existing;
    if (!existingOn(db, table, &existing, error))
        return false;
    *missing = schema::sqliteDefinitionsOn(table);
    for (const QString &name : std::as_const(existing))
        missing->remove(name);
    return true;
}

bool exec(Database &db, const QString &sql, QString *error)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) || fail(error, q);
}

bool usable(Database &db)
{
    return db.isOpen() && !db.isPostgres() && db.schemaVersion() == schema::latestVersion();
}

} // namespace

bool prepare(Database &db, const QString &table, bool *deferred, QString *error)
{
    *deferred = false;
    if (!db.bulkLoad() || db.isReadOnly() || !usable(db))
        return true;
    QHash<QString, QString> missing;
    if (!missingOn(db, table, &missing, error))
        return false;
    const QHash<QString, QString> defined = schema::sqliteDefinitionsOn(table);
    if (missing.isEmpty()) {
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM %1)").arg(table)) || !q.next())
            return fail(error, q);
        if (q.value(0).toBool())
            return true; // rows already there: keeping the upkeep costs less than rebuilding it
    }
    for (auto it = defined.cbegin(); it != defined.cend(); ++it) {
        if (missing.contains(it.key()))
            continue;
        const bool trigger = it.value().startsWith(QLatin1String("CREATE TRIGGER"));
        if (!exec(db,
                  QStringLiteral("DROP %1 %2")
                      .arg(trigger ? QStringLiteral("TRIGGER") : QStringLiteral("INDEX"), it.key()),
                  error))
            return false;
    }
    *deferred = true;
    return true;
}

bool pending(Database &db, bool *isPending, QString *error)
{
    *isPending = false;
    if (!usable(db))
        return true;
    // Every writable open asks: one look at the schema for all the tables.
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT tbl_name, name FROM sqlite_master WHERE type IN "
                               "('index', 'trigger') AND sql IS NOT NULL")))
        return fail(error, q);
    QSet<QString> existing; // "table name"
    while (q.next())
        existing.insert(q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString());
    for (const QString &table : recordTables()) {
        const QHash<QString, QString> defined = schema::sqliteDefinitionsOn(table);
        for (auto it = defined.cbegin(); it != defined.cend(); ++it) {
            if (!existing.contains(table + QLatin1Char(' ') + it.key())) {
                *isPending = true;
                return true;
            }
        }
    }
    return true;
}

bool finish(Database &db, QString *error)
{
    bool isPending = false;
    if (!pending(db, &isPending, error))
        return false;
    if (!isPending)
        return true;
    if (!db.beginImmediate(error))
        return false;
    // Looked at again under the write lock: another connection may have finished meanwhile.
    for (const QString &table : recordTables()) {
        QHash<QString, QString> missing;
        if (!missingOn(db, table, &missing, error)) {
            db.rollback();
            return false;
        }
        bool triggers = false;
        // Indexes first: the rebuild below reads the table, not its indexes, so the order
        // only keeps the statements apart.
        QStringList statements;
        for (auto it = missing.cbegin(); it != missing.cend(); ++it) {
            if (it.value().startsWith(QLatin1String("CREATE TRIGGER"))) {
                triggers = true;
                statements.append(it.value());
            } else {
                statements.prepend(it.value());
            }
        }
        for (const QString &sql : std::as_const(statements)) {
            if (!exec(db, sql, error)) {
                db.rollback();
                return false;
            }
        }
        if (triggers) {
            const QString fts = table + QStringLiteral("_fts");
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = ?"));
            q.addBindValue(fts);
            if (!q.exec()) {
                fail(error, q);
                db.rollback();
                return false;
            }
            if (q.next() &&
                !exec(db, QStringLiteral("INSERT INTO %1(%1) VALUES ('rebuild')").arg(fts),
                      error)) {
                db.rollback();
                return false;
            }
        }
    }
    return db.commit(error);
}

} // namespace rd::bulkload
