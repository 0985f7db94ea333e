// `refunddesk-cli sync` against the real sandbox over HTTP: the first sync mirrors what the
// sandbox serves (checked through an independent reading of its lists), a second sync fetches
// only what was created since (counted by the sandbox), an unreachable gateway changes
// nothing and exits 7, bad or missing secrets exit 6, and a sync killed with SIGKILL leaves
// an intact cache that the next sync completes.
#include "clirunner.h"
#include "domain/currency.h"
#include "sandboxmirror.h"
#include "sandboxprocess.h"
#include "sandboxwindows.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using rdtest::CliRunner;
using rdtest::SandboxMirror;
using rdtest::SandboxProcess;
using rdtest::Summary;

namespace {

const QStringList allDialects = {QStringLiteral("stripe"), QStringLiteral("wooshpay"),
                                 QStringLiteral("chargebee"), QStringLiteral("processout"),
                                 QStringLiteral("intasend")};

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

// A read-only look at the cache from the test, on its own connection.
class CacheReader
{
public:
    explicit CacheReader(const QString &path)
        : m_name(QStringLiteral("reader-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        db.open();
    }
    ~CacheReader()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QVariant scalar(const QString &sql) const
    {
        QSqlQuery q(db());
        if (!q.exec(sql) || !q.next())
            return QVariant();
        return q.value(0);
    }
    qint64 accountId(const QString &name) const
    {
        return scalar(QStringLiteral("SELECT id FROM accounts WHERE name = '%1'").arg(name))
            .toLongLong();
    }

private:
    QString m_name;
};

} // namespace

class TestSyncSandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstSyncMirrorsTheSandbox_data();
    void firstSyncMirrorsTheSandbox();
    void secondSyncFetchesOnlyWhatIsNew();
    void unreachableGatewayChangesNothing();
    void authFailuresExit6();
    void killedSyncLeavesAnIntactCacheAndResumes();

private:
    void addAccount(CliRunner &cli, const QString &name, const QString &dialect, const QString &url,
                    const QString &secret);
    void compareMirror(SandboxProcess &sandbox, const QString &dbPath, const QString &dialect,
                       const QString &account);
    QString makeRefund(const QString &dialect, const QStringList &newIds, QString *error);

    QTemporaryDir m_dir;
    SandboxProcess m_sandbox;
    QString m_db;
    std::unique_ptr<CliRunner> m_cli;
};

void TestSyncSandbox::addAccount(CliRunner &cli, const QString &name, const QString &dialect,
                                 const QString &url, const QString &secret)
{
    const auto r =
        cli.run({QStringLiteral("accounts"), QStringLiteral("add"), name,
                 QStringLiteral("--gateway"), dialect, QStringLiteral("--base-url"), url});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    if (!secret.isNull())
        cli.setEnv(QStringLiteral("REFUNDDESK_SECRET_") + name.toUpper(), secret);
}

void TestSyncSandbox::compareMirror(SandboxProcess &sandbox, const QString &dbPath,
                                    const QString &dialect, const QString &account)
{
    SandboxMirror mirror(sandbox.baseUrl(dialect), dialect, SandboxProcess::secret(dialect));
    Summary served;
    QString error;
    QVERIFY2(mirror.read(&served, &error), qPrintable(error));
    QVERIFY2(!served.isEmpty(), "the sandbox served nothing");
    CacheReader cache(dbPath);
    const Summary cached =
        SandboxMirror::fromCache(cache.db(), cache.accountId(account), mirror.hasRefundedTotals());
    QCOMPARE(cached, served);
}

void TestSyncSandbox::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    // 250 per dialect: every list spans several pages.
    QVERIFY2(m_sandbox.start({QStringLiteral("--invoices"), QStringLiteral("250")}, &error),
             qPrintable(error));
    m_db = m_dir.filePath(QStringLiteral("mirror.sqlite3"));
    m_cli = std::make_unique<CliRunner>(m_db);
    for (const QString &d : allDialects)
        addAccount(*m_cli, d, d, m_sandbox.baseUrl(d), SandboxProcess::secret(d));
    const auto r = m_cli->run({QStringLiteral("sync")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    for (const QString &d : allDialects)
        QVERIFY2(r.out.contains(d + QStringLiteral(": synced")), qPrintable(r.out));
    // Not a terminal: plain progress lines, no carriage returns.
    QVERIFY(!r.err.contains(QLatin1Char('\r')));
    QVERIFY(r.err.contains(QLatin1String("stripe: invoices")));
}

void TestSyncSandbox::firstSyncMirrorsTheSandbox_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : allDialects)
        QTest::newRow(qPrintable(d)) << d;
}

