// Gateway accounts registered in the cache: a name, a dialect and a base URL. Secrets are
// never stored here (see SecretStore).
#pragma once

#include "domain/dialect.h"
#include "domain/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace rd {

class Database;

struct Account
{
    qint64 id = 0;
    QString name;
    Dialect dialect = Dialect::Stripe;
    QString baseUrl;
    QDateTime createdAt;
    QDateTime lastSyncAt; // invalid when never synced
    int maxRps = 0;       // request-rate ceiling set by a person; 0 = the gateway's default
};

class AccountRepository final
{
public:
    explicit AccountRepository(Database &db) : m_db(db) {}

    // Checks name and URL, then inserts. Returns the new account or nullopt with a reason.
    std::optional<Account> add(const QString &name, Dialect dialect, const QString &baseUrl,
                               QString *error);
    bool update(const Account &account, QString *error);
    bool remove(qint64 id, QString *error);
    // Reads fail with a reason (also "no account named …"), never an empty stand-in: the
    // account decides where a refund is sent.
    Result<QList<Account>> list() const;
    Result<Account> findByName(const QString &name) const;
    Result<Account> findById(qint64 id) const;
    bool setLastSync(qint64 id, const QDateTime &when, QString *error);
    // 0 returns the account to its gateway's default ceiling.
    bool setMaxRps(qint64 id, int maxRps, QString *error);

    // Empty when acceptable; otherwise a sentence saying what is wrong.
    static QString validateName(const QString &name);
    // Only https, or http to loopback; never a user or password in the URL (a secret there
    // would be stored in the cache and shown in lists).
    static QString validateBaseUrl(const QString &url);
    // Empty when no account other than `exceptId` clashes with `name`; otherwise a sentence
    // naming that account. Names are unique ignoring case and after mapping to their secret
    // variable, so two accounts can never share a key. Cheap enough to call as a person types.
    QString nameConflict(const QString &name, qint64 exceptId = 0) const;

    // The environment variable holding an account's secret: REFUNDDESK_SECRET_ and the name
    // upper-cased, every character other than A-Z and 0-9 as '_'.
    static QString secretVariableName(const QString &name);

private:
    Database &m_db;
};

} // namespace rd
