// One open store: a SQLite cache file (WAL, foreign keys, a busy timeout), or a PostgreSQL team
// database given as postgresql://USER@HOST[:PORT]/DBNAME (through QPSQL); either way its schema
// is brought up to date. Each thread that touches the store owns its own Database. A cache that
// this user cannot write (an archived year, a read-only share, another user's file) is opened
// read-only instead of failing, and says so through isReadOnly().
#pragma once

#include "schema.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;
struct sqlite3;

namespace rd {

class Database final
{
public:
    enum class OpenMode {
        // Creates the file and its folder when missing: the GUI's own cache in its data folder.
        CreateWithFolder,
        // Creates the file when missing, but only in a folder that exists (accounts add).
        Create,
        // The file must exist; read-write when this user can write it, read-only otherwise.
        Existing,
        // The file must exist; nothing is ever written (list, export, outbox, backup). A
        // writable cache of an older schema is still brought up to date first.
        ReadOnly,
    };

    using Backend = schema::Backend;

    Database();
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Opens (creating the file and its folder if needed) and migrates to the latest schema. A
    // file whose schema is newer than this build knows is refused, untouched. `targetVersion`
    // < 0 means latest; tests use it to create older schemas.
    bool open(const QString &path, QString *error, int targetVersion = -1);
    bool open(const QString &path, OpenMode mode, QString *error);
    void close();
    bool isOpen() const;
    // True when this connection cannot write: the file or its folder is not writable for this
    // user, or it was opened with OpenMode::ReadOnly.
    bool isReadOnly() const { return m_readOnly; }

    QSqlDatabase connection() const;
    // The file path, or the team database's address as given (it never holds a password).
    const QString &path() const { return m_path; }
    int schemaVersion() const;
    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::Postgres; }
    // The SQLite connection under Qt's driver, for the paths that step statements themselves
    // (bulk writes); null on PostgreSQL or when closed.
    sqlite3 *sqliteHandle() const;
    // Set on the sync writer's connection (BatchWriter): a first sync into an empty table may
    // leave that table's indexes and search triggers out until bulkload::finish() (bulkload.h).
    void setBulkLoad(bool allowed) { m_bulkLoad = allowed; }
    bool bulkLoad() const { return m_bulkLoad; }
    // Who writes: the PostgreSQL user of this connection, or the OS user for a SQLite cache.
    QString databaseUser() const;

    // For team databases: a password for `address` that every connection of this process to it
    // uses instead of libpq's own places (PGPASSWORD, ~/.pgpass), e.g. one the GUI read from
    // the keychain. Kept in this process's memory only, never stored or passed on.
    static void setServerPassword(const QString &address, const QString &password);

    // When a write transaction's commit is on disk, not only in the operating system's cache.
    enum class Sync {
        // When commit() returns (SQLite synchronous=FULL): what a gateway request or the
        // person relies on.
        OnCommit,
        // With the next OnCommit commit of this connection: the cache's WAL is written in
        // order, so that commit's flush takes this one along, and a crash of the process loses
        // neither. For a transaction that a power cut may undo because nothing depending on it
        // leaves the machine before that next commit (a refund's outbox entry, whose attempt
        // is committed OnCommit before the first byte is sent; gateway state read again into
        // the cache). PostgreSQL commits every transaction as the server is configured.
        WithNextCommit,
    };

    // BEGIN IMMEDIATE ... COMMIT, so a writer takes the lock before reading what it decides on.
    // On PostgreSQL a plain BEGIN: writers that decide on shared rows take the narrower locks
    // below inside the transaction instead of one lock over the whole database.
    bool beginImmediate(QString *error, Sync sync = Sync::OnCommit);
    // Inside a write transaction: waits until no other connection is deciding on a refund of
    // the same invoice, and holds that until commit or rollback. SQLite's BEGIN IMMEDIATE
    // already serializes every writer, so there it does nothing.
    bool lockInvoice(qint64 accountId, const QString &invoiceId, QString *error);
    // Inside a write transaction: locks the outbox entry's row for this transaction, or reports
    // through `*locked` that another connection holds it right now (FOR UPDATE SKIP LOCKED).
    // Always locked on SQLite.
    bool tryLockOutboxEntry(const QString &operationId, bool *locked, QString *error);
    bool commit(QString *error);
    void rollback();

    // The default cache location for the GUI (AppDataLocation) when no path is given.
    static QString defaultPath();
    // Whether this user can write the cache at `path` (the file, and its -wal/-shm or its
    // folder); false for a missing file.
    static bool isWritable(const QString &path);
    // SQLite's word for a damaged file ("database disk image is malformed", "file is not a
    // database").
    static bool isDamage(const QString &sqliteText);
    static bool isDamage(const QSqlError &error);
    // One sentence for a person when `sqliteText` says the cache at `path` is damaged: what
    // happened and what to do (restore a backup, or start again from the gateways). Returns
    // `sqliteText` unchanged when it is not about damage.
    static QString explainDamage(const QString &path, const QString &sqliteText);
    // True for a team database address (postgresql:// or postgres://) rather than a file.
    static bool isServerAddress(const QString &path);
    // `expression` for an ORDER BY that must not depend on the server: text in code point
    // order, as SQLite compares it, rather than by the team database's locale (where "acme"
    // comes before "Zeta" and punctuation may not count).
    static QString inCodePointOrder(const QString &expression, Backend backend);

private:
    void restoreSync();
    bool openServer(const QString &address, OpenMode mode, int targetVersion, QString *error);
    bool migrateServer(int targetVersion, QString *error);
    bool openAs(const QString &path, OpenMode mode, int targetVersion, QString *error);
    bool openConnection(const QString &path, bool readOnly, QString *error);
    bool checkReadOnlySchema(int targetVersion, QString *error);
    bool migrate(int targetVersion, QString *error);

    QString m_connectionName;
    QString m_path;
    Backend m_backend = Backend::Sqlite;
    bool m_readOnly = false;
    bool m_syncDeferred = false; // this connection runs at synchronous=NORMAL until commit()
    bool m_bulkLoad = false;
};

} // namespace rd
