// refunddesk-cli refund and chargeback against the real sandbox, for every dialect: partial
// refunds up to the total and then a refused one, a full refund, and each kind of refusal or
// rejection mapped to its exit code and message, with the audit rows of every step.
#include "opsharness.h"

#include <QJsonArray>
#include <QTest>

using namespace rdtest;

class TestOpsRefunds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void init() { BACKEND_OR_SKIP(); }
    void partialRefundsUpToTheTotal_data();
    void partialRefundsUpToTheTotal();
    void fullRefund_data();
    void fullRefund();
    void refusedLocally_data();
    void refusedLocally();
    void rejectedByTheGateway_data();
    void rejectedByTheGateway();
    void wrongSecretIsAuthFailure_data();
    void wrongSecretIsAuthFailure();
    void unreachableGatewayClosesAsNotSent();
    void usageErrors();
    void stripeCancelsARequiresActionRefund();
    void stripeUpdatesRefundMetadata();
    void cancelIsStripeOnly();
    void failedCacheReadSendsNothing();
    void dryRunSendsNothing_data();
    void dryRunSendsNothing();
    void invoiceStateRules_data();
    void invoiceStateRules();
    void chargebeeCreditNoteOptions();
    void processoutInvoiceDetailIds();
    void intasendChargebackCommand();
};

void TestOpsRefunds::partialRefundsUpToTheTotal_data()
{
    addDialectRows();
}

void TestOpsRefunds::partialRefundsUpToTheTotal()
{
    QFETCH(QString, dialect);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(dialect), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const qint64 total = h.invoice.amount.minorUnits();
    QVERIFY2(total >= 3, "the sandbox's new invoice is too small to split");

    // Three parts that add up to the total exactly.
    const qint64 first = total / 3;
    const qint64 second = total / 3;
    const qint64 third = total - first - second;
    QStringList created;
    for (qint64 part : {first, second, third}) {
        const CliResult r = h.refund(invoice, h.amountText(part));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        created << r.out.trimmed();
        QVERIFY(!created.last().isEmpty());
    }
    QCOMPARE(QSet<QString>(created.begin(), created.end()).size(), 3);

    // One more minor unit is refused locally, and nothing is sent.
    h.sandbox.resetStats();
    const CliResult over = h.refund(invoice, h.amountText(1));
    QCOMPARE(over.exitCode, 3);
    QVERIFY2(over.err.contains(QLatin1String("fully refunded")), qPrintable(over.err));
    QCOMPARE(over.out, QString());
    QCOMPARE(h.requestsSeen(), 0);

    const OpsHarness::Created atGateway = h.createdAtGateway(invoice);
    QVERIFY(atGateway.ok);
    QCOMPARE(atGateway.count, 3);
    QCOMPARE(atGateway.total, total);
    QCOMPARE(QSet<QString>(atGateway.ids.begin(), atGateway.ids.end()),
             QSet<QString>(created.begin(), created.end()));
    const OpsHarness::Created inCache = h.createdInCache(invoice);
    QCOMPARE(inCache.count, 3);
    QCOMPARE(inCache.total, total);

    const QList<rd::OutboxEntry> entries = h.outbox(invoice);
    QCOMPARE(entries.size(), 3);
    QStringList keys;
    for (const rd::OutboxEntry &e : entries) {
        QCOMPARE(e.state, rd::OutboxState::Succeeded);
        QCOMPARE(e.attempts, 1);
        QVERIFY(created.contains(e.resultId));
        keys << e.idempotencyKey;
        QCOMPARE(h.auditTrail(e.operationId), OpsHarness::sentOnce(QStringLiteral("succeeded")));
    }
    QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), 3); // a fresh key each time
    const QList<rd::AuditEntry> audit = h.auditOfInvoice(invoice);
    QCOMPARE(audit.last().action, QStringLiteral("refuse"));
    QCOMPARE(audit.last().outcome, QStringLiteral("refused"));
    // Who acted: the OS user on a SQLite cache; on PostgreSQL the database user it logged in as.
    QCOMPARE(audit.last().osUser,
             h.db.isPostgres() ? h.db.databaseUser() : rd::AuditLog::currentOsUser());
}

