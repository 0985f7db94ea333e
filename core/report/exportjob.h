// Runs one export on a worker thread with its own cache connection, reporting progress and
// honouring cancel, so a window stays responsive however large the export is.
#pragma once

#include "reportexporter.h"

#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace rd {

class ExportJob final : public QObject
{
    Q_OBJECT
public:
    // `databasePath` is the cache file; the worker opens its own connection to it.
    ExportJob(QString databasePath, ExportRequest request, QString outputPath,
              QObject *parent = nullptr);
    // Cancels a running export and waits for the worker, so no thread outlives the job.
    ~ExportJob() override;
    Q_DISABLE_COPY_MOVE(ExportJob)

    void start();
    // Safe from any thread; the export stops at the next batch of rows and writes no file.
    void cancel() { m_cancel.store(true); }
    bool isRunning() const;
    const QString &outputPath() const { return m_outputPath; }

Q_SIGNALS:
    // `total` is -1 until the rows are counted.
    void progressChanged(qint64 rows, qint64 total);
    void finished(const rd::ExportResult &result);

private:
    void runInWorker();

    QString m_databasePath;
    ExportRequest m_request;
    QString m_outputPath;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
};

} // namespace rd
