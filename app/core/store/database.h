// One open SQLite cache file: opens it with WAL, foreign keys and a busy timeout, and brings
// its schema up to date. Each thread that touches the cache owns its own Database.
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace rd {

class Database final
{
public:
    Database();
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Opens (creating if needed) and migrates to the latest schema. A file whose schema is
    // newer than this build knows is refused, untouched. `targetVersion` < 0 means latest;
    // tests use it to create older schemas.
    bool open(const QString &path, QString *error, int targetVersion = -1);
    void close();
    bool isOpen() const;

    QSqlDatabase connection() const;
    const QString &path() const { return m_path; }
    int schemaVersion() const;

    // BEGIN IMMEDIATE ... COMMIT, so a writer takes the lock before reading what it decides on.
    bool beginImmediate(QString *error);
    bool commit(QString *error);
    void rollback();

    // The default cache location for the GUI (AppDataLocation) when no path is given.
    static QString defaultPath();

private:
    bool migrate(int targetVersion, QString *error);

    QString m_connectionName;
    QString m_path;
};

} // namespace rd
