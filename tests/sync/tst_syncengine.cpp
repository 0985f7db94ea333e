// Unit test of the sync engine's logic against an in-memory gateway: batching, watermarks and
// cursors per filter mode, early stop on known pages (also on objects accepted earlier in the
// same run and not written yet), invoice re-reads after refunds, failure and cancel leaving
// the cache consistent, a failing write failing the sync, resume, and the outbox left alone.
// Every test runs on a SQLite cache and on a PostgreSQL team database.
#include "fakegateway.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "store/syncstaterepository.h"
#include "sync/syncengine.h"
#include "testbackend.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace rd;
using rdtest::FakeData;
using rdtest::FakeFilter;
using rdtest::FakeGateway;

Q_DECLARE_METATYPE(rdtest::FakeFilter)

namespace {

const qint64 baseTime = 1700000000;

Invoice makeInvoice(int n, qint64 refunded = 0)
{
    Invoice inv;
    inv.gatewayId = QStringLiteral("ch_%1").arg(n, 6, 10, QLatin1Char('0'));
    inv.customer = QStringLiteral("Customer %1").arg(n);
    inv.amount = Money(1000 + n, n % 3 == 0 ? u"EUR" : u"USD");
    inv.amountRefunded = Money(refunded, inv.amount.currency());
    inv.gatewayStatus = QStringLiteral("succeeded");
    inv.status = CommonStatus::Succeeded;
    inv.createdAt = QDateTime::fromSecsSinceEpoch(baseTime + n * 60, Qt::UTC);
    return inv;
}

Refund makeRefund(int n, const Invoice &of, qint64 createdAt)
{
    Refund r;
    r.gatewayId = QStringLiteral("re_%1").arg(n, 6, 10, QLatin1Char('0'));
    r.invoiceId = of.gatewayId;
    r.amount = Money(100, of.amount.currency());
    r.gatewayStatus = QStringLiteral("succeeded");
    r.status = CommonStatus::Succeeded;
    r.metadata.insert(QStringLiteral("k"), QStringLiteral("v%1").arg(n));
    r.createdAt = QDateTime::fromSecsSinceEpoch(createdAt, Qt::UTC);
    return r;
}

Chargeback makeChargeback(int n, const Invoice &of)
{
    Chargeback c;
    c.gatewayId = QStringLiteral("dp_%1").arg(n, 6, 10, QLatin1Char('0'));
    c.invoiceId = of.gatewayId;
    c.amount = of.amount;
    c.reason = QStringLiteral("fraudulent");
    c.gatewayStatus = QStringLiteral("needs_response");
    c.createdAt = of.createdAt.addSecs(30);
    return c;
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void init();
    void cleanup();
    void firstSyncStoresEverythingInPages_data();
    void firstSyncStoresEverythingInPages();
    void secondSyncFetchesOnlyWhatIsNew_data();
    void secondSyncFetchesOnlyWhatIsNew();
    void refundOnOldInvoiceRereadsIt();
    void fullIgnoresWatermarks();
    void unreachableChangesNothing();
    void failureMidwayKeepsCommittedPagesAndResumes_data();
    void failureMidwayKeepsCommittedPagesAndResumes();
    void cancelStopsAndKeepsTheCacheConsistent();
    void cancelDoesNotWaitForASilentGateway();
    void unsupportedKindIsSkipped();
    void scanStopsOnAPageAcceptedEarlierInTheRun();
    void failingWriteFailsTheSync();
    void oneFailingAccountDoesNotStopTheOthers();
    void outboxIsNeverTouched();
    void stateRepositoryRoundTrip();

private:
    void seed(FakeData &data, int invoices);
    bool sync(const QList<qint64> &ids, bool full, QList<QList<QVariant>> *accountResults = nullptr,
              int *progressSignals = nullptr, bool sideBySide = true);
    qint64 count(const QString &sql);
    qint64 addAccount(const QString &name, const std::shared_ptr<FakeData> &data);

    std::unique_ptr<rdtest::TestStore> m_pgStore; // the one PostgreSQL database, for every test
    QString m_pgPath;
    std::unique_ptr<rdtest::TestStore> m_store; // this test's cache file
    QString m_path;
    std::unique_ptr<Database> m_db;
    QHash<qint64, std::shared_ptr<FakeData>> m_gateways;
    std::shared_ptr<FakeData> m_data;
    qint64 m_account = 0;
};

void TestSyncEngine::init()
{
    BACKEND_OR_SKIP();
    QString error;
    const bool postgres = rdtest::currentBackend() == rdtest::Backend::Postgres;
    // A new cache file for each test; on PostgreSQL one database, emptied for each test (making
    // and migrating a database per test would take most of the suite's time).
    if (!postgres || m_pgPath.isEmpty()) {
        auto &store = postgres ? m_pgStore : m_store;
        store = std::make_unique<rdtest::TestStore>(rdtest::currentBackend());
        m_path = store->address(QStringLiteral("cache"), &error);
        QVERIFY2(!m_path.isEmpty(), qPrintable(error));
        if (postgres)
            m_pgPath = m_path;
    }
    m_path = postgres ? m_pgPath : m_path;
    m_db = std::make_unique<Database>();
    QVERIFY2(m_db->open(m_path, &error), qPrintable(error));
    if (postgres) {
        QSqlQuery q(m_db->connection());
        QVERIFY2(q.exec(QStringLiteral("DROP TRIGGER IF EXISTS test_refuse ON invoices")),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("TRUNCATE accounts, invoices, refunds, chargebacks, "
                                       "sync_state, outbox RESTART IDENTITY CASCADE")),
                 qPrintable(q.lastError().text()));
    }
    m_gateways.clear();
    m_data = std::make_shared<FakeData>();
    m_account = addAccount(QStringLiteral("Main"), m_data);
}