void TestSyncSandbox::firstSyncMirrorsTheSandbox()
{
    QFETCH(QString, dialect);
    compareMirror(m_sandbox, m_db, dialect, dialect);
    CacheReader cache(m_db);
    QVERIFY(
        !cache
             .scalar(
                 QStringLiteral("SELECT last_sync_at FROM accounts WHERE name = '%1'").arg(dialect))
             .isNull());
    QCOMPARE(cache.scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
}

// Refunds one invoice directly on the sandbox (as if made in the gateway's dashboard) and
// returns its id. Stripe, WooshPay and Chargebee refund an old invoice; ProcessOut a new one
// (it cannot list by time, so a change deep in an old page needs --full, as documented).
QString TestSyncSandbox::makeRefund(const QString &dialect, const QStringList &newIds,
                                    QString *error)
{
    SandboxMirror api(m_sandbox.baseUrl(dialect), dialect, SandboxProcess::secret(dialect));
    CacheReader cache(m_db);
    QSqlQuery q(cache.db());
    q.exec(QStringLiteral("SELECT i.gateway_id FROM invoices i JOIN accounts a ON a.id = "
                          "i.account_id WHERE a.name = '%1' AND i.status = 'succeeded' AND "
                          "i.amount_refunded = 0 AND i.disputed = 0 AND i.offline = 0 AND "
                          "i.amount >= 1000 ORDER BY i.created_at LIMIT 1")
               .arg(dialect));
    const QString old = q.next() ? q.value(0).toString() : QString();
    if (dialect == QLatin1String("stripe")) {
        api.post(QStringLiteral("/v1/refunds"), "charge=" + old.toUtf8() + "&amount=100",
                 "application/x-www-form-urlencoded");
    } else if (dialect == QLatin1String("wooshpay")) {
        api.post(QStringLiteral("/v1/refunds"),
                 "{\"payment_intent\":\"" + old.toUtf8() + "\",\"amount\":\"100\"}",
                 "application/json");
    } else if (dialect == QLatin1String("chargebee")) {
        api.post(QStringLiteral("/api/v2/invoices/%1/refund").arg(old), "refund_amount=100",
                 "application/x-www-form-urlencoded");
    } else if (dialect == QLatin1String("processout")) {
        const QJsonObject tx = api.get(QStringLiteral("/transactions/") + newIds.first(), {})
                                   .object()
                                   .value(QStringLiteral("transaction"))
                                   .toObject();
        const QString currency = tx.value(QStringLiteral("currency")).toString();
        const QString amount =
            rd::Money::formatMinor(100, std::max(0, rd::Currency::exponent(currency)));
        api.post(QStringLiteral("/transactions/%1/refunds").arg(newIds.first()),
                 "{\"amount\":\"" + amount.toUtf8() + "\",\"reason\":\"customer_request\"}",
                 "application/json");
        *error = api.lastError();
        return newIds.first();
    }
    *error = old.isEmpty() ? QStringLiteral("no refundable invoice in the cache") : api.lastError();
    return old;
}

void TestSyncSandbox::secondSyncFetchesOnlyWhatIsNew()
{
    CacheReader before(m_db);
    QHash<QString, qint64> invoicesBefore;
    for (const QString &d : allDialects)
        invoicesBefore.insert(d, before
                                     .scalar(QStringLiteral("SELECT COUNT(*) FROM invoices "
                                                            "WHERE account_id = %1")
                                                 .arg(before.accountId(d)))
                                     .toLongLong());
    QHash<QString, QString> refunded;
    for (const QString &d : allDialects) {
        const QStringList created = m_sandbox.createInvoices(d, 3);
        QCOMPARE(created.size(), 3);
        if (d != QLatin1String("intasend")) {
            QString error;
            refunded.insert(d, makeRefund(d, created, &error));
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }
    QVERIFY(m_sandbox.resetStats());
    const auto r = m_cli->run({QStringLiteral("sync")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject requests = m_sandbox.stats().value(QStringLiteral("requests")).toObject();

    // What each strategy must cost (accountsync.h): Stripe/WooshPay one filtered page each of
    // invoices, refunds and chargebacks plus one re-read of the refunded invoice; Chargebee one
    // page each of invoices and credit notes by update time (no chargeback list); ProcessOut two
    // pages of transactions and two of refunds (the second page is known: stop) plus one re-read;
    // IntaSend two pages of invoices and its one chargeback list.
    const QHash<QString, int> expected = {{QStringLiteral("stripe"), 4},
                                          {QStringLiteral("wooshpay"), 4},
                                          {QStringLiteral("chargebee"), 2},
                                          {QStringLiteral("processout"), 5},
                                          {QStringLiteral("intasend"), 3}};
    for (const QString &d : allDialects)
        QCOMPARE(requests.value(d).toInt(), expected.value(d));

    CacheReader after(m_db);
    for (const QString &d : allDialects) {
        QCOMPARE(after
                     .scalar(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE account_id = %1")
                                 .arg(after.accountId(d)))
                     .toLongLong(),
                 invoicesBefore.value(d) + 3);
        if (refunded.contains(d))
            QVERIFY2(after.scalar(QStringLiteral("SELECT amount_refunded FROM invoices WHERE "
                                                 "account_id = %1 AND gateway_id = '%2'")
                                      .arg(after.accountId(d))
                                      .arg(refunded.value(d)))
                             .toLongLong() >= 100,
                     qPrintable(d));
    }
    // And the whole cache still matches the sandbox, refunded totals included.
    for (const QString &d : allDialects)
        compareMirror(m_sandbox, m_db, d, d);

    // --full reads every Stripe list to the end again: a request per page of each, and where a
    // list is read in time windows, each window adds at most its own last page. A window is only
    // made by splitting at a full page into at most five more, so a list takes at most six
    // requests per page plus one: a guard against windows split without end.
    qint64 pages = 0;
    for (const QString &table :
         {QStringLiteral("invoices"), QStringLiteral("refunds"), QStringLiteral("chargebacks")}) {
        const qint64 n = after
                             .scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE account_id = %2")
                                         .arg(table)
                                         .arg(after.accountId(QStringLiteral("stripe"))))
                             .toLongLong();
        pages += std::max<qint64>(1, (n + 99) / 100);
    }
    QVERIFY(m_sandbox.resetStats());
    const auto full = m_cli->run({QStringLiteral("sync"), QStringLiteral("--account"),
                                  QStringLiteral("stripe"), QStringLiteral("--full")});
    QVERIFY2(full.exitCode == 0, qPrintable(full.err));
    const QJsonObject fullRequests = m_sandbox.stats().value(QStringLiteral("requests")).toObject();
    const int stripeRequests = fullRequests.value(QStringLiteral("stripe")).toInt();
    QVERIFY2(stripeRequests >= int(pages) && stripeRequests <= 6 * int(pages) + 3,
             qPrintable(QStringLiteral("%1 requests for %2 pages").arg(stripeRequests).arg(pages)));
    QCOMPARE(fullRequests.value(QStringLiteral("wooshpay")).toInt(), 0);
    compareMirror(m_sandbox, m_db, QStringLiteral("stripe"), QStringLiteral("stripe"));
}

void TestSyncSandbox::unreachableGatewayChangesNothing()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--invoices"), QStringLiteral("120")}, &error),
             qPrintable(error));
    const QString db = m_dir.filePath(QStringLiteral("offline.sqlite3"));
    CliRunner cli(db);
    addAccount(cli, QStringLiteral("Live"), QStringLiteral("stripe"),
               sandbox.baseUrl(QStringLiteral("stripe")),
               SandboxProcess::secret(QStringLiteral("stripe")));
    addAccount(cli, QStringLiteral("Shop"), QStringLiteral("wooshpay"),
               sandbox.baseUrl(QStringLiteral("wooshpay")),
               SandboxProcess::secret(QStringLiteral("wooshpay")));
    auto r = cli.run({QStringLiteral("sync")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    // The gateway goes away: the sync of that account fails as unreachable and touches nothing.
    sandbox.stop();
    const QByteArray hash = fileHash(db);
    QVERIFY(!hash.isEmpty());
    r = cli.run({QStringLiteral("sync"), QStringLiteral("--account"), QStringLiteral("Live")});
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.err.contains(QLatin1String("Live")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1String("refunddesk-cli:")), 1);
    QCOMPARE(fileHash(db), hash);

    // All accounts, one of them reachable (a new sandbox, different port): that one syncs,
    // the other is reported, and the exit code is the failure's.
    SandboxProcess other;
    QVERIFY2(other.start({QStringLiteral("--invoices"), QStringLiteral("30")}, &error),
             qPrintable(error));
    CacheReader cache(db);
    const QVariant liveSync =
        cache.scalar(QStringLiteral("SELECT last_sync_at FROM accounts WHERE name = 'Live'"));
    const qint64 liveRows = cache
                                .scalar(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE "
                                                       "account_id = %1")
                                            .arg(cache.accountId(QStringLiteral("Live"))))
                                .toLongLong();
    QSqlQuery q(cache.db());
    QVERIFY(q.exec(QStringLiteral("UPDATE accounts SET base_url = '%1' WHERE name = 'Shop'")
                       .arg(other.baseUrl(QStringLiteral("wooshpay")))));
    r = cli.run({QStringLiteral("sync")});
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.err.contains(QLatin1String("Live: sync failed")), qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("Shop: synced")), qPrintable(r.out));
    QCOMPARE(cache.scalar(QStringLiteral("SELECT last_sync_at FROM accounts WHERE name = 'Live'")),
             liveSync);
    QCOMPARE(cache
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE account_id = %1")
                             .arg(cache.accountId(QStringLiteral("Live"))))
                 .toLongLong(),
             liveRows);
}

