// Runs a sync of some accounts for the window: finds their secrets, drives the SyncEngine (its
// own thread and connection) and reports progress and the end as plain signals, including
// whether any gateway was reached (the window's online/offline state).
#pragma once

#include "store/accountrepository.h"

#include <QHash>
#include <QObject>

namespace rd {

class SecretSource;
class SyncEngine;
struct SyncProgress;

class SyncController final : public QObject
{
    Q_OBJECT
public:
    SyncController(const QString &databasePath, SecretSource *secrets, QObject *parent = nullptr);
    ~SyncController() override;

    // Empty when sync can run; otherwise why not, for a person.
    QString unavailableReason() const { return QString(); }
    bool isRunning() const { return m_running; }

    void start(const QList<Account> &accounts, bool full);
    void cancel();

Q_SIGNALS:
    void started();
    void progress(const QString &accountName, const QString &object, int fetched);
    void accountFinished(qint64 accountId, bool ok, const QString &message);
    // `anyReached`: at least one gateway answered; `summary` is one line for the status bar.
    void finished(bool anyReached, const QString &summary, const QString &lastFailure);

private:
    void onProgress(const SyncProgress &p);
    void onAccountFinished(qint64 accountId, bool ok, const QString &message, int errorKind);
    void onFinished();

    SecretSource *m_secrets;
    SyncEngine *m_engine;
    bool m_running = false;
    QHash<qint64, QString> m_names;
    QStringList m_missing;
    int m_ok = 0;
    int m_failed = 0;
    bool m_anyReached = false;
    QString m_lastFailure;
};

} // namespace rd
