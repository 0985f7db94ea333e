// The adapters under the sandbox's injected faults: retries through 500/429 (counted with
// /_sandbox/stats), giving up, timeouts, replies lost after the gateway committed
// (drop_after_commit) resolved by the same idempotency key or by listing, and truncated bodies.
#include "gatewaytesting.h"

#include <QTest>

using namespace rd;
using namespace rdtest;

class TestGatewayFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void readsRetryThrough500_data();
    void readsRetryThrough500();
    void retryAfterIsHonoured();
    void givesUpAfterTheAttemptBudget();
    void rateLimitedWhenItPersists();
    void writesWithKeyRetryAndCreateOnce_data();
    void writesWithKeyRetryAndCreateOnce();
    void writeWithoutKeyIsNotRetried();
    void timeoutLeavesWriteUnknownThenSameKeyResolves();
    void droppedReplyIsReplayedBySameKey_data();
    void droppedReplyIsReplayedBySameKey();
    void droppedReplyWithoutRetryIsUnknown();
    void droppedChargebackIsFoundByListing();
    void truncatedBodies();

private:
    std::optional<Invoice> freshInvoice(Gateway &g)
    {
        return untouchedInvoice(allInvoices(g), &m_used);
    }
    bool arm(const QJsonObject &faults);
    int refundsWithOperation(Gateway &g, const QString &invoice, const QString &operation);

    SandboxProcess m_sandbox;
    QSet<QString> m_used;
};

void TestGatewayFaults::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start({QStringLiteral("--invoices"), QStringLiteral("80")}, &error),
             qPrintable(error));
}

void TestGatewayFaults::init()
{
    QVERIFY(m_sandbox.clearFaults());
}
void TestGatewayFaults::cleanup()
{
    m_sandbox.clearFaults();
}

bool TestGatewayFaults::arm(const QJsonObject &faults)
{
    return m_sandbox.resetStats() && m_sandbox.armFaults(faults);
}

int TestGatewayFaults::refundsWithOperation(Gateway &g, const QString &invoice,
                                            const QString &operation)
{
    const auto listed = allRefunds(g, invoice);
    if (!listed.ok())
        return -1;
    int n = 0;
    for (const Refund &r : listed.value)
        n += r.operationId == operation ? 1 : 0;
    return n;
}

static QJsonObject fail(const QString &dialect, int status, int count, int retryAfter = -1)
{
    QJsonObject f{{QStringLiteral("status"), status}, {QStringLiteral("count"), count}};
    if (retryAfter >= 0)
        f.insert(QStringLiteral("retry_after"), retryAfter);
    return {{QStringLiteral("fail"), f}, {QStringLiteral("dialect"), dialect}};
}

void TestGatewayFaults::readsRetryThrough500_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : dialectNames())
        QTest::newRow(qPrintable(d)) << d;
}

void TestGatewayFaults::readsRetryThrough500()
{
    QFETCH(QString, dialect);
    auto g = makeGateway(m_sandbox, dialect, fastOptions(4));
    QVERIFY(arm(fail(dialect, 500, 2)));
    ListRequest req;
    req.pageSize = 5;
    const auto page = await<Page<Invoice>>(
        [&](Gateway::Callback<Page<Invoice>> cb) { g->listInvoices(req, cb); });
    QVERIFY2(page.ok(), qPrintable(page.error.describe()));
    QCOMPARE(page.value.items.size(), 5);
    QCOMPARE(requestsTo(m_sandbox, dialect), 3); // two failures, then the answer
}

void TestGatewayFaults::retryAfterIsHonoured()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("stripe"), fastOptions(3));
    QVERIFY(arm(fail(QStringLiteral("stripe"), 429, 1, 1)));
    const auto page = await<Page<Refund>>(
        [&](Gateway::Callback<Page<Refund>> cb) { g->listRefunds(ListRequest(), cb); });
    QVERIFY2(page.ok(), qPrintable(page.error.describe()));
    QCOMPARE(requestsTo(m_sandbox, QStringLiteral("stripe")), 2);
}

void TestGatewayFaults::givesUpAfterTheAttemptBudget()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("chargebee"), fastOptions(3));
    QVERIFY(arm(fail(QStringLiteral("chargebee"), 503, 10)));
    const auto page = await<Page<Invoice>>(
        [&](Gateway::Callback<Page<Invoice>> cb) { g->listInvoices(ListRequest(), cb); });
    QCOMPARE(page.error.kind, GatewayError::Kind::Server);
    QCOMPARE(page.error.httpStatus, 503);
    QVERIFY(!page.error.message.isEmpty());
    QVERIFY(!page.error.outcomeUnknown); // a read has no outcome to be unsure about
    QCOMPARE(requestsTo(m_sandbox, QStringLiteral("chargebee")), 3);
}

