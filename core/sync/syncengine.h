// Fills and refreshes the local cache from gateway accounts, on its own thread with its own
// Database connection, so a window stays responsive and can show progress and cancel. The
// per-account work and the incremental strategy of each dialect are in accountsync.h.
#pragma once

#include "syncprogress.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace rd {

class Gateway;
class SyncWorker;
struct Account;

class SyncEngine final : public QObject
{
    Q_OBJECT
public:
    // Builds the adapter for an account; runs on the engine's thread. Null means the account
    // cannot be synced (the message explains why). Tests substitute an in-memory gateway.
    using GatewayFactory = std::function<Gateway *(const Account &account, const QString &secret,
                                                   QObject *parent, QString *message)>;

    // Works on its own thread with its own Database connection opened on dbPath.
    explicit SyncEngine(QString dbPath, QObject *parent = nullptr);
    ~SyncEngine() override;

    void setGatewayFactory(GatewayFactory factory);
    void setPageSize(int pageSize); // objects per request and per transaction (default 100)
    // An account's three lists at once (the default), or one after another.
    void setSideBySide(bool sideBySide) { m_sideBySide = sideBySide; }

    // secrets: account id -> secret (resolved by the caller via rd::SecretStore).
    // Accounts are synced side by side; each reports accountFinished, then finished() once.
    void start(const QList<qint64> &accountIds, bool full, const QHash<qint64, QString> &secrets);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

    // For the command line: start() and wait in a local event loop until finished().
    bool runBlocking(const QList<qint64> &accountIds, bool full,
                     const QHash<qint64, QString> &secrets);

Q_SIGNALS:
    void progress(const rd::SyncProgress &p);
    // errorKind: GatewayError::Kind as int, or a SyncFailure value (syncprogress.h).
    void accountFinished(qint64 accountId, bool ok, const QString &message, int errorKind);
    void finished(bool ok);

private:
    QString m_dbPath;
    GatewayFactory m_factory;
    int m_pageSize = 100;
    bool m_sideBySide = true;
    QThread *m_thread = nullptr;
    QPointer<SyncWorker> m_worker;
    std::atomic<bool> m_cancel{false};
};

} // namespace rd
