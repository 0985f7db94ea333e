#include "database.h"

#include "bulkload.h"
#include "schema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

#include "auditlog.h"

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

// Advisory lock keys of the team database (pg_advisory_xact_lock takes a 64-bit key; these are
// apart from the hashed per-invoice keys only by convention, and a collision only waits).
constexpr qint64 MigrationLockKey = 0x52444d4947524154; // "RDMIGRAT"

// The address as it may be shown and passed on: never a password (sslmode stays).
QString serverLabel(const QUrl &url)
{
    QUrl shown = url;
    shown.setPassword(QString());
    return shown.toString();
}

QMutex passwordsMutex;
QHash<QString, QString> &serverPasswords()
{
    static QHash<QString, QString> passwords;
    return passwords;
}

} // namespace

void Database::setServerPassword(const QString &address, const QString &password)
{
    QMutexLocker lock(&passwordsMutex);
    serverPasswords().insert(serverLabel(QUrl(address, QUrl::StrictMode)), password);
}

QString Database::inCodePointOrder(const QString &expression, Backend backend)
{
    return backend == Backend::Postgres ? expression + QStringLiteral(" COLLATE \"C\"")
                                        : expression;
}

bool Database::isServerAddress(const QString &path)
{
    return path.startsWith(QLatin1String("postgresql://")) ||
           path.startsWith(QLatin1String("postgres://"));
}

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
    if (isServerAddress(path))
        return openServer(path, mode, targetVersion, error);
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
                 // A sync that died during a first bulk load left the search index behind;
                 // put right like a migration, before a read-only open stops all writes.
                 (target != schema::latestVersion() || bulkload::finish(*this, &why)) &&
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
    // Steps with nothing to do on SQLite (a PostgreSQL-only change) leave its schema as it was.
    int needed = targetVersion;
    while (needed > current && schema::migrations().at(needed - 1).isEmpty())
        --needed;
    if (current < needed) {
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

bool Database::openServer(const QString &address, OpenMode mode, int targetVersion, QString *error)
{
    const auto failWith = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QUrl url(address, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2)
        return failWith(QStringLiteral("%1 is not a team database address; write it as "
                                       "postgresql://USER@HOST[:PORT]/DBNAME.")
                            .arg(serverLabel(url)));
    if (!url.password().isEmpty())
        return failWith(QStringLiteral("The team database address carries a password; remove it "
                                       "and keep the password in ~/.pgpass or PGPASSWORD, where "
                                       "it does not show in process lists or settings."));
    const QString dbName = url.path().mid(1);
    QStringList options{QStringLiteral("connect_timeout=10"),
                        QStringLiteral("application_name=refunddesk")};
    const QUrlQuery query(url);
    QString sslmode;
    static const QStringList allowedKeys{QStringLiteral("sslmode"), QStringLiteral("sslrootcert")};
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (!allowedKeys.contains(item.first))
            return failWith(QStringLiteral("The team database address has an unknown option "
                                           "\"%1\"; only sslmode and sslrootcert are taken.")
                                .arg(item.first));
        if (item.second.contains(QLatin1Char(' ')) || item.second.contains(QLatin1Char(';')) ||
            item.second.contains(QLatin1Char('\'')))
            return failWith(QStringLiteral("The option %1 of the team database address has a "
                                           "character it cannot have.")
                                .arg(item.first));
        if (item.first == QLatin1String("sslmode"))
            sslmode = item.second;
        else
            options << QStringLiteral("%1=%2").arg(item.first, item.second);
    }
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    if (sslmode.isEmpty()) {
        // Off this machine the server's certificate must prove who it is; on loopback there is
        // no one in between to prove it to.
        const QHostAddress host(url.host());
        const bool loopback =
            url.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback());
        sslmode = loopback ? QStringLiteral("prefer") : QStringLiteral("verify-full");
    } else if (!modes.contains(sslmode)) {
        return failWith(QStringLiteral("sslmode=%1 is not one of %2.")
                            .arg(sslmode, modes.join(QStringLiteral(", "))));
    }
    options << QStringLiteral("sslmode=") + sslmode;

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    if (!db.isValid()) {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return failWith(QStringLiteral("This RefundDesk cannot reach PostgreSQL: the Qt driver "
                                       "QPSQL is missing (Debian package libqt6sql6-psql)."));
    }
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setDatabaseName(dbName);
    if (!url.userName().isEmpty())
        db.setUserName(url.userName());
    {
        QMutexLocker lock(&passwordsMutex);
        const QString password = serverPasswords().value(serverLabel(url));
        if (!password.isEmpty())
            db.setPassword(password);
    }
    db.setConnectOptions(options.join(QLatin1Char(';')));
    // Sums of BIGINT columns are NUMERIC in PostgreSQL: read them as exact text, never double.
    db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    m_path = serverLabel(url);
    if (!db.open()) {
        const QString why = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_path.clear();
        return failWith(QStringLiteral("Cannot open the team database %1: %2")
                            .arg(serverLabel(url), why.trimmed()));
    }
    m_backend = Backend::Postgres;
    m_readOnly = mode == OpenMode::ReadOnly;
    const int target = targetVersion < 0 ? schema::latestVersion() : targetVersion;
    QString why;
    // The server's notices ("already exists, skipping") are meant for a person at a psql
    // prompt: libpq would print them on this process's stderr, among the CLI's own messages.
    bool ok = exec(db, QStringLiteral("SET TIME ZONE 'UTC'"), &why) &&
              exec(db, QStringLiteral("SET client_min_messages TO warning"), &why);
    if (ok) {
        const int current = schemaVersion();
        if (current < 0) {
            ok = false;
            why = QStringLiteral("cannot read the schema version");
        } else if (current > schema::latestVersion()) {
            ok = false;
            why = QStringLiteral("The team database %1 was set up by a newer RefundDesk (schema "
                                 "%2; this build knows up to %3). Use that version. Nothing was "
                                 "changed.")
                      .arg(m_path)
                      .arg(current)
                      .arg(schema::latestVersion());
        } else if (current < target && m_readOnly) {
            ok = false;
            why = current == 0 ? QStringLiteral("The team database %1 has no RefundDesk schema "
                                                "yet; its owner creates it with refunddesk-cli "
                                                "--db ADDRESS team init.")
                                     .arg(m_path)
                               : QStringLiteral("The team database %1 has schema %2; this build "
                                                "needs %3. Its owner brings it up to date with "
                                                "refunddesk-cli --db ADDRESS team init.")
                                     .arg(m_path)
                                     .arg(current)
                                     .arg(target);
        } else if (current < target) {
            ok = migrateServer(target, &why);
        }
    }
    if (ok && m_readOnly)
        ok = exec(db, QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"), &why);
    if (!ok) {
        const QString label = m_path;
        db = QSqlDatabase(); // the connection is removed next; no handle may outlive it
        close();
        return failWith(
            why.startsWith(QLatin1String("The team database"))
                ? why
                : QStringLiteral("Cannot prepare the team database %1: %2").arg(label, why));
    }
    return true;
}

