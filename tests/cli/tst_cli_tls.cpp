// TLS with the real refunddesk-cli against a local HTTPS server whose certificate is
// self-signed (made with the openssl command at test time): an untrusted certificate stops the
// request before any byte of it leaves (exit 7, one line naming the certificate problem), and
// the same server is accepted once its certificate is added through REFUNDDESK_CA_FILE. A
// refund meets the same wall: closed as not sent, never sent later by a reconcile; and a
// trusted certificate for another host name is refused, naming that problem.
#include "clirunner.h"

#include "secretstore.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

// Serves Stripe's charge list one charge (ch_tls), the charge itself, and every other list
// empty; counts what arrived decrypted.
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
                const QByteArray line = buffer.left(buffer.indexOf("\r\n"));
                buffer = buffer.mid(buffer.indexOf("\r\n\r\n") + 4);
                ++requests;
                const QByteArray charge =
                    R"({"id":"ch_tls","object":"charge","amount":1000,"amount_captured":1000,)"
                    R"("amount_refunded":0,"currency":"usd","status":"succeeded",)"
                    R"("created":1700000000})";
                const QByteArray body =
                    line.contains("/v1/charges/ch_tls") ? charge
                    : line.contains("/v1/charges?")
                        ? R"({"object":"list","has_more":false,"data":[)" + charge + "]}"
                        : R"({"object":"list","has_more":false,"data":[]})";
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
    QString out;
    QString err;
};

// A self-signed certificate and key for `subject` and `altName`, made with the openssl command.
bool makeCertificate(const QString &certPath, const QString &keyPath, const QString &subject,
                     const QString &altName, QByteArray *error)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *error = "the openssl command is missing (scripts/setup.sh installs it)";
        return false;
    }
    QProcess gen;
    gen.start(openssl,
              {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
               QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
               keyPath, QStringLiteral("-out"), certPath, QStringLiteral("-days"),
               QStringLiteral("2"), QStringLiteral("-subj"), subject, QStringLiteral("-addext"),
               QStringLiteral("subjectAltName=") + altName});
    if (!gen.waitForFinished(60000) || gen.exitCode() != 0) {
        *error = gen.readAllStandardError();
        return false;
    }
    return true;
}

// A self-signed certificate for 127.0.0.1 that expired in 2020 ("openssl req" cannot date one
// in the past; "openssl ca" with a throw-away database can).
bool makeExpiredCertificate(const QString &dir, const QString &certPath, const QString &keyPath,
                            QByteArray *error)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QFile config(dir + QStringLiteral("/ca.cnf"));
    QFile index(dir + QStringLiteral("/index.txt"));
    QFile serial(dir + QStringLiteral("/serial"));
    if (openssl.isEmpty() || !config.open(QIODevice::WriteOnly) ||
        !index.open(QIODevice::WriteOnly) || !serial.open(QIODevice::WriteOnly)) {
        *error = "the openssl command or the test folder is missing";
        return false;
    }
    config.write("[ca]\ndefault_ca=d\n[d]\ndatabase=" + index.fileName().toUtf8() +
                 "\nnew_certs_dir=" + dir.toUtf8() + "\nserial=" + serial.fileName().toUtf8() +
                 "\ndefault_md=sha256\npolicy=p\ncopy_extensions=copy\n[p]\ncommonName=supplied\n");
    serial.write("01\n");
    config.close();
    index.close();
    serial.close();
    const QString request = dir + QStringLiteral("/expired.csr");
    const QList<QStringList> steps{
        {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyPath,
         QStringLiteral("-out"), request, QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
         QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")},
        {QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"),
         config.fileName(), QStringLiteral("-selfsign"), QStringLiteral("-keyfile"), keyPath,
         QStringLiteral("-in"), request, QStringLiteral("-out"), certPath,
         QStringLiteral("-startdate"), QStringLiteral("20200101000000Z"),
         QStringLiteral("-enddate"), QStringLiteral("20200102000000Z")}};
    for (const QStringList &args : steps) {
        QProcess p;
        p.start(openssl, args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            *error = p.readAllStandardError();
            return false;
        }
    }
    return true;
}

std::unique_ptr<HttpsServer> startServer(const QString &certPath, const QString &keyPath)
{
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return nullptr;
    const QSslCertificate cert(&certFile, QSsl::Pem);
    const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
    if (cert.isNull() || key.isNull())
        return nullptr;
    auto server = std::make_unique<HttpsServer>(cert, key);
    if (!server->listen(QHostAddress::LocalHost))
        return nullptr;
    return server;
}

} // namespace

class TestCliTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void untrustedCertificateIsRefused();
    void certificateAddedToTheBundleIsTrusted();
    void unreadableBundleIsRefused();
    void refundOverAnUntrustedCertificateIsNotSent();
    void certificateForAnotherHostIsRefused();
    void expiredCertificateIsRefused();

private:
    // Runs the CLI without blocking this thread, which serves the HTTPS requests meanwhile.
    Run runCli(const QStringList &args, const QString &caFile);
    QJsonArray outboxEntries();
    // Adds a Stripe account `name` on `server` and syncs it once with `caFile` trusted.
    Run syncNewAccount(const QString &name, const HttpsServer &server, const QString &caFile);

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
    m_certPath = m_dir.filePath(QStringLiteral("server.pem"));
    const QString keyPath = m_dir.filePath(QStringLiteral("server.key"));
    QByteArray error;
    QVERIFY2(makeCertificate(m_certPath, keyPath, QStringLiteral("/CN=127.0.0.1"),
                             QStringLiteral("IP:127.0.0.1"), &error),
             error.constData());
    m_server = startServer(m_certPath, keyPath);
    QVERIFY(m_server);
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
    r.out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    r.err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return r;
}

