// Starts the real refunddesk-sandbox executable for integration tests (on a free port, in memory,
// seed 42 unless told otherwise) and drives its /_sandbox control endpoints over HTTP.
#pragma once

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace rdtest {

class SandboxProcess
{
public:
    SandboxProcess() = default;
    ~SandboxProcess() { stop(); }
    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    // Starts RD_SANDBOX_PATH with --port 0 --memory --seed 42 plus extraArgs, waits for the
    // "listening on http://HOST:PORT" line. False with a reason on failure. Later options win,
    // so extraArgs may override --seed; "--state FILE" in extraArgs replaces --memory.
    bool start(const QStringList &extraArgs = {}, QString *error = nullptr)
    {
        stop();
        QStringList args{QStringLiteral("--port"), QStringLiteral("0")};
        const auto given = [&](const QString &option) {
            for (const QString &arg : extraArgs) {
                if (arg == option || arg.startsWith(option + QLatin1Char('=')))
                    return true;
            }
            return false;
        };
        if (!given(QStringLiteral("--state")) && !given(QStringLiteral("--memory")))
            args << QStringLiteral("--memory");
        if (!given(QStringLiteral("--seed")))
            args << QStringLiteral("--seed") << QStringLiteral("42");
        // A test that aborts or is killed by ctest's timeout never runs stop(): the sandbox
        // then notices its parent is gone and ends too, instead of keeping its port.
        if (!given(QStringLiteral("--parent-pid")))
            args << QStringLiteral("--parent-pid")
                 << QString::number(QCoreApplication::applicationPid());
        args += extraArgs;
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->setReadChannel(QProcess::StandardOutput);
        m_process->start(QStringLiteral(RD_SANDBOX_PATH), args);
        auto fail = [&](const QString &why) {
            if (error)
                *error = why;
            stop();
            return false;
        };
        if (!m_process->waitForStarted(10000))
            return fail(
                QStringLiteral("cannot start the sandbox: %1").arg(m_process->errorString()));
        // Seeding a large store can take a while; the first line comes only once it is ready.
        const QString prefix = QStringLiteral("listening on http://");
        for (int waited = 0; waited < 180000;) {
            while (m_process->canReadLine()) {
                const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
                if (!line.startsWith(prefix))
                    return fail(QStringLiteral("unexpected first line from the sandbox: ") + line);
                const QString hostPort = line.mid(prefix.size());
                const int colon = hostPort.lastIndexOf(QLatin1Char(':'));
                bool ok = false;
                m_host = hostPort.left(colon);
                m_port = quint16(hostPort.mid(colon + 1).toUInt(&ok));
                if (colon < 0 || !ok || m_port == 0)
                    return fail(QStringLiteral("cannot read the port from: ") + line);
                return true;
            }
            if (m_process->state() != QProcess::Running)
                return fail(QStringLiteral("the sandbox exited early: ") +
                            QString::fromUtf8(m_process->readAllStandardError()).trimmed());
            m_process->waitForReadyRead(200);
            waited += 200;
        }
        return fail(QStringLiteral("the sandbox did not print its listening line in time"));
    }

    // Also done by the destructor.
    void stop()
    {
        if (!m_process)
            return;
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
        m_process.reset();
        m_port = 0;
    }

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }

    // "http://127.0.0.1:PORT/stripe"
    QString baseUrl(const QString &dialect) const
    {
        return QStringLiteral("http://%1:%2/%3").arg(m_host).arg(m_port).arg(dialect);
    }

    // The fixed test credential for a dialect: the single string an account's secret holds.
    static QString secret(const QString &dialect)
    {
        if (dialect == QLatin1String("stripe") || dialect == QLatin1String("wooshpay"))
            return QStringLiteral("sk_test_sandbox");
        if (dialect == QLatin1String("chargebee"))
            return QStringLiteral("test_sandbox");
        if (dialect == QLatin1String("processout"))
            return QStringLiteral("test-proj_sandbox:key_sandbox");
        if (dialect == QLatin1String("intasend"))
            return QStringLiteral("ISSecretKey_test_sandbox");
        return {};
    }

    // POST /_sandbox/faults
    bool armFaults(const QJsonObject &faults)
    {
        return control("POST", QStringLiteral("/_sandbox/faults"),
                       QJsonDocument(faults).toJson(QJsonDocument::Compact))
                   .status == 200;
    }
    // DELETE /_sandbox/faults
    bool clearFaults()
    {
        return control("DELETE", QStringLiteral("/_sandbox/faults")).status == 200;
    }
    // GET /_sandbox/stats: {"requests":{"stripe":N,...},"total":N}
    QJsonObject stats() { return control("GET", QStringLiteral("/_sandbox/stats")).json.object(); }
    // DELETE /_sandbox/stats
    bool resetStats() { return control("DELETE", QStringLiteral("/_sandbox/stats")).status == 200; }

    // POST /_sandbox/invoices: creates `count` new succeeded payments now; returns their ids.
    QStringList createInvoices(const QString &dialect, int count)
    {
        const QJsonObject body{{QStringLiteral("dialect"), dialect},
                               {QStringLiteral("count"), count}};
        const Reply r = control("POST", QStringLiteral("/_sandbox/invoices"),
                                QJsonDocument(body).toJson(QJsonDocument::Compact));
        QStringList ids;
        const QJsonArray array = r.json.object().value(QStringLiteral("ids")).toArray();
        for (const QJsonValue &v : array)
            ids << v.toString();
        return ids;
    }

private:
    struct Reply
    {
        int status = 0;
        QJsonDocument json;
    };

    Reply control(const QByteArray &verb, const QString &path, const QByteArray &body = {})
    {
        Reply result;
        if (m_port == 0)
            return result;
        QNetworkAccessManager nam;
        QNetworkRequest request(
            QUrl(QStringLiteral("http://%1:%2%3").arg(m_host).arg(m_port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setTransferTimeout(30000);
        QNetworkReply *reply = nam.sendCustomRequest(request, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.json = QJsonDocument::fromJson(reply->readAll());
        delete reply;
        return result;
    }

    std::unique_ptr<QProcess> m_process;
    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 0;
};

} // namespace rdtest
