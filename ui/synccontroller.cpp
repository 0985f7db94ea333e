#include "synccontroller.h"

#include "gateway/gateway.h"
#include "secretsource.h"
#include "sync/syncengine.h"

#include <QPointer>

namespace rd {

SyncController::SyncController(const QString &databasePath, SecretSource *secrets, QObject *parent)
    : QObject(parent), m_secrets(secrets), m_engine(new SyncEngine(databasePath, this))
{
    connect(m_engine, &SyncEngine::progress, this, &SyncController::onProgress);
    connect(m_engine, &SyncEngine::accountFinished, this, &SyncController::onAccountFinished);
    connect(m_engine, &SyncEngine::finished, this, &SyncController::onFinished);
}

SyncController::~SyncController()
{
    m_engine->cancel();
}

void SyncController::start(const QList<Account> &accounts, bool full)
{
    if (m_running)
        return;
    m_running = true;
    m_names.clear();
    m_ok = m_failed = 0;
    m_anyReached = false;
    m_lastFailure.clear();
    for (const Account &a : accounts)
        m_names.insert(a.id, a.name);
    Q_EMIT started();
    QPointer<SyncController> self(this);
    m_secrets->fetch(
        accounts, [self, full](const QHash<qint64, QString> &secrets, const QStringList &missing) {
            if (!self)
                return;
            self->m_missing = missing;
            if (secrets.isEmpty()) {
                self->m_running = false;
                const QString why = missing.isEmpty() ? tr("No account has a secret.")
                                                      : missing.join(QLatin1Char(' '));
                // Nothing was tried, so this says nothing about being online.
                Q_EMIT self->finished(true, tr("Nothing to sync: %1").arg(why), QString());
                return;
            }
            self->m_engine->start(secrets.keys(), full, secrets);
        });
}

void SyncController::cancel()
{
    if (m_running)
        m_engine->cancel();
}

void SyncController::onProgress(const SyncProgress &p)
{
    Q_EMIT progress(p.accountName.isEmpty() ? m_names.value(p.accountId) : p.accountName, p.object,
                    int(p.fetched));
}

void SyncController::onAccountFinished(qint64 accountId, bool ok, const QString &message,
                                       int errorKind)
{
    if (ok) {
        ++m_ok;
        m_anyReached = true;
    } else {
        ++m_failed;
        m_lastFailure = tr("%1: %2").arg(m_names.value(accountId), message);
        // An answer that was an error (bad key, 4xx) still proves the gateway is reachable.
        const auto kind = GatewayError::Kind(errorKind);
        if (errorKind >= 0 && kind != GatewayError::Kind::Network &&
            kind != GatewayError::Kind::Server && kind != GatewayError::Kind::None)
            m_anyReached = true;
        if (errorKind == SyncFailureCanceled || errorKind == SyncFailureCache)
            m_anyReached = true; // not a connectivity verdict
    }
    Q_EMIT accountFinished(accountId, ok, message);
}

void SyncController::onFinished()
{
    m_running = false;
    // One status-bar line: the full failure is in the offline banner and the log.
    QString problem = m_lastFailure;
    if (problem.size() > 90)
        problem = problem.left(89) + QChar(0x2026);
    QString summary = m_failed == 0 ? tr("Sync finished: %n account(s) up to date.", nullptr, m_ok)
                                    : tr("Sync finished: %1 up to date, %2 failed (%3)")
                                          .arg(m_ok)
                                          .arg(m_failed)
                                          .arg(problem);
    if (!m_missing.isEmpty())
        summary += QLatin1Char(' ') + m_missing.join(QLatin1Char(' '));
    Q_EMIT finished(m_anyReached, summary, m_lastFailure);
}

} // namespace rd
