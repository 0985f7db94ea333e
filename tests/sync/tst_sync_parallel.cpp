// Syncs that keep several requests in flight, against the real sandbox over HTTP with latency
// injected: the cache they leave is row for row the one a one-at-a-time sync leaves, every
// table compared; a gateway answering 429 beyond a rate still gets the whole account synced,
// and the account's own ceiling keeps a sync from ever meeting that limit. Every test runs on a
// SQLite cache and on a PostgreSQL team database, and the PostgreSQL cache must be row for row
// the one SQLite holds after the same sync.
#include "gateway/gatewayfactory.h"
#include "sandboxprocess.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "sync/syncengine.h"
#include "tablecontent.h"
#include "testbackend.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace rd;
using rdtest::columnsExcept;
using rdtest::rows;
using rdtest::SandboxProcess;

namespace {

const QStringList allDialects = {QStringLiteral("stripe"), QStringLiteral("wooshpay"),
                                 QStringLiteral("chargebee"), QStringLiteral("processout"),
                                 QStringLiteral("intasend")};

} // namespace

class TestSyncParallel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void initTestCase();
    void init();
    void sideBySideLeavesTheSameCacheAsOneAtATime();
    void tooManyRequestsSlowsDownButSyncsEverything();
    void ceilingKeepsTheSyncUnderTheGatewaysLimit();

private:
    // Syncs every dialect's account into a new cache at `path`; false with a reason.
    bool syncAll(const QString &path, bool sideBySide, int maxRps, int maxAttempts, QString *error);
    // A new, empty store of the current row's backend, kept until the end.
    QString newStore(const QString &name);

    SandboxProcess m_sandbox;
    // Each backend's stores; the side-by-side sync's cache is the later tests' reference.
    rdtest::BackendStores m_stores;
    QString m_parallel[2];
    QString m_serialSqlite; // the one-at-a-time SQLite cache, which PostgreSQL's must equal
};

QString TestSyncParallel::newStore(const QString &name)
{
    return m_stores.address(name);
}

void TestSyncParallel::initTestCase()
{
    QString error;
    // 1,500 per dialect: every list spans several pages, refunds and disputes included.
    QVERIFY2(m_sandbox.start({QStringLiteral("--invoices"), QStringLiteral("1500")}, &error),
             qPrintable(error));
}

void TestSyncParallel::init()
{
    BACKEND_OR_SKIP();
}

bool TestSyncParallel::syncAll(const QString &path, bool sideBySide, int maxRps, int maxAttempts,
                               QString *error)
{
    QList<qint64> ids;
    QHash<qint64, QString> secrets;
    {
        Database db;
        if (!db.open(path, error))
            return false;
        AccountRepository accounts(db);
        for (const QString &d : allDialects) {
            const auto account = accounts.add(d, *dialectFromName(d), m_sandbox.baseUrl(d), error);
            if (!account || (maxRps > 0 && !accounts.setMaxRps(account->id, maxRps, error)))
                return false;
            ids << account->id;
            secrets.insert(account->id, SandboxProcess::secret(d));
        }
    }
    SyncEngine engine(path);
    engine.setSideBySide(sideBySide);
    engine.setGatewayFactory([maxAttempts](const Account &account, const QString &secret,
                                           QObject *parent, QString *) -> Gateway * {
        HttpClient::Options options;
        options.retry.maxAttempts = maxAttempts;
        options.retry.baseDelayMs = 50;
        return createGateway(account, secret, options, parent).release();
    });
    QStringList failures;
    QObject::connect(&engine, &SyncEngine::accountFinished, &engine,
                     [&failures](qint64 id, bool ok, const QString &message, int) {
                         if (!ok)
                             failures << QStringLiteral("account %1: %2").arg(id).arg(message);
                     });
    const bool ok = engine.runBlocking(ids, false, secrets);
    if (!ok || !failures.isEmpty()) {
        *error = failures.join(QStringLiteral("; "));
        return false;
    }
    return true;
}