bool Database::migrateServer(int targetVersion, QString *error)
{
    QSqlDatabase db = connection();
    if (!exec(db, QStringLiteral("BEGIN"), error))
        return false;
    // Two desktops opening a new database at once: the second waits, then finds it done.
    const int current = [&] {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(MigrationLockKey)))
            return -1;
        return schemaVersion();
    }();
    if (current < 0) {
        rollback();
        *error = QStringLiteral("cannot read the schema version");
        return false;
    }
    bool ok = exec(db,
                   QStringLiteral("CREATE TABLE IF NOT EXISTS refunddesk_schema (version INTEGER "
                                  "NOT NULL)"),
                   error);
    for (int v = current; ok && v < targetVersion; ++v) {
        for (const QString &sql : schema::migrations(schema::Backend::Postgres).at(v)) {
            if (!exec(db, sql, error)) {
                *error = QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(*error);
                ok = false;
                break;
            }
        }
    }
    ok = ok && exec(db, QStringLiteral("DELETE FROM refunddesk_schema"), error) &&
         exec(db,
              QStringLiteral("INSERT INTO refunddesk_schema (version) VALUES (%1)")
                  .arg(std::max(current, targetVersion)),
              error) &&
         commit(error);
    if (!ok) {
        rollback();
        if (error->contains(QLatin1String("permission denied")) ||
            error->contains(QLatin1String("must be owner")))
            *error = QStringLiteral("The team database %1 has schema %2; this build needs %3, "
                                    "and this user may not change it (%4). Its owner brings it "
                                    "up to date with refunddesk-cli --db ADDRESS team init.")
                         .arg(m_path)
                         .arg(current)
                         .arg(targetVersion)
                         .arg(*error);
    }
    return ok;
}

