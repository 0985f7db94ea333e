#include "database.h"

#include "schema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>

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
    return openAs(path, OpenMode::CreateWithFolder, targetVersion, error);
}

bool Database::open(const QString &path, OpenMode mode, QString *error)
{
    return openAs(path, mode, -1, error);
}

bool Database::openAs(const QString &path, OpenMode mode, int targetVersion, QString *error)
{
    close();
    const auto failWith = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (path.isEmpty())
        return failWith(QStringLiteral("No cache file was given."));
    const QFileInfo info(path);
    if (info.isDir())
        return failWith(QStringLiteral("%1 is a folder, not a cache file.").arg(path));
    if (!info.exists()) {
        // Only the modes that may create a cache go on; a mistyped path for reading must not
        // leave an empty cache (or folders) behind.
        if (mode == OpenMode::Existing || mode == OpenMode::ReadOnly)
            return failWith(QStringLiteral("No cache at %1.").arg(path));
        if (mode == OpenMode::Create && !info.absoluteDir().exists())
            return failWith(QStringLiteral("The folder %1 does not exist; create it first or "
                                           "choose another cache file.")
                                .arg(info.absolutePath()));
        if (!info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath()))
            return failWith(
                QStringLiteral("Cannot create the folder %1.").arg(info.absolutePath()));
    }
    const bool physicallyReadOnly = info.exists() && !isWritable(path);
    if (!openConnection(path, physicallyReadOnly, error))
        return false;
    m_path = path;
    m_readOnly = physicallyReadOnly || mode == OpenMode::ReadOnly;
    const int target = targetVersion < 0 ? schema::latestVersion() : targetVersion;
    QString why;
    bool ok = false;
    {
        QSqlDatabase db = connection();
        if (physicallyReadOnly) {
            // Nothing may be written: no journal mode change and no migration.
            ok = exec(db, QStringLiteral("PRAGMA query_only=ON"), &why) &&
                 exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), &why) &&
                 checkReadOnlySchema(target, &why);
        } else {
            // FULL, not WAL's usual NORMAL: NORMAL syncs only at checkpoints, so a power cut
            // can take back the last commits, and an outbox entry that vanishes after its
            // request was sent would let the refund be made twice (docs/exactly-once.md).
            ok = exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), &why) &&
                 exec(db, QStringLiteral("PRAGMA synchronous=FULL"), &why) &&
                 exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), &why) &&
                 migrate(target, &why) &&
                 (!m_readOnly || exec(db, QStringLiteral("PRAGMA query_only=ON"), &why));
        }
    }
    if (!ok) {
        if (isDamage(why))
            why = explainDamage(path, why);
        else if (!why.startsWith(QLatin1String("This cache")))
            why = QStringLiteral("Cannot prepare the cache %1: %2").arg(path, why);
        close();
        return failWith(why);
    }
    return true;
}

bool Database::openConnection(const QString &path, bool readOnly, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (readOnly) {
        // mode=ro never creates or changes the file. In a folder where this user cannot create
        // the -wal and -shm files SQLite cannot share a WAL index; when no WAL content is
        // waiting (the last writer closed cleanly) and nobody else could write here either,
        // the file is read as immutable instead.
        const QFileInfo info(path);
        const QFileInfo wal(path + QStringLiteral("-wal"));
        const bool folderWritable = QFileInfo(info.absolutePath()).isWritable();
        const bool immutable = !folderWritable &&
                               !QFileInfo::exists(path + QStringLiteral("-shm")) &&
                               (!wal.exists() || wal.size() == 0);
        QString uri = QUrl::fromLocalFile(info.absoluteFilePath()).toString(QUrl::FullyEncoded) +
                      QStringLiteral("?mode=ro");
        if (immutable)
            uri += QStringLiteral("&immutable=1");
        db.setDatabaseName(uri);
        db.setConnectOptions(
            QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000;QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
    } else {
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (db.open())
        return true;
    if (error) {
        const QString why = db.lastError().text();
        *error = isDamage(why) ? explainDamage(path, why)
                               : QStringLiteral("Cannot open the cache %1: %2").arg(path, why);
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    return false;
}

bool Database::checkReadOnlySchema(int targetVersion, QString *error)
{
    const int current = schemaVersion();
    if (current < 0) {
        *error = QStringLiteral("cannot read the schema version");
        return false;
    }
    if (current > schema::latestVersion())
        return migrate(targetVersion, error); // refuses with the newer-schema message
    if (current < targetVersion) {
        *error = QStringLiteral("This cache (%1) is read-only and was written by an older "
                                "RefundDesk (schema %2; this build needs %3). Copy it somewhere "
                                "you can write and open the copy once to bring it up to date. "
                                "Nothing was changed.")
                     .arg(m_path)
                     .arg(current)
                     .arg(targetVersion);
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
    m_readOnly = false;
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

bool Database::isWritable(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isWritable())
        return false;
    if (QFileInfo(info.absolutePath()).isWritable())
        return true;
    // Without a writable folder SQLite can still write through -wal and -shm files that
    // already exist and are writable; it cannot create them.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    const QFileInfo shm(path + QStringLiteral("-shm"));
    return wal.exists() && wal.isWritable() && shm.exists() && shm.isWritable();
}

bool Database::isDamage(const QString &sqliteText)
{
    return sqliteText.contains(QLatin1String("database disk image is malformed"),
                               Qt::CaseInsensitive) ||
           sqliteText.contains(QLatin1String("malformed database schema"), Qt::CaseInsensitive) ||
           sqliteText.contains(QLatin1String("file is not a database"), Qt::CaseInsensitive);
}

bool Database::isDamage(const QSqlError &error)
{
    // SQLITE_CORRUPT and SQLITE_NOTADB, also in their extended forms (low byte).
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (ok && ((code & 0xff) == 11 || (code & 0xff) == 26))
        return true;
    return isDamage(error.text());
}

QString Database::explainDamage(const QString &path, const QString &sqliteText)
{
    if (!isDamage(sqliteText))
        return sqliteText;
    const QString what = sqliteText.contains(QLatin1String("not a database"), Qt::CaseInsensitive)
                             ? QStringLiteral("file is not a database")
                             : QStringLiteral("database disk image is malformed");
    return QStringLiteral("The cache %1 is damaged (%2); nothing was sent or changed. Close "
                          "RefundDesk, move the file aside and copy your last backup (made with "
                          "refunddesk-cli backup --out FILE) in its place, or start a new cache "
                          "with refunddesk-cli accounts add and sync, and check any refund that "
                          "was still open at the gateway.")
        .arg(path, what);
}

} // namespace rd