void TestSyncSandbox::authFailuresExit6()
{
    const QString db = m_dir.filePath(QStringLiteral("auth.sqlite3"));
    CliRunner cli(db);
    addAccount(cli, QStringLiteral("Wrong"), QStringLiteral("stripe"),
               m_sandbox.baseUrl(QStringLiteral("stripe")), QStringLiteral("sk_test_wrong"));
    auto r = cli.run({QStringLiteral("sync")});
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains(QLatin1String("Wrong")), qPrintable(r.err));
    CacheReader cache(db);
    QCOMPARE(cache.scalar(QStringLiteral("SELECT COUNT(*) FROM invoices")).toInt(), 0);
    QVERIFY(cache.scalar(QStringLiteral("SELECT last_sync_at FROM accounts")).isNull());

    // No secret at all: the message names the variable to set.
    addAccount(cli, QStringLiteral("No Key"), QStringLiteral("wooshpay"),
               m_sandbox.baseUrl(QStringLiteral("wooshpay")), QString());
    r = cli.run({QStringLiteral("sync"), QStringLiteral("--account"), QStringLiteral("No Key")});
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains(QLatin1String("REFUNDDESK_SECRET_NO_KEY")), qPrintable(r.err));
}

void TestSyncSandbox::killedSyncLeavesAnIntactCacheAndResumes()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--invoices"), QStringLiteral("20000")}, &error),
             qPrintable(error));
    const QString dialect = QStringLiteral("stripe");
    const QString db = m_dir.filePath(QStringLiteral("killed.sqlite3"));
    CliRunner cli(db);
    addAccount(cli, QStringLiteral("Big"), dialect, sandbox.baseUrl(dialect),
               SandboxProcess::secret(dialect));
    QVERIFY(sandbox.armFaults(QJsonObject{{QStringLiteral("latency_ms"), 20}}));

    QProcess sync;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REFUNDDESK_SECRET_BIG"), SandboxProcess::secret(dialect));
    sync.setProcessEnvironment(env);
    sync.start(QStringLiteral(RD_CLI_PATH), {QStringLiteral("--db"), db, QStringLiteral("sync")});
    QVERIFY(sync.waitForStarted());
    // Kill it once some pages are committed, well before the 200 invoice pages are done.
    qint64 stored = 0;
    QElapsedTimer waited;
    waited.start();
    while (stored < 500 && waited.elapsed() < 120000 && sync.state() == QProcess::Running) {
        QTest::qWait(50);
        CacheReader cache(db);
        stored = cache.scalar(QStringLiteral("SELECT COUNT(*) FROM invoices")).toLongLong();
    }
    QCOMPARE(sync.state(), QProcess::Running);
    sync.kill(); // SIGKILL
    QVERIFY(sync.waitForFinished());

    {
        CacheReader cache(db);
        QCOMPARE(cache.scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        const qint64 invoices =
            cache.scalar(QStringLiteral("SELECT COUNT(*) FROM invoices")).toLongLong();
        QVERIFY(invoices > 0 && invoices < 20000);
        // Whole pages only, committed with the resume point that covers them: what its windows
        // have still to read is exactly what the cache lacks.
        SandboxMirror mirror(sandbox.baseUrl(dialect), dialect, SandboxProcess::secret(dialect));
        int walks = 0;
        QVERIFY2(rdtest::resumePointCoversTheRest(cache.db(),
                                                  cache.accountId(QStringLiteral("Big")), mirror,
                                                  dialect, &walks, &error),
                 qPrintable(error));
        QVERIFY(cache.scalar(QStringLiteral("SELECT last_sync_at FROM accounts")).isNull());
    }
    QVERIFY(sandbox.clearFaults());
    const auto r = cli.run({QStringLiteral("sync")}, {}, 600000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    compareMirror(sandbox, db, dialect, QStringLiteral("Big"));
    CacheReader cache(db);
    QCOMPARE(cache.scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestSyncSandbox)
#include "tst_sync_sandbox.moc"
