// Gateway accounts registered in the cache: a name, a dialect and a base URL. Secrets are
// never stored here (see SecretStore).
#pragma once

#include "domain/dialect.h"

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
    QList<Account> list(QString *error = nullptr) const;
    std::optional<Account> findByName(const QString &name, QString *error = nullptr) const;
    std::optional<Account> findById(qint64 id, QString *error = nullptr) const;
    bool setLastSync(qint64 id, const QDateTime &when, QString *error);

    // Empty when acceptable; otherwise a sentence saying what is wrong.
    static QString validateName(const QString &name);
    static QString validateBaseUrl(const QString &url);

private:
    Database &m_db;
};

} // namespace rd
