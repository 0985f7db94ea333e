#include "batchwriter.h"

#include "store/accountrepository.h"
#include "store/bulkload.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QSet>
#include <QSqlQuery>
#include <QThread>

namespace rd {

BatchWriter::BatchWriter(QObject *parent) : QObject(parent) {}

BatchWriter::~BatchWriter()
{
    if (!m_thread)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    delete m_thread;
}

void BatchWriter::tuneConnection(Database &db)
{
    if (db.isPostgres())
        return;
    for (const char *pragma : {"PRAGMA cache_size=-65536", "PRAGMA mmap_size=268435456",
                               "PRAGMA wal_autocheckpoint=16384"})
        QSqlQuery(db.connection()).exec(QString::fromLatin1(pragma));
}

bool BatchWriter::open(const QString &path, QString *error)
{
    if (m_thread) {
        *error = QStringLiteral("the sync's writer is already open");
        return false;
    }
    QString openError;
    bool opened = false;
    m_thread =
        QThread::create([this, path, &openError, &opened] { run(path, &openError, &opened); });
    m_thread->setObjectName(QStringLiteral("refunddesk-writer"));
    m_thread->start();
    QMutexLocker lock(&m_mutex);
    while (!m_started)
        m_ready.wait(&m_mutex);
    if (!opened)
        *error = openError;
    return opened;
}

quint64 BatchWriter::submit(Job job)
{
    Queued queued;
    queued.job = std::move(job);
    return enqueue(std::move(queued));
}

bool BatchWriter::finishBulkLoad(QString *error)
{
    Queued queued;
    queued.finishBulkLoad = true;
    const quint64 number = enqueue(std::move(queued));
    QMutexLocker lock(&m_mutex);
    while (m_lastDone < number)
        m_done.wait(&m_mutex);
    if (!m_finishOk)
        *error = m_finishError;
    return m_finishOk;
}

quint64 BatchWriter::enqueue(Queued queued)
{
    const qsizetype objects = queued.job.objects();
    QMutexLocker lock(&m_mutex);
    while (m_waiting > 0 && m_waiting + objects > m_maxWaiting)
        m_room.wait(&m_mutex);
    m_waiting += objects;
    queued.number = ++m_lastNumber;
    m_queue.push_back(std::move(queued));
    m_wake.wakeOne();
    return m_lastNumber;
}

void BatchWriter::run(const QString &path, QString *openError, bool *opened)
{
    // The connection is made, used and closed on this thread alone.
    Database db;
    {
        QString error;
        const bool ok = db.open(path, Database::OpenMode::Existing, &error);
        if (ok) {
            // A first sync into an empty table builds that table's indexes and search index
            // once, at the end, instead of row by row (store/bulkload.h).
            db.setBulkLoad(true);
            tuneConnection(db);
        }
        QMutexLocker lock(&m_mutex);
        *opened = ok;
        *openError = error;
        m_started = true;
        m_ready.wakeAll();
        if (!ok)
            return;
    }
    QSet<qint64> failed; // accounts with a job that could not be written
    for (;;) {
        Queued next;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_queue.empty())
                break; // stopping, and everything submitted is written
            next = std::move(m_queue.front());
            m_queue.pop_front();
            m_waiting -= next.job.objects();
            m_room.wakeAll();
        }
        const qint64 account = next.job.accountId;
        QString error;
        bool ok = false;
        if (next.finishBulkLoad) {
            ok = bulkload::finish(db, &error);
            QMutexLocker lock(&m_mutex);
            m_finishOk = ok;
            m_finishError = error;
            m_lastDone = next.number;
            m_done.wakeAll();
            continue;
        }
        if (failed.contains(account)) {
            error = QStringLiteral("not written: an earlier batch of this account could not be "
                                   "written");
        } else {
            ok = write(db, next.job, &error);
            if (!ok)
                failed.insert(account);
        }
        {
            QMutexLocker lock(&m_mutex);
            m_lastDone = next.number;
            m_done.wakeAll();
        }
        // Queued to the thread this object lives on.
        Q_EMIT written(account, next.number, ok, error);
    }
}

bool BatchWriter::write(Database &db, const Job &job, QString *error)
{
    // The objects and the resume point that covers them go in one transaction: a sync killed
    // at any moment leaves either both or neither.
    if (!db.beginImmediate(error)) {
        *error = QStringLiteral("cannot write to the cache: %1").arg(*error);
        return false;
    }
    RecordRepository records(db);
    bool ok = records.upsertInvoices(job.accountId, job.invoices, error) &&
              records.upsertRefunds(job.accountId, job.refunds, error) &&
              records.upsertChargebacks(job.accountId, job.chargebacks, error) &&
              (!job.state || SyncStateRepository(db).save(*job.state, error));
    if (ok && job.lastSync.isValid() &&
        !AccountRepository(db).setLastSync(job.accountId, job.lastSync, error)) {
        *error = QStringLiteral("cannot record the sync time: %1").arg(*error);
        ok = false;
    }
    ok = ok && db.commit(error);
    if (!ok)
        db.rollback();
    return ok;
}

} // namespace rd
