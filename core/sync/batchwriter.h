// Writes a sync's batches on a thread of its own, with its own connection to the store (a
// second SQLite connection on the same cache file, or a second PostgreSQL session), so the sync
// thread keeps sending and reading requests while a batch commits.
//
// Jobs are written one at a time in the order they were submitted, each in one transaction:
// its rows together with the resume point and watermark that cover them, so a sync killed at
// any moment leaves each batch either stored with its resume point or not at all, and never a
// later batch without an earlier one. Once a job of an account fails, the writer writes no
// later job of that account (it reports them as not written): a later resume point must not
// pass over pages that were lost. Every outcome comes back through written(), delivered on the
// thread this object lives on. submit() waits while too many objects are still waiting, so a
// store slower than the gateway holds the sync back instead of filling memory.
#pragma once

#include "domain/records.h"
#include "store/syncstaterepository.h"

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <deque>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace rd {

class Database;

class BatchWriter final : public QObject
{
    Q_OBJECT
public:
    struct Job
    {
        qint64 accountId = 0;
        QList<Invoice> invoices;
        QList<Refund> refunds;
        QList<Chargeback> chargebacks;
        std::optional<SyncState> state; // written in the same transaction as the rows
        QDateTime lastSync;             // when valid: the account's last sync time
        qsizetype objects() const { return invoices.size() + refunds.size() + chargebacks.size(); }
    };

    explicit BatchWriter(QObject *parent = nullptr);
    // Writes whatever is still waiting, then closes the connection and ends the thread.
    ~BatchWriter() override;

    // Starts the thread and opens its connection on `path` (which must exist), as a sync
    // connection (bulk loads allowed, tuneConnection()). False with the reason when it cannot.
    bool open(const QString &path, QString *error);
    // Queues a job and returns its number (ascending). Waits while more than `maxWaiting`
    // objects wait to be written (never for a job when nothing waits).
    quint64 submit(Job job);
    // After every job submitted so far: bulkload::finish() on the writer's connection, whose
    // page cache holds the rows the indexes are built from. Waits for it; false with the reason
    // when it failed.
    bool finishBulkLoad(QString *error);
    void setMaxWaiting(qsizetype objects) { m_maxWaiting = objects; }

    // The connection settings of a sync: a bigger page cache and memory-mapped reads keep index
    // pages from being read back between batches, and rarer checkpoints copy each page once
    // rather than after every few batches. Speed settings only; nothing on PostgreSQL.
    static void tuneConnection(Database &db);

Q_SIGNALS:
    // One for every submitted job, in submission order. `error` says why when !ok.
    void written(qint64 accountId, quint64 job, bool ok, const QString &error);

private:
    struct Queued
    {
        quint64 number = 0;
        Job job;
        bool finishBulkLoad = false; // instead of the job
    };
    quint64 enqueue(Queued queued);
    void run(const QString &path, QString *openError, bool *opened);
    static bool write(Database &db, const Job &job, QString *error);

    QThread *m_thread = nullptr;
    QMutex m_mutex;
    QWaitCondition m_wake;  // a job was queued, or the writer is to stop
    QWaitCondition m_room;  // a job was taken off the queue
    QWaitCondition m_ready; // the connection was opened, or could not be
    QWaitCondition m_done;  // a job was written (or failed)
    std::deque<Queued> m_queue;
    qsizetype m_waiting = 0; // objects in m_queue
    qsizetype m_maxWaiting = 10000;
    quint64 m_lastNumber = 0;
    quint64 m_lastDone = 0;  // the last job written or failed
    bool m_finishOk = false; // the outcome of the last finishBulkLoad()
    QString m_finishError;
    bool m_stopping = false;
    bool m_started = false; // open() got its answer
};

} // namespace rd
