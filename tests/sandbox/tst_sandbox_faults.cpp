// Black-box tests of the sandbox's fault injection (/_sandbox/faults) in every dialect: injected
// failures, latency, malformed bodies and connections closed after a committed refund.
#include "sandboxclient.h"

#include <QtTest>

using rdtest::HttpResult;
using rdtest::SandboxClient;

namespace {

const QStringList &kDialects = rdtest::dialects();

QString listPath(const QString &dialect)
{
    const QHash<QString, QString> paths{
        {QStringLiteral("stripe"), QStringLiteral("/v1/charges")},
        {QStringLiteral("wooshpay"), QStringLiteral("/v1/payment_intents")},
        {QStringLiteral("chargebee"), QStringLiteral("/api/v2/invoices")},
        {QStringLiteral("processout"), QStringLiteral("/transactions")},
        {QStringLiteral("intasend"), QStringLiteral("/api/v1/chargebacks/")}};
    return paths.value(dialect);
}

bool major(const QString &dialect)
{
    return dialect == QLatin1String("processout") || dialect == QLatin1String("intasend");
}

} // namespace

class TestSandboxFaults : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void armShowClear();
    void rejectsBadFaults_data();
    void rejectsBadFaults();
    void fail_data();
    void fail();
    void failOnlyInOneDialect();
    void latency();
    void malformed_data();
    void malformed();
    void dropAfterCommit_data();
    void dropAfterCommit();
    void dropWaitsForACommit();
    void statsCountEveryGatewayRequest();

private:
    rdtest::SandboxProcess m_sandbox;
    std::unique_ptr<SandboxClient> m_client;
};

void TestSandboxFaults::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
    m_client = std::make_unique<SandboxClient>(m_sandbox);
}

void TestSandboxFaults::init()
{
    QVERIFY(m_sandbox.clearFaults());
}

void TestSandboxFaults::armShowClear()
{
    QCOMPARE(m_client->control("GET", QStringLiteral("/_sandbox/faults")).json(), QJsonObject());
    const QJsonObject fail{{QStringLiteral("status"), 429},
                           {QStringLiteral("count"), 3},
                           {QStringLiteral("retry_after"), 2}};
    QVERIFY(m_sandbox.armFaults(
        QJsonObject{{QStringLiteral("latency_ms"), 5}, {QStringLiteral("fail"), fail}}));
    // Arming merges: fields already armed stay unless given again.
    QVERIFY(m_sandbox.armFaults(
        QJsonObject{{QStringLiteral("malformed"), 2}, {QStringLiteral("drop_after_commit"), 1}}));
    const QJsonObject shown = m_client->control("GET", QStringLiteral("/_sandbox/faults")).json();
    QCOMPARE(shown, (QJsonObject{{QStringLiteral("latency_ms"), 5},
                                 {QStringLiteral("fail"), fail},
                                 {QStringLiteral("malformed"), 2},
                                 {QStringLiteral("drop_after_commit"), 1}}));
    const HttpResult cleared = m_client->control("DELETE", QStringLiteral("/_sandbox/faults"));
    QCOMPARE(cleared.status, 200);
    QCOMPARE(cleared.json(), QJsonObject());
    QCOMPARE(m_client->control("GET", QStringLiteral("/_sandbox/faults")).json(), QJsonObject());
    QCOMPARE(m_client->get(QStringLiteral("stripe"), QStringLiteral("/v1/charges")).status, 200);
}

void TestSandboxFaults::rejectsBadFaults_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not an object") << QByteArray("[1]");
    QTest::newRow("not JSON") << QByteArray("latency=5");
    QTest::newRow("unknown fault") << QByteArray(R"({"explode":1})");
    QTest::newRow("latency as text") << QByteArray(R"({"latency_ms":"5"})");
    QTest::newRow("negative latency") << QByteArray(R"({"latency_ms":-1})");
    QTest::newRow("fractional count") << QByteArray(R"({"malformed":1.5})");
    QTest::newRow("fail without count") << QByteArray(R"({"fail":{"status":500}})");
    QTest::newRow("fail with a 200") << QByteArray(R"({"fail":{"status":200,"count":1}})");
    QTest::newRow("fail with extra field")
        << QByteArray(R"({"fail":{"status":500,"count":1,"when":"now"}})");
    QTest::newRow("unknown dialect") << QByteArray(R"({"dialect":"paypal","malformed":1})");
}

void TestSandboxFaults::rejectsBadFaults()
{
    QFETCH(QByteArray, body);
    QVERIFY(m_sandbox.armFaults(QJsonObject{{QStringLiteral("latency_ms"), 1}}));
    QNetworkAccessManager nam;
    QNetworkRequest request(
        QUrl(QStringLiteral("http://127.0.0.1:%1/_sandbox/faults").arg(m_sandbox.port())));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    QVERIFY(!QJsonDocument::fromJson(reply->readAll())
                 .object()
                 .value(QStringLiteral("error"))
                 .toString()
                 .isEmpty());
    delete reply;
    // Nothing armed changed.
    QCOMPARE(m_client->control("GET", QStringLiteral("/_sandbox/faults")).json(),
             (QJsonObject{{QStringLiteral("latency_ms"), 1}}));
}

