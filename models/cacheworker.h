// A thread with its own connection to the cache and an event loop. Models and panes post reads
// to it, the operations controller its sends, so the GUI thread never waits on SQLite or a
// gateway; jobs run one at a time, in order.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace rd {

class Database;

class CacheWorker final : public QObject
{
    Q_OBJECT
public:
    // `threadName` shows in debuggers and crash reports.
    explicit CacheWorker(const QString &databasePath,
                         const QString &threadName = QStringLiteral("cache-reader"),
                         QObject *parent = nullptr);
    // Finishes the job in progress (at most one query), closes the connection, joins.
    ~CacheWorker() override;
    Q_DISABLE_COPY_MOVE(CacheWorker)

    // `job` runs on the worker thread with the open connection, or with nullptr and a reason
    // when the cache cannot be opened. Deliver results back with a queued invokeMethod on an
    // object that outlives this worker's thread (the owner of the worker).
    using Job = std::function<void(Database *db, const QString &openError)>;
    void post(Job job);

    const QString &databasePath() const { return m_path; }

private:
    void runOnThread(const Job &job);

    QString m_path;
    QThread m_thread;
    QObject *m_context = nullptr;   // lives on m_thread; jobs are queued to it
    std::unique_ptr<Database> m_db; // created, used and destroyed on m_thread only
    QString m_openError;
};

} // namespace rd