void TestSyncEngine::cleanup()
{
    // The connection goes before its database is dropped.
    m_db.reset();
    m_store.reset();
}

qint64 TestSyncEngine::addAccount(const QString &name, const std::shared_ptr<FakeData> &data)
{
    QString error;
    const auto account = AccountRepository(*m_db).add(
        name, Dialect::Stripe, QStringLiteral("http://127.0.0.1:1/stripe"), &error);
    if (!account)
        qFatal("cannot add an account");
    m_gateways.insert(account->id, data);
    return account->id;
}

void TestSyncEngine::seed(FakeData &data, int invoices)
{
    for (int n = 1; n <= invoices; ++n) {
        data.invoices << makeInvoice(n, n % 4 == 0 ? 100 : 0);
        if (n % 4 == 0)
            data.refunds << makeRefund(n, data.invoices.last(), baseTime + n * 60 + 10);
        if (n % 10 == 0)
            data.chargebacks << makeChargeback(n, data.invoices.last());
    }
}

bool TestSyncEngine::sync(const QList<qint64> &ids, bool full, QList<QList<QVariant>> *results,
                          int *progressSignals, bool sideBySide)
{
    SyncEngine engine(m_path);
    engine.setSideBySide(sideBySide);
    const auto gateways = m_gateways;
    engine.setGatewayFactory(
        [gateways](const Account &a, const QString &secret, QObject *parent, QString *) {
            return secret == QLatin1String("s3cret") ? new FakeGateway(gateways.value(a.id), parent)
                                                     : nullptr;
        });
    QHash<qint64, QString> secrets;
    for (const qint64 id : ids)
        secrets.insert(id, QStringLiteral("s3cret"));
    QSignalSpy accountSpy(&engine, &SyncEngine::accountFinished);
    QSignalSpy progressSpy(&engine, &SyncEngine::progress);
    const bool ok = engine.runBlocking(ids, full, secrets);
    if (results) {
        results->clear();
        for (const auto &args : std::as_const(accountSpy))
            results->append(args);
    }
    if (progressSignals)
        *progressSignals = int(progressSpy.size());
    return ok;
}

qint64 TestSyncEngine::count(const QString &sql)
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

