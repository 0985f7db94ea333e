// The exactly-once promise under faults, with the real CLI and the real sandbox: a refund
// committed whose answer is lost, a 500 before success, the CLI killed right after the outbox
// write and right after the send, and two CLI processes refunding one invoice at once. After
// reconcile the sandbox holds exactly one refund, the cache agrees, and the audit log shows
// every step.
#include "opsharness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace rdtest;

class TestOpsFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void init() { BACKEND_OR_SKIP(); }
    void lostAnswer_data();
    void lostAnswer();
    void serverErrorThenSuccess_data();
    void serverErrorThenSuccess();
    void truncatedAnswer_data();
    void truncatedAnswer();
    void killedMidway_data();
    void killedMidway();
    void nextStartReconciles();
    void syncReconcilesWhenDone();
    void concurrentRefundsCannotExceed_data();
    void concurrentRefundsCannotExceed();

private:
    // Runs one refund with `faults` armed; then reconcile; checks exactly one refund everywhere.
    static void faultThenReconcile(const QString &dialect, const QJsonObject &faults);
    static void expectExactlyOne(OpsHarness &h, const QString &invoice, qint64 amount);
};

void TestOpsFaults::expectExactlyOne(OpsHarness &h, const QString &invoice, qint64 amount)
{
    const OpsHarness::Created atGateway = h.createdAtGateway(invoice);
    QVERIFY(atGateway.ok);
    QCOMPARE(atGateway.count, 1);
    QCOMPARE(atGateway.total, amount);
    const OpsHarness::Created inCache = h.createdInCache(invoice);
    QCOMPARE(inCache.count, 1);
    QCOMPARE(inCache.ids, atGateway.ids);
    const QList<rd::OutboxEntry> entries = h.outbox(invoice);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().state, rd::OutboxState::Succeeded);
    QCOMPARE(entries.first().resultId, atGateway.ids.first());
    QCOMPARE(inCache.operationIds.first(), entries.first().operationId);
    QCOMPARE(h.openOperations(), OpsHarness::nothingOpen());
}

void TestOpsFaults::faultThenReconcile(const QString &dialect, const QJsonObject &faults)
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(dialect), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const qint64 total = h.invoice.amount.minorUnits();
    const qint64 amount = total / 2;

    QJsonObject armed = faults;
    armed.insert(QStringLiteral("dialect"), dialect);
    // Aimed at the refund's write: the reads of the invoice before it must not absorb it.
    armed.insert(QStringLiteral("method"), QStringLiteral("POST"));
    QVERIFY(h.sandbox.armFaults(armed));
    QVERIFY(h.sandbox.resetStats());
    const CliResult r = h.refund(invoice, h.amountText(amount));
    QVERIFY2(r.exitCode == 0 || r.exitCode == 5, qPrintable(r.err));
    QVERIFY(h.sandbox.clearFaults());
    const QString op = h.outbox(invoice).first().operationId;
    if (r.exitCode == 5) {
        QVERIFY2(r.err.contains(QLatin1String("outcome unknown")), qPrintable(r.err));
        QCOMPARE(h.outbox(invoice).first().state, rd::OutboxState::Unknown);
        QCOMPARE(h.createdInCache(invoice).count, 0);
        // Still counted against the invoice: the rest is refundable, not one unit more.
        QCOMPARE(h.refund(invoice, h.amountText(total - amount + 1)).exitCode, 3);
        const CliResult rec = h.cli({QStringLiteral("reconcile")});
        QVERIFY2(rec.exitCode == 0, qPrintable(rec.err + rec.out));
    }
    expectExactlyOne(h, invoice, amount);
    const QStringList trail = h.auditTrail(op);
    QCOMPARE(trail.mid(0, 2),
             (QStringList{QStringLiteral("queue:pending"), QStringLiteral("send:pending")}));
    QCOMPARE(trail.last(), QStringLiteral("result:succeeded"));
    if (r.exitCode == 5) {
        QCOMPARE(trail.at(2), QStringLiteral("result:unknown"));
        QCOMPARE(trail.at(3), QStringLiteral("reconcile:unknown"));
    } else {
        QCOMPARE(trail.size(), 3);
    }
}

