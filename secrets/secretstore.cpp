#include "secretstore.h"

#include "store/accountrepository.h"
#include "store/database.h"

#include "keychainjob.h"

#include <QEventLoop>
#include <QProcessEnvironment>

namespace rd {

namespace {

const QString &serviceName()
{
    static const QString name = QStringLiteral("RefundDesk");
    return name;
}

keychain::Request request(keychain::Operation operation, const QString &key,
                          const QString &secret = QString())
{
    return keychain::Request{operation, serviceName(), key, secret};
}

} // namespace

SecretStore::SecretStore(QObject *parent) : QObject(parent) {}

QString SecretStore::environmentVariable(const QString &accountName)
{
    // One mapping, kept by the account store, which also refuses names that would share it.
    return AccountRepository::secretVariableName(accountName);
}

void SecretStore::read(const QString &accountName, std::function<void(const Result &)> done)
{
    const QString env =
        QProcessEnvironment::systemEnvironment().value(environmentVariable(accountName));
    if (!env.isEmpty()) {
        done(Result{env, Source::Environment, true, QString()});
        return;
    }
    readKeychain(accountName, std::move(done));
}

void SecretStore::readKeychain(const QString &key, std::function<void(const Result &)> done)
{
    using Status = keychain::Answer::Status;
    keychain::start(request(keychain::Operation::Read, key), this,
                    [this, key, done](const keychain::Answer &a) {
                        Result r;
                        if (a.status == Status::Ok) {
                            r.secret = a.secret;
                            r.source = Source::Keychain;
                        } else if (m_sessionSecrets.contains(key)) {
                            r.secret = m_sessionSecrets.value(key);
                            r.source = Source::SessionMemory;
                            r.keychainAvailable = a.status != Status::NoBackend;
                        } else if (a.status != Status::NotFound) {
                            r.keychainAvailable = a.status != Status::NoBackend;
                            r.error = a.error;
                        }
                        done(r);
                    });
}

void SecretStore::write(const QString &accountName, const QString &secret,
                        std::function<void(const Result &)> done)
{
    keychain::start(request(keychain::Operation::Write, accountName, secret), this,
                    [this, accountName, secret, done](const keychain::Answer &a) {
                        Result r;
                        r.secret = secret;
                        if (a.status == keychain::Answer::Status::Ok) {
                            r.source = Source::Keychain;
                            m_sessionSecrets.remove(accountName);
                        } else {
                            // Keep it for this session so the person can work, and say so.
                            m_sessionSecrets.insert(accountName, secret);
                            r.source = Source::SessionMemory;
                            r.keychainAvailable = false;
                            r.error = a.error;
                        }
                        done(r);
                    });
}

void SecretStore::remove(const QString &accountName, std::function<void(const Result &)> done)
{
    using Status = keychain::Answer::Status;
    m_sessionSecrets.remove(accountName);
    keychain::start(request(keychain::Operation::Remove, accountName), this,
                    [done](const keychain::Answer &a) {
                        Result r;
                        if (a.status != Status::Ok && a.status != Status::NotFound) {
                            r.keychainAvailable = a.status != Status::NoBackend;
                            r.error = a.error;
                        }
                        done(r);
                    });
}

namespace {

// Runs one asynchronous lookup to completion; only the command line uses this.
SecretStore::Result
waitFor(const std::function<void(std::function<void(const SecretStore::Result &)>)> &start)
{
    SecretStore::Result out;
    bool finished = false;
    QEventLoop loop;
    start([&](const SecretStore::Result &r) {
        out = r;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return out;
}

} // namespace

SecretStore::Result SecretStore::readBlocking(const QString &accountName)
{
    return waitFor([&](auto done) { read(accountName, done); });
}

SecretStore::Result SecretStore::writeBlocking(const QString &accountName, const QString &secret)
{
    return waitFor([&](auto done) { write(accountName, secret, done); });
}

SecretStore::Result SecretStore::removeBlocking(const QString &accountName)
{
    return waitFor([&](auto done) { remove(accountName, done); });
}

QString SecretStore::teamDatabaseKey(const QString &address)
{
    // The name the desktop has always used: entries it kept before stay found.
    return QStringLiteral("team database ") + address.trimmed();
}

SecretStore::Result SecretStore::useTeamDatabasePassword(const QString &address)
{
    const Result kept = waitFor([&](auto done) { readKeychain(teamDatabaseKey(address), done); });
    if (!kept.secret.isEmpty())
        Database::setServerPassword(address, kept.secret);
    return kept;
}

} // namespace rd
