#include "secretstore.h"

#include "store/accountrepository.h"
#include "store/database.h"

#include <QEventLoop>
#include <QProcessEnvironment>
#include <qt6keychain/keychain.h>

namespace rd {

namespace {

const QString &serviceName()
{
    static const QString name = QStringLiteral("RefundDesk");
    return name;
}

bool isNoBackend(QKeychain::Error e)
{
    return e == QKeychain::NoBackendAvailable || e == QKeychain::NotImplemented ||
           e == QKeychain::OtherError;
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
    // Jobs have no parent: the keychain's own callback may still arrive after the window that
    // asked is closed, and must find its job alive (it deletes itself once finished). The
    // connection's context drops the answer when this store is gone.
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, key, done](QKeychain::Job *j) {
        Result r;
        if (j->error() == QKeychain::NoError) {
            r.secret = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
            r.source = Source::Keychain;
        } else if (m_sessionSecrets.contains(key)) {
            r.secret = m_sessionSecrets.value(key);
            r.source = Source::SessionMemory;
            r.keychainAvailable = !isNoBackend(j->error());
        } else if (j->error() != QKeychain::EntryNotFound) {
            r.keychainAvailable = !isNoBackend(j->error());
            r.error = j->errorString();
        }
        done(r);
    });
    job->start();
}

void SecretStore::write(const QString &accountName, const QString &secret,
                        std::function<void(const Result &)> done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName()); // no parent: see read()
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(accountName);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this,
            [this, accountName, secret, done](QKeychain::Job *j) {
                Result r;
                r.secret = secret;
                if (j->error() == QKeychain::NoError) {
                    r.source = Source::Keychain;
                    m_sessionSecrets.remove(accountName);
                } else {
                    // Keep it for this session so the person can work, and say so.
                    m_sessionSecrets.insert(accountName, secret);
                    r.source = Source::SessionMemory;
                    r.keychainAvailable = false;
                    r.error = j->errorString();
                }
                done(r);
            });
    job->start();
}

void SecretStore::remove(const QString &accountName, std::function<void(const Result &)> done)
{
    m_sessionSecrets.remove(accountName);
    auto *job = new QKeychain::DeletePasswordJob(serviceName()); // no parent: see read()
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(accountName);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        Result r;
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound) {
            r.keychainAvailable = !isNoBackend(j->error());
            r.error = j->errorString();
        }
        done(r);
    });
    job->start();
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