void TestGatewayFaults::rateLimitedWhenItPersists()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("processout"), fastOptions(2));
    QVERIFY(arm(fail(QStringLiteral("processout"), 429, 10, 0)));
    const auto page = await<Page<Invoice>>(
        [&](Gateway::Callback<Page<Invoice>> cb) { g->listInvoices(ListRequest(), cb); });
    QCOMPARE(page.error.kind, GatewayError::Kind::RateLimited);
    QCOMPARE(page.error.httpStatus, 429);
    QCOMPARE(requestsTo(m_sandbox, QStringLiteral("processout")), 2);
}

void TestGatewayFaults::writesWithKeyRetryAndCreateOnce_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("requests");
    QTest::newRow("stripe") << "stripe" << 2;
    QTest::newRow("wooshpay") << "wooshpay" << 2;
    QTest::newRow("chargebee") << "chargebee" << 2;
    // ProcessOut reads the transaction first; the failure lands on that read.
    QTest::newRow("processout") << "processout" << 3;
}

void TestGatewayFaults::writesWithKeyRetryAndCreateOnce()
{
    QFETCH(QString, dialect);
    QFETCH(int, requests);
    auto g = makeGateway(m_sandbox, dialect, fastOptions(3));
    const auto inv = freshInvoice(*g);
    QVERIFY(inv);
    RefundRequest r = refundOf(*inv, 3);
    QVERIFY(arm(fail(dialect, 500, 1)));
    const auto created = refund(*g, r);
    QVERIFY2(created.ok(), qPrintable(created.error.describe()));
    QCOMPARE(requestsTo(m_sandbox, dialect), requests);
    QCOMPARE(refundsWithOperation(*g, inv->gatewayId, r.operationId), 1);
}

void TestGatewayFaults::writeWithoutKeyIsNotRetried()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("intasend"), fastOptions(3));
    const auto inv = freshInvoice(*g);
    QVERIFY(inv);
    ChargebackRequest req = chargebackOf(*inv, 4, QStringLiteral("Damaged goods"));
    QVERIFY(arm(fail(QStringLiteral("intasend"), 500, 1)));
    const auto r =
        await<Chargeback>([&](Gateway::Callback<Chargeback> cb) { g->createChargeback(req, cb); });
    QCOMPARE(r.error.kind, GatewayError::Kind::Server);
    QVERIFY(r.error.outcomeUnknown); // a 5xx to a write might have taken effect
    QCOMPARE(requestsTo(m_sandbox, QStringLiteral("intasend")), 1);
    // Resolving it by listing: this time the gateway did not create it.
    const auto listed = allChargebacks(*g, inv->gatewayId);
    QVERIFY2(listed.ok(), qPrintable(listed.error.describe()));
    for (const Chargeback &c : listed.value)
        QVERIFY(c.operationId != req.operationId);
}

void TestGatewayFaults::timeoutLeavesWriteUnknownThenSameKeyResolves()
{
    auto slow = makeGateway(m_sandbox, QStringLiteral("stripe"), fastOptions(2, 250));
    auto normal = makeGateway(m_sandbox, QStringLiteral("stripe"), fastOptions(3));
    const auto inv = freshInvoice(*normal);
    QVERIFY(inv);
    RefundRequest r = refundOf(*inv, 2);
    QVERIFY(arm({{QStringLiteral("latency_ms"), 1500},
                 {QStringLiteral("dialect"), QStringLiteral("stripe")}}));

    const auto read = await<Page<Invoice>>(
        [&](Gateway::Callback<Page<Invoice>> cb) { slow->listInvoices(ListRequest(), cb); });
    QCOMPARE(read.error.kind, GatewayError::Kind::Network);
    QCOMPARE(read.error.code, QStringLiteral("timeout"));
    QVERIFY(!read.error.outcomeUnknown);

    const auto write = refund(*slow, r);
    QCOMPARE(write.error.kind, GatewayError::Kind::Network);
    QCOMPARE(write.error.code, QStringLiteral("timeout"));
    QVERIFY(write.error.outcomeUnknown);

    // Sent again with the same key once the gateway is quick: one refund, never two.
    QVERIFY(m_sandbox.clearFaults());
    const auto again = refund(*normal, r);
    QVERIFY2(again.ok(), qPrintable(again.error.describe()));
    QCOMPARE(again.value.operationId, r.operationId);
    // The slow attempts may still be in the sandbox's queue; they replay the same refund.
    QTest::qWait(1600);
    QCOMPARE(refundsWithOperation(*normal, inv->gatewayId, r.operationId), 1);
}

void TestGatewayFaults::droppedReplyIsReplayedBySameKey_data()
{
    QTest::addColumn<QString>("dialect");
    for (const char *d : {"stripe", "wooshpay", "chargebee", "processout"})
        QTest::newRow(d) << QString::fromLatin1(d);
}

