// `refunddesk-cli sync` against the real sandbox over HTTP: the first sync mirrors what the
// sandbox serves (checked through an independent reading of its lists), a second sync fetches
// only what was created since (counted by the sandbox), an unreachable gateway changes
// nothing and exits 7, bad or missing secrets exit 6, and a sync killed with SIGKILL leaves
// an intact cache that the next sync completes (and whose search index the next open of the
// cache rebuilds). All but the last run on a SQLite cache and on a PostgreSQL team database
// (`--db postgresql://...`).
#include "clirunner.h"
#include "domain/currency.h"
#include "sandboxmirror.h"
#include "sandboxprocess.h"
#include "sandboxwindows.h"
#include "store/database.h"
#include "store/recordfilter.h"
#include "testbackend.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlRecord>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using rd::Database;
using rd::RecordFilter;
using rd::RecordKind;
using rd::SqlWhere;
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

// A look at the cache from the test, on its own connection: a plain SQLite connection to the
// file, or a connection to the team database.
class CacheReader
{
public:
    explicit CacheReader(const QString &path)
        : m_name(QStringLiteral("reader-%1").arg(quintptr(this)))
    {
        if (rd::Database::isServerAddress(path)) {
            m_server = std::make_unique<rd::Database>();
            QString error;
            if (!m_server->open(path, rd::Database::OpenMode::Existing, &error))
                qWarning("cannot open %s: %s", qPrintable(path), qPrintable(error));
            return;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        db.open();
    }
    ~CacheReader()
    {
        if (m_server)
            return;
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const
    {
        return m_server ? m_server->connection() : QSqlDatabase::database(m_name, false);
    }
    bool isPostgres() const { return m_server != nullptr; }
    // SQLite's own check of the file; a PostgreSQL database has no file of its own to check.
    QString integrity() const
    {
        return m_server ? QStringLiteral("ok")
                        : scalar(QStringLiteral("PRAGMA integrity_check")).toString();
    }
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
    std::unique_ptr<rd::Database> m_server;
};

// Something that changes with any write to the store: the file's bytes, or on PostgreSQL every
// row of the tables a sync writes, write times included.
QByteArray storeDigest(const QString &path)
{
    if (!rd::Database::isServerAddress(path))
        return fileHash(path);
    CacheReader cache(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &table :
         {QStringLiteral("accounts"), QStringLiteral("invoices"), QStringLiteral("refunds"),
          QStringLiteral("chargebacks"), QStringLiteral("sync_state")}) {
        QSqlQuery q(cache.db());
        if (!q.exec(QStringLiteral("SELECT * FROM %1").arg(table)))
            return {};
        QStringList rows;
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < q.record().count(); ++i)
                values << q.value(i).toString();
            rows << values.join(QLatin1Char('|'));
        }
        rows.sort();
        hash.addData(rows.join(QLatin1Char('\n')).toUtf8());
    }
    return hash.result().toHex();
}

const QStringList backendNames = {QStringLiteral("sqlite"), QStringLiteral("postgresql")};

} // namespace

class TestSyncSandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void firstSyncMirrorsTheSandbox_data();
    void firstSyncMirrorsTheSandbox();
    void secondSyncFetchesOnlyWhatIsNew_data() { rdtest::addBackendRows(); }
    void secondSyncFetchesOnlyWhatIsNew();
    void unreachableGatewayChangesNothing_data() { rdtest::addBackendRows(); }
    void unreachableGatewayChangesNothing();
    void authFailuresExit6_data() { rdtest::addBackendRows(); }
    void authFailuresExit6();
    // SQLite only: it is about a file that a killed process was writing.
    void killedSyncLeavesAnIntactCacheAndResumes();

private:
    // One sandbox and one store per backend, synced once by the first test that needs them
    // (the second sync changes what the sandbox serves, so the backends do not share one).
    struct Mirror
    {
        explicit Mirror(rdtest::Backend backend) : store(backend) {}
        rdtest::TestStore store;
        SandboxProcess sandbox;
        QString db;
        std::unique_ptr<CliRunner> cli;
    };
    Mirror *mirror();
    QString newStore(const QString &name);
    void addAccount(CliRunner &cli, const QString &name, const QString &dialect, const QString &url,
                    const QString &secret);
    void compareMirror(SandboxProcess &sandbox, const QString &dbPath, const QString &dialect,
                       const QString &account);
    QString makeRefund(Mirror &m, const QString &dialect, const QStringList &newIds,
                       QString *error);

    QTemporaryDir m_dir;
    std::unique_ptr<Mirror> m_mirrors[2];
    rdtest::BackendStores m_stores; // the other tests' stores
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
}

