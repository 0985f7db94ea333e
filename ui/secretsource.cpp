#include "secretsource.h"

#include "secretstore.h"

#include <memory>

namespace rd {

SecretSource::SecretSource(SecretStore *store, QObject *parent) : QObject(parent), m_store(store) {}

void SecretSource::setSessionSecret(const QString &accountName, const QString &secret)
{
    m_session.insert(accountName, secret);
}

void SecretSource::fetch(const QList<Account> &accounts, Done done)
{
    struct State
    {
        QHash<qint64, QString> secrets;
        QStringList missing;
        int waiting = 0;
        Done done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    QList<Account> toRead;
    for (const Account &a : accounts) {
        if (m_session.contains(a.name))
            state->secrets.insert(a.id, m_session.value(a.name));
        else
            toRead << a;
    }
    state->waiting = int(toRead.size());
    if (toRead.isEmpty()) {
        state->done(state->secrets, state->missing);
        return;
    }
    for (const Account &a : std::as_const(toRead)) {
        m_store->read(a.name, [state, a](const SecretStore::Result &r) {
            if (!r.secret.isEmpty())
                state->secrets.insert(a.id, r.secret);
            else if (!r.keychainAvailable)
                // What to do, rather than the system's own error text.
                state->missing << tr("%1: no keychain found to read its secret from. Enter it "
                                     "in Accounts (kept for this session only) or set %2.")
                                      .arg(a.name, SecretStore::environmentVariable(a.name));
            else if (!r.error.isEmpty())
                state->missing << tr("%1: the keychain did not hand over its secret (%2). "
                                     "Unlock the keychain, or enter the secret again in "
                                     "Accounts.")
                                      .arg(a.name, r.error);
            else
                state->missing << tr("%1 has no secret: add it in Accounts.").arg(a.name);
            if (--state->waiting == 0)
                state->done(state->secrets, state->missing);
        });
    }
}

} // namespace rd
