// The part of SyncEngine that lives on its thread: opens the cache, builds each account's
// adapter and AccountSync, and reports back through queued signals.
#pragma once

#include "accountsync.h"
#include "syncengine.h"

#include <QSet>

#include <memory>

namespace rd {

class BatchWriter;
class Database;

class SyncWorker final : public QObject
{
    Q_OBJECT
public:
    SyncWorker(QString dbPath, QList<qint64> accountIds, QHash<qint64, QString> secrets,
               SyncEngine::GatewayFactory factory, AccountSync::Options options,
               const std::atomic<bool> *cancelFlag);
    ~SyncWorker() override;

    void run();
    // Ends every account's sync now rather than when its next answer arrives (which may be
    // a retry backoff away).
    void cancelAll();

Q_SIGNALS:
    void progress(const rd::SyncProgress &p);
    void accountFinished(qint64 accountId, bool ok, const QString &message, int errorKind);
    void done(bool ok);

private:
    void report(qint64 accountId, bool ok, const QString &message, int errorKind);

    QString m_dbPath;
    QList<qint64> m_accountIds;
    QHash<qint64, QString> m_secrets;
    SyncEngine::GatewayFactory m_factory;
    AccountSync::Options m_options;
    const std::atomic<bool> *m_cancel;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<BatchWriter> m_writer; // writes every account's batches, in order
    int m_remaining = 0;
    QSet<qint64> m_locked; // accounts whose team-database sync lock this worker holds
    bool m_allOk = true;
};

} // namespace rd
