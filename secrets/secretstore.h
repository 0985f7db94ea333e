// Where an account's gateway secret lives: the environment variable
// REFUNDDESK_SECRET_<NAME> first, then the OS keychain (QtKeychain), then, when no keychain
// service exists, memory for this session only. Secrets never touch the cache or settings.
// The password of a team database is kept here too, in a keychain entry of its own.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace rd {

class SecretStore final : public QObject
{
    Q_OBJECT
public:
    enum class Source { None, Environment, Keychain, SessionMemory };

    struct Result
    {
        QString secret; // empty when none was found
        Source source = Source::None;
        bool keychainAvailable = true;
        // The keychain's own reason when it failed; after a failed write the secret is kept
        // in memory for this session (source SessionMemory), and callers say so.
        QString error;
    };

    explicit SecretStore(QObject *parent = nullptr);

    static QString environmentVariable(const QString &accountName);

    // Asynchronous: `done` runs on this object's thread when the lookup finishes.
    void read(const QString &accountName, std::function<void(const Result &)> done);
    void write(const QString &accountName, const QString &secret,
               std::function<void(const Result &)> done);
    void remove(const QString &accountName, std::function<void(const Result &)> done);

    // Blocking forms for the command line, which has no window to keep responsive.
    Result readBlocking(const QString &accountName);
    Result writeBlocking(const QString &accountName, const QString &secret);
    Result removeBlocking(const QString &accountName);

    // The keychain entry that holds the password of the team database at `address`: File >
    // Open team database… and refunddesk-cli team set-password write it, the desktop and the
    // command line read it.
    static QString teamDatabaseKey(const QString &address);
    // Reads that entry and, when there is one, hands it to Database::setServerPassword() for
    // this process's connections to `address`; without one libpq's own places apply
    // (~/.pgpass, PGPASSWORD). Only the keychain is asked, never an environment variable
    // (PGPASSWORD is that way). Blocking, for start-up; where there is no keychain service the
    // answer is empty, with its reason in `error`.
    Result useTeamDatabasePassword(const QString &address);

private:
    void readKeychain(const QString &key, std::function<void(const Result &)> done);

    QHash<QString, QString> m_sessionSecrets;
};

} // namespace rd
