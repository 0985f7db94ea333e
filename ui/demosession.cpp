#include "demosession.h"

#include "mainwindow.h"
#include "secretsource.h"
#include "store/accountrepository.h"

#include <QCoreApplication>
#include <QDir>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace rd {

DemoSession::DemoSession(Database &db, MainWindow *window, QObject *parent)
    : QObject(parent), m_db(db), m_window(window)
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &DemoSession::readOutput);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            fail(tr("The demo gateway could not be started (%1).").arg(m_process.errorString()));
    });
    connect(&m_process, &QProcess::finished, this, [this] {
        if (m_port == 0)
            fail(tr("The demo gateway stopped before it was ready: %1")
                     .arg(QString::fromUtf8(m_process.readAllStandardError()).trimmed()));
    });
}

DemoSession::~DemoSession()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(2000))
            m_process.kill();
        m_process.waitForFinished(1000);
    }
}

void DemoSession::start(const QString &sandboxPath)
{
    const QString program = sandboxPath.isEmpty()
                                ? QDir(QCoreApplication::applicationDirPath())
                                      .filePath(QStringLiteral("refunddesk-sandbox"))
                                : sandboxPath;
    m_window->showStatus(tr("Demo: starting the sandbox gateway…"));
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    // The sandbox must not outlive the app, whatever ends it (SIGKILL, a crash): the kernel
    // sends it SIGTERM when this process dies. Runs in the child between fork and exec, so only
    // async-signal-safe calls; if the app died before prctl took effect, the child is already
    // orphaned and leaves at once. --parent-pid makes the sandbox check again on its own.
    const pid_t appPid = ::getpid();
    m_process.setChildProcessModifier([appPid] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != appPid)
            ::_exit(1);
    });
    m_process.start(
        program, {QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                  QStringLiteral("0"), QStringLiteral("--memory"), QStringLiteral("--seed"),
                  QStringLiteral("42"), QStringLiteral("--parent-pid"), QString::number(appPid)});
}

void DemoSession::readOutput()
{
    if (m_registered) {
        m_process.readAllStandardOutput(); // request logs: not needed
        return;
    }
    m_buffer += m_process.readAllStandardOutput();
    // First "listening on http://HOST:PORT", then one line per dialect:
    // "<dialect> <base url> secret <secret> (<scheme>)". The sandbox's own word for its keys.
    int newline;
    while ((newline = int(m_buffer.indexOf('\n'))) >= 0) {
        const QString line = QString::fromUtf8(m_buffer.left(newline)).trimmed();
        m_buffer.remove(0, newline + 1);
        if (m_port == 0) {
            const QString prefix = QStringLiteral("listening on http://");
            const int colon = int(line.lastIndexOf(QLatin1Char(':')));
            m_port = line.startsWith(prefix) ? quint16(line.mid(colon + 1).toUInt()) : 0;
            if (m_port == 0) {
                fail(tr("The demo gateway said something unexpected: %1").arg(line));
                return;
            }
            continue;
        }
        const QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const int at = int(words.indexOf(QStringLiteral("secret")));
        if (!words.isEmpty() && dialectFromName(words.first()) && at > 0 && at + 1 < words.size())
            m_secrets.insert(words.first(), words.at(at + 1));
    }
    if (m_port != 0 && m_secrets.size() == dialectNames().size()) {
        m_registered = true;
        registerAccounts();
    }
}

void DemoSession::registerAccounts()
{
    AccountRepository repo(m_db);
    for (const QString &dialect : dialectNames()) {
        const Dialect d = *dialectFromName(dialect);
        const QString name = QStringLiteral("Demo %1").arg(dialectDisplayName(d));
        const QString url = QStringLiteral("http://127.0.0.1:%1/%2").arg(m_port).arg(dialect);
        QString error;
        auto existing = repo.findByName(name);
        if (existing) {
            existing->baseUrl = url; // a new port each run
            repo.update(*existing, &error);
        } else if (!repo.add(name, d, url, &error)) {
            fail(tr("Cannot register the demo account %1: %2").arg(name, error));
            return;
        }
        m_window->secrets()->setSessionSecret(name, m_secrets.value(dialect));
    }
    m_window->reloadAccounts();
    m_window->showStatus(
        tr("Demo: sandbox gateway on port %1; syncing the five demo accounts…").arg(m_port));
    m_window->startSync(true);
    Q_EMIT ready();
}

void DemoSession::fail(const QString &message)
{
    m_window->showStatus(message);
    Q_EMIT failed(message);
}

} // namespace rd
