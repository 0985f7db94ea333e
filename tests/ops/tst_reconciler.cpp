// Reconciler against an in-memory gateway: open outbox entries are resolved by listing and
// matching the operation id, or by resending the identical request with the same idempotency
// key; never with a new key, and never while another live process is sending them.
#include "fakegateway.h"
#include "opsfixture.h"

#include "ops/reconciler.h"
#include "ops/refundservice.h"

#include <QSignalSpy>

#include <unistd.h>

using namespace rd;
using namespace rdtest;

class TestReconciler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void init() { BACKEND_OR_SKIP(); }
    void lostAnswerIsFoundByOperationId();
    void notFoundIsResentWithTheSameKey();
    void matchesByAmountAndTimeWhenNoIdIsCarried();
    void listingFailureLeavesItUnknown();
    void aRefundMadeElsewhereIsNotTakenForOurs();
    void intasendChargebackFoundInReasonDetails();
    void neverSentEntryIsSent();
    void entryOfALiveSenderIsLeftAlone();
    void entryInFlightInThisProcessIsLeftAlone();
    void twoReconcilersInOneProcessSendOnce();

private:
    static RefundDraft draft(const QString &amount);
    // A refund of `amount` on the fixture's invoice, as the person would send it.
    static OperationOutcome submit(GatewayFixture &f, const QString &amount);
    // A refund whose answer the gateway commits and then loses: it stays Unknown.
    static OperationOutcome submitAndLose(GatewayFixture &f, const QString &amount);
};

RefundDraft TestReconciler::draft(const QString &amount)
{
    RefundDraft d;
    d.invoiceId = QStringLiteral("inv_1");
    d.amountText = amount;
    return d;
}

OperationOutcome TestReconciler::submit(GatewayFixture &f, const QString &amount)
{
    RefundService s(f.db, f.account, &f.gateway);
    return submitAndWait(s, draft(amount));
}

OperationOutcome TestReconciler::submitAndLose(GatewayFixture &f, const QString &amount)
{
    f.gateway.commitThenLose = 1;
    return submit(f, amount);
}

void TestReconciler::lostAnswerIsFoundByOperationId()
{
    GatewayFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    const OperationOutcome o = submitAndLose(f, QStringLiteral("5.00"));
    QCOMPARE(o.state, OperationState::Unknown);
    QCOMPARE(f.gateway.refunds.size(), 1);

    const ReconcileSummary s = f.reconcile();
    QCOMPARE(s.examined, 1);
    QCOMPARE(s.succeeded, 1);
    QCOMPARE(f.gateway.requests.size(), 1); // found by listing: nothing sent again
    const auto entry = f.outboxEntry(o.operationId);
    QCOMPARE(entry->state, OutboxState::Succeeded);
    QCOMPARE(entry->resultId, f.gateway.refunds.first().gatewayId);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM refunds")), 1);
    QCOMPARE(f.scalar(QStringLiteral("SELECT amount_refunded FROM invoices")), 500);
    QCOMPARE(f.auditTrail(o.operationId),
             (QStringList{QStringLiteral("queue:pending"), QStringLiteral("send:pending"),
                          QStringLiteral("result:unknown"), QStringLiteral("reconcile:unknown"),
                          QStringLiteral("result:succeeded")}));
    QCOMPARE(f.reconcile().examined, 0); // nothing open any more
}

void TestReconciler::notFoundIsResentWithTheSameKey()
{
    GatewayFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    f.gateway.nextErrors << gatewayError(GatewayError::Kind::Server, 503, true);
    const OperationOutcome o = submit(f, QStringLiteral("5.00"));
    QCOMPARE(o.state, OperationState::Unknown);
    QCOMPARE(f.gateway.refunds.size(), 0);

    const ReconcileSummary s = f.reconcile();
    QCOMPARE(s.succeeded, 1);
    QCOMPARE(f.gateway.requests.size(), 2);
    QCOMPARE(f.gateway.requests.at(1).idempotencyKey, f.gateway.requests.at(0).idempotencyKey);
    QCOMPARE(f.gateway.requests.at(1).operationId, f.gateway.requests.at(0).operationId);
    QCOMPARE(*f.gateway.requests.at(1).amount, *f.gateway.requests.at(0).amount);
    QCOMPARE(f.gateway.refunds.size(), 1);
    const auto entry = f.outboxEntry(o.operationId);
    QCOMPARE(entry->state, OutboxState::Succeeded);
    QCOMPARE(entry->attempts, 2);
    QVERIFY(f.auditTrail(o.operationId).contains(QStringLiteral("send:unknown")));
}

void TestReconciler::matchesByAmountAndTimeWhenNoIdIsCarried()
{
    GatewayFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    f.gateway.carryOperationId = false;
    const OperationOutcome o = submitAndLose(f, QStringLiteral("2.50"));
    QCOMPARE(o.state, OperationState::Unknown);
    QCOMPARE(f.reconcile().succeeded, 1);
    QCOMPARE(f.gateway.requests.size(), 1);
    QCOMPARE(f.outboxEntry(o.operationId)->resultId, QStringLiteral("re_1"));
}

void TestReconciler::listingFailureLeavesItUnknown()
{
    GatewayFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    const OperationOutcome o = submitAndLose(f, QStringLiteral("5.00"));
    f.gateway.listError = gatewayError(GatewayError::Kind::Network, 0, false);
    const ReconcileSummary s = f.reconcile();
    QCOMPARE(s.stillOpen, 1);
    QCOMPARE(s.problems.size(), 1);
    QCOMPARE(f.gateway.requests.size(), 1); // not resent blindly
    QCOMPARE(f.outboxEntry(o.operationId)->state, OutboxState::Unknown);
    f.gateway.listError = GatewayError();
    QCOMPARE(f.reconcile().succeeded, 1);
    QCOMPARE(f.gateway.refunds.size(), 1);
}

