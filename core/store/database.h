// One open SQLite cache file: opens it with WAL, foreign keys and a busy timeout, and brings
// its schema up to date. Each thread that touches the cache owns its own Database. A cache that
// this user cannot write (an archived year, a read-only share, another user's file) is opened
// read-only instead of failing, and says so through isReadOnly().
#pragma once

#include <QSqlDatabase>
#include <QString>

class QSqlError;

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
    const QString &path() const { return m_path; }
    int schemaVersion() const;

    // BEGIN IMMEDIATE ... COMMIT, so a writer takes the lock before reading what it decides on.
    bool beginImmediate(QString *error);
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

private:
    bool openAs(const QString &path, OpenMode mode, int targetVersion, QString *error);
    bool openConnection(const QString &path, bool readOnly, QString *error);
    bool checkReadOnlySchema(int targetVersion, QString *error);
    bool migrate(int targetVersion, QString *error);

    QString m_connectionName;
    QString m_path;
    bool m_readOnly = false;
};

} // namespace rd
