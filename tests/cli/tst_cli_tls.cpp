// TLS with the real refunddesk-cli against a local HTTPS server whose certificate is
// self-signed (made with the openssl command at test time): an untrusted certificate stops the
// request before any byte of it leaves (exit 7, one line naming the certificate problem), and
// the same server is accepted once its certificate is added through REFUNDDESK_CA_FILE.
#include "clirunner.h"

#include "secretstore.h"

#include <QEventLoop>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

// Serves every request a minimal, empty Stripe list page; counts what arrived decrypted.
class HttpsServer final : public QTcpServer
{
public:
    HttpsServer(QSslCertificate certificate, QSslKey key)
        : m_certificate(std::move(certificate)), m_key(std::move(key))
    {}

    int connections = 0;
    int requests = 0;
    QByteArray received; // everything read after a completed handshake

protected:
    void incomingConnection(qintptr descriptor) override
    {
        ++connections;
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(m_certificate);
        socket->setPrivateKey(m_key);
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
            QByteArray &buffer = m_buffers[socket];
            const QByteArray data = socket->readAll();
            received += data;
            buffer += data;
            // GET requests only: a request ends with its blank line.
            while (buffer.contains("\r\n\r\n")) {
                buffer = buffer.mid(buffer.indexOf("\r\n\r\n") + 4);
                ++requests;
                const QByteArray body =
                    R"({"object":"list","url":"/v1/charges","has_more":false,"data":[]})";
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: " +
                              QByteArray::number(body.size()) + "\r\n\r\n" + body);
            }
        });
        socket->startServerEncryption();
    }

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
    QHash<QSslSocket *, QByteArray> m_buffers;
};

struct Run
{
    int exitCode = -1;
    QString err;
};

} // namespace

class TestCliTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void untrustedCertificateIsRefused();
    void certificateAddedToTheBundleIsTrusted();
    void unreadableBundleIsRefused();

private:
    // Runs the CLI without blocking this thread, which serves the HTTPS requests meanwhile.
    Run runCli(const QStringList &args, const QString &caFile);

    QTemporaryDir m_dir;
    QString m_certPath;
    std::unique_ptr<HttpsServer> m_server;
    QString m_baseUrl;
};

void TestCliTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend, so there is nothing to test");
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QVERIFY2(!openssl.isEmpty(), "the openssl command is missing (scripts/setup.sh installs it)");
    m_certPath = m_dir.filePath(QStringLiteral("server.pem"));
    const QString keyPath = m_dir.filePath(QStringLiteral("server.key"));
    QProcess gen;
    gen.start(openssl,
              {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
               QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
               keyPath, QStringLiteral("-out"), m_certPath, QStringLiteral("-days"),
               QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
               QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
    QVERIFY(gen.waitForFinished(60000));
    QVERIFY2(gen.exitCode() == 0, gen.readAllStandardError().constData());

    QFile certFile(m_certPath);
    QFile keyFile(keyPath);
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate cert(&certFile, QSsl::Pem);
    const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
    QVERIFY(!cert.isNull() && !key.isNull());
    m_server = std::make_unique<HttpsServer>(cert, key);
    QVERIFY(m_server->listen(QHostAddress::LocalHost));
    m_baseUrl = QStringLiteral("https://127.0.0.1:%1/stripe").arg(m_server->serverPort());

    const Run added = runCli({QStringLiteral("accounts"), QStringLiteral("add"),
                              QStringLiteral("Tls"), QStringLiteral("--gateway"),
                              QStringLiteral("stripe"), QStringLiteral("--base-url"), m_baseUrl},
                             QString());
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
}

Run TestCliTls::runCli(const QStringList &args, const QString &caFile)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("REFUNDDESK_DB"));
    env.remove(QStringLiteral("REFUNDDESK_CA_FILE"));
    if (!caFile.isEmpty())
        env.insert(QStringLiteral("REFUNDDESK_CA_FILE"), caFile);
    env.insert(rd::SecretStore::environmentVariable(QStringLiteral("Tls")),
               QStringLiteral("sk_test_tls"));
    QProcess p;
    p.setProcessEnvironment(env);
    QEventLoop loop;
    connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    // A guard against a hang, not a timing assertion: a finished run takes well under a second.
    QTimer::singleShot(120000, &loop, [&p] { p.kill(); });
    p.start(QStringLiteral(RD_CLI_PATH),
            QStringList{QStringLiteral("--db"), m_dir.filePath(QStringLiteral("cache.sqlite3"))} +
                args);
    loop.exec();
    if (p.state() != QProcess::NotRunning)
        p.waitForFinished();
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return r;
}

void TestCliTls::untrustedCertificateIsRefused()
{
    m_server->connections = 0;
    m_server->received.clear();
    const Run r = runCli(
        {QStringLiteral("sync"), QStringLiteral("--account"), QStringLiteral("Tls")}, QString());
    qInfo("%s", qPrintable(r.err));
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(!r.err.contains(QLatin1Char('\n')), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("certificate"), Qt::CaseInsensitive), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("REFUNDDESK_CA_FILE")), qPrintable(r.err));
    // The CLI did reach the server, and yet no byte of a request (nor the secret) got through.
    QVERIFY(m_server->connections > 0);
    QCOMPARE(m_server->received, QByteArray());
    QCOMPARE(m_server->requests, 0);
}

void TestCliTls::certificateAddedToTheBundleIsTrusted()
{
    m_server->requests = 0;
    const Run r = runCli(
        {QStringLiteral("sync"), QStringLiteral("--account"), QStringLiteral("Tls")}, m_certPath);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(m_server->requests > 0);
    QVERIFY(m_server->received.contains("Authorization: Bearer sk_test_tls"));
}

void TestCliTls::unreadableBundleIsRefused()
{
    m_server->connections = 0;
    const QString notPem = m_dir.filePath(QStringLiteral("not-a-certificate.txt"));
    QFile f(notPem);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a certificate\n");
    f.close();
    const Run r = runCli(
        {QStringLiteral("sync"), QStringLiteral("--account"), QStringLiteral("Tls")}, notPem);
    qInfo("exit %d: %s", r.exitCode, qPrintable(r.err));
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(QLatin1String("REFUNDDESK_CA_FILE")), qPrintable(r.err));
    QCOMPARE(m_server->connections, 0);
}

QTEST_GUILESS_MAIN(TestCliTls)
#include "tst_cli_tls.moc"