void TestGatewayFaults::droppedReplyIsReplayedBySameKey()
{
    QFETCH(QString, dialect);
    auto g = makeGateway(m_sandbox, dialect, fastOptions(3));
    const auto inv = freshInvoice(*g);
    QVERIFY(inv);
    RefundRequest r = refundOf(*inv, 2);
    QVERIFY(arm({{QStringLiteral("drop_after_commit"), 1}, {QStringLiteral("dialect"), dialect}}));
    const auto created = refund(*g, r);
    QVERIFY2(created.ok(), qPrintable(created.error.describe()));
    QCOMPARE(created.value.operationId, r.operationId);
    QCOMPARE(created.value.amount, *r.amount);
    QCOMPARE(refundsWithOperation(*g, inv->gatewayId, r.operationId), 1);
}

void TestGatewayFaults::droppedReplyWithoutRetryIsUnknown()
{
    auto once = makeGateway(m_sandbox, QStringLiteral("stripe"), fastOptions(1));
    const auto inv = freshInvoice(*once);
    QVERIFY(inv);
    RefundRequest r = refundOf(*inv, 0);
    QVERIFY(arm({{QStringLiteral("drop_after_commit"), 1},
                 {QStringLiteral("dialect"), QStringLiteral("stripe")}}));
    const auto lost = refund(*once, r);
    QCOMPARE(lost.error.kind, GatewayError::Kind::Network);
    QVERIFY(lost.error.outcomeUnknown);
    QCOMPARE(requestsTo(m_sandbox, QStringLiteral("stripe")), 1); // nothing resent behind our back
    // The same key later gives back the refund that was committed.
    const auto replay = refund(*once, r);
    QVERIFY2(replay.ok(), qPrintable(replay.error.describe()));
    QCOMPARE(replay.value.amount, inv->amount); // the full refund
    QCOMPARE(refundsWithOperation(*once, inv->gatewayId, r.operationId), 1);
}

void TestGatewayFaults::droppedChargebackIsFoundByListing()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("intasend"), fastOptions(3));
    const auto inv = freshInvoice(*g);
    QVERIFY(inv);
    ChargebackRequest req = chargebackOf(*inv, 2, QStringLiteral("Item not received"));
    req.reasonDetails = QStringLiteral("Courier lost it");
    QVERIFY(arm({{QStringLiteral("drop_after_commit"), 1},
                 {QStringLiteral("dialect"), QStringLiteral("intasend")}}));
    const auto lost =
        await<Chargeback>([&](Gateway::Callback<Chargeback> cb) { g->createChargeback(req, cb); });
    QCOMPARE(lost.error.kind, GatewayError::Kind::Network);
    QVERIFY(lost.error.outcomeUnknown);
    QCOMPARE(requestsTo(m_sandbox, QStringLiteral("intasend")), 1); // no second chargeback sent
    const auto listed = allChargebacks(*g, inv->gatewayId);
    QVERIFY2(listed.ok(), qPrintable(listed.error.describe()));
    int found = 0;
    for (const Chargeback &c : listed.value) {
        if (c.operationId == req.operationId) {
            ++found;
            QCOMPARE(c.amount, req.amount);
            QCOMPARE(c.reasonDetails, req.reasonDetails);
        }
    }
    QCOMPARE(found, 1);
}

void TestGatewayFaults::truncatedBodies()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("wooshpay"), fastOptions(3));
    const auto inv = freshInvoice(*g);
    QVERIFY(inv);
    QVERIFY(arm({{QStringLiteral("malformed"), 1},
                 {QStringLiteral("dialect"), QStringLiteral("wooshpay")}}));
    const auto read = await<Page<Invoice>>(
        [&](Gateway::Callback<Page<Invoice>> cb) { g->listInvoices(ListRequest(), cb); });
    QCOMPARE(read.error.kind, GatewayError::Kind::Malformed);
    QVERIFY2(read.error.message.contains(QLatin1String("not valid JSON")),
             qPrintable(read.error.message));
    QVERIFY(!read.error.outcomeUnknown);

    RefundRequest r;
    r.invoiceId = inv->gatewayId;
    r.amount = Money(100, inv->amount.currency());
    r.operationId = newId();
    r.idempotencyKey = newId();
    QVERIFY(arm({{QStringLiteral("malformed"), 1},
                 {QStringLiteral("dialect"), QStringLiteral("wooshpay")}}));
    const auto write = refund(*g, r);
    QCOMPARE(write.error.kind, GatewayError::Kind::Malformed);
    QVERIFY(write.error.outcomeUnknown); // answered 200: it may well have been created
    // Sending again with the same key gives the readable answer.
    const auto again = refund(*g, r);
    QVERIFY2(again.ok(), qPrintable(again.error.describe()));
    QCOMPARE(refundsWithOperation(*g, inv->gatewayId, r.operationId), 1);
}

QTEST_GUILESS_MAIN(TestGatewayFaults)
#include "tst_gateway_faults.moc"
