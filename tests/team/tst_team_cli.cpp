// refunddesk-cli on a PostgreSQL team database, against the real sandbox: sync into it, refund
// up to the total then a local refusal, export and search from it (each also on a SQLite file,
// to show both backends agree); roles the database itself enforces; one desktop syncing an
// account at a time; and two desktops refunding the same invoice at the same moment, again and
// again, never over the total; maker-checker approval with the roles and triggers of the server.
#include "opsharness.h"
#include "pgtestdb.h"

#include "store/teamroles.h"

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

using namespace rdtest;

class TestTeamCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void syncRefundExportOnBothBackends_data();
    void syncRefundExportOnBothBackends();
    void rolesAreEnforcedByTheDatabase();
    void oneDesktopSyncsAnAccountAtATime();
    void twoDesktopsRefundingAtOnceNeverExceed();
    void crashedDesktopIsResolvedByAnother();
    void anotherMachinesLeaseExpires();
    void makerCheckerIsEnforcedByTheDatabase();
    void passwordFromTheKeychain();
};

namespace {

// Starts the harness on the row's backend; PostgreSQL rows skip without a server.
bool startOn(const QString &backend, const QString &dialect, PgTestDatabase &pg, OpsHarness &h,
             QString *error)
{
    if (backend == QLatin1String("postgresql")) {
        if (!pg.create(error))
            return false;
        h.useStore(pg.address());
    }
    if (!h.setUpWithFreshInvoice(dialect)) {
        *error = h.error();
        return false;
    }
    return true;
}

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

void TestTeamCli::syncRefundExportOnBothBackends_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("dialect");
    for (const char *backend : {"sqlite", "postgresql"}) {
        for (const char *dialect : {"stripe", "processout", "intasend"})
            QTest::addRow("%s %s", backend, dialect)
                << QString::fromLatin1(backend) << QString::fromLatin1(dialect);
    }
}