void TestSyncEngine::firstSyncStoresEverythingInPages_data()
{
    QTest::addColumn<FakeFilter>("filter");
    QTest::addRow("created filter") << FakeFilter::Created;
    QTest::addRow("updated filter") << FakeFilter::Updated;
    QTest::addRow("no filter") << FakeFilter::None;
}

void TestSyncEngine::firstSyncStoresEverythingInPages()
{
    QFETCH(FakeFilter, filter);
    m_data->filter = filter;
    seed(*m_data, 250);
    int progress = 0;
    QList<QList<QVariant>> results;
    QVERIFY(sync({m_account}, false, &results, &progress));
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().at(1).toBool(), true);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 250);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds")), 62);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM chargebacks")), 25);
    QCOMPARE(count(QStringLiteral("SELECT SUM(amount) FROM invoices WHERE currency = 'EUR'")), [] {
        qint64 sum = 0;
        for (int n = 3; n <= 250; n += 3)
            sum += 1000 + n;
        return sum;
    }());
    QCOMPARE(count(QStringLiteral("SELECT SUM(amount_refunded) FROM invoices")), 62 * 100);
    // 3 invoice pages, 1 refund page, 1 chargeback page; no invoice was re-read on a first sync.
    QCOMPARE(progress, 5);
    QCOMPARE(m_data->requests, 5);
    QCOMPARE(m_data->retrieves, 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_state WHERE complete = 1 AND "
                                  "cursor = ''")),
             3);
    const auto account = AccountRepository(*m_db).findById(m_account);
    QVERIFY(account && account->lastSyncAt.isValid());
}

void TestSyncEngine::secondSyncFetchesOnlyWhatIsNew_data()
{
    QTest::addColumn<FakeFilter>("filter");
    QTest::addColumn<int>("invoiceRequests");
    // Created: one filtered page. Updated: one filtered page. No filter: the first page holds
    // the 3 new ones, the second is all known, so the scan stops there.
    QTest::addRow("created filter") << FakeFilter::Created << 1;
    QTest::addRow("updated filter") << FakeFilter::Updated << 1;
    QTest::addRow("no filter") << FakeFilter::None << 2;
}

void TestSyncEngine::secondSyncFetchesOnlyWhatIsNew()
{
    QFETCH(FakeFilter, filter);
    QFETCH(int, invoiceRequests);
    m_data->filter = filter;
    seed(*m_data, 450);
    QVERIFY(sync({m_account}, false));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int n = 0; n < 3; ++n) {
        Invoice inv = makeInvoice(1000 + n);
        inv.createdAt = QDateTime::fromSecsSinceEpoch(now + n, Qt::UTC);
        m_data->invoices << inv;
        m_data->updatedAt.insert(inv.gatewayId, now + n);
    }
    m_data->requests = 0;
    m_data->listRequests.clear();
    QVERIFY(sync({m_account}, false));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 453);
    QCOMPARE(m_data->listRequests.size(), invoiceRequests + 2);
    QCOMPARE(m_data->retrieves, 0);
    const ListRequest first = m_data->listRequests.first();
    QCOMPARE(first.createdSince.isValid(), filter == FakeFilter::Created);
    QCOMPARE(first.updatedSince.isValid(), filter == FakeFilter::Updated);
    if (filter == FakeFilter::Created)
        QCOMPARE(first.createdSince.toSecsSinceEpoch(), baseTime + 450 * 60);
}

void TestSyncEngine::refundOnOldInvoiceRereadsIt()
{
    seed(*m_data, 120);
    QVERIFY(sync({m_account}, false));
    // A refund made today on invoice 7: the gateway's invoice now says 300 refunded.
    m_data->invoices[6].amountRefunded = Money(300, m_data->invoices[6].amount.currency());
    m_data->refunds << makeRefund(9000, m_data->invoices[6], QDateTime::currentSecsSinceEpoch());
    m_data->requests = 0;
    m_data->retrieves = 0;
    QVERIFY(sync({m_account}, false));
    QCOMPARE(m_data->retrieves, 1);
    QCOMPARE(m_data->requests, 4); // invoices, refunds, the re-read, chargebacks
    QCOMPARE(count(QStringLiteral("SELECT amount_refunded FROM invoices WHERE gateway_id = "
                                  "'ch_000007'")),
             300);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE gateway_id = "
                                  "'re_009000'")),
             1);
}