Run TestCliTls::syncNewAccount(const QString &name, const HttpsServer &server,
                               const QString &caFile)
{
    const Run added =
        runCli({QStringLiteral("accounts"), QStringLiteral("add"), name,
                QStringLiteral("--gateway"), QStringLiteral("stripe"), QStringLiteral("--base-url"),
                QStringLiteral("https://127.0.0.1:%1/stripe").arg(server.serverPort())},
               QString());
    if (added.exitCode != 0)
        return added;
    const QByteArray variable = rd::SecretStore::environmentVariable(name).toUtf8();
    qputenv(variable.constData(), "sk_test_tls");
    const Run r = runCli({QStringLiteral("sync"), QStringLiteral("--account"), name}, caFile);
    qunsetenv(variable.constData());
    qInfo("%s", qPrintable(r.err));
    return r;
}

QJsonArray TestCliTls::outboxEntries()
{
    const Run r = runCli({QStringLiteral("outbox"), QStringLiteral("--all"),
                          QStringLiteral("--format"), QStringLiteral("json")},
                         QString());
    return r.exitCode == 0 ? QJsonDocument::fromJson(r.out.toUtf8()).array() : QJsonArray();
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
    QCOMPARE(r.exitCode, 7); // README: refused rather than ignored, exit 7
    QVERIFY2(r.err.contains(QLatin1String("REFUNDDESK_CA_FILE")), qPrintable(r.err));
    QCOMPARE(m_server->connections, 0);
}

void TestCliTls::refundOverAnUntrustedCertificateIsNotSent()
{
    // The charge is cached through a trusted connection first; then the authority is gone.
    const QStringList sync{QStringLiteral("sync"), QStringLiteral("--account"),
                           QStringLiteral("Tls")};
    const Run synced = runCli(sync, m_certPath);
    QVERIFY2(synced.exitCode == 0, qPrintable(synced.err));
    m_server->connections = 0;
    m_server->received.clear();

    const Run r =
        runCli({QStringLiteral("refund"), QStringLiteral("--account"), QStringLiteral("Tls"),
                QStringLiteral("--invoice"), QStringLiteral("ch_tls"), QStringLiteral("--amount"),
                QStringLiteral("1.00")},
               QString());
    qInfo("%s", qPrintable(r.err));
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(!r.err.contains(QLatin1Char('\n')), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("certificate"), Qt::CaseInsensitive), qPrintable(r.err));
    QVERIFY(m_server->connections > 0);
    QCOMPARE(m_server->received, QByteArray());

    // Closed as not sent: nothing left open that a later reconcile could send behind the
    // person's back, and a reconcile sends nothing.
    const QJsonArray entries = outboxEntries();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries.first().toObject();
    QCOMPARE(entry.value(QStringLiteral("state")).toString(), QStringLiteral("rejected"));
    QVERIFY2(
        entry.value(QStringLiteral("message")).toString().startsWith(QLatin1String("not sent")),
        qPrintable(entry.value(QStringLiteral("message")).toString()));
    const Run reconciled = runCli({QStringLiteral("reconcile")}, QString());
    QCOMPARE(reconciled.exitCode, 0);
    QCOMPARE(m_server->received, QByteArray());
}

void TestCliTls::certificateForAnotherHostIsRefused()
{
    // Trusted (its authority is in the bundle) but issued to another host name.
    const QString cert = m_dir.filePath(QStringLiteral("other.pem"));
    const QString key = m_dir.filePath(QStringLiteral("other.key"));
    QByteArray error;
    QVERIFY2(makeCertificate(cert, key, QStringLiteral("/CN=gateway.example"),
                             QStringLiteral("DNS:gateway.example"), &error),
             error.constData());
    const auto other = startServer(cert, key);
    QVERIFY(other);
    const Run r = syncNewAccount(QStringLiteral("Other"), *other, cert);
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.err.contains(QLatin1String("host name"), Qt::CaseInsensitive), qPrintable(r.err));
    // The authority is trusted already: the advice is about the address, not about trust.
    QVERIFY2(r.err.contains(QLatin1String("base URL")), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QLatin1String("REFUNDDESK_CA_FILE")), qPrintable(r.err));
    QVERIFY(other->connections > 0);
    QCOMPARE(other->received, QByteArray());
    QCOMPARE(other->requests, 0);
}

void TestCliTls::expiredCertificateIsRefused()
{
    // Trusted and issued to this address, but its dates are over.
    const QString cert = m_dir.filePath(QStringLiteral("expired.pem"));
    const QString key = m_dir.filePath(QStringLiteral("expired.key"));
    QByteArray error;
    QVERIFY2(makeExpiredCertificate(m_dir.path(), cert, key, &error), error.constData());
    const auto expired = startServer(cert, key);
    QVERIFY(expired);
    const Run r = syncNewAccount(QStringLiteral("Expired"), *expired, cert);
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.err.contains(QLatin1String("expired"), Qt::CaseInsensitive), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("date and time")), qPrintable(r.err));
    QVERIFY(expired->connections > 0);
    QCOMPARE(expired->received, QByteArray());
}

QTEST_GUILESS_MAIN(TestCliTls)
#include "tst_cli_tls.moc"