void TestSyncSandbox::init()
{
    if (qstrcmp(QTest::currentTestFunction(), "killedSyncLeavesAnIntactCacheAndResumes") != 0)
        BACKEND_OR_SKIP();
}

TestSyncSandbox::Mirror *TestSyncSandbox::mirror()
{
    auto &slot = m_mirrors[int(rdtest::currentBackend())];
    if (slot)
        return slot.get();
    auto m = std::make_unique<Mirror>(rdtest::currentBackend());
    QString error;
    // 250 per dialect: every list spans several pages.
    if (!m->sandbox.start({QStringLiteral("--invoices"), QStringLiteral("250")}, &error)) {
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        return nullptr;
    }
    m->db = m->store.address(QStringLiteral("mirror"), &error);
    if (m->db.isEmpty()) {
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        return nullptr;
    }
    m->cli = std::make_unique<CliRunner>(m->db);
    for (const QString &d : allDialects)
        addAccount(*m->cli, d, d, m->sandbox.baseUrl(d), SandboxProcess::secret(d));
    const auto r = m->cli->run({QStringLiteral("sync")});
    if (r.exitCode != 0) {
        QTest::qFail(qPrintable(r.err), __FILE__, __LINE__);
        return nullptr;
    }
    for (const QString &d : allDialects) {
        if (!r.out.contains(d + QStringLiteral(": synced"))) {
            QTest::qFail(qPrintable(r.out), __FILE__, __LINE__);
            return nullptr;
        }
    }
    // Not a terminal: plain progress lines, no carriage returns; and nothing but RefundDesk's
    // own lines (no server notices).
    const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        if (line.contains(QLatin1Char('\r')) ||
            !(line.startsWith(QLatin1String("refunddesk-cli:")) ||
              allDialects.contains(line.section(QLatin1Char(':'), 0, 0)))) {
            QTest::qFail(qPrintable(QStringLiteral("unexpected line on stderr: ") + line), __FILE__,
                         __LINE__);
            return nullptr;
        }
    }
    if (!r.err.contains(QLatin1String("stripe: invoices"))) {
        QTest::qFail(qPrintable(r.err), __FILE__, __LINE__);
        return nullptr;
    }
    slot = std::move(m);
    return slot.get();
}

QString TestSyncSandbox::newStore(const QString &name)
{
    return m_stores.address(name);
}

void TestSyncSandbox::firstSyncMirrorsTheSandbox_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("dialect");
    for (const QString &b : backendNames) {
        for (const QString &d : allDialects)
            QTest::newRow(qPrintable(b + QLatin1Char(' ') + d)) << b << d;
    }
}

void TestSyncSandbox::firstSyncMirrorsTheSandbox()
{
    QFETCH(QString, dialect);
    Mirror *m = mirror();
    QVERIFY(m);
    compareMirror(m->sandbox, m->db, dialect, dialect);
    CacheReader cache(m->db);
    QVERIFY(
        !cache
             .scalar(
                 QStringLiteral("SELECT last_sync_at FROM accounts WHERE name = '%1'").arg(dialect))
             .isNull());
    QCOMPARE(cache.integrity(), QStringLiteral("ok"));
}

