// Time and memory bounds for the hostile-input tests: a watchdog that ends the test process
// when one case runs far longer than it ever should (a hang the event loop's own guards cannot
// see, e.g. a parser spinning on the test's thread), and the peak resident memory of a case.
#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QtGlobal>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace rdtest {

// Peak resident set size of this process in MiB (VmHWM), -1 when /proc cannot say.
inline qint64 peakRssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    // /proc files report no size, so they are read whole rather than line by line to the end.
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() / 1024;
    }
    return -1;
}

// Resets the peak to the current size (Linux: "5" to clear_refs), so each case measures its
// own; where that is refused the peak stays the process's, which is still an upper bound.
inline void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

// Ends the process with a message when still alive after `seconds`; stops when destroyed.
class Watchdog final
{
public:
    Watchdog(QByteArray what, int seconds)
        : m_thread([this, what, seconds] {
              std::unique_lock<std::mutex> lock(m_mutex);
              if (!m_stop.wait_for(lock, std::chrono::seconds(seconds), [this] { return m_done; }))
                  qFatal("%s: still running after %d s, a hang", what.constData(), seconds);
          })
    {}
    ~Watchdog()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done = true;
        }
        m_stop.notify_all();
        m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(Watchdog)

private:
    std::mutex m_mutex;
    std::condition_variable m_stop;
    bool m_done = false;
    std::thread m_thread;
};

// One hostile case: the watchdog, the clock and the memory peak. The ceilings are generous on
// purpose: a case takes a second or two and tens of MiB even in a debug build on a busy shared
// machine, while what they catch (a hang, memory growing with the input) misses them by far.
// Under AddressSanitizer (scripts/test.sh --sanitize) every allocation carries redzones and
// freed memory is held in quarantine, so resident memory is a few times a plain build's; the
// memory ceiling scales with it, and the sanitizer itself reports what is really wrong.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr qint64 kMemoryScale = 3;
#else
inline constexpr qint64 kMemoryScale = 1;
#endif

class CaseBounds final
{
public:
    static constexpr int maxSeconds = 60;
    static constexpr qint64 maxMiB = 400 * kMemoryScale;

    explicit CaseBounds(const QByteArray &what) : m_watchdog(what, 2 * maxSeconds)
    {
        resetPeakRss();
        m_timer.start();
    }
    qint64 elapsedMs() const { return m_timer.elapsed(); }
    // Empty when within both ceilings; otherwise which one was passed.
    QByteArray exceeded() const
    {
        const qint64 peak = peakRssMiB();
        if (m_timer.elapsed() > maxSeconds * 1000)
            return "took " + QByteArray::number(m_timer.elapsed()) + " ms";
        if (peak > maxMiB)
            return "peak memory " + QByteArray::number(peak) + " MiB";
        return QByteArray();
    }

private:
    Watchdog m_watchdog;
    QElapsedTimer m_timer;
};

} // namespace rdtest
