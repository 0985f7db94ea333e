// Runs a sync of some accounts for the window: finds their secrets, drives the sync engine
// (its own thread and connection) and reports progress and the end as plain signals.
#pragma once

#include "store/accountrepository.h"

#include <QObject>

namespace rd {

class SecretSource;

class SyncController final : public QObject
{
    Q_OBJECT
public:
    SyncController(const QString &databasePath, SecretSource *secrets, QObject *parent = nullptr);
    ~SyncController() override;

    // Empty when sync can run; otherwise why not, for a person.
    QString unavailableReason() const;
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
    QString m_path;
    SecretSource *m_secrets;
    bool m_running = false;
};

} // namespace rd
