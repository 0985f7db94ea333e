// A table's content as text, to compare two caches filled by two ways of syncing the same data
// (SQLite or PostgreSQL).
#pragma once

#include "store/database.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace rdtest {

// Every row of `sql`, each as one line of its values, sorted: a table's content without the
// local row ids and write times, which differ between two syncs of the same data.
inline QStringList rows(rd::Database &db, const QString &sql)
{
    QStringList out;
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return {QStringLiteral("query failed: ") + sql};
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < q.record().count(); ++i)
            values << q.value(i).toString();
        out << values.join(QLatin1Char('|'));
    }
    out.sort();
    return out;
}

inline QString columnsExcept(rd::Database &db, const QString &table, const QStringList &skip)
{
    QStringList names;
    QSqlQuery q(db.connection());
    if (db.isPostgres())
        q.exec(QStringLiteral("SELECT column_name FROM information_schema.columns WHERE "
                              "table_schema = current_schema() AND table_name = '%1' ORDER BY "
                              "ordinal_position")
                   .arg(table));
    else
        q.exec(QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table));
    while (q.next()) {
        const QString name = q.value(0).toString();
        if (!skip.contains(name))
            names << name;
    }
    return names.join(QStringLiteral(", "));
}

} // namespace rdtest