void TestOpsFaults::lostAnswer_data()
{
    addDialectRows();
}

void TestOpsFaults::lostAnswer()
{
    QFETCH(QString, dialect);
    faultThenReconcile(dialect, QJsonObject{{QStringLiteral("drop_after_commit"), 1}});
}

void TestOpsFaults::serverErrorThenSuccess_data()
{
    addDialectRows();
}

void TestOpsFaults::serverErrorThenSuccess()
{
    QFETCH(QString, dialect);
    faultThenReconcile(
        dialect, QJsonObject{{QStringLiteral("fail"), QJsonObject{{QStringLiteral("status"), 500},
                                                                  {QStringLiteral("count"), 1}}}});
}

void TestOpsFaults::truncatedAnswer_data()
{
    addDialectRows();
}

void TestOpsFaults::truncatedAnswer()
{
    QFETCH(QString, dialect);
    faultThenReconcile(dialect, QJsonObject{{QStringLiteral("malformed"), 1}});
}

void TestOpsFaults::killedMidway_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("point");
    for (const QString &d : allDialects()) {
        for (const char *p : {"after-outbox", "after-send"})
            QTest::addRow("%s %s", qPrintable(d), p) << d << QString::fromLatin1(p);
    }
}

void TestOpsFaults::killedMidway()
{
    QFETCH(QString, dialect);
    QFETCH(QString, point);
    const bool sent = point != QLatin1String("after-outbox");
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(dialect), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const qint64 amount = h.invoice.amount.minorUnits() / 2;

    const CliResult r = h.refund(invoice, h.amountText(amount), {}, point);
    QVERIFY2(r.crashed, "the test hook should have killed the CLI");
    QCOMPARE(r.out, QString());
    const QList<rd::OutboxEntry> before = h.outbox(invoice);
    QCOMPARE(before.size(), 1);
    QCOMPARE(before.first().state, rd::OutboxState::Pending);
    // The entry and its first attempt are one commit, before the first byte: killed after it
    // (and before sending) or after the answer, the entry counts one attempt either way.
    QCOMPARE(before.first().attempts, 1);
    QCOMPARE(h.createdAtGateway(invoice).count, sent ? 1 : 0);
    // The person can see it, and so can a script.
    QVERIFY(h.openOperations().contains(before.first().operationId));
    const QJsonArray open =
        QJsonDocument::fromJson(
            h.cli({QStringLiteral("outbox"), QStringLiteral("--format"), QStringLiteral("json")})
                .out.toUtf8())
            .array();
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first()[QLatin1String("operation_id")].toString(), before.first().operationId);
    QCOMPARE(open.first()[QLatin1String("state")].toString(), QStringLiteral("pending"));
    QCOMPARE(open.first()[QLatin1String("amount")].toString(), h.amountText(amount));

    const CliResult rec = h.cli(h.forAccount({QStringLiteral("reconcile")}));
    QVERIFY2(rec.exitCode == 0, qPrintable(rec.err + rec.out));
    expectExactlyOne(h, invoice, amount);
    const QStringList trail = h.auditTrail(before.first().operationId);
    // Reconcile cannot tell the two kills apart: the sender is gone after an attempt, so the
    // outcome is unknown and the gateway is asked.
    QCOMPARE(
        trail.mid(0, 4),
        (QStringList{QStringLiteral("queue:pending"), QStringLiteral("send:pending"),
                     QStringLiteral("orphaned:unknown"), QStringLiteral("reconcile:unknown")}));
    if (!sent) {
        // Not found there ("resending with the same idempotency key"): sent again with the same
        // key and operation id, once.
        QCOMPARE(trail.mid(4),
                 (QStringList{QStringLiteral("reconcile:unknown"), QStringLiteral("send:unknown"),
                              QStringLiteral("result:succeeded")}));
        const QList<rd::OutboxEntry> after = h.outbox(invoice);
        QCOMPARE(after.size(), 1);
        QCOMPARE(after.first().idempotencyKey, before.first().idempotencyKey);
        QCOMPARE(after.first().attempts, 2);
    } else {
        // Found there by its operation id: nothing is sent again.
        QVERIFY(!trail.contains(QStringLiteral("send:unknown")));
        QCOMPARE(trail.last(), QStringLiteral("result:succeeded"));
    }
}