void TestSyncEngine::fullIgnoresWatermarks()
{
    seed(*m_data, 150);
    QVERIFY(sync({m_account}, false));
    m_data->listRequests.clear();
    QVERIFY(sync({m_account}, true));
    QCOMPARE(m_data->listRequests.size(), 4);
    for (const ListRequest &r : std::as_const(m_data->listRequests))
        QVERIFY(!r.createdSince.isValid());
}

void TestSyncEngine::unreachableChangesNothing()
{
    seed(*m_data, 150);
    QVERIFY(sync({m_account}, false));
    const qint64 lastSync = count(QStringLiteral("SELECT last_sync_at FROM accounts"));
    const qint64 states =
        count(QStringLiteral("SELECT SUM(updated_at + watermark) FROM sync_state"));
    m_data->invoices << makeInvoice(5000);
    m_data->failAfter = 0;
    QList<QList<QVariant>> results;
    QVERIFY(!sync({m_account}, false, &results));
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().at(1).toBool(), false);
    QCOMPARE(results.first().at(3).toInt(), int(GatewayError::Kind::Network));
    QVERIFY(results.first().at(2).toString().contains(QLatin1String("connection refused")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 150);
    QCOMPARE(count(QStringLiteral("SELECT last_sync_at FROM accounts")), lastSync);
    QCOMPARE(count(QStringLiteral("SELECT SUM(updated_at + watermark) FROM sync_state")), states);
}

void TestSyncEngine::failureMidwayKeepsCommittedPagesAndResumes_data()
{
    QTest::addColumn<bool>("sideBySide");
    QTest::addColumn<int>("committed"); // invoices stored before the third request failed
    // One after another, the third request is the invoices' third page; side by side, the
    // three lists' first requests go out together and the third is the chargebacks' first.
    QTest::newRow("one list after another") << false << 200;
    QTest::newRow("lists side by side") << true << 100;
}

void TestSyncEngine::failureMidwayKeepsCommittedPagesAndResumes()
{
    QFETCH(bool, sideBySide);
    QFETCH(int, committed);
    seed(*m_data, 450);
    m_data->failAfter = 2;
    QVERIFY(!sync({m_account}, false, nullptr, nullptr, sideBySide));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), committed);
    QCOMPARE(count(QStringLiteral("SELECT last_sync_at IS NULL FROM accounts")), 1);
    SyncState state;
    QVERIFY(SyncStateRepository(*m_db).load(m_account, RecordKind::Invoices, &state, nullptr));
    QVERIFY(!state.cursor.isEmpty());
    QVERIFY(!state.complete);

    m_data->failAfter = -1;
    m_data->listRequests.clear();
    QVERIFY(sync({m_account}, false, nullptr, nullptr, sideBySide));
    QCOMPARE(m_data->listRequests.first().cursor, QString::number(committed));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 450);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds")), 112);
    QCOMPARE(m_data->retrieves, 0);
}

void TestSyncEngine::cancelStopsAndKeepsTheCacheConsistent()
{
    seed(*m_data, 1000);
    SyncEngine engine(m_path);
    auto data = m_data;
    engine.setGatewayFactory([data](const Account &, const QString &, QObject *parent, QString *) {
        return new FakeGateway(data, parent);
    });
    QList<QVariant> result;
    connect(&engine, &SyncEngine::progress, &engine, [&engine] { engine.cancel(); });
    connect(&engine, &SyncEngine::accountFinished, &engine,
            [&result](qint64, bool ok, const QString &message, int kind) {
                result = {ok, message, kind};
            });
    QVERIFY(!engine.runBlocking({m_account}, false, {{m_account, QStringLiteral("x")}}));
    QCOMPARE(result.value(0).toBool(), false);
    QCOMPARE(result.value(2).toInt(), int(SyncFailureCanceled));
    const qint64 stored = count(QStringLiteral("SELECT COUNT(*) FROM invoices"));
    QVERIFY(stored > 0 && stored < 1000);
    QCOMPARE(stored % 100, 0); // whole pages only
    QCOMPARE(count(QStringLiteral("SELECT last_sync_at IS NULL FROM accounts")), 1);
}