QString Database::databaseUser() const
{
    if (!isPostgres())
        return AuditLog::currentOsUser();
    QSqlQuery q(connection());
    if (q.exec(QStringLiteral("SELECT current_user")) && q.next())
        return q.value(0).toString();
    return QString();
}

bool Database::lockInvoice(qint64 accountId, const QString &invoiceId, QString *error)
{
    if (!isPostgres())
        return true;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"));
    q.bindValue(0, QStringLiteral("refunddesk-invoice:%1:%2").arg(accountId).arg(invoiceId));
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

bool Database::tryLockOutboxEntry(const QString &operationId, bool *locked, QString *error)
{
    *locked = true;
    if (!isPostgres())
        return true;
    QSqlQuery q(connection());
    q.prepare(
        QStringLiteral("SELECT id FROM outbox WHERE operation_id = ? FOR UPDATE SKIP LOCKED"));
    q.bindValue(0, operationId);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    *locked = q.next();
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
    m_syncDeferred = false;
    m_backend = Backend::Sqlite;
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

sqlite3 *Database::sqliteHandle() const
{
    if (isPostgres())
        return nullptr;
    const QSqlDatabase db = connection();
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

int Database::schemaVersion() const
{
    QSqlQuery q(connection());
    if (isPostgres() || connection().driverName() == QLatin1String("QPSQL")) {
        if (!q.exec(QStringLiteral("SELECT to_regclass('refunddesk_schema') IS NOT NULL")) ||
            !q.next())
            return -1;
        if (!q.value(0).toBool())
            return 0;
        if (q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM refunddesk_schema")) &&
            q.next())
            return q.value(0).toInt();
        return -1;
    }
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

bool Database::beginImmediate(QString *error, Sync sync)
{
    QSqlDatabase db = connection();
    if (isPostgres())
        return exec(db, QStringLiteral("BEGIN"), error);
    // SQLite takes the level only outside a transaction; commit() and rollback() put FULL
    // back, so every other transaction of this connection stays synced at its commit.
    if (sync == Sync::OnCommit && m_syncDeferred) {
        restoreSync();
        if (m_syncDeferred) {
            if (error)
                *error = QStringLiteral("cannot set the cache back to synchronous commits");
            return false;
        }
    }
    if (sync == Sync::WithNextCommit && !m_syncDeferred) {
        if (!exec(db, QStringLiteral("PRAGMA synchronous=NORMAL"), error))
            return false;
        m_syncDeferred = true;
    }
    if (exec(db, QStringLiteral("BEGIN IMMEDIATE"), error))
        return true;
    restoreSync();
    return false;
}

void Database::restoreSync()
{
    if (!m_syncDeferred)
        return;
    QSqlDatabase db = connection();
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("PRAGMA synchronous=FULL")))
        m_syncDeferred = false;
}

bool Database::commit(QString *error)
{
    QSqlDatabase db = connection();
    const bool ok = exec(db, QStringLiteral("COMMIT"), error);
    if (ok)
        restoreSync();
    return ok;
}

void Database::rollback()
{
    QSqlDatabase db = connection();
    exec(db, QStringLiteral("ROLLBACK"), nullptr);
    restoreSync();
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