void TestTeamCli::syncRefundExportOnBothBackends()
{
    QFETCH(QString, backend);
    QFETCH(QString, dialect);
    if (backend == QLatin1String("postgresql"))
        PG_OR_SKIP();
    PgTestDatabase pg;
    OpsHarness h;
    QString error;
    QVERIFY2(startOn(backend, dialect, pg, h, &error), qPrintable(error));
    QCOMPARE(h.db.isPostgres(), backend == QLatin1String("postgresql"));
    const QString invoice = h.invoiceId();
    const qint64 total = h.invoice.amount.minorUnits();
    const qint64 first = total / 2;
    const CliResult one = h.refund(invoice, h.amountText(first));
    QVERIFY2(one.exitCode == 0, qPrintable(one.err));
    const CliResult two = h.refund(invoice, h.amountText(total - first));
    QVERIFY2(two.exitCode == 0, qPrintable(two.err));
    const CliResult over = h.refund(invoice, h.amountText(1));
    QCOMPARE(over.exitCode, 3);
    QCOMPARE(h.createdAtGateway(invoice).total, total);
    QCOMPARE(h.createdInCache(invoice).total, total);
    QCOMPARE(h.outbox(invoice).size(), 2);
    QCOMPARE(h.auditOfInvoice(invoice).last().action, QStringLiteral("refuse"));

    // Export and search read the same rows back.
    QTemporaryDir out;
    const QString csv = out.filePath(QStringLiteral("refunds.csv"));
    const bool chargebacks = dialect == QLatin1String("intasend");
    const CliResult exported =
        h.cli({QStringLiteral("export"),
               chargebacks ? QStringLiteral("chargebacks") : QStringLiteral("refunds"),
               QStringLiteral("--out"), csv});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    const QString text = readFile(csv);
    QVERIFY2(text.contains(one.out.trimmed()) && text.contains(two.out.trimmed()),
             qPrintable(text.left(400)));
    const CliResult listed =
        h.cli({QStringLiteral("list"), QStringLiteral("invoices"), QStringLiteral("--search"),
               invoice, QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    const QStringList lines = listed.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2); // header and the invoice
    QVERIFY(lines.at(1).contains(invoice));
    QVERIFY2(lines.at(1).endsWith(QLatin1String(",0.00")) ||
                 lines.at(1).endsWith(QLatin1String(",0")),
             qPrintable(lines.at(1))); // nothing refundable is left
    const CliResult recon =
        h.cli({QStringLiteral("export"), QStringLiteral("reconciliation"), QStringLiteral("--out"),
               out.filePath(QStringLiteral("recon.csv"))});
    QVERIFY2(recon.exitCode == 0, qPrintable(recon.err));
    QVERIFY(readFile(out.filePath(QStringLiteral("recon.csv")))
                .startsWith(QLatin1String("account,currency,invoices_total")));
}

void TestTeamCli::rolesAreEnforcedByTheDatabase()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    OpsHarness h;
    QString error;
    QVERIFY2(startOn(QStringLiteral("postgresql"), QStringLiteral("stripe"), pg, h, &error),
             qPrintable(error));
    const CliResult init = h.cli({QStringLiteral("team"), QStringLiteral("init")});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    const QString viewer = pg.createLoginRole(QStringLiteral("viewer"), &error);
    const QString clerk = pg.createLoginRole(QStringLiteral("clerk"), &error);
    QVERIFY2(!viewer.isEmpty() && !clerk.isEmpty(), qPrintable(error));
    QCOMPARE(
        h.cli({QStringLiteral("team"), QStringLiteral("grant"), viewer, QStringLiteral("viewer")})
            .exitCode,
        0);
    QCOMPARE(
        h.cli({QStringLiteral("team"), QStringLiteral("grant"), clerk, QStringLiteral("clerk")})
            .exitCode,
        0);
    const CliResult bad = h.cli(
        {QStringLiteral("team"), QStringLiteral("grant"), clerk, QStringLiteral("superuser")});
    QCOMPARE(bad.exitCode, 2);
    const CliResult members = h.cli({QStringLiteral("team"), QStringLiteral("members")});
    QVERIFY2(members.exitCode == 0, qPrintable(members.err));
    QVERIFY2(members.out.contains(viewer + QStringLiteral("\trefunddesk_viewer")),
             qPrintable(members.out));
    QVERIFY(members.out.contains(clerk + QStringLiteral("\trefunddesk_clerk")));

    // A viewer reads, and the database refuses its writes, whatever client it uses.
    QVERIFY2(pg.execAs(viewer, QStringLiteral("SELECT COUNT(*) FROM invoices"), &error),
             qPrintable(error));
    QVERIFY(!pg.execAs(viewer,
                       QStringLiteral("INSERT INTO outbox (operation_id, account_id, kind, "
                                      "invoice_id, idempotency_key, state, created_at, "
                                      "updated_at) VALUES ('x', 1, 'refund', 'i', 'k', "
                                      "'pending', 1, 1)"),
                       &error));
    QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(error));
    QVERIFY(!pg.execAs(viewer, QStringLiteral("UPDATE invoices SET amount = 1"), &error));
    QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(error));

    // A clerk appends to the audit log, and can neither change nor remove a row of it.
    QVERIFY2(pg.execAs(clerk,
                       QStringLiteral("INSERT INTO audit_log (at, os_user, account, action) "
                                      "VALUES (1, 'x', 'Ops Test', 'note')"),
                       &error),
             qPrintable(error));
    for (const char *sql : {"UPDATE audit_log SET message = 'rewritten'", "DELETE FROM audit_log",
                            "TRUNCATE audit_log"}) {
        QVERIFY2(!pg.execAs(clerk, QString::fromLatin1(sql), &error), sql);
        QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(error));
    }

    // Through the CLI: the viewer lists but cannot refund; the clerk refunds, audited as itself.
    const QString invoice = h.invoiceId();
    CliRunner asViewer(pg.address(viewer));
    asViewer.setEnv(
        rd::SecretStore::environmentVariable(QString::fromLatin1(OpsHarness::accountName)),
        SandboxProcess::secret(QStringLiteral("stripe")));
    const CliResult listed = asViewer.run({QStringLiteral("list"), QStringLiteral("invoices")});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY(listed.out.contains(invoice));
    const CliResult viewerRefund = asViewer.run(h.refundArgs(invoice, h.amountText(100)));
    QCOMPARE(viewerRefund.exitCode, 1);
    QVERIFY2(viewerRefund.err.contains(QLatin1String("permission denied")),
             qPrintable(viewerRefund.err));
    QCOMPARE(h.createdAtGateway(invoice).count, 0);
    // Nor can it settle an entry another desktop left open, and it says the entry is still open
    // rather than counting it as checked.
    rd::OutboxEntry left;
    left.operationId = rd::OutboxRepository::newId(u"rdop_");
    left.idempotencyKey = rd::OutboxRepository::newId(u"rdkey_");
    left.accountId = h.account.id;
    left.invoiceId = invoice;
    left.amount = rd::Money(100, h.invoice.amount.currency());
    QVERIFY2(rd::OutboxRepository(h.db).insert(left, &error), qPrintable(error));
    const CliResult viewerReconcile = asViewer.run({QStringLiteral("reconcile")});
    QCOMPARE(viewerReconcile.exitCode, 5);
    QVERIFY2(viewerReconcile.out.contains(QLatin1String("1 still open")),
             qPrintable(viewerReconcile.out));
    QVERIFY2(viewerReconcile.err.contains(QLatin1String("permission denied")),
             qPrintable(viewerReconcile.err));
    const auto untouched = rd::OutboxRepository(h.db).find(left.operationId).value();
    QVERIFY(untouched && untouched->state == rd::OutboxState::Pending && untouched->attempts == 0);
    QVERIFY2(rd::OutboxRepository(h.db).transition(left.operationId, rd::OutboxState::Rejected,
                                                   QString(), QStringLiteral("test done"), &error),
             qPrintable(error));

    CliRunner asClerk(pg.address(clerk));
    asClerk.setEnv(
        rd::SecretStore::environmentVariable(QString::fromLatin1(OpsHarness::accountName)),
        SandboxProcess::secret(QStringLiteral("stripe")));
    const CliResult synced = asClerk.run({QStringLiteral("sync")});
    QVERIFY2(synced.exitCode == 0, qPrintable(synced.err));
    const CliResult clerkRefund = asClerk.run(h.refundArgs(invoice, h.amountText(100)));
    QVERIFY2(clerkRefund.exitCode == 0, qPrintable(clerkRefund.err));
    QSqlQuery q(h.db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT DISTINCT db_user, client_host FROM audit_log WHERE "
                                  "invoice_id = '%1'")
                       .arg(invoice)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), clerk);
    QCOMPARE(q.value(1).toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(!q.next());

    QCOMPARE(
        h.cli({QStringLiteral("team"), QStringLiteral("revoke"), clerk, QStringLiteral("clerk")})
            .exitCode,
        0);
    QVERIFY(!h.cli({QStringLiteral("team"), QStringLiteral("members")}).out.contains(clerk));
    const CliResult revoked = asClerk.run(h.refundArgs(invoice, h.amountText(100)));
    QCOMPARE(revoked.exitCode, 1);
    QCOMPARE(h.createdAtGateway(invoice).count, 1);
}