void TestSyncEngine::cancelDoesNotWaitForASilentGateway()
{
    seed(*m_data, 300);
    m_data->hangAfter = 1;
    SyncEngine engine(m_path);
    auto data = m_data;
    engine.setGatewayFactory([data](const Account &, const QString &, QObject *parent, QString *) {
        return new FakeGateway(data, parent);
    });
    QSignalSpy progress(&engine, &SyncEngine::progress);
    QSignalSpy accounts(&engine, &SyncEngine::accountFinished);
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start({m_account}, false, {{m_account, QStringLiteral("x")}});
    QVERIFY(engine.isRunning());
    QVERIFY(progress.wait(10000));
    engine.cancel();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.first().at(3).toInt(), int(SyncFailureCanceled));
    QVERIFY(!engine.isRunning());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 100);
}

void TestSyncEngine::unsupportedKindIsSkipped()
{
    seed(*m_data, 50);
    m_data->chargebacksUnsupported = true;
    QVERIFY(sync({m_account}, false));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM chargebacks")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 50);
}

void TestSyncEngine::scanStopsOnAPageAcceptedEarlierInTheRun()
{
    // A list without a time filter: an incremental pass stops after the first page whose
    // objects the cache already holds unchanged.
    m_data->filter = FakeFilter::None;
    seed(*m_data, 450);
    QVERIFY(sync({m_account}, false));
    // 100 new invoices: exactly the first page of the next pass.
    for (int n = 1000; n < 1100; ++n)
        m_data->invoices << makeInvoice(n);
    // While that first page is on its way, one more arrives at the top, so the second page
    // starts with the last invoice of the first: accepted in this run, not written yet (a
    // batch is written at 5,000 objects or at the end of the pass), followed by 99 the cache
    // holds. That page is known, so the pass stops there instead of reading a third.
    m_data->requests = 0;
    m_data->listRequests.clear();
    m_data->afterListRequest = [](FakeData &data) {
        if (data.requests == 1)
            data.invoices << makeInvoice(2000);
    };
    QVERIFY(sync({m_account}, false));
    // Invoices: two pages; refunds and chargebacks: their first page is known.
    QCOMPARE(m_data->listRequests.size(), 4);
    QCOMPARE(m_data->listRequests.at(0).cursor, QString());
    QCOMPARE(m_data->listRequests.last().cursor, QStringLiteral("100"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 550);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE gateway_id = "
                                  "'ch_001099'")),
             1);
}

void TestSyncEngine::failingWriteFailsTheSync()
{
    seed(*m_data, 450);
    // The store refuses one invoice, as a full disk or a lost server would refuse a batch.
    QSqlQuery q(m_db->connection());
    if (m_db->isPostgres()) {
        QVERIFY2(q.exec(QStringLiteral(
                     "CREATE OR REPLACE FUNCTION test_refuse() RETURNS trigger AS $$ BEGIN IF "
                     "NEW.gateway_id = 'ch_000007' THEN RAISE EXCEPTION 'the store refused "
                     "ch_000007'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER test_refuse BEFORE INSERT ON invoices FOR "
                                       "EACH ROW EXECUTE FUNCTION test_refuse()")),
                 qPrintable(q.lastError().text()));
    } else {
        QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER test_refuse BEFORE INSERT ON invoices "
                                       "WHEN NEW.gateway_id = 'ch_000007' BEGIN SELECT "
                                       "RAISE(ABORT, 'the store refused ch_000007'); END")),
                 qPrintable(q.lastError().text()));
    }
    QList<QList<QVariant>> results;
    QVERIFY(!sync({m_account}, false, &results));
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().at(1).toBool(), false);
    QCOMPARE(results.first().at(3).toInt(), int(SyncFailureCache));
    const QString message = results.first().at(2).toString();
    QVERIFY2(message.contains(QLatin1String("the store refused ch_000007")), qPrintable(message));
    // The invoices' one batch and its resume point are both missing; the sync time too.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_state WHERE object = 'invoices'")), 0);
    QCOMPARE(count(QStringLiteral("SELECT last_sync_at IS NULL FROM accounts")), 1);

    QVERIFY2(q.exec(QStringLiteral("DROP TRIGGER test_refuse%1")
                        .arg(m_db->isPostgres() ? QStringLiteral(" ON invoices") : QString())),
             qPrintable(q.lastError().text()));
    QVERIFY(sync({m_account}, false));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 450);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds")), 112);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_state WHERE complete = 1")), 3);
    QCOMPARE(count(QStringLiteral("SELECT last_sync_at IS NULL FROM accounts")), 0);
}

