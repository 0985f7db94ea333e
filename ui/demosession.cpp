#include "demosession.h"

#include "mainwindow.h"
#include "secretsource.h"
#include "store/accountrepository.h"

#include <QCoreApplication>
#include <QDir>

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

QString DemoSession::sandboxSecret(const QString &dialect)
{
    if (dialect == QLatin1String("stripe") || dialect == QLatin1String("wooshpay"))
        return QStringLiteral("sk_test_sandbox");
    if (dialect == QLatin1String("chargebee"))
        return QStringLiteral("test_sandbox");
    if (dialect == QLatin1String("processout"))
        return QStringLiteral("test-proj_sandbox:key_sandbox");
    if (dialect == QLatin1String("intasend"))
        return QStringLiteral("ISSecretKey_test_sandbox");
    return QString();
}

void DemoSession::start(const QString &sandboxPath)
{
    const QString program = sandboxPath.isEmpty()
                                ? QDir(QCoreApplication::applicationDirPath())
                                      .filePath(QStringLiteral("refunddesk-sandbox"))
                                : sandboxPath;
    m_window->showStatus(tr("Demo: starting the sandbox gateway…"));
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(program,
                    {QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--memory"),
                     QStringLiteral("--seed"), QStringLiteral("42")});
}

void DemoSession::readOutput()
{
    if (m_port != 0) {
        m_process.readAllStandardOutput(); // credentials and logs: not needed
        return;
    }
    m_buffer += m_process.readAllStandardOutput();
    const int newline = int(m_buffer.indexOf('\n'));
    if (newline < 0)
        return;
    const QString line = QString::fromUtf8(m_buffer.left(newline)).trimmed();
    const QString prefix = QStringLiteral("listening on http://");
    const int colon = int(line.lastIndexOf(QLatin1Char(':')));
    const quint16 port = line.startsWith(prefix) ? quint16(line.mid(colon + 1).toUInt()) : 0;
    if (port == 0) {
        fail(tr("The demo gateway said something unexpected: %1").arg(line));
        return;
    }
    m_port = port;
    registerAccounts();
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
        m_window->secrets()->setSessionSecret(name, sandboxSecret(dialect));
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
