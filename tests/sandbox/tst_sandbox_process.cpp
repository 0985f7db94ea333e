// The test harness itself: SandboxProcess starts the real binary and drives /_sandbox.
#include "sandboxprocess.h"

#include <QtTest>

class TestSandboxProcess : public QObject
{
    Q_OBJECT
private slots:
    void startsAndReportsPort();
    void faultsRoundTrip();
    void statsCountGatewayRequests();
    void createsInvoices();
};

void TestSandboxProcess::startsAndReportsPort()
{
    rdtest::SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({}, &error), qPrintable(error));
    QVERIFY(sandbox.port() != 0);
    QVERIFY(sandbox.pid() > 0);
    QCOMPARE(sandbox.baseUrl(QStringLiteral("stripe")),
             QStringLiteral("http://127.0.0.1:%1/stripe").arg(sandbox.port()));
    sandbox.stop();
    QCOMPARE(sandbox.port(), quint16(0));
}

void TestSandboxProcess::faultsRoundTrip()
{
    rdtest::SandboxProcess sandbox;
    QVERIFY(sandbox.start());
    const QJsonObject faults{{QStringLiteral("latency_ms"), 5},
                             {QStringLiteral("fail"), QJsonObject{{QStringLiteral("status"), 500},
                                                                  {QStringLiteral("count"), 2}}}};
    QVERIFY(sandbox.armFaults(faults));
    QVERIFY(!sandbox.armFaults(QJsonObject{{QStringLiteral("nonsense"), 1}}));
    QVERIFY(sandbox.clearFaults());
}

void TestSandboxProcess::statsCountGatewayRequests()
{
    rdtest::SandboxProcess sandbox;
    QVERIFY(sandbox.start());
    QNetworkAccessManager nam;
    QNetworkRequest request(
        QUrl(sandbox.baseUrl(QStringLiteral("stripe")) + QStringLiteral("/v1/charges")));
    QNetworkReply *reply = nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    delete reply;
    const QJsonObject stats = sandbox.stats();
    QCOMPARE(stats.value(QStringLiteral("requests"))
                 .toObject()
                 .value(QStringLiteral("stripe"))
                 .toInteger(),
             1);
    QCOMPARE(stats.value(QStringLiteral("total")).toInteger(), 1);
    QVERIFY(sandbox.resetStats());
    QCOMPARE(sandbox.stats().value(QStringLiteral("total")).toInteger(), 0);
}

void TestSandboxProcess::createsInvoices()
{
    rdtest::SandboxProcess sandbox;
    QVERIFY(sandbox.start());
    const QStringList ids = sandbox.createInvoices(QStringLiteral("stripe"), 3);
    QCOMPARE(ids.size(), 3);
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 3);
    QVERIFY(ids.first().startsWith(QStringLiteral("ch_")));
}

QTEST_GUILESS_MAIN(TestSandboxProcess)
#include "tst_sandbox_process.moc"