void TestOpsRefunds::fullRefund_data()
{
    addDialectRows();
}

void TestOpsRefunds::fullRefund()
{
    QFETCH(QString, dialect);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(dialect), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const rd::Money billed = h.invoice.amount;

    const CliResult r = h.refund(invoice, QString());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const OpsHarness::Created atGateway = h.createdAtGateway(invoice);
    QCOMPARE(atGateway.count, 1);
    QCOMPARE(atGateway.total, billed.minorUnits());
    QCOMPARE(atGateway.ids.first(), r.out.trimmed());
    QCOMPARE(h.createdInCache(invoice).total, billed.minorUnits());
    if (dialect != QLatin1String("intasend")) // IntaSend refunds are chargebacks, kept apart
        QCOMPARE(h.cachedInvoice(invoice)->amountRefunded, billed);

    const CliResult again = h.refund(invoice, QString());
    QCOMPARE(again.exitCode, 3);
    QVERIFY2(again.err.contains(QLatin1String("fully refunded")), qPrintable(again.err));
    QCOMPARE(h.createdAtGateway(invoice).count, 1);
}

void TestOpsRefunds::refusedLocally_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("stripe too many decimals") << "stripe"
                                              << "1.001" << QStringList() << "at most 2 decimals";
    QTest::newRow("processout zero") << "processout"
                                     << "0" << QStringList() << "more than zero";
    QTest::newRow("chargebee negative") << "chargebee"
                                        << "-1.00" << QStringList() << "more than zero";
    QTest::newRow("wooshpay unknown reason")
        << "wooshpay"
        << "1.00" << QStringList{QStringLiteral("--reason"), QStringLiteral("whim")}
        << "not a refund reason WooshPay accepts";
    QTest::newRow("intasend more than billed")
        << "intasend"
        << "99999999.00" << QStringList() << "can still be refunded";
    QTest::newRow("stripe chargebee-only option")
        << "stripe"
        << "1.00" << QStringList{QStringLiteral("--customer-notes"), QStringLiteral("x")}
        << "Chargebee";
}

void TestOpsRefunds::refusedLocally()
{
    QFETCH(QString, dialect);
    QFETCH(QString, amount);
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(dialect), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    h.sandbox.resetStats();
    const CliResult r = h.refund(invoice, amount, extra);
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one clear line
    QCOMPARE(h.requestsSeen(), 0);
    QCOMPARE(h.outbox(invoice).size(), 0);
    const QList<rd::AuditEntry> audit = h.auditOfInvoice(invoice);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().outcome, QStringLiteral("refused"));
}

void TestOpsRefunds::rejectedByTheGateway_data()
{
    addDialectRows();
}