void TestSandboxFaults::fail_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("retryAfter"); // -1: not given
    QTest::addColumn<QByteArray>("retryHeader");
    for (const QString &d : kDialects) {
        const QByteArray name = d.toUtf8();
        QTest::addRow("%s 500 x2", name.constData()) << d << 500 << 2 << -1 << QByteArray();
        QTest::addRow("%s 503 x1", name.constData()) << d << 503 << 1 << -1 << QByteArray();
        QTest::addRow("%s 429 retry 2", name.constData()) << d << 429 << 1 << 2 << QByteArray("2");
        QTest::addRow("%s 429 default retry", name.constData())
            << d << 429 << 2 << -1 << QByteArray("1");
    }
}

void TestSandboxFaults::fail()
{
    QFETCH(QString, dialect);
    QFETCH(int, status);
    QFETCH(int, count);
    QFETCH(int, retryAfter);
    QFETCH(QByteArray, retryHeader);
    QJsonObject fail{{QStringLiteral("status"), status}, {QStringLiteral("count"), count}};
    if (retryAfter >= 0)
        fail.insert(QStringLiteral("retry_after"), retryAfter);
    QVERIFY(m_sandbox.armFaults(QJsonObject{{QStringLiteral("fail"), fail}}));
    // Injected failures come before credentials are checked, like a front proxy's.
    for (int i = 0; i < count; ++i) {
        const HttpResult r = m_client->get(dialect, listPath(dialect));
        QCOMPARE(r.status, status);
        QCOMPARE(SandboxClient::errorShapeProblem(dialect, r), QString());
        QCOMPARE(r.headers.value("retry-after"), retryHeader);
        if (dialect == QLatin1String("stripe"))
            QCOMPARE(r.headers.value("stripe-should-retry"), QByteArray("true"));
    }
    const HttpResult after = m_client->get(dialect, listPath(dialect));
    QCOMPARE(after.status, 200);
    QCOMPARE(m_client->control("GET", QStringLiteral("/_sandbox/faults")).json(), QJsonObject());
}

void TestSandboxFaults::failOnlyInOneDialect()
{
    QVERIFY(m_sandbox.armFaults(
        QJsonObject{{QStringLiteral("fail"),
                     QJsonObject{{QStringLiteral("status"), 500}, {QStringLiteral("count"), 1}}},
                    {QStringLiteral("dialect"), QStringLiteral("processout")}}));
    QCOMPARE(m_client->get(QStringLiteral("stripe"), listPath(QStringLiteral("stripe"))).status,
             200);
    QCOMPARE(
        m_client->get(QStringLiteral("chargebee"), listPath(QStringLiteral("chargebee"))).status,
        200);
    QCOMPARE(
        m_client->get(QStringLiteral("processout"), listPath(QStringLiteral("processout"))).status,
        500);
    QCOMPARE(
        m_client->get(QStringLiteral("processout"), listPath(QStringLiteral("processout"))).status,
        200);
}

void TestSandboxFaults::latency()
{
    QVERIFY(m_sandbox.armFaults(QJsonObject{{QStringLiteral("latency_ms"), 300}}));
    for (const QString &dialect : kDialects) {
        const HttpResult r = m_client->get(dialect, listPath(dialect));
        QCOMPARE(r.status, 200);
        // A lower bound only: the reply cannot come before the armed delay.
        QVERIFY2(r.elapsedMs >= 290, qPrintable(QString::number(r.elapsedMs)));
    }
    // Control calls are never delayed; latency stays armed until cleared.
    QCOMPARE(m_client->control("GET", QStringLiteral("/_sandbox/faults")).json(),
             (QJsonObject{{QStringLiteral("latency_ms"), 300}}));
}

void TestSandboxFaults::malformed_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : kDialects)
        QTest::newRow(d.toUtf8().constData()) << d;
}

void TestSandboxFaults::malformed()
{
    QFETCH(QString, dialect);
    QVERIFY(m_sandbox.armFaults(QJsonObject{{QStringLiteral("malformed"), 1}}));
    const HttpResult bad = m_client->get(dialect, listPath(dialect));
    QCOMPARE(bad.status, 200);
    QVERIFY(!bad.body.isEmpty());
    QVERIFY2(!bad.isJson(), bad.body.constData());
    const HttpResult good = m_client->get(dialect, listPath(dialect));
    QCOMPARE(good.status, 200);
    QVERIFY(good.isJson());
    // The truncated body is the start of the real one.
    QVERIFY(good.body.startsWith(bad.body.left(1)));
}

