// Finds the secrets of several accounts at once for sync and for sending: secrets given for
// this session (the demo's sandbox keys) first, then SecretStore (environment, keychain).
#pragma once

#include "store/accountrepository.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace rd {

class SecretStore;

class SecretSource final : public QObject
{
    Q_OBJECT
public:
    SecretSource(SecretStore *store, QObject *parent = nullptr);

    SecretStore *store() const { return m_store; }
    // Held in memory only, for this run (demo accounts).
    void setSessionSecret(const QString &accountName, const QString &secret);

    // `done` gets the secrets found by account id, and a sentence per account without one.
    using Done =
        std::function<void(const QHash<qint64, QString> &secrets, const QStringList &missing)>;
    void fetch(const QList<Account> &accounts, Done done);

private:
    SecretStore *m_store;
    QHash<QString, QString> m_session;
};

} // namespace rd