void TestOpsRefunds::rejectedByTheGateway()
{
    // A cache that has not yet seen an earlier refund (as after one made from another machine)
    // passes local validation. Before sending, the refund re-reads the invoice from the
    // gateway, counts the refund made elsewhere and refuses locally; only when that read fails
    // does the gateway itself refuse the over-refund, and its own message reaches the person.
    QFETCH(QString, dialect);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(dialect), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    QCOMPARE(h.refund(invoice, QString()).exitCode, 0);
    QSqlQuery q(h.db.connection());
    const auto forget = [&q] {
        return q.exec(QStringLiteral("UPDATE invoices SET amount_refunded = 0")) &&
               q.exec(QStringLiteral("DELETE FROM refunds")) &&
               q.exec(QStringLiteral("DELETE FROM chargebacks"));
    };
    QVERIFY(forget());

    const CliResult fresh = h.refund(invoice, h.amountText(1));
    QCOMPARE(fresh.exitCode, 3);
    QVERIFY2(fresh.err.contains(QLatin1String("fully refunded")), qPrintable(fresh.err));
    QCOMPARE(h.outbox(invoice).size(), 1);        // nothing queued, nothing sent
    QCOMPARE(h.createdInCache(invoice).count, 1); // the re-read brought the refund back
    QCOMPARE(h.createdAtGateway(invoice).count, 1);

    QVERIFY(forget());
    QVERIFY(h.sandbox.armFaults(QJsonObject{{QStringLiteral("malformed"), 1},
                                            {QStringLiteral("method"), QStringLiteral("GET")},
                                            {QStringLiteral("dialect"), dialect}}));
    const CliResult r = h.refund(invoice, h.amountText(1));
    QVERIFY(h.sandbox.clearFaults());
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.startsWith(QLatin1String("refunddesk-cli: rejected by the gateway")),
             qPrintable(r.err));
    QCOMPARE(r.out, QString());
    QCOMPARE(h.createdAtGateway(invoice).count, 1);

    const QList<rd::OutboxEntry> entries = h.outbox(invoice);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.last().state, rd::OutboxState::Rejected);
    QVERIFY2(r.err.contains(entries.last().message), qPrintable(entries.last().message));
    QCOMPARE(h.auditTrail(entries.last().operationId),
             OpsHarness::sentOnce(QStringLiteral("rejected")));
}

void TestOpsRefunds::wrongSecretIsAuthFailure_data()
{
    addDialectRows();
}

void TestOpsRefunds::wrongSecretIsAuthFailure()
{
    QFETCH(QString, dialect);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(dialect), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    CliRunner wrong(h.dbPath());
    wrong.setEnv(rd::SecretStore::environmentVariable(QString::fromLatin1(OpsHarness::accountName)),
                 QStringLiteral("not-the-key:at-all"));
    const CliResult r = wrong.run(h.refundArgs(invoice, h.amountText(1)));
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains(QLatin1String("authentication failed")), qPrintable(r.err));
    QCOMPARE(h.createdAtGateway(invoice).count, 0);
    const QList<rd::OutboxEntry> entries = h.outbox(invoice);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().state, rd::OutboxState::Rejected);
    QCOMPARE(h.auditTrail(entries.first().operationId).last(), QStringLiteral("result:rejected"));
}

void TestOpsRefunds::unreachableGatewayClosesAsNotSent()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(QStringLiteral("stripe")), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    h.sandbox.stop(); // connection refused: not one byte can reach it
    // One minor unit: valid in any currency and for any amount the fresh invoice was given
    // ("1.00" is refused locally for a yen invoice or one of less than 1.00).
    const CliResult r = h.refund(invoice, h.amountText(1));
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.err.contains(QLatin1String("nothing was sent")), qPrintable(r.err));
    const QList<rd::OutboxEntry> entries = h.outbox(invoice);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().state, rd::OutboxState::Rejected);
    QVERIFY(entries.first().message.startsWith(QLatin1String("not sent:")));
    QCOMPARE(h.auditTrail(entries.first().operationId),
             OpsHarness::sentOnce(QStringLiteral("not_sent")));
    // Closed, so it neither holds back the refundable amount nor gets sent later.
    QCOMPARE(h.openOperations(), OpsHarness::nothingOpen());
}

void TestOpsRefunds::usageErrors()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(QStringLiteral("stripe")), qPrintable(h.error()));
    const QStringList refund{QStringLiteral("refund")};
    const QStringList invoice{QStringLiteral("--invoice"), QStringLiteral("ch_x")};
    const QList<QStringList> cases = {
        h.forAccount(refund, invoice), // neither an amount nor --full
        h.forAccount(refund, invoice) +
            QStringList{QStringLiteral("--full"), QStringLiteral("--amount"), QStringLiteral("1")},
        refund + invoice + QStringList{QStringLiteral("--full")}, // no account
        refund + QStringList{QStringLiteral("--account"), QStringLiteral("nobody")} + invoice +
            QStringList{QStringLiteral("--full")},
        h.forAccount({QStringLiteral("chargeback")},
                     {QStringLiteral("--invoice"), QStringLiteral("x"), QStringLiteral("--amount"),
                      QStringLiteral("1")}),
    };
    for (const QStringList &args : cases) {
        const CliResult r = h.cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.startsWith(QLatin1String("refunddesk-cli: ")));
    }
}