void TestTeamCli::oneDesktopSyncsAnAccountAtATime()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    OpsHarness h;
    QString error;
    QVERIFY2(startOn(QStringLiteral("postgresql"), QStringLiteral("stripe"), pg, h, &error),
             qPrintable(error));
    // Another desktop (this test's connection) is syncing the account.
    QSqlQuery q(h.db.connection());
    QVERIFY(
        q.exec(QStringLiteral("SELECT pg_advisory_lock(%1, %2)").arg(0x5244).arg(h.account.id)));
    const CliResult busy = h.cli({QStringLiteral("sync")});
    QCOMPARE(busy.exitCode, 1);
    QVERIFY2(busy.err.contains(QLatin1String("is syncing this account right now")),
             qPrintable(busy.err));
    QVERIFY2(busy.err.contains(QLatin1String("refunddesk_admin")), qPrintable(busy.err));
    QVERIFY(
        q.exec(QStringLiteral("SELECT pg_advisory_unlock(%1, %2)").arg(0x5244).arg(h.account.id)));
    const CliResult free = h.cli({QStringLiteral("sync")});
    QVERIFY2(free.exitCode == 0, qPrintable(free.err));
}

void TestTeamCli::twoDesktopsRefundingAtOnceNeverExceed()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    OpsHarness h;
    QString error;
    QVERIFY2(startOn(QStringLiteral("postgresql"), QStringLiteral("stripe"), pg, h, &error),
             qPrintable(error));
    const int rounds = 20;
    const QStringList invoices = h.freshInvoices(rounds, &error);
    QVERIFY2(invoices.size() == rounds, qPrintable(error));
    int localRefusals = 0;
    for (const QString &invoice : invoices) {
        const auto cached = h.cachedInvoice(invoice);
        QVERIFY(cached);
        const qint64 total = cached->amount.minorUnits();
        // Each desktop asks for 60%: together they would exceed the invoice.
        const qint64 part = total * 6 / 10;
        QList<QProcess *> desks;
        for (int d = 0; d < 2; ++d) {
            auto *p = new QProcess(this);
            p->setProcessEnvironment(h.environment());
            desks << p;
        }
        const QStringList args = QStringList{QStringLiteral("--db"), h.dbPath()} +
                                 h.refundArgs(invoice, h.amountText(part));
        for (QProcess *p : desks)
            p->start(QStringLiteral(RD_CLI_PATH), args);
        QList<int> codes;
        for (QProcess *p : desks) {
            QVERIFY(p->waitForFinished(120000));
            codes << p->exitCode();
            if (p->exitCode() != 0 && p->exitCode() != 3)
                qWarning("%s", p->readAllStandardError().constData());
            p->deleteLater();
        }
        std::sort(codes.begin(), codes.end());
        // One is sent; the other is refused here (3), before anything reaches the gateway.
        QCOMPARE(codes, (QList<int>{0, 3}));
        ++localRefusals;
        const OpsHarness::Created made = h.createdAtGateway(invoice);
        QCOMPARE(made.count, 1);
        QVERIFY(made.total <= total);
    }
    QCOMPARE(localRefusals, rounds);
}

