// RefundService against an in-memory gateway: what reaches the outbox, the audit log and the
// cache for each kind of answer, before and after sending.
#include "fakegateway.h"
#include "opsfixture.h"

#include "ops/reconciler.h"
#include "ops/refundservice.h"

#include <QSignalSpy>

using namespace rd;
using namespace rdtest;

class TestRefundService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void init() { BACKEND_OR_SKIP(); }
    void successIsStoredAndClosed();
    void rejectionIsClosedWithTheGatewaysMessage();
    void noAnswerStaysUnknownAndCountsAgainstTheInvoice();
    void connectionRefusedIsClosedAsNotSent();
    void refusalSendsNothingAndIsAudited();
    void intasendRefundIsAChargebackRequest();
    void cancelOfSucceededRefundIsRefusedLocally();
    void auditLogRejectsUpdates();
    void dialectOptionsReachTheRequestAndSurviveARetry_data();
    void dialectOptionsReachTheRequestAndSurviveARetry();
};

static RefundDraft draft(const QString &amount)
{
    RefundDraft d;
    d.invoiceId = QStringLiteral("inv_1");
    d.amountText = amount;
    d.reason = QStringLiteral("requested_by_customer");
    d.note = QStringLiteral("late delivery");
    return d;
}

// GatewayFixture with the RefundService under test on the cache and the gateway.
struct ServiceFixture : GatewayFixture
{
    ServiceFixture(Dialect d, Backend backend) : GatewayFixture(d, backend) {}

    bool open(qint64 captured = 1000, const QString &currency = QStringLiteral("USD"))
    {
        if (!GatewayFixture::open(captured, currency))
            return false;
        service.emplace(db, account, &gateway);
        return true;
    }
    // A refund of `amount` with the usual reason and note, and its outcome.
    OperationOutcome submit(const QString &amount)
    {
        return submitAndWait(*service, draft(amount));
    }
    Validation validate(const QString &amount) { return service->validate(draft(amount)); }

    std::optional<RefundService> service;
};

void TestRefundService::successIsStoredAndClosed()
{
    ServiceFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    const OperationOutcome o = f.submit(QStringLiteral("4.00"));
    QCOMPARE(o.state, OperationState::Succeeded);
    QCOMPARE(o.gatewayId, QStringLiteral("re_1"));
    QCOMPARE(f.gateway.requests.size(), 1);
    QCOMPARE(f.gateway.requests.first().operationId, o.operationId);
    QVERIFY(f.gateway.requests.first().idempotencyKey.startsWith(QLatin1String("rdkey_")));
    QCOMPARE(*f.gateway.requests.first().amount, Money(400, u"USD"));

    const auto entry = f.outboxEntry(o.operationId);
    QVERIFY(entry);
    QCOMPARE(entry->state, OutboxState::Succeeded);
    QCOMPARE(entry->resultId, QStringLiteral("re_1"));
    QCOMPARE(entry->attempts, 1);
    QCOMPARE(entry->idempotencyKey, f.gateway.requests.first().idempotencyKey);
    QCOMPARE(f.scalar(QStringLiteral("SELECT amount_refunded FROM invoices")), 400);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM refunds WHERE operation_id <> ''")), 1);
    QCOMPARE(f.auditTrail(o.operationId),
             (QStringList{QStringLiteral("queue:pending"), QStringLiteral("send:pending"),
                          QStringLiteral("result:succeeded")}));
    const AuditEntry last = AuditLog(f.db).forOperation(o.operationId).value().last();
    QCOMPARE(last.account, QStringLiteral("Main"));
    QCOMPARE(last.invoiceId, QStringLiteral("inv_1"));
    QCOMPARE(*last.amount, Money(400, u"USD"));
    QCOMPARE(last.reason, QStringLiteral("requested_by_customer"));
    QCOMPARE(last.idempotencyKey, entry->idempotencyKey);
    // Who acted: the OS user on a SQLite cache; on PostgreSQL the database user it logged in as.
    QCOMPARE(last.osUser, f.db.isPostgres() ? f.db.databaseUser() : AuditLog::currentOsUser());

    // The next validation sees it: 6.00 is left, 6.01 is refused without sending.
    QCOMPARE(f.validate(QStringLiteral("6.00")).ok, true);
    const OperationOutcome over = f.submit(QStringLiteral("6.01"));
    QCOMPARE(over.state, OperationState::Refused);
    QCOMPARE(f.gateway.requests.size(), 1);
}