void TestOpsRefunds::stripeCancelsARequiresActionRefund()
{
    OpsHarness h(currentBackend());
    // Enough seeded charges that some refunds wait in requires_action (about 3 in 100).
    QVERIFY2(h.setUp(QStringLiteral("stripe"), nullptr,
                     {QStringLiteral("--invoices"), QStringLiteral("400")}),
             qPrintable(h.error()));
    QVERIFY2(h.populateCache(nullptr), qPrintable(h.error()));
    const auto waiting = h.cachedRefundIn(QStringLiteral("requires_action"));
    if (!waiting)
        QSKIP("the seeded sandbox holds no Stripe refund in requires_action");
    const QStringList cancel = h.forAccount({QStringLiteral("refund"), QStringLiteral("cancel")},
                                            {QStringLiteral("--refund"), waiting->gatewayId});
    const CliResult r = h.cli(cancel);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), waiting->gatewayId);
    bool canceled = false;
    for (const rd::Refund &x : h.createdAtGateway(waiting->invoiceId).refunds)
        canceled = canceled || x.gatewayId == waiting->gatewayId;
    QVERIFY2(!canceled, "a canceled refund no longer counts at the gateway");
    const QList<rd::Refund> cached =
        rd::RecordRepository(h.db).refundsOf(h.account.id, waiting->invoiceId).value();
    for (const rd::Refund &x : cached) {
        if (x.gatewayId == waiting->gatewayId)
            QCOMPARE(x.status, rd::CommonStatus::Canceled);
    }
    const QList<rd::OutboxEntry> entries = h.outbox(waiting->invoiceId);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().kind, rd::OperationKind::CancelRefund);
    QCOMPARE(entries.first().state, rd::OutboxState::Succeeded);
    QCOMPARE(h.auditTrail(entries.first().operationId),
             OpsHarness::sentOnce(QStringLiteral("succeeded")));

    // Once canceled, the cache knows it: a second cancel is refused before sending.
    const CliResult again = h.cli(cancel);
    QCOMPARE(again.exitCode, 3);
    QVERIFY2(again.err.contains(QLatin1String("requires_action")), qPrintable(again.err));
}

void TestOpsRefunds::stripeUpdatesRefundMetadata()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(QStringLiteral("stripe")), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const CliResult made = h.refund(invoice, h.amountText(1),
                                    {QStringLiteral("--metadata"), QStringLiteral("ticket=T-1")});
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    const QString refund = made.out.trimmed();
    const QStringList update = h.forAccount({QStringLiteral("refund"), QStringLiteral("metadata")},
                                            {QStringLiteral("--refund"), refund});
    const CliResult r =
        h.cli(update + QStringList{QStringLiteral("ticket=T-2"), QStringLiteral("batch=7")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), refund);
    const QList<rd::Refund> listed = h.createdAtGateway(invoice).refunds;
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().metadata.value(QStringLiteral("ticket")), QStringLiteral("T-2"));
    QCOMPARE(listed.first().metadata.value(QStringLiteral("batch")), QStringLiteral("7"));
    const QList<rd::Refund> cached =
        rd::RecordRepository(h.db).refundsOf(h.account.id, invoice).value();
    QCOMPARE(cached.size(), 1);
    QCOMPARE(cached.first().metadata.value(QStringLiteral("ticket")), QStringLiteral("T-2"));
    // The operation id stays on the refund, so it can still be matched.
    QCOMPARE(cached.first().operationId, h.outbox(invoice).first().operationId);
    QCOMPARE(h.outbox(invoice).last().kind, rd::OperationKind::UpdateRefundMetadata);

    QCOMPARE(h.cli(update + QStringList{QStringLiteral("novalue")}).exitCode, 2);
}