void TestReconciler::aRefundMadeElsewhereIsNotTakenForOurs()
{
    GatewayFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    QCOMPARE(submit(f, QStringLiteral("1.00")).state, OperationState::Succeeded);
    f.gateway.nextErrors << gatewayError(GatewayError::Kind::Server, 503, true);
    const OperationOutcome o = submit(f, QStringLiteral("2.00"));
    QCOMPARE(o.state, OperationState::Unknown);
    // Someone refunds the same amount from the gateway's dashboard: no operation id.
    Refund dashboard;
    dashboard.gatewayId = QStringLiteral("re_dashboard");
    dashboard.invoiceId = QStringLiteral("inv_1");
    dashboard.amount = Money(200, u"USD");
    dashboard.status = CommonStatus::Succeeded;
    dashboard.createdAt = QDateTime::currentDateTimeUtc();
    f.gateway.refunds << dashboard;

    QCOMPARE(f.reconcile().succeeded, 1);
    QCOMPARE(f.gateway.requests.size(), 3); // resent with its key: the dashboard refund is not ours
    const auto entry = f.outboxEntry(o.operationId);
    QVERIFY(entry->resultId != QStringLiteral("re_dashboard"));
    QCOMPARE(f.gateway.requests.at(2).idempotencyKey, f.gateway.requests.at(1).idempotencyKey);
}

void TestReconciler::intasendChargebackFoundInReasonDetails()
{
    GatewayFixture f(Dialect::IntaSend, currentBackend());
    QVERIFY2(f.open(50000, QStringLiteral("KES")), qPrintable(f.error));
    const OperationOutcome o = submitAndLose(f, QStringLiteral("100.00"));
    QCOMPARE(o.state, OperationState::Unknown);
    QCOMPARE(f.reconcile().succeeded, 1);
    QCOMPARE(f.gateway.chargebackRequests.size(), 1);
    QCOMPARE(f.outboxEntry(o.operationId)->resultId, QStringLiteral("1"));
}

void TestReconciler::neverSentEntryIsSent()
{
    GatewayFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    OutboxEntry e = f.unsentEntry(Money(300, u"USD"));
    QString error;
    QVERIFY2(OutboxRepository(f.db).insert(e, &error), qPrintable(error));
    QCOMPARE(f.reconcile().succeeded, 1);
    QCOMPARE(f.gateway.requests.size(), 1);
    QCOMPARE(f.gateway.requests.first().idempotencyKey, e.idempotencyKey);
}

void TestReconciler::entryOfALiveSenderIsLeftAlone()
{
    GatewayFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    OutboxEntry e = f.unsentEntry(Money(300, u"USD"));
    QJsonObject owner = OperationExecutor::ownerStamp();
    owner.insert(QStringLiteral("pid"), qint64(::getppid())); // alive: it started this test
    e.params.insert(QStringLiteral("owner"), owner);
    QString error;
    QVERIFY(OutboxRepository(f.db).insert(e, &error));
    const ReconcileSummary s = f.reconcile();
    QCOMPARE(s.busy, 1);
    QCOMPARE(f.gateway.requests.size(), 0);
    QCOMPARE(f.outboxEntry(e.operationId)->state, OutboxState::Pending);
}

void TestReconciler::entryInFlightInThisProcessIsLeftAlone()
{
    // The GUI sends a refund and, while it waits for the answer, a sync ends and reconciles.
    GatewayFixture f(Dialect::IntaSend, currentBackend());
    QVERIFY2(f.open(50000, QStringLiteral("KES")), qPrintable(f.error));
    f.gateway.holdAnswers = true;
    RefundService s(f.db, f.account, &f.gateway);
    QSignalSpy finished(&s, &RefundService::finished);
    s.submit(draft(QStringLiteral("10.00")));
    QCOMPARE(f.gateway.held.size(), 1);

    const ReconcileSummary summary = f.reconcile();
    QCOMPARE(summary.busy, 1);
    QCOMPARE(f.gateway.held.size(), 1); // nothing sent a second time
    QCOMPARE(f.gateway.chargebackRequests.size(), 0);

    f.gateway.release();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<OperationOutcome>().state, OperationState::Succeeded);
    QCOMPARE(f.gateway.chargebacks.size(), 1);
    QCOMPARE(f.reconcile().examined, 0);
}

void TestReconciler::twoReconcilersInOneProcessSendOnce()
{
    GatewayFixture f(Dialect::IntaSend, currentBackend());
    QVERIFY2(f.open(50000, QStringLiteral("KES")), qPrintable(f.error));
    f.gateway.nextErrors << gatewayError(GatewayError::Kind::Server, 502, true);
    QCOMPARE(submit(f, QStringLiteral("10.00")).state, OperationState::Unknown);

    Reconciler first(f.db, f.provider());
    Reconciler second(f.db, f.provider());
    QSignalSpy firstDone(&first, &Reconciler::finished);
    QSignalSpy secondDone(&second, &Reconciler::finished);
    f.gateway.holdAnswers = true; // the first one's resend waits for its answer
    first.reconcile();
    QTRY_COMPARE(f.gateway.held.size(), 1);
    second.reconcile();
    QVERIFY(secondDone.wait(5000));
    QCOMPARE(secondDone.first().first().value<ReconcileSummary>().busy, 1);
    f.gateway.release();
    QTRY_COMPARE(firstDone.size(), 1);
    QCOMPARE(firstDone.first().first().value<ReconcileSummary>().succeeded, 1);
    QCOMPARE(f.gateway.chargebacks.size(), 1);
}

QTEST_GUILESS_MAIN(TestReconciler)
#include "tst_reconciler.moc"