void TestRefundService::rejectionIsClosedWithTheGatewaysMessage()
{
    ServiceFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    f.gateway.nextErrors << gatewayError(GatewayError::Kind::Rejected, 400, false,
                                         QStringLiteral("Charge ch_1 has been charged back."));
    const OperationOutcome o = f.submit(QStringLiteral("1.00"));
    QCOMPARE(o.state, OperationState::Rejected);
    QVERIFY(o.message.contains(QLatin1String("Charge ch_1 has been charged back.")));
    const auto entry = f.outboxEntry(o.operationId);
    QCOMPARE(entry->state, OutboxState::Rejected);
    QCOMPARE(entry->message, o.message);
    QCOMPARE(f.auditTrail(o.operationId).last(), QStringLiteral("result:rejected"));
    QCOMPARE(f.validate(QStringLiteral("10.00")).ok, true); // nothing held back
}

void TestRefundService::noAnswerStaysUnknownAndCountsAgainstTheInvoice()
{
    ServiceFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    f.gateway.nextErrors << gatewayError(GatewayError::Kind::Server, 500, true);
    const OperationOutcome o = f.submit(QStringLiteral("7.00"));
    QCOMPARE(o.state, OperationState::Unknown);
    QCOMPARE(f.outboxEntry(o.operationId)->state, OutboxState::Unknown);
    const Validation v = f.validate(QStringLiteral("3.01"));
    QCOMPARE(v.ok, false);
    QCOMPARE(v.inOutbox, Money(700, u"USD"));
    QCOMPARE(v.refundable, Money(300, u"USD"));
}

void TestRefundService::connectionRefusedIsClosedAsNotSent()
{
    ServiceFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    f.gateway.nextErrors << gatewayError(GatewayError::Kind::Network, 0, false,
                                         QStringLiteral("Connection refused"));
    const OperationOutcome o = f.submit(QStringLiteral("1.00"));
    QCOMPARE(o.state, OperationState::NotSent);
    const auto entry = f.outboxEntry(o.operationId);
    QCOMPARE(entry->state, OutboxState::Rejected);
    QVERIFY(entry->message.startsWith(QLatin1String("not sent:")));
    QCOMPARE(f.auditTrail(o.operationId).last(), QStringLiteral("result:not_sent"));
    QCOMPARE(OutboxRepository(f.db).openEntries().value().size(), 0);
}

void TestRefundService::refusalSendsNothingAndIsAudited()
{
    ServiceFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    const OperationOutcome o = f.submit(QStringLiteral("10.01"));
    QCOMPARE(o.state, OperationState::Refused);
    QVERIFY(o.operationId.isEmpty());
    QCOMPARE(f.gateway.requests.size(), 0);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM outbox")), 0);
    const QList<AuditEntry> rows =
        AuditLog(f.db).forInvoice(QStringLiteral("Main"), QStringLiteral("inv_1")).value();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().outcome, QStringLiteral("refused"));
    QCOMPARE(rows.first().message, o.message);
}

void TestRefundService::intasendRefundIsAChargebackRequest()
{
    ServiceFixture f(Dialect::IntaSend, currentBackend());
    QVERIFY2(f.open(50000, QStringLiteral("KES")), qPrintable(f.error));
    const OperationOutcome o = f.submit(QStringLiteral("200.00"));
    QCOMPARE(o.state, OperationState::Succeeded);
    QCOMPARE(f.gateway.requests.size(), 0);
    QCOMPARE(f.gateway.chargebackRequests.size(), 1);
    QCOMPARE(f.gateway.chargebackRequests.first().amount, Money(20000, u"KES"));
    QCOMPARE(f.gateway.chargebackRequests.first().reason, QStringLiteral("Requested by customer"));
    QCOMPARE(f.gateway.chargebackRequests.first().operationId, o.operationId);
    QCOMPARE(f.outboxEntry(o.operationId)->kind, OperationKind::Chargeback);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM chargebacks")), 1);
    // The chargeback counts against what is left.
    QCOMPARE(f.validate(QStringLiteral("300.01")).ok, false);
    QCOMPARE(f.validate(QStringLiteral("300.00")).ok, true);
}

