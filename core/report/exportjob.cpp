#include "exportjob.h"

#include "store/database.h"

#include <QElapsedTimer>
#include <QThread>

namespace rd {

ExportJob::ExportJob(QString databasePath, ExportRequest request, QString outputPath,
                     QObject *parent)
    : QObject(parent), m_databasePath(std::move(databasePath)), m_request(std::move(request)),
      m_outputPath(std::move(outputPath))
{}

ExportJob::~ExportJob()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

bool ExportJob::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void ExportJob::start()
{
    if (m_thread)
        return;
    m_cancel.store(false);
    // The job object stays on the caller's thread; only the work runs on the worker, and the
    // signals it emits from there reach the caller queued.
    m_thread = QThread::create([this] { runInWorker(); });
    m_thread->setObjectName(QStringLiteral("export"));
    m_thread->start();
}

void ExportJob::runInWorker()
{
    ExportResult result;
    {
        Database db; // a connection belongs to the thread that opened it
        QString error;
        // An export never writes the cache, so it also works on a read-only one.
        if (!db.open(m_databasePath, Database::OpenMode::ReadOnly, &error)) {
            result.error = error;
            Q_EMIT finished(result);
            return;
        }
        const ReportExporter exporter(db);
        // The total only drives the progress bar; unknown (-1) shows a busy bar.
        const qint64 total = exporter.countRows(m_request).valueOr(-1);
        Q_EMIT progressChanged(0, total);
        QElapsedTimer sinceSignal;
        sinceSignal.start();
        result = exporter.exportToFile(m_request, m_outputPath, [&](qint64 rows) {
            // Throttled: a person cannot see more than a few updates a second.
            if (sinceSignal.elapsed() >= 50) {
                Q_EMIT progressChanged(rows, total);
                sinceSignal.restart();
            }
            return !m_cancel.load();
        });
        if (result.ok())
            Q_EMIT progressChanged(result.rows, total < 0 ? result.rows : total);
    }
    Q_EMIT finished(result);
}

} // namespace rd
