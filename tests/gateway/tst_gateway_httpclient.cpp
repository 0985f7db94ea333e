// HttpClient against a scripted loopback HTTP server (a fake used only for this one class):
// headers and auth per scheme, what is retried and what never is, timeouts, unknown outcomes,
// the reply size cap, redirects, and that no log line carries the secret.
#include "gateway/httpclient.h"
#include "scriptedserver.h"

#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace rd;
using namespace rdtest;

namespace {

HttpResult run(HttpClient &client, const HttpRequest &request)
{
    HttpResult out;
    QEventLoop loop;
    bool done = false;
    client.send(request, [&](const HttpResult &r) {
        out = r;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit); // a guard, not an assertion on time
    if (!done)
        loop.exec();
    return out;
}

HttpClient::Options fastOptions(int attempts = 4, int timeoutMs = 5000)
{
    HttpClient::Options o;
    o.timeoutMs = timeoutMs;
    o.retry.maxAttempts = attempts;
    o.retry.baseDelayMs = 1;
    o.retry.maxDelayMs = 5;
    o.random = [] { return 0u; };
    return o;
}

HttpRequest post(bool withKey)
{
    HttpRequest r;
    r.method = "POST";
    r.path = HttpClient::pathOf({QStringLiteral("v1"), QStringLiteral("refunds")});
    r.body = HttpRequest::Body::Form;
    r.form.add(QStringLiteral("charge"), QStringLiteral("ch_1"));
    r.form.addMap(QStringLiteral("metadata"), {{QStringLiteral("k"), QStringLiteral("a b")}});
    if (withKey) {
        r.idempotencyHeader = "Idempotency-Key";
        r.idempotencyKey = QStringLiteral("key-1");
    }
    return r;
}

HttpRequest get()
{
    HttpRequest r;
    r.path = HttpClient::pathOf({QStringLiteral("v1"), QStringLiteral("charges")});
    r.query.add(QStringLiteral("limit"), QStringLiteral("3"));
    return r;
}

QStringList g_messages;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &msg)
{
    g_messages << msg;
}

} // namespace

class TestGatewayHttpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendsHeadersAndBody();
    void authSchemes_data();
    void authSchemes();
    void retriesServerErrorsThenSucceeds();
    void postWithoutKeyIsNeverRetried();
    void postWithKeyIsRetriedAfter429();
    void shouldRetryFalseStops();
    void conflictIsNotRetried();
    void lastErrorReplyIsReturned();
    void timeoutGivesUnknownOutcomeForWrites();
    void closedWithoutReply();
    void brokenTransferIsRetriedForReads();
    void brokenTransferOfAWriteIsUnknown();
    void connectionRefusedIsAKnownOutcome();
    void oversizedReplyIsRefused();
    void redirectsAreNotFollowed();
    void insecureBaseUrlSendsNothing();
    void logsNeverCarryTheSecret();
    void untrustedCertificateIsRefused();
};