void TestRefundService::cancelOfSucceededRefundIsRefusedLocally()
{
    ServiceFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    const OperationOutcome made = f.submit(QStringLiteral("1.00"));
    QSignalSpy spy(&*f.service, &RefundService::finished);
    f.service->cancelRefund(made.gatewayId);
    QVERIFY(spy.wait(5000));
    const auto o = spy.first().first().value<OperationOutcome>();
    QCOMPARE(o.state, OperationState::Refused);
    QVERIFY(o.message.contains(QLatin1String("requires_action")));
}

void TestRefundService::auditLogRejectsUpdates()
{
    ServiceFixture f(Dialect::Stripe, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    f.submit(QStringLiteral("1.00"));
    QSqlQuery q(f.db.connection());
    QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET outcome = 'rejected'")));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log")), 3);
}

void TestRefundService::dialectOptionsReachTheRequestAndSurviveARetry_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<bool>("ok");
    QTest::newRow("chargebee credit note") << int(Dialect::Chargebee) << true;
    QTest::newRow("processout detail ids") << int(Dialect::ProcessOut) << true;
    QTest::newRow("stripe metadata") << int(Dialect::Stripe) << true;
    QTest::newRow("chargebee unknown code") << int(Dialect::Chargebee) << false;
}

void TestRefundService::dialectOptionsReachTheRequestAndSurviveARetry()
{
    QFETCH(int, dialect);
    QFETCH(bool, ok);
    const Dialect d = Dialect(dialect);
    ServiceFixture f(d, currentBackend());
    QVERIFY2(f.open(), qPrintable(f.error));
    RefundDraft dr = draft(QStringLiteral("2.00"));
    if (d == Dialect::Chargebee) {
        dr.creditNoteReasonCode = ok ? QStringLiteral("order_change") : QStringLiteral("whim");
        dr.customerNotes = QStringLiteral("Sorry for the delay");
    } else if (d == Dialect::ProcessOut) {
        dr.invoiceDetailIds = {QStringLiteral("ivd_1"), QStringLiteral("ivd_2")};
    } else {
        dr.metadata.insert(QStringLiteral("ticket"), QStringLiteral("T-9"));
    }
    f.gateway.nextErrors << gatewayError(GatewayError::Kind::Server, 502, true);
    const OperationOutcome o = submitAndWait(*f.service, dr);
    if (!ok) {
        QCOMPARE(o.state, OperationState::Refused);
        QVERIFY(o.message.contains(QLatin1String("credit-note reason code")));
        return;
    }
    QCOMPARE(o.state, OperationState::Unknown);
    // The retry reads everything back from the outbox: the identical request.
    Reconciler r(f.db, f.provider());
    QSignalSpy done(&r, &Reconciler::finished);
    r.reconcile();
    QVERIFY(done.wait(5000));
    QCOMPARE(f.gateway.requests.size(), 2);
    for (const RefundRequest &req : std::as_const(f.gateway.requests)) {
        QCOMPARE(req.note, QStringLiteral("late delivery"));
        QCOMPARE(req.reason, QStringLiteral("requested_by_customer"));
        QCOMPARE(req.creditNoteReasonCode, dr.creditNoteReasonCode);
        QCOMPARE(req.customerNotes, dr.customerNotes);
        QCOMPARE(req.invoiceDetailIds, dr.invoiceDetailIds);
        QCOMPARE(req.metadata, dr.metadata);
        QCOMPARE(req.idempotencyKey, f.gateway.requests.first().idempotencyKey);
    }
    QCOMPARE(f.outboxEntry(o.operationId)->state, OutboxState::Succeeded);
}

QTEST_GUILESS_MAIN(TestRefundService)
#include "tst_refundservice.moc"