void TestTeamCli::crashedDesktopIsResolvedByAnother()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    OpsHarness h;
    QString error;
    QVERIFY2(startOn(QStringLiteral("postgresql"), QStringLiteral("stripe"), pg, h, &error),
             qPrintable(error));
    const QString invoice = h.invoiceId();
    // This desktop dies after the gateway made the refund and before recording it.
    const CliResult crashed =
        h.cli(h.refundArgs(invoice, h.amountText(100)), QStringLiteral("after-send"));
    QVERIFY(crashed.crashed);
    QCOMPARE(h.createdAtGateway(invoice).count, 1);
    QCOMPARE(h.outbox(invoice).size(), 1);
    QVERIFY(h.outbox(invoice).first().isOpen());
    // Another desktop's reconcile finds the refund and closes the entry; nothing is sent twice.
    const CliResult reconciled = h.cli({QStringLiteral("reconcile")});
    QVERIFY2(reconciled.exitCode == 0, qPrintable(reconciled.err));
    const QList<rd::OutboxEntry> entries = h.outbox(invoice);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().state, rd::OutboxState::Succeeded);
    QCOMPARE(h.createdAtGateway(invoice).count, 1);
}

void TestTeamCli::anotherMachinesLeaseExpires()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    OpsHarness h;
    QString error;
    QVERIFY2(startOn(QStringLiteral("postgresql"), QStringLiteral("stripe"), pg, h, &error),
             qPrintable(error));
    const QString invoice = h.invoiceId();
    // A desktop on another machine queued a refund, stamped it as being sent, and went away.
    rd::OutboxEntry e;
    e.operationId = rd::OutboxRepository::newId(u"rdop_");
    e.idempotencyKey = rd::OutboxRepository::newId(u"rdkey_");
    e.accountId = h.account.id;
    e.invoiceId = invoice;
    e.amount = rd::Money(100, h.invoice.amount.currency());
    e.params.insert(QStringLiteral("full"), false);
    rd::OutboxRepository outbox(h.db);
    QVERIFY2(outbox.insert(e, &error), qPrintable(error));
    const QJsonObject owner{{QStringLiteral("host"), QStringLiteral("desk-elsewhere")},
                            {QStringLiteral("pid"), 4242},
                            {QStringLiteral("sending"), true}};
    QVERIFY2(outbox.recordAttempt(e.operationId, owner, &error), qPrintable(error));
    // While its lease runs, this desktop leaves it alone.
    const CliResult early = h.cli({QStringLiteral("reconcile")});
    QCOMPARE(early.exitCode, 5);
    QCOMPARE(h.createdAtGateway(invoice).count, 0);
    QVERIFY(h.outbox(invoice).first().isOpen());
    // Ten minutes without a change: the lease is over, and reconcile settles it, once.
    QSqlQuery q(h.db.connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE outbox SET updated_at = updated_at - 660 WHERE "
                                  "operation_id = '%1'")
                       .arg(e.operationId)));
    const CliResult late = h.cli({QStringLiteral("reconcile")});
    QVERIFY2(late.exitCode == 0, qPrintable(late.err));
    QCOMPARE(h.outbox(invoice).first().state, rd::OutboxState::Succeeded);
    const OpsHarness::Created made = h.createdAtGateway(invoice);
    QCOMPARE(made.count, 1);
    QCOMPARE(made.total, 100);
    QCOMPARE(made.operationIds, QStringList{e.operationId});
}