void TestGatewayHttpClient::sendsHeadersAndBody()
{
    ScriptedServer server;
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions());
    const HttpResult r = run(client, post(true));
    QCOMPARE(r.transport.kind, GatewayError::Kind::None);
    QCOMPARE(r.response.status, 200);
    QCOMPARE(server.seen.size(), 1);
    const Seen &s = server.seen.first();
    QCOMPARE(s.method, QByteArray("POST"));
    QCOMPARE(s.target, QByteArray("/gw/v1/refunds"));
    QCOMPARE(s.headers.value("authorization"), QByteArray("Bearer sk_test_abc"));
    QCOMPARE(s.headers.value("user-agent"), QByteArray("RefundDesk/" REFUNDDESK_VERSION));
    QCOMPARE(s.headers.value("idempotency-key"), QByteArray("key-1"));
    QCOMPARE(s.headers.value("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(s.body, QByteArray("charge=ch_1&metadata[k]=a%20b"));

    run(client, get());
    QCOMPARE(server.seen.last().target, QByteArray("/gw/v1/charges?limit=3"));
    QVERIFY(!server.seen.last().headers.contains("idempotency-key"));
}

void TestGatewayHttpClient::authSchemes_data()
{
    QTest::addColumn<int>("scheme");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("bearer") << int(AuthScheme::Bearer) << "ISSecretKey_test_sandbox"
                            << QByteArray("Bearer ISSecretKey_test_sandbox");
    QTest::newRow("basic key as user")
        << int(AuthScheme::BasicKeyAsUser) << "sk_test_sandbox"
        << QByteArray("Basic " + QByteArray("sk_test_sandbox:").toBase64());
    QTest::newRow("basic project:secret")
        << int(AuthScheme::BasicProjectSecret) << "test-proj_sandbox:key_sandbox"
        << QByteArray("Basic " + QByteArray("test-proj_sandbox:key_sandbox").toBase64());
}

void TestGatewayHttpClient::authSchemes()
{
    QFETCH(int, scheme);
    QFETCH(QString, secret);
    QFETCH(QByteArray, header);
    ScriptedServer server;
    HttpClient client(server.base(), AuthScheme(scheme), secret);
    run(client, get());
    QCOMPARE(server.seen.size(), 1);
    QCOMPARE(server.seen.first().headers.value("authorization"), header);
}

void TestGatewayHttpClient::retriesServerErrorsThenSucceeds()
{
    ScriptedServer server;
    Scripted e500;
    e500.status = 500;
    Scripted e503;
    e503.status = 503;
    server.script({e500, e503, Scripted()});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions());
    const HttpResult r = run(client, get());
    QCOMPARE(r.response.status, 200);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(server.seen.size(), 3);
}

void TestGatewayHttpClient::postWithoutKeyIsNeverRetried()
{
    ScriptedServer server;
    Scripted e500;
    e500.status = 500;
    server.script({e500, Scripted()});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions());
    const HttpResult r = run(client, post(false));
    QCOMPARE(r.response.status, 500);
    QCOMPARE(server.seen.size(), 1);
    QVERIFY(r.outcomeUnknown); // a 5xx to a write may have taken effect
}

void TestGatewayHttpClient::postWithKeyIsRetriedAfter429()
{
    ScriptedServer server;
    Scripted limited;
    limited.status = 429;
    limited.headers = {{"Retry-After", "0"}};
    server.script({limited, Scripted()});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions());
    const HttpResult r = run(client, post(true));
    QCOMPARE(r.response.status, 200);
    QCOMPARE(server.seen.size(), 2);
    // The same key on both attempts, so the gateway can recognise the retry.
    QCOMPARE(server.seen.at(1).headers.value("idempotency-key"), QByteArray("key-1"));
    QCOMPARE(server.seen.at(1).body, server.seen.at(0).body);
    QVERIFY(!r.outcomeUnknown);
}

void TestGatewayHttpClient::shouldRetryFalseStops()
{
    ScriptedServer server;
    Scripted e;
    e.status = 500;
    e.headers = {{"Stripe-Should-Retry", "false"}};
    server.script({e, Scripted()});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions());
    const HttpResult r = run(client, post(true));
    QCOMPARE(r.response.status, 500);
    QCOMPARE(server.seen.size(), 1);
}

void TestGatewayHttpClient::conflictIsNotRetried()
{
    ScriptedServer server;
    Scripted e;
    e.status = 409;
    e.headers = {{"Stripe-Should-Retry", "true"}};
    server.script({e, Scripted()});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions());
    const HttpResult r = run(client, post(true));
    QCOMPARE(r.response.status, 409);
    QCOMPARE(server.seen.size(), 1);
    QVERIFY(!r.outcomeUnknown); // a definite rejection
}

