#include "cacheworker.h"

#include "store/database.h"

namespace rd {

CacheWorker::CacheWorker(const QString &databasePath, const QString &threadName, QObject *parent)
    : QObject(parent), m_path(databasePath)
{
    m_thread.setObjectName(threadName);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

CacheWorker::~CacheWorker()
{
    // The connection belongs to the worker thread, so it is closed there, and the thread ends
    // itself after it: every job posted before (such as an owner's last clean-up) still runs,
    // where a quit() from here could end the loop with those jobs undelivered.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_db.reset();
            m_thread.quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
    delete m_context;
}

void CacheWorker::post(Job job)
{
    QMetaObject::invokeMethod(
        m_context, [this, job = std::move(job)] { runOnThread(job); }, Qt::QueuedConnection);
}

void CacheWorker::runOnThread(const Job &job)
{
    if (!m_db && m_openError.isEmpty()) {
        auto db = std::make_unique<Database>();
        QString error;
        if (db->open(m_path, &error))
            m_db = std::move(db);
        else
            m_openError = error;
    }
    job(m_db.get(), m_openError);
}

} // namespace rd
