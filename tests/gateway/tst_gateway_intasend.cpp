// IntaSendAdapter's request sequence against a scripted loopback server (a fake for this one
// class): chargebacks shaped like seed 000, with no currency, take their invoice's currency,
// looked up once per invoice; a failed lookup is reported, not guessed.
#include "gateway/intasendadapter.h"
#include "scriptedserver.h"

#include <QEventLoop>
#include <QTest>
#include <QTimer>

using namespace rd;
using namespace rdtest;

namespace {

GatewayResult<Page<Chargeback>> listAll(IntaSendAdapter &g)
{
    GatewayResult<Page<Chargeback>> out;
    bool done = false;
    QEventLoop loop;
    g.listChargebacks(ListRequest(), [&](const GatewayResult<Page<Chargeback>> &r) {
        out = r;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit); // a guard, not a timing assertion
    if (!done)
        loop.exec();
    return out;
}

Scripted reply(int status, const QByteArray &body)
{
    Scripted s;
    s.status = status;
    s.body = body;
    return s;
}

const QByteArray kChargebacks = R"([{"id":1,"transaction":1,"invoice":"NR5XKGY","amount":200,
    "reason":"Delayed shipping","reason_details":"System malfunction [rd:op-1]",
    "status":"PENDING","resolution":"","staff_created":"false"},
    {"id":2,"transaction":2,"invoice":"NR5XKGY","amount":"12.50","reason":"Damaged",
    "status":"APPROVED","resolution":"ok","staff_created":"false"}])";
const QByteArray kInvoice = R"({"invoice_id":"NR5XKGY","state":"COMPLETE","provider":"CARD",
    "value":"1500.00","currency":"KES","customer":{},"created_at":"2024-01-02T03:04:05Z"})";

} // namespace

class TestGatewayIntaSend : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void missingCurrencyComesFromTheInvoice();
    void failedLookupIsReported();
};

void TestGatewayIntaSend::missingCurrencyComesFromTheInvoice()
{
    ScriptedServer server;
    server.script({reply(200, kChargebacks), reply(200, kInvoice), reply(200, kChargebacks)});
    IntaSendAdapter g(server.base(), QStringLiteral("ISSecretKey_test"));
    const auto r = listAll(g);
    QVERIFY2(r.ok(), qPrintable(r.error.describe()));
    QCOMPARE(r.value.items.size(), 2);
    QCOMPARE(r.value.items.at(0).amount, Money(20000, u"KES"));
    QCOMPARE(r.value.items.at(0).operationId, QStringLiteral("op-1"));
    QCOMPARE(r.value.items.at(0).reasonDetails, QStringLiteral("System malfunction"));
    QCOMPARE(r.value.items.at(1).amount, Money(1250, u"KES"));
    QCOMPARE(r.value.items.at(1).status, CommonStatus::Succeeded);
    QCOMPARE(server.seen.size(), 2);
    QCOMPARE(server.seen.at(0).target, QByteArray("/gw/api/v1/chargebacks/"));
    QCOMPARE(server.seen.at(1).target, QByteArray("/gw/api/v1/invoices/NR5XKGY/"));
    QCOMPARE(server.seen.at(0).headers.value("authorization"),
             QByteArray("Bearer ISSecretKey_test"));

    // The invoice's currency is remembered: the next listing needs one request.
    QVERIFY(listAll(g).ok());
    QCOMPARE(server.seen.size(), 3);
}

void TestGatewayIntaSend::failedLookupIsReported()
{
    ScriptedServer server;
    server.script({reply(200, kChargebacks), reply(404, R"({"detail":"Not found."})")});
    IntaSendAdapter g(server.base(), QStringLiteral("ISSecretKey_test"));
    const auto r = listAll(g);
    QCOMPARE(r.error.kind, GatewayError::Kind::NotFound);
    QCOMPARE(r.error.message, QStringLiteral("Not found."));
    QVERIFY(r.value.items.isEmpty());
}

QTEST_GUILESS_MAIN(TestGatewayIntaSend)
#include "tst_gateway_intasend.moc"
