// Ends the application cleanly on SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C, a closed
// terminal), so the demo's sandbox is stopped and the cache is closed as on File > Quit instead
// of the process vanishing mid-write.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace rd {

class SignalQuit final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalQuit)
public:
    // One per process: the handlers are process-wide. They are restored to the default when this
    // object is destroyed.
    explicit SignalQuit(QObject *parent = nullptr);
    ~SignalQuit() override;

Q_SIGNALS:
    // Emitted on the event loop, never inside the signal handler.
    void received(int signalNumber);

private:
    void drain();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace rd