void TestSyncParallel::sideBySideLeavesTheSameCacheAsOneAtATime()
{
    QVERIFY(m_sandbox.armFaults({{QStringLiteral("latency_ms"), 20}}));
    const QString serial = newStore(QStringLiteral("serial"));
    const QString parallel = newStore(QStringLiteral("parallel"));
    QVERIFY(!serial.isEmpty() && !parallel.isEmpty());
    const int backend = int(rdtest::currentBackend());
    QString error;
    QVERIFY2(syncAll(serial, false, 0, 4, &error), qPrintable(error));
    QVERIFY(m_sandbox.resetStats());
    QVERIFY2(syncAll(parallel, true, 0, 4, &error), qPrintable(error));
    QVERIFY(m_sandbox.clearFaults());
    m_parallel[backend] = parallel;

    Database a;
    Database b;
    QVERIFY2(a.open(serial, &error), qPrintable(error));
    QVERIFY2(b.open(parallel, &error), qPrintable(error));
    const QList<std::pair<QString, QStringList>> tables = {
        {QStringLiteral("accounts"),
         {QStringLiteral("created_at"), QStringLiteral("last_sync_at")}},
        {QStringLiteral("invoices"), {QStringLiteral("id"), QStringLiteral("synced_at")}},
        {QStringLiteral("refunds"), {QStringLiteral("id"), QStringLiteral("synced_at")}},
        {QStringLiteral("chargebacks"), {QStringLiteral("id"), QStringLiteral("synced_at")}},
        // Where invoices are listed by update time (Chargebee) the watermark is the local
        // time the pass began, so only the other dialects' watermarks can be compared.
        {QStringLiteral("sync_state"), {QStringLiteral("updated_at"), QStringLiteral("watermark")}},
        {QStringLiteral("outbox"), {}},
    };
    for (const auto &[table, skip] : tables) {
        const QString sql =
            QStringLiteral("SELECT %1 FROM %2").arg(columnsExcept(a, table, skip), table);
        const QStringList expected = rows(a, sql);
        const QStringList actual = rows(b, sql);
        QVERIFY2(table == QLatin1String("outbox") || expected.size() > 3, qPrintable(table));
        QCOMPARE(actual.size(), expected.size());
        QCOMPARE(actual, expected);
    }
    const QString watermarks = QStringLiteral(
        "SELECT s.account_id, s.object, s.watermark FROM sync_state s JOIN accounts a ON "
        "a.id = s.account_id WHERE a.gateway <> 'chargebee'");
    QVERIFY(rows(a, watermarks).size() >= 12);
    QCOMPARE(rows(b, watermarks), rows(a, watermarks));
    if (a.isPostgres()) {
        // The same rows as the same sync leaves in a SQLite cache, in SQLite's columns (the
        // search column PostgreSQL adds is compared above, between its own two caches).
        Database sqlite;
        QVERIFY2(!m_serialSqlite.isEmpty(), "the SQLite row made no reference cache");
        QVERIFY2(sqlite.open(m_serialSqlite, &error), qPrintable(error));
        for (const auto &[table, skip] : tables) {
            const QString sql =
                QStringLiteral("SELECT %1 FROM %2").arg(columnsExcept(sqlite, table, skip), table);
            const QStringList expected = rows(sqlite, sql);
            QVERIFY2(table == QLatin1String("outbox") || expected.size() > 3, qPrintable(table));
            QCOMPARE(rows(b, sql), expected);
        }
        QCOMPARE(rows(b, watermarks), rows(sqlite, watermarks));
        return;
    }
    m_serialSqlite = serial;
    // The full-text index follows the rows written side by side too.
    for (const QString &table : {QStringLiteral("invoices_fts"), QStringLiteral("refunds_fts")}) {
        const QString sql = QStringLiteral("SELECT COUNT(*) FROM %1").arg(table);
        QCOMPARE(rows(b, sql), rows(a, sql));
    }
    QCOMPARE(rows(b, QStringLiteral("SELECT gateway_id FROM invoices_fts WHERE invoices_fts "
                                    "MATCH 'ch*' ORDER BY gateway_id LIMIT 5")),
             rows(a, QStringLiteral("SELECT gateway_id FROM invoices_fts WHERE invoices_fts "
                                    "MATCH 'ch*' ORDER BY gateway_id LIMIT 5")));
}

void TestSyncParallel::tooManyRequestsSlowsDownButSyncsEverything()
{
    // The gateway allows 5 requests a second per dialect; the account believes it may send 200.
    QVERIFY(m_sandbox.armFaults(
        {{QStringLiteral("rate_limit"),
          QJsonObject{{QStringLiteral("rps"), 5}, {QStringLiteral("retry_after"), 1}}}}));
    QVERIFY(m_sandbox.resetStats());
    const QString path = newStore(QStringLiteral("limited"));
    const QString reference = m_parallel[int(rdtest::currentBackend())];
    QVERIFY2(!reference.isEmpty(), "the side-by-side test made no reference cache");
    QString error;
    QVERIFY2(syncAll(path, true, 200, 12, &error), qPrintable(error));
    const QJsonObject stats = m_sandbox.stats();
    QVERIFY(m_sandbox.clearFaults());
    QVERIFY2(stats.value(QStringLiteral("rate_limited")).toInteger() > 0,
             "the sandbox never had to say 429, so nothing was tested");

    // Everything arrived, the same as the side-by-side sync without a limit.
    Database limited;
    Database parallel;
    QVERIFY2(limited.open(path, &error), qPrintable(error));
    QVERIFY2(parallel.open(reference, &error), qPrintable(error));
    for (const QString &table :
         {QStringLiteral("invoices"), QStringLiteral("refunds"), QStringLiteral("chargebacks")}) {
        const QString sql =
            QStringLiteral("SELECT %1 FROM %2")
                .arg(columnsExcept(parallel, table,
                                   {QStringLiteral("id"), QStringLiteral("synced_at")}),
                     table);
        QCOMPARE(rows(limited, sql), rows(parallel, sql));
    }
}

void TestSyncParallel::ceilingKeepsTheSyncUnderTheGatewaysLimit()
{
    // The same gateway limit, and an account ceiling below it: not a single 429.
    QVERIFY(m_sandbox.armFaults(
        {{QStringLiteral("rate_limit"),
          QJsonObject{{QStringLiteral("rps"), 30}, {QStringLiteral("retry_after"), 1}}},
         {QStringLiteral("dialect"), QStringLiteral("stripe")}}));
    QVERIFY(m_sandbox.resetStats());
    const QString path = newStore(QStringLiteral("ceiling"));
    QString error;
    QVERIFY2(syncAll(path, true, 20, 1, &error), qPrintable(error));
    const QJsonObject stats = m_sandbox.stats();
    QVERIFY(m_sandbox.clearFaults());
    QCOMPARE(stats.value(QStringLiteral("rate_limited")).toInteger(), 0);
    QVERIFY(stats.value(QStringLiteral("requests"))
                .toObject()
                .value(QStringLiteral("stripe"))
                .toInteger() > 10);
}

QTEST_GUILESS_MAIN(TestSyncParallel)
#include "tst_sync_parallel.moc"