void TestSyncEngine::oneFailingAccountDoesNotStopTheOthers()
{
    seed(*m_data, 50);
    auto broken = std::make_shared<FakeData>();
    seed(*broken, 50);
    broken->failAfter = 0;
    broken->failKind = GatewayError::Kind::Auth;
    const qint64 other = addAccount(QStringLiteral("Broken"), broken);
    QList<QList<QVariant>> results;
    QVERIFY(!sync({m_account, other}, false, &results));
    QCOMPARE(results.size(), 2);
    QHash<qint64, int> kinds;
    for (const auto &r : std::as_const(results))
        kinds.insert(r.at(0).toLongLong(), r.at(1).toBool() ? 0 : r.at(3).toInt());
    QCOMPARE(kinds.value(m_account), 0);
    QCOMPARE(kinds.value(other), int(GatewayError::Kind::Auth));
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE account_id = %1").arg(m_account)),
        50);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE account_id = %1").arg(other)), 0);
}

void TestSyncEngine::outboxIsNeverTouched()
{
    seed(*m_data, 20);
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(
        QStringLiteral(
            "INSERT INTO outbox (operation_id, account_id, kind, invoice_id, amount, currency, "
            "idempotency_key, state, created_at, updated_at) VALUES ('op-1', %1, 'refund', "
            "'ch_000004', 50, 'USD', 'key-1', 'unknown', 1, 1)")
            .arg(m_account)));
    // The gateway now shows a refund carrying that operation id: the cache learns the refund,
    // but the open outbox entry is left for reconciliation to close.
    Refund r = makeRefund(77, m_data->invoices[3], baseTime);
    r.operationId = QStringLiteral("op-1");
    m_data->refunds << r;
    QVERIFY(sync({m_account}, false));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'unknown' AND "
                                  "updated_at = 1 AND result_id = ''")),
             1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE operation_id = 'op-1'")), 1);
}

void TestSyncEngine::stateRepositoryRoundTrip()
{
    SyncStateRepository repo(*m_db);
    SyncState state;
    QString error;
    QVERIFY2(repo.load(m_account, RecordKind::Refunds, &state, &error), qPrintable(error));
    QCOMPARE(state.accountId, m_account);
    QVERIFY(!state.complete);
    QVERIFY(state.cursor.isEmpty());
    QVERIFY(!state.updatedAt.isValid() || state.updatedAt.toSecsSinceEpoch() == 0);

    state.cursor = QStringLiteral("{\"cursor\":\"re_1\"}");
    state.watermark = 1700000123;
    state.complete = true;
    QVERIFY2(repo.save(state, &error), qPrintable(error));
    SyncState back;
    QVERIFY(repo.load(m_account, RecordKind::Refunds, &back, &error));
    QCOMPARE(back.cursor, state.cursor);
    QCOMPARE(back.watermark, state.watermark);
    QCOMPARE(back.complete, true);
    QVERIFY(back.updatedAt.isValid());
    // Other kinds are separate rows.
    QVERIFY(repo.load(m_account, RecordKind::Invoices, &back, &error));
    QCOMPARE(back.watermark, 0);

    QVERIFY(repo.reset(m_account, &error));
    QVERIFY(repo.load(m_account, RecordKind::Refunds, &back, &error));
    QCOMPARE(back.complete, false);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_state")), 0);
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