void TestOpsRefunds::failedCacheReadSendsNothing()
{
    // A read that feeds the refund check fails (here: the refunds table cannot be read): the
    // refund stops with exit 1 and one line, and nothing is read from or sent to the gateway,
    // queued or audited. Before, a failed read passed for "no refunds" and allowed a refund
    // of money already returned.
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(QStringLiteral("stripe")), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    QCOMPARE(h.refund(invoice, h.amountText(100)).exitCode, 0);
    QSqlQuery q(h.db.connection());
    QVERIFY(q.exec(QStringLiteral("ALTER TABLE refunds RENAME TO refunds_unreadable")));
    QVERIFY(h.sandbox.resetStats());
    const CliResult r = h.refund(invoice, h.amountText(100));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("refunds")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QCOMPARE(h.requestsSeen(), 0);
    QCOMPARE(h.outbox(invoice).size(), 1); // only the first refund's entry
    QVERIFY(q.exec(QStringLiteral("ALTER TABLE refunds_unreadable RENAME TO refunds")));
    QCOMPARE(h.createdAtGateway(invoice).count, 1);
}

void TestOpsRefunds::dryRunSendsNothing_data()
{
    addDialectRows();
}

void TestOpsRefunds::dryRunSendsNothing()
{
    // Validated exactly as a refund would be, shown, and neither sent nor recorded: the
    // sandbox sees no request at all (no re-read, no reconcile), and the outbox and the audit
    // log stay as they were.
    QFETCH(QString, dialect);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(dialect), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const qint64 total = h.invoice.amount.minorUnits();
    const QString chargeback =
        dialect == QLatin1String("intasend") ? QStringLiteral("chargeback") : QString();
    auto dryRun = [&](const QString &amount) {
        if (chargeback.isEmpty())
            return h.refund(invoice, amount, {QStringLiteral("--dry-run")});
        return h.cli(h.forAccount({chargeback},
                                  {QStringLiteral("--invoice"), invoice, QStringLiteral("--amount"),
                                   amount, QStringLiteral("--reason"), QStringLiteral("duplicate"),
                                   QStringLiteral("--dry-run")}));
    };
    QVERIFY(h.sandbox.resetStats());
    const CliResult ok = dryRun(h.amountText(total / 2));
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
    QVERIFY2(ok.out.contains(QLatin1String("would send")), qPrintable(ok.out));
    QVERIFY2(ok.out.contains(rd::Money(total / 2, h.invoice.amount.currency()).toDisplayString()),
             qPrintable(ok.out));
    QVERIFY2(ok.out.contains(QLatin1String("nothing was sent")), qPrintable(ok.out));
    QCOMPARE(ok.err, QString());

    const CliResult over = dryRun(h.amountText(total + 1));
    QCOMPARE(over.exitCode, 3);
    QVERIFY2(over.err.contains(QLatin1String("nothing was sent")), qPrintable(over.err));
    QCOMPARE(over.err.count(QLatin1Char('\n')), 1); // one line

    QCOMPARE(h.requestsSeen(), 0);
    QCOMPARE(h.outbox(invoice).size(), 0);
    QCOMPARE(h.auditOfInvoice(invoice).size(), 0);
    QCOMPARE(h.createdAtGateway(invoice).count, 0);
}

void TestOpsRefunds::cancelIsStripeOnly()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(QStringLiteral("wooshpay")), qPrintable(h.error()));
    h.sandbox.resetStats();
    const CliResult r = h.cli(h.forAccount({QStringLiteral("refund"), QStringLiteral("cancel")},
                                           {QStringLiteral("--refund"), QStringLiteral("re_123")}));
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QLatin1String("cannot be cancelled")), qPrintable(r.err));
    QCOMPARE(h.requestsSeen(), 0);
}

