// Writes to a cache file from its own thread and connection, one committed transaction per
// batch, until destroyed: "another connection keeps writing" for backup and read tests.
#pragma once

#include "store/database.h"

#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace rdtest {

class BackgroundWriter
{
public:
    // `batch` writes batch number `n` on `db`; it runs inside BEGIN IMMEDIATE ... COMMIT.
    using Batch = std::function<bool(rd::Database &db, int n)>;

    BackgroundWriter(const QString &dbPath, Batch batch)
    {
        m_thread.reset(QThread::create([this, dbPath, batch] {
            rd::Database db;
            QString why;
            if (!db.open(dbPath, rd::Database::OpenMode::Existing, &why))
                return;
            for (int n = 0; !m_stop.load(); ++n) {
                if (!db.beginImmediate(&why))
                    continue;
                if (batch(db, n) && db.commit(&why))
                    ++m_committed;
                else
                    db.rollback();
            }
        }));
        m_thread->start();
    }

    // Stops and joins, however the test ends, so no thread outlives it.
    ~BackgroundWriter()
    {
        m_stop = true;
        m_thread->wait();
    }

    int committed() const { return m_committed.load(); }

    // Waits until `count` batches are committed; false if the writer stopped first.
    bool waitForCommitted(int count) const
    {
        while (m_committed.load() < count) {
            if (m_thread->isFinished())
                return false;
            QThread::msleep(5);
        }
        return true;
    }

private:
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_committed{0};
};

} // namespace rdtest