void TestGatewayHttpClient::lastErrorReplyIsReturned()
{
    ScriptedServer server;
    Scripted e;
    e.status = 502;
    e.body = "<html>bad gateway</html>";
    server.script({e, e, e, e});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions(3));
    const HttpResult r = run(client, get());
    QCOMPARE(r.response.status, 502);
    QCOMPARE(r.response.body, e.body);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(server.seen.size(), 3);
}

void TestGatewayHttpClient::timeoutGivesUnknownOutcomeForWrites()
{
    ScriptedServer server;
    Scripted hang;
    hang.mode = Scripted::Mode::Hang;
    server.script({hang, hang});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions(2, 200));
    const HttpResult r = run(client, post(true));
    QCOMPARE(r.transport.kind, GatewayError::Kind::Network);
    QCOMPARE(r.transport.code, QStringLiteral("timeout"));
    QCOMPARE(r.attempts, 2);
    QVERIFY(r.outcomeUnknown);
    QVERIFY(r.transport.outcomeUnknown);
    QTRY_COMPARE(server.seen.size(), 2);
}

void TestGatewayHttpClient::closedWithoutReply()
{
    ScriptedServer server;
    Scripted close;
    close.mode = Scripted::Mode::Close;
    server.script({close, close, close});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions(1));
    const HttpResult r = run(client, post(false));
    QCOMPARE(r.transport.message,
             QStringLiteral("The gateway closed the connection without answering."));
    QCOMPARE(r.transport.kind, GatewayError::Kind::Network);
    QVERIFY(r.outcomeUnknown);
    // Qt must not have resent the POST behind our back.
    QCOMPARE(server.seen.size(), 1);
}

void TestGatewayHttpClient::brokenTransferIsRetriedForReads()
{
    ScriptedServer server;
    Scripted cut;
    cut.mode = Scripted::Mode::Truncate;
    cut.body = QByteArray(2000, ' ') + "{}";
    Scripted whole;
    whole.body = R"({"ok":true})";
    server.script({cut, whole});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions());
    const HttpResult r = run(client, get());
    QCOMPARE(r.transport.kind, GatewayError::Kind::None);
    QCOMPARE(r.response.body, whole.body); // never the half body
    QCOMPARE(server.seen.size(), 2);
}

void TestGatewayHttpClient::brokenTransferOfAWriteIsUnknown()
{
    ScriptedServer server;
    Scripted cut;
    cut.mode = Scripted::Mode::Truncate;
    cut.body = QByteArray(2000, ' ') + "{}";
    server.script({cut, Scripted()});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions());
    const HttpResult r = run(client, post(false));
    QCOMPARE(r.transport.kind, GatewayError::Kind::Network);
    QVERIFY(r.outcomeUnknown); // the gateway had started answering: it may have done it
    QCOMPARE(server.seen.size(), 1);
}

void TestGatewayHttpClient::connectionRefusedIsAKnownOutcome()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        port = probe.serverPort();
    }
    HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:%1/gw").arg(port)), AuthScheme::Bearer,
                      QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions(2));
    const HttpResult r = run(client, post(true));
    QCOMPARE(r.transport.kind, GatewayError::Kind::Network);
    QCOMPARE(r.attempts, 2);
    QVERIFY(!r.outcomeUnknown); // nothing reached a server
}

void TestGatewayHttpClient::oversizedReplyIsRefused()
{
    ScriptedServer server;
    Scripted big;
    big.body = QByteArray(4096, 'x');
    server.script({big});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    HttpClient::Options o = fastOptions();
    o.maxReplyBytes = 1024;
    client.setOptions(o);
    const HttpResult r = run(client, get());
    QCOMPARE(r.transport.kind, GatewayError::Kind::Malformed);
    QCOMPARE(r.transport.code, QStringLiteral("reply_too_large"));
    QCOMPARE(server.seen.size(), 1); // not retried
}

