// Runs the real refunddesk-cli binary for integration tests and captures what it printed.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace rdtest {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
    bool crashed = false;
};

class CliRunner
{
public:
    explicit CliRunner(QString dbPath) : m_dbPath(std::move(dbPath))
    {
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.remove(QStringLiteral("REFUNDDESK_DB"));
    }

    void setEnv(const QString &name, const QString &value) { m_env.insert(name, value); }
    void unsetEnv(const QString &name) { m_env.remove(name); }

    CliResult run(const QStringList &args, const QByteArray &stdinData = {},
                  int timeoutMs = 120000) const
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        QStringList full{QStringLiteral("--db"), m_dbPath};
        full += args;
        p.start(QStringLiteral(RD_CLI_PATH), full);
        CliResult r;
        if (!p.waitForStarted(10000))
            return r;
        if (!stdinData.isEmpty())
            p.write(stdinData);
        p.closeWriteChannel();
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        r.crashed = p.exitStatus() != QProcess::NormalExit;
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

private:
    QString m_dbPath;
    QProcessEnvironment m_env;
};

} // namespace rdtest