void TestTeamCli::makerCheckerIsEnforcedByTheDatabase()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    OpsHarness h;
    QString error;
    QVERIFY2(startOn(QStringLiteral("postgresql"), QStringLiteral("stripe"), pg, h, &error),
             qPrintable(error));
    QVERIFY2(h.cli({QStringLiteral("team"), QStringLiteral("init")}).exitCode == 0, "team init");
    const QString clerk = pg.createLoginRole(QStringLiteral("maker"), &error);
    const QString approver = pg.createLoginRole(QStringLiteral("checker"), &error);
    QVERIFY2(!clerk.isEmpty() && !approver.isEmpty(), qPrintable(error));
    for (const auto &[user, role] : {std::pair{clerk, QStringLiteral("clerk")},
                                     std::pair{approver, QStringLiteral("approver")}})
        QCOMPARE(h.cli({QStringLiteral("team"), QStringLiteral("grant"), user, role}).exitCode, 0);
    // Everything above one minor unit waits for a second person.
    const CliResult set = h.cli({QStringLiteral("accounts"), QStringLiteral("set"),
                                 QString::fromLatin1(OpsHarness::accountName),
                                 QStringLiteral("--approval-above"), h.amountText(1)});
    QVERIFY2(set.exitCode == 0, qPrintable(set.err));

    const auto runner = [&pg](const QString &user) {
        CliRunner r(pg.address(user));
        r.setEnv(rd::SecretStore::environmentVariable(QString::fromLatin1(OpsHarness::accountName)),
                 SandboxProcess::secret(QStringLiteral("stripe")));
        return r;
    };
    CliRunner asClerk = runner(clerk);
    CliRunner asApprover = runner(approver);
    const QString invoice = h.invoiceId();
    const CliResult asked = asClerk.run(h.refundArgs(invoice, h.amountText(100)));
    QVERIFY2(asked.exitCode == 8, qPrintable(asked.err));
    const QString id = asked.out.trimmed();
    QVERIFY2(!id.isEmpty(), qPrintable(asked.out));
    QCOMPARE(h.createdAtGateway(invoice).count, 0);

    // The server records who asked, whatever the client claims.
    QSqlQuery q(h.db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT requested_by FROM approvals WHERE id = %1").arg(id)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), clerk);

    // A clerk may not decide: refused with exit 3 by the CLI, and by the grants in plain SQL.
    const CliResult clerkApproves =
        asClerk.run({QStringLiteral("approvals"), QStringLiteral("approve"), id});
    QCOMPARE(clerkApproves.exitCode, 3);
    QVERIFY2(clerkApproves.err.contains(QLatin1String("refunddesk_approver")),
             qPrintable(clerkApproves.err));
    QVERIFY(!pg.execAs(clerk,
                       QStringLiteral("UPDATE approvals SET state = 'approved', decided_by = "
                                      "'%1' WHERE id = %2")
                           .arg(approver, id),
                       &error));
    QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(error));
    QCOMPARE(h.createdAtGateway(invoice).count, 0);

    // An approver's own request: the CLI refuses it, and so does the server's trigger even
    // when the row claims another decider.
    const CliResult own = asApprover.run(h.refundArgs(invoice, h.amountText(100)));
    QVERIFY2(own.exitCode == 8, qPrintable(own.err));
    const QString ownId = own.out.trimmed();
    QCOMPARE(
        asApprover.run({QStringLiteral("approvals"), QStringLiteral("approve"), ownId}).exitCode,
        3);
    QVERIFY(!pg.execAs(approver,
                       QStringLiteral("UPDATE approvals SET state = 'approved', decided_by = "
                                      "'%1' WHERE id = %2")
                           .arg(clerk, ownId),
                       &error));
    QVERIFY2(error.contains(QLatin1String("cannot approve their own")), qPrintable(error));

    // The approver decides the clerk's request: sent exactly once, decided in their name.
    const CliResult approved =
        asApprover.run({QStringLiteral("approvals"), QStringLiteral("approve"), id});
    QVERIFY2(approved.exitCode == 0, qPrintable(approved.err));
    QCOMPARE(h.createdAtGateway(invoice).count, 1);
    QVERIFY(
        q.exec(QStringLiteral("SELECT state, decided_by FROM approvals WHERE id = %1").arg(id)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("approved"));
    QCOMPARE(q.value(1).toString(), approver);
    QCOMPARE(asApprover.run({QStringLiteral("approvals"), QStringLiteral("approve"), id}).exitCode,
             3);
    QCOMPARE(h.createdAtGateway(invoice).count, 1);

    // A request filed again keeps its requester only when its approver files it because the
    // approval reached nothing: not one that was sent, and not anyone else's (a clerk copying
    // the approver's request would otherwise ask in the approver's name).
    const QString refile =
        QStringLiteral("INSERT INTO approvals (account_id, kind, invoice_id, amount, currency, "
                       "reason, note, params, state, requested_by, requested_at, request_key, "
                       "refiled_from) SELECT account_id, kind, invoice_id, amount, currency, "
                       "reason, note, params, 'awaiting', 'x', requested_at, request_key, id "
                       "FROM approvals WHERE id = %1");
    QVERIFY(!pg.execAs(approver, refile.arg(id), &error));
    QVERIFY2(error.contains(QLatin1String("only its approver files a request again")),
             qPrintable(error));
    QVERIFY(!pg.execAs(clerk, refile.arg(ownId), &error));
    QVERIFY2(error.contains(QLatin1String("only its approver files a request again")),
             qPrintable(error));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM approvals")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

void TestTeamCli::passwordFromTheKeychain()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    OpsHarness h;
    QString error;
    QVERIFY2(startOn(QStringLiteral("postgresql"), QStringLiteral("stripe"), pg, h, &error),
             qPrintable(error));
    QVERIFY2(h.cli({QStringLiteral("team"), QStringLiteral("init")}).exitCode == 0, "team init");
    const QString user = pg.createLoginRole(QStringLiteral("keyring"), &error);
    QVERIFY2(!user.isEmpty(), qPrintable(error));
    QCOMPARE(
        h.cli({QStringLiteral("team"), QStringLiteral("grant"), user, QStringLiteral("viewer")})
            .exitCode,
        0);
    // A password of this user's own, in no password file.
    const QString password = QStringLiteral("kc-") + QUuid::createUuid().toString(QUuid::Id128);
    QVERIFY2(pg.execAs(QUrl(PgTestDatabase::serverAddress()).userName(),
                       QStringLiteral("ALTER ROLE %1 PASSWORD '%2'").arg(user, password), &error),
             qPrintable(error));

    // This user's desktop: no ~/.pgpass (PGPASSFILE names a file that does not exist, so the
    // home folder's is not read either) and no PGPASSWORD.
    const QString address = pg.address(user);
    QTemporaryDir home;
    CliRunner desk(address);
    desk.setEnv(QStringLiteral("PGPASSFILE"), home.filePath(QStringLiteral("no-pgpass")));
    desk.unsetEnv(QStringLiteral("PGPASSWORD"));
    QList<CliResult> results;
    const auto run = [&](const QStringList &args, const QByteArray &input = {}) {
        results << desk.run(args, input);
        return results.last();
    };
    const QStringList list{QStringLiteral("list"), QStringLiteral("invoices")};

    // Nowhere to find a password: one line saying where to keep it.
    const CliResult none = run(list);
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains(QLatin1String("no password supplied")), qPrintable(none.err));
    QVERIFY2(none.err.contains(QLatin1String("team set-password")), qPrintable(none.err));
    QCOMPARE(none.err.count(QLatin1Char('\n')), 1);

    // Stored from standard input; every later run finds it there.
    const CliResult stored =
        run({QStringLiteral("team"), QStringLiteral("set-password")}, password.toUtf8() + '\n');
    if (stored.exitCode != 0 && stored.err.contains(QLatin1String("no system keychain")))
        QSKIP("no Secret Service on this session bus (scripts/test.sh runs the suite with one)");
    QVERIFY2(stored.exitCode == 0, qPrintable(stored.err));
    QVERIFY2(stored.out.contains(QLatin1String("keychain")), qPrintable(stored.out));
    const CliResult listed = run(list);
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY2(listed.out.contains(h.invoiceId()), qPrintable(listed.out));
    const CliResult members = run({QStringLiteral("team"), QStringLiteral("members")});
    QVERIFY2(members.exitCode == 0, qPrintable(members.err));
    QVERIFY(members.out.contains(user));

    // The desktop reads the same entry (File > Open team database… writes it).
    {
        const QByteArray saved = qgetenv("PGPASSFILE");
        qputenv("PGPASSFILE", home.filePath(QStringLiteral("no-pgpass")).toLocal8Bit());
        const rd::SecretStore::Result kept = rd::SecretStore().useTeamDatabasePassword(address);
        rd::Database desktop;
        const bool opened = desktop.open(address, rd::Database::OpenMode::ReadOnly, &error);
        qputenv("PGPASSFILE", saved);
        QCOMPARE(kept.source, rd::SecretStore::Source::Keychain);
        QVERIFY2(opened, qPrintable(error));
        QCOMPARE(desktop.databaseUser(), user);
    }

    // A wrong password in the keychain: the server's refusal, and which password it was.
    const QString wrong = QStringLiteral("wrong-") + QUuid::createUuid().toString(QUuid::Id128);
    QCOMPARE(run({QStringLiteral("team"), QStringLiteral("set-password")}, wrong.toUtf8() + '\n')
                 .exitCode,
             0);
    const CliResult refused = run(list);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QLatin1String("password authentication failed")),
             qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QLatin1String("system keychain")), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QLatin1String("team set-password")), qPrintable(refused.err));

    // Forgotten: back to libpq's places, which have nothing for this user.
    const CliResult forgot = run({QStringLiteral("team"), QStringLiteral("forget-password")});
    QVERIFY2(forgot.exitCode == 0, qPrintable(forgot.err));
    const CliResult again = run(list);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QLatin1String("no password supplied")), qPrintable(again.err));

    // Neither password was ever in an argument, an output, or the database's audit log.
    for (const QString &secret : {password, wrong}) {
        for (const CliResult &r : std::as_const(results)) {
            QVERIFY(!r.out.contains(secret));
            QVERIFY(!r.err.contains(secret));
        }
        QSqlQuery q(h.db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE concat_ws(' ', "
                                      "message, account, os_user, db_user) LIKE '%%1%'")
                           .arg(secret)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
}

QTEST_GUILESS_MAIN(TestTeamCli)
#include "tst_team_cli.moc"