void TestGatewayHttpClient::redirectsAreNotFollowed()
{
    ScriptedServer server;
    Scripted moved;
    moved.status = 302;
    moved.headers = {{"Location", "http://127.0.0.1:1/elsewhere"}};
    server.script({moved});
    HttpClient client(server.base(), AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    const HttpResult r = run(client, get());
    QCOMPARE(r.response.status, 302);
    QCOMPARE(server.seen.size(), 1);
}

void TestGatewayHttpClient::insecureBaseUrlSendsNothing()
{
    HttpClient client(QUrl(QStringLiteral("http://gateway.example/v1")), AuthScheme::Bearer,
                      QStringLiteral("sk_test_abc"));
    const HttpResult r = run(client, get());
    QCOMPARE(r.transport.kind, GatewayError::Kind::Network);
    QCOMPARE(r.transport.code, QStringLiteral("invalid_account"));
    QCOMPARE(r.attempts, 0);
    QVERIFY(r.transport.message.contains(QLatin1String("https")));
}

void TestGatewayHttpClient::logsNeverCarryTheSecret()
{
    const QString secret = QStringLiteral("test-proj_sandbox:key_sandbox");
    ScriptedServer server;
    Scripted e;
    e.status = 500;
    server.script({e, Scripted()});
    HttpClient client(server.base(), AuthScheme::BasicProjectSecret, secret);
    client.setOptions(fastOptions());
    QLoggingCategory::setFilterRules(QStringLiteral("rd.gateway.debug=true"));
    g_messages.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    HttpRequest r = post(true);
    r.form.add(QStringLiteral("note"), secret); // even if a caller put it in a body
    run(client, r);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(!g_messages.isEmpty()); // the client did log the exchange
    const QString all = g_messages.join(QLatin1Char('\n'));
    QVERIFY(all.contains(QLatin1String("/gw/v1/refunds")));
    QVERIFY(!all.contains(QLatin1String("key_sandbox")));
    QVERIFY(!all.contains(QString::fromLatin1(secret.toUtf8().toBase64())));
    QVERIFY(!all.contains(QLatin1String("Authorization"), Qt::CaseInsensitive));
}

void TestGatewayHttpClient::untrustedCertificateIsRefused()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl is not installed, so no self-signed certificate can be made for the test.");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    const QString certPath = dir.filePath(QStringLiteral("cert.pem"));
    QProcess make;
    make.start(openssl,
               {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                keyPath, QStringLiteral("-out"), certPath, QStringLiteral("-days"),
                QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")});
    QVERIFY(make.waitForFinished(60000));
    QCOMPARE(make.exitCode(), 0);
    QFile keyFile(keyPath);
    QFile certFile(certPath);
    QVERIFY(keyFile.open(QIODevice::ReadOnly) && certFile.open(QIODevice::ReadOnly));

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    QSslServer server;
    server.setSslConfiguration(tls);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    int requestBytes = 0;
    connect(&server, &QTcpServer::pendingConnectionAvailable, this, [&] {
        while (QTcpSocket *s = server.nextPendingConnection()) {
            connect(s, &QIODevice::readyRead, s,
                    [s, &requestBytes] { requestBytes += int(s->readAll().size()); });
        }
    });

    HttpClient client(QUrl(QStringLiteral("https://127.0.0.1:%1/gw").arg(server.serverPort())),
                      AuthScheme::Bearer, QStringLiteral("sk_test_abc"));
    client.setOptions(fastOptions(1));
    const HttpResult r = run(client, post(true));
    QCOMPARE(r.transport.kind, GatewayError::Kind::Network);
    QVERIFY2(r.transport.message.contains(QLatin1String("certificate"), Qt::CaseInsensitive) ||
                 r.transport.message.contains(QLatin1String("SSL"), Qt::CaseInsensitive),
             qPrintable(r.transport.message));
    QVERIFY(!r.outcomeUnknown); // the request never left the handshake
    QCOMPARE(requestBytes, 0);  // no request, and so no secret, went over the untrusted link
}

QTEST_GUILESS_MAIN(TestGatewayHttpClient)
#include "tst_gateway_httpclient.moc"
