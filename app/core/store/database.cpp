#include "database.h"

#include "schema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace rd {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("refunddesk-%1").arg(counter.fetchAndAddRelaxed(1));
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace

Database::Database() : m_connectionName(nextConnectionName()) {}

Database::~Database()
{
    close();
}

bool Database::open(const QString &path, QString *error, int targetVersion)
{
    close();
    const QFileInfo info(path);
    if (!info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = QStringLiteral("Cannot create the folder %1.").arg(info.absolutePath());
        return false;
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open()) {
            if (error)
                *error =
                    QStringLiteral("Cannot open the cache %1: %2").arg(path, db.lastError().text());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
    }
    m_path = path;
    QString why;
    bool ok = false;
    {
        QSqlDatabase db = connection();
        ok = exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), &why) &&
             exec(db, QStringLiteral("PRAGMA synchronous=NORMAL"), &why) &&
             exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), &why) &&
             migrate(targetVersion < 0 ? schema::latestVersion() : targetVersion, &why);
    }
    if (!ok) {
        if (error)
            *error = why.startsWith(QLatin1String("This cache"))
                         ? why
                         : QStringLiteral("Cannot prepare the cache %1: %2").arg(path, why);
        close();
        return false;
    }
    return true;
}

void Database::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_path.clear();
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) &&
           QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    QSqlQuery q(connection());
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

bool Database::migrate(int targetVersion, QString *error)
{
    const int current = schemaVersion();
    if (current < 0) {
        *error = QStringLiteral("cannot read the schema version");
        return false;
    }
    if (current > schema::latestVersion()) {
        *error = QStringLiteral("This cache (%1) was written by a newer RefundDesk (schema %2; "
                                "this build knows up to %3). Open it with that version, or "
                                "choose another cache file. Nothing was changed.")
                     .arg(m_path)
                     .arg(current)
                     .arg(schema::latestVersion());
        return false;
    }
    QSqlDatabase db = connection();
    for (int v = current; v < targetVersion; ++v) {
        if (!beginImmediate(error))
            return false;
        for (const QString &sql : schema::migrations().at(v)) {
            if (!exec(db, sql, error)) {
                rollback();
                *error = QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(*error);
                return false;
            }
        }
        if (!exec(db, QStringLiteral("PRAGMA user_version=%1").arg(v + 1), error) ||
            !commit(error)) {
            rollback();
            return false;
        }
    }
    return true;
}

bool Database::beginImmediate(QString *error)
{
    QSqlDatabase db = connection();
    return exec(db, QStringLiteral("BEGIN IMMEDIATE"), error);
}

bool Database::commit(QString *error)
{
    QSqlDatabase db = connection();
    return exec(db, QStringLiteral("COMMIT"), error);
}

void Database::rollback()
{
    QSqlDatabase db = connection();
    exec(db, QStringLiteral("ROLLBACK"), nullptr);
}

QString Database::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("refunddesk.sqlite3"));
}

} // namespace rd