// Refunds one invoice directly on the sandbox (as if made in the gateway's dashboard) and
// returns its id. Stripe, WooshPay and Chargebee refund an old invoice; ProcessOut a new one
// (it cannot list by time, so a change deep in an old page needs --full, as documented).
QString TestSyncSandbox::makeRefund(Mirror &m, const QString &dialect, const QStringList &newIds,
                                    QString *error)
{
    SandboxMirror api(m.sandbox.baseUrl(dialect), dialect, SandboxProcess::secret(dialect));
    CacheReader cache(m.db);
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
    Mirror *m = mirror();
    QVERIFY(m);
    SandboxProcess &sandbox = m->sandbox;
    CacheReader before(m->db);
    QHash<QString, qint64> invoicesBefore;
    for (const QString &d : allDialects)
        invoicesBefore.insert(d, before
                                     .scalar(QStringLiteral("SELECT COUNT(*) FROM invoices "
                                                            "WHERE account_id = %1")
                                                 .arg(before.accountId(d)))
                                     .toLongLong());
    QHash<QString, QString> refunded;
    for (const QString &d : allDialects) {
        const QStringList created = sandbox.createInvoices(d, 3);
        QCOMPARE(created.size(), 3);
        if (d != QLatin1String("intasend")) {
            QString error;
            refunded.insert(d, makeRefund(*m, d, created, &error));
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }
    QVERIFY(sandbox.resetStats());
    const auto r = m->cli->run({QStringLiteral("sync")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject requests = sandbox.stats().value(QStringLiteral("requests")).toObject();

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

    CacheReader after(m->db);
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
        compareMirror(sandbox, m->db, d, d);

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
    QVERIFY(sandbox.resetStats());
    const auto full = m->cli->run({QStringLiteral("sync"), QStringLiteral("--account"),
                                   QStringLiteral("stripe"), QStringLiteral("--full")});
    QVERIFY2(full.exitCode == 0, qPrintable(full.err));
    const QJsonObject fullRequests = sandbox.stats().value(QStringLiteral("requests")).toObject();
    const int stripeRequests = fullRequests.value(QStringLiteral("stripe")).toInt();
    QVERIFY2(stripeRequests >= int(pages) && stripeRequests <= 6 * int(pages) + 3,
             qPrintable(QStringLiteral("%1 requests for %2 pages").arg(stripeRequests).arg(pages)));
    QCOMPARE(fullRequests.value(QStringLiteral("wooshpay")).toInt(), 0);
    compareMirror(sandbox, m->db, QStringLiteral("stripe"), QStringLiteral("stripe"));
}

void TestSyncSandbox::unreachableGatewayChangesNothing()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--invoices"), QStringLiteral("120")}, &error),
             qPrintable(error));
    const QString db = newStore(QStringLiteral("offline"));
    QVERIFY(!db.isEmpty());
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
    const QByteArray hash = storeDigest(db);
    QVERIFY(!hash.isEmpty());
    r = cli.run({QStringLiteral("sync"), QStringLiteral("--account"), QStringLiteral("Live")});
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.err.contains(QLatin1String("Live")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1String("refunddesk-cli:")), 1);
    QCOMPARE(storeDigest(db), hash);

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
    Mirror *m = mirror();
    QVERIFY(m);
    const QString db = newStore(QStringLiteral("auth"));
    QVERIFY(!db.isEmpty());
    CliRunner cli(db);
    addAccount(cli, QStringLiteral("Wrong"), QStringLiteral("stripe"),
               m->sandbox.baseUrl(QStringLiteral("stripe")), QStringLiteral("sk_test_wrong"));
    auto r = cli.run({QStringLiteral("sync")});
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains(QLatin1String("Wrong")), qPrintable(r.err));
    CacheReader cache(db);
    QCOMPARE(cache.scalar(QStringLiteral("SELECT COUNT(*) FROM invoices")).toInt(), 0);
    QVERIFY(cache.scalar(QStringLiteral("SELECT last_sync_at FROM accounts")).isNull());

    // No secret at all: the message names the variable to set.
    addAccount(cli, QStringLiteral("No Key"), QStringLiteral("wooshpay"),
               m->sandbox.baseUrl(QStringLiteral("wooshpay")), QString());
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
        // A first sync writes without the search triggers (and secondary indexes) and builds
        // them at its end, which this one never reached: its rows are not in the search index.
        QCOMPARE(cache
                     .scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = "
                                            "'trigger' AND name LIKE 'invoices_fts_%'"))
                     .toInt(),
                 0);
    }
    {
        // The next open of the cache notices, puts the triggers and indexes back and rebuilds
        // the search index: it holds every stored row again, and a search finds them.
        Database reopened;
        QVERIFY2(reopened.open(db, Database::OpenMode::Existing, &error), qPrintable(error));
        QSqlQuery q(reopened.connection());
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO invoices_fts(invoices_fts, rank) VALUES "
                                       "('integrity-check', 1)")),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = "
                                      "'trigger' AND name LIKE 'invoices_fts_%'")) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QVERIFY(
            q.exec(QStringLiteral("SELECT gateway_id FROM invoices ORDER BY id DESC LIMIT 1")) &&
            q.next());
        const QString last = q.value(0).toString();
        RecordFilter f;
        f.search = last;
        const SqlWhere w =
            buildWhere(RecordKind::Invoices, f, QStringLiteral("t"), reopened.backend());
        QVERIFY(q.prepare(QStringLiteral("SELECT t.gateway_id FROM invoices t ") + w.clause));
        for (int i = 0; i < w.binds.size(); ++i)
            q.bindValue(i, w.binds.at(i));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QStringList found;
        while (q.next())
            found << q.value(0).toString();
        QCOMPARE(found, QStringList{last});
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