void TestOpsRefunds::invoiceStateRules_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("flag");    // the invoices column that marks the state
    QTest::addColumn<QString>("local");   // part of our refusal
    QTest::addColumn<QString>("gateway"); // part of the gateway's own rejection
    QTest::newRow("chargebee offline") << "chargebee"
                                       << "offline"
                                       << "paid offline"
                                       << "paid offline";
    QTest::newRow("stripe disputed") << "stripe"
                                     << "disputed"
                                     << "disputed"
                                     << "charged back";
    QTest::newRow("wooshpay disputed") << "wooshpay"
                                       << "disputed"
                                       << "resolved_dispute"
                                       << "charged back";
}

void TestOpsRefunds::invoiceStateRules()
{
    // Refused locally from what the cache knows (exit 3, nothing sent); and when the cache does
    // not know yet, the gateway's own rejection reaches the person (exit 4).
    QFETCH(QString, dialect);
    QFETCH(QString, flag);
    QFETCH(QString, local);
    QFETCH(QString, gateway);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(dialect, nullptr, {QStringLiteral("--invoices"), QStringLiteral("200")}),
             qPrintable(h.error()));
    QVERIFY2(h.populateCache(nullptr), qPrintable(h.error()));
    QSqlQuery q(h.db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT gateway_id, currency FROM invoices WHERE %1 = 1 AND "
                                  "status = 'succeeded' AND amount_refunded < amount - 1 "
                                  "ORDER BY id LIMIT 1")
                       .arg(flag)));
    if (!q.next())
        QSKIP("the seeded sandbox holds no such invoice for this dialect");
    const QString invoice = q.value(0).toString();
    const QString amount = major(1, q.value(1).toString());
    q.finish();

    QVERIFY(h.sandbox.resetStats());
    const CliResult refused = h.refund(invoice, amount);
    QCOMPARE(refused.exitCode, 3);
    QVERIFY2(refused.err.contains(local), qPrintable(refused.err));
    QCOMPARE(h.requestsSeen(), 0);

    // A stale cache: neither the flag nor the dispute itself is known yet. The re-read before
    // sending brings the flag back, and the refusal is still local.
    QVERIFY(q.exec(QStringLiteral("UPDATE invoices SET %1 = 0").arg(flag)));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM chargebacks")));
    const CliResult reread = h.refund(invoice, amount);
    QCOMPARE(reread.exitCode, 3);
    QVERIFY2(reread.err.contains(local), qPrintable(reread.err));
    // With that read failing, the gateway's own rule answers.
    QVERIFY(q.exec(QStringLiteral("UPDATE invoices SET %1 = 0").arg(flag)));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM chargebacks")));
    QVERIFY(h.sandbox.armFaults(QJsonObject{{QStringLiteral("malformed"), 1},
                                            {QStringLiteral("method"), QStringLiteral("GET")},
                                            {QStringLiteral("dialect"), dialect}}));
    const CliResult rejected = h.refund(invoice, amount);
    QVERIFY(h.sandbox.clearFaults());
    QCOMPARE(rejected.exitCode, 4);
    QVERIFY2(rejected.err.contains(gateway), qPrintable(rejected.err));
    QCOMPARE(h.outbox(invoice).last().state, rd::OutboxState::Rejected);

    if (dialect == QLatin1String("wooshpay")) {
        // A refund that settles the dispute is WooshPay's way; the flag is back as synced.
        QVERIFY(q.exec(QStringLiteral("UPDATE invoices SET disputed = 1")));
        const CliResult settled = h.refund(
            invoice, amount, {QStringLiteral("--reason"), QStringLiteral("resolved_dispute")});
        QVERIFY2(settled.exitCode == 0, qPrintable(settled.err));
        QCOMPARE(h.createdAtGateway(invoice).ids.contains(settled.out.trimmed()), true);
    }
}