void TestSandboxFaults::dropAfterCommit_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<bool>("hasKeys");
    for (const QString &d : kDialects)
        QTest::newRow(d.toUtf8().constData()) << d << (d != QLatin1String("intasend"));
}

void TestSandboxFaults::dropAfterCommit()
{
    QFETCH(QString, dialect);
    QFETCH(bool, hasKeys);
    const QString invoice = m_client->freshInvoice(dialect);
    QVERIFY(!invoice.isEmpty());
    QVERIFY(m_sandbox.armFaults(QJsonObject{{QStringLiteral("drop_after_commit"), 1}}));
    const QString amount = major(dialect) ? QStringLiteral("12.50") : QStringLiteral("1250");
    const QByteArray key = QByteArrayLiteral("drop-") + dialect.toUtf8();
    const auto call =
        SandboxClient::refundCall(dialect, invoice, amount, hasKeys ? key : QByteArray());
    bool closed = false;
    const QByteArray received =
        m_client->rawExchange(m_client->rawRequest("POST", dialect, call), &closed);
    QVERIFY(closed);
    QCOMPARE(received, QByteArray()); // not one byte of a reply
    QCOMPARE(m_client->control("GET", QStringLiteral("/_sandbox/faults")).json(), QJsonObject());
    // ...but the refund was committed.
    const QJsonArray made = m_client->refundsOf(dialect, invoice);
    QCOMPARE(made.size(), 1);
    const QString madeId = made.at(0).toObject().value(QStringLiteral("id")).toVariant().toString();
    if (hasKeys) {
        // Retrying with the same key answers with the refund that was made, not a second one.
        const HttpResult retry = m_client->refund(dialect, invoice, amount, key);
        QCOMPARE(retry.status, 200);
        QJsonObject object = retry.json();
        if (dialect == QLatin1String("chargebee"))
            object = object.value(QStringLiteral("credit_note")).toObject();
        else if (dialect == QLatin1String("processout"))
            object = object.value(QStringLiteral("refund")).toObject();
        QCOMPARE(object.value(QStringLiteral("id")).toVariant().toString(), madeId);
        QCOMPARE(m_client->refundsOf(dialect, invoice).size(), 1);
    }
}

void TestSandboxFaults::dropWaitsForACommit()
{
    const QString stripe = QStringLiteral("stripe");
    const QString invoice = m_client->freshInvoice(stripe);
    QVERIFY(m_sandbox.armFaults(QJsonObject{{QStringLiteral("drop_after_commit"), 1}}));
    // Reads and rejected creations are answered normally and leave the fault armed.
    QCOMPARE(m_client->get(stripe, QStringLiteral("/v1/charges/") + invoice).status, 200);
    QCOMPARE(m_client->refund(stripe, invoice, QStringLiteral("99999")).status, 400);
    QCOMPARE(m_client->control("GET", QStringLiteral("/_sandbox/faults")).json(),
             (QJsonObject{{QStringLiteral("drop_after_commit"), 1}}));
    bool closed = false;
    const QByteArray received = m_client->rawExchange(
        m_client->rawRequest("POST", stripe,
                             SandboxClient::refundCall(stripe, invoice, QStringLiteral("100"))),
        &closed);
    QVERIFY(closed);
    QVERIFY(received.isEmpty());
    const HttpResult next = m_client->refund(stripe, invoice, QStringLiteral("100"));
    QCOMPARE(next.status, 200);
    QCOMPARE(m_client->refundsOf(stripe, invoice).size(), 2);
}

void TestSandboxFaults::statsCountEveryGatewayRequest()
{
    QVERIFY(m_sandbox.resetStats());
    QVERIFY(m_sandbox.armFaults(
        QJsonObject{{QStringLiteral("fail"),
                     QJsonObject{{QStringLiteral("status"), 500}, {QStringLiteral("count"), 1}}}}));
    m_client->get(QStringLiteral("wooshpay"), listPath(QStringLiteral("wooshpay"))); // failed
    m_client->send("GET", QStringLiteral("wooshpay"), listPath(QStringLiteral("wooshpay")), {}, {},
                   rdtest::Auth::None);
    m_client->get(QStringLiteral("intasend"), listPath(QStringLiteral("intasend")));
    m_client->control("GET", QStringLiteral("/_sandbox/faults")); // not a gateway request
    const QJsonObject stats = m_sandbox.stats();
    const QJsonObject requests = stats.value(QStringLiteral("requests")).toObject();
    QCOMPARE(requests.value(QStringLiteral("wooshpay")).toInteger(), 2);
    QCOMPARE(requests.value(QStringLiteral("intasend")).toInteger(), 1);
    QCOMPARE(requests.value(QStringLiteral("stripe")).toInteger(), 0);
    QCOMPARE(stats.value(QStringLiteral("total")).toInteger(), 3);
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandbox_faults.moc"