void TestOpsFaults::nextStartReconciles()
{
    // No explicit reconcile: the next refund command resolves the crashed one first.
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(QStringLiteral("stripe")), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const qint64 part = h.invoice.amount.minorUnits() / 4;
    const QString amount = h.amountText(part);
    QVERIFY(h.refund(invoice, amount, {}, QStringLiteral("after-send")).crashed);
    const CliResult second = h.refund(invoice, amount);
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    QVERIFY2(second.err.contains(QLatin1String("reconciled 1 open operation")),
             qPrintable(second.err));
    const OpsHarness::Created atGateway = h.createdAtGateway(invoice);
    QCOMPARE(atGateway.count, 2);
    QCOMPARE(atGateway.total, 2 * part);
    QCOMPARE(h.createdInCache(invoice).count, 2);
    for (const rd::OutboxEntry &e : h.outbox(invoice))
        QCOMPARE(e.state, rd::OutboxState::Succeeded);
}

void TestOpsFaults::syncReconcilesWhenDone()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(QStringLiteral("intasend")), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const qint64 amount = h.invoice.amount.minorUnits() / 2;
    QVERIFY(h.refund(invoice, h.amountText(amount), {}, QStringLiteral("after-send")).crashed);
    QCOMPARE(h.outbox(invoice).first().state, rd::OutboxState::Pending);
    const CliResult sync = h.cli(h.forAccount({QStringLiteral("sync")}));
    QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
    QVERIFY2(sync.err.contains(QLatin1String("reconciled 1 open operation")), qPrintable(sync.err));
    expectExactlyOne(h, invoice, amount);
}

void TestOpsFaults::concurrentRefundsCannotExceed_data()
{
    addDialectRows();
}

void TestOpsFaults::concurrentRefundsCannotExceed()
{
    QFETCH(QString, dialect);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(dialect), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const qint64 total = h.invoice.amount.minorUnits();
    const qint64 each = total * 6 / 10; // two of them would be 120 %
    // Slow answers keep the first refund in flight while the second one validates.
    QVERIFY(h.sandbox.armFaults(QJsonObject{{QStringLiteral("latency_ms"), 300}}));

    QProcess a;
    QProcess b;
    const QStringList args =
        QStringList{QStringLiteral("--db"), h.dbPath()} + h.refundArgs(invoice, h.amountText(each));
    for (QProcess *p : {&a, &b}) {
        p->setProcessEnvironment(h.environment());
        p->start(QStringLiteral(RD_CLI_PATH), args);
    }
    for (QProcess *p : {&a, &b}) {
        QVERIFY(p->waitForFinished(120000));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
    }
    QList<int> codes{a.exitCode(), b.exitCode()};
    std::sort(codes.begin(), codes.end());
    QCOMPARE(codes, (QList<int>{0, 3}));
    QProcess &refused = a.exitCode() == 3 ? a : b;
    const QString why = QString::fromUtf8(refused.readAllStandardError());
    QVERIFY2(why.contains(QLatin1String("can still be refunded")), qPrintable(why));

    const OpsHarness::Created atGateway = h.createdAtGateway(invoice);
    QCOMPARE(atGateway.count, 1);
    QCOMPARE(atGateway.total, each);
    QVERIFY(atGateway.total <= total);
    const QList<rd::AuditEntry> audit = h.auditOfInvoice(invoice);
    int refusedRows = 0;
    int succeededRows = 0;
    for (const rd::AuditEntry &e : audit) {
        refusedRows += e.outcome == QLatin1String("refused");
        succeededRows += e.outcome == QLatin1String("succeeded");
    }
    QCOMPARE(refusedRows, 1);
    QCOMPARE(succeededRows, 1);
}

QTEST_GUILESS_MAIN(TestOpsFaults)
#include "tst_ops_faults.moc"