void TestOpsRefunds::chargebeeCreditNoteOptions()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(QStringLiteral("chargebee")), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const CliResult r =
        h.refund(invoice, h.amountText(1),
                 {QStringLiteral("--credit-note-reason"), QStringLiteral("order_change"),
                  QStringLiteral("--note"), QStringLiteral("goodwill, ticket 42"),
                  QStringLiteral("--customer-notes"), QStringLiteral("Sorry for the delay")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<rd::Refund> listed = h.createdAtGateway(invoice).refunds;
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().gatewayId, r.out.trimmed());
    QCOMPARE(listed.first().gatewayReason, QStringLiteral("order_change"));
    QCOMPARE(listed.first().note, QStringLiteral("goodwill, ticket 42"));
    QCOMPARE(listed.first().operationId, h.outbox(invoice).first().operationId);

    const CliResult bad =
        h.refund(invoice, h.amountText(1),
                 {QStringLiteral("--credit-note-reason"), QStringLiteral("because")});
    QCOMPARE(bad.exitCode, 3);
    QVERIFY2(bad.err.contains(QLatin1String("credit-note reason code")), qPrintable(bad.err));
}

void TestOpsRefunds::processoutInvoiceDetailIds()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(QStringLiteral("processout")), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const CliResult r = h.refund(invoice, h.amountText(1),
                                 {QStringLiteral("--invoice-detail-id"), QStringLiteral("ivd_a"),
                                  QStringLiteral("--invoice-detail-id"), QStringLiteral("ivd_b"),
                                  QStringLiteral("--reason"), QStringLiteral("fraud")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<rd::OutboxEntry> entries = h.outbox(invoice);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().params.value(QStringLiteral("invoice_detail_ids")).toArray().size(),
             2);
    const QList<rd::Refund> listed = h.createdAtGateway(invoice).refunds;
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().gatewayReason, QStringLiteral("fraud"));
}

void TestOpsRefunds::intasendChargebackCommand()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUpWithFreshInvoice(QStringLiteral("intasend")), qPrintable(h.error()));
    const QString &invoice = h.invoiceId();
    const QStringList base =
        h.forAccount({QStringLiteral("chargeback")}, {QStringLiteral("--invoice"), invoice});
    const CliResult r = h.cli(
        base + QStringList{QStringLiteral("--amount"),
                           h.amountText(h.invoice.amount.minorUnits() / 2),
                           QStringLiteral("--reason"), QStringLiteral("Delayed shipping"),
                           QStringLiteral("--details"), QStringLiteral("Courier lost the parcel")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const OpsHarness::Created created = h.createdAtGateway(invoice);
    QCOMPARE(created.count, 1);
    QCOMPARE(created.ids.first(), r.out.trimmed());
    QCOMPARE(created.operationIds.first(), h.outbox(invoice).first().operationId);
    const QList<rd::Chargeback> cached =
        rd::RecordRepository(h.db).chargebacksOf(h.account.id, invoice).value();
    QCOMPARE(cached.size(), 1);
    QCOMPARE(cached.first().reason, QStringLiteral("Delayed shipping"));
    QCOMPARE(cached.first().reasonDetails, QStringLiteral("Courier lost the parcel"));

    // More than what is left of the bill is refused before sending.
    const CliResult over =
        h.cli(base + QStringList{QStringLiteral("--amount"), h.invoice.amount.toDecimalString(),
                                 QStringLiteral("--reason"), QStringLiteral("Again")});
    QCOMPARE(over.exitCode, 3);
    // A chargeback request is IntaSend's; elsewhere it is refused locally.
    OpsHarness s(currentBackend());
    QVERIFY2(s.setUp(QStringLiteral("stripe")), qPrintable(s.error()));
    const CliResult elsewhere = s.cli(s.forAccount(
        {QStringLiteral("chargeback")},
        {QStringLiteral("--invoice"), QStringLiteral("ch_x"), QStringLiteral("--amount"),
         QStringLiteral("1.00"), QStringLiteral("--reason"), QStringLiteral("x")}));
    QCOMPARE(elsewhere.exitCode, 3);
}

QTEST_GUILESS_MAIN(TestOpsRefunds)
#include "tst_ops_refunds.moc"
