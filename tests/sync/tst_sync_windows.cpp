// Syncs that read a list in time windows by `created` (Stripe, WooshPay, Chargebee), against
// the real sandbox over HTTP: the cache they leave is row for row the one a one-at-a-time sync
// leaves, for every dialect (ProcessOut and IntaSend have no windows and must stay right);
// objects sharing the second a window is cut at are read exactly once, on a first sync and on
// an incremental one; and a windowed sync cut short by the gateway failing stores a resume
// point whose windows hold exactly what is not cached yet, then resumes to the same cache.
#include "gateway/gatewayfactory.h"
#include "sandboxprocess.h"
#include "sandboxwindows.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "sync/syncengine.h"
#include "tablecontent.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace rd;
using rdtest::columnsExcept;
using rdtest::ListedInvoice;
using rdtest::rows;
using rdtest::SandboxMirror;
using rdtest::SandboxProcess;

namespace {

const QStringList allDialects = {QStringLiteral("stripe"), QStringLiteral("wooshpay"),
                                 QStringLiteral("chargebee"), QStringLiteral("processout"),
                                 QStringLiteral("intasend")};

// Small pages, so a few hundred invoices make dozens of pages and many windows.
constexpr int kPageSize = 10;

struct SyncRun
{
    bool ok = false;
    QString message;
    QHash<QString, qint64> fetched; // per list, in this run
};

} // namespace

class TestSyncWindows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void windowedSyncLeavesTheSameCacheAsOneAtATime_data();
    void windowedSyncLeavesTheSameCacheAsOneAtATime();
    void objectsOnTheEdgeSecondAreReadOnce_data();
    void objectsOnTheEdgeSecondAreReadOnce();
    void interruptedWindowedSyncResumesToTheSameCache_data();
    void interruptedWindowedSyncResumesToTheSameCache();

private:
    // A new cache at `path` with one account of `dialect` on `sandbox`; its id, 0 on failure.
    static qint64 addAccount(const QString &path, SandboxProcess &sandbox, const QString &dialect);
    // One sync of the account; `onProgress` sees every progress report.
    static SyncRun sync(const QString &path, qint64 accountId, const QString &dialect,
                        bool sideBySide, int maxAttempts,
                        const std::function<void(const SyncProgress &)> &onProgress = {});
    // Compares the two caches' records and sync state (see the first test).
    static void compareCaches(const QString &expectedPath, const QString &actualPath,
                              const QString &dialect);
    QString serialPath(const QString &dialect) const
    {
        return m_dir.filePath(QStringLiteral("serial-%1.sqlite3").arg(dialect));
    }

    QTemporaryDir m_dir;
    SandboxProcess m_sandbox;
};

void TestSyncWindows::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    // 400 invoices a dialect: 40 invoice pages of 10, refunds and disputes several pages too.
    QVERIFY2(m_sandbox.start({QStringLiteral("--invoices"), QStringLiteral("400")}, &error),
             qPrintable(error));
    // A little latency, so several requests really are in flight at once.
    QVERIFY(m_sandbox.armFaults({{QStringLiteral("latency_ms"), 5}}));
}

qint64 TestSyncWindows::addAccount(const QString &path, SandboxProcess &sandbox,
                                   const QString &dialect)
{
    Database db;
    QString error;
    if (!db.open(path, &error))
        return 0;
    const auto account = AccountRepository(db).add(dialect, *dialectFromName(dialect),
                                                   sandbox.baseUrl(dialect), &error);
    return account ? account->id : 0;
}

SyncRun TestSyncWindows::sync(const QString &path, qint64 accountId, const QString &dialect,
                              bool sideBySide, int maxAttempts,
                              const std::function<void(const SyncProgress &)> &onProgress)
{
    SyncEngine engine(path);
    engine.setSideBySide(sideBySide);
    engine.setPageSize(kPageSize);
    engine.setGatewayFactory([maxAttempts](const Account &account, const QString &secret,
                                           QObject *parent, QString *) -> Gateway * {
        HttpClient::Options options;
        options.retry.maxAttempts = maxAttempts;
        options.retry.baseDelayMs = 20;
        return createGateway(account, secret, options, parent).release();
    });
    SyncRun run;
    QObject::connect(&engine, &SyncEngine::progress, &engine,
                     [&run, &onProgress](const SyncProgress &p) {
                         run.fetched[p.object] = std::max(run.fetched.value(p.object), p.fetched);
                         if (onProgress)
                             onProgress(p);
                     });
    bool finished = false;
    QObject::connect(&engine, &SyncEngine::accountFinished, &engine,
                     [&run, &finished](qint64, bool ok, const QString &message, int) {
                         run.ok = ok;
                         run.message = message;
                         finished = true;
                     });
    engine.runBlocking({accountId}, false, {{accountId, SandboxProcess::secret(dialect)}});
    if (!finished)
        run.message = QStringLiteral("the account never finished");
    return run;
}

void TestSyncWindows::compareCaches(const QString &expectedPath, const QString &actualPath,
                                    const QString &dialect)
{
    Database a;
    Database b;
    QString error;
    QVERIFY2(a.open(expectedPath, &error), qPrintable(error));
    QVERIFY2(b.open(actualPath, &error), qPrintable(error));
    QStringList stateSkip{QStringLiteral("updated_at")};
    // Where the incremental watermark is the local time a pass began (Chargebee's update-time
    // filter), it differs between two runs.
    if (dialect == QLatin1String("chargebee"))
        stateSkip << QStringLiteral("watermark");
    const QList<std::pair<QString, QStringList>> tables = {
        {QStringLiteral("invoices"), {QStringLiteral("id"), QStringLiteral("synced_at")}},
        {QStringLiteral("refunds"), {QStringLiteral("id"), QStringLiteral("synced_at")}},
        {QStringLiteral("chargebacks"), {QStringLiteral("id"), QStringLiteral("synced_at")}},
        {QStringLiteral("sync_state"), stateSkip},
    };
    for (const auto &[table, skip] : tables) {
        const QString sql =
            QStringLiteral("SELECT %1 FROM %2").arg(columnsExcept(a, table, skip), table);
        const QStringList expected = rows(a, sql);
        const QStringList actual = rows(b, sql);
        QCOMPARE(actual.size(), expected.size());
        QCOMPARE(actual, expected);
    }
    // Every list finished: no resume point left behind.
    QCOMPARE(rows(b, QStringLiteral("SELECT COUNT(*) FROM sync_state WHERE cursor <> '' OR "
                                    "complete = 0")),
             QStringList{QStringLiteral("0")});
}

void TestSyncWindows::windowedSyncLeavesTheSameCacheAsOneAtATime_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : allDialects)
        QTest::newRow(qPrintable(d)) << d;
}

void TestSyncWindows::windowedSyncLeavesTheSameCacheAsOneAtATime()
{
    QFETCH(QString, dialect);
    const QString serial = serialPath(dialect);
    const QString windowed = m_dir.filePath(QStringLiteral("windowed-%1.sqlite3").arg(dialect));
    const qint64 serialId = addAccount(serial, m_sandbox, dialect);
    const qint64 windowedId = addAccount(windowed, m_sandbox, dialect);
    QVERIFY(serialId > 0 && windowedId > 0);

    const SyncRun one = sync(serial, serialId, dialect, false, 4);
    QVERIFY2(one.ok, qPrintable(one.message));
    const SyncRun many = sync(windowed, windowedId, dialect, true, 4);
    QVERIFY2(many.ok, qPrintable(many.message));
    // Each object read once: the windows neither overlap nor leave a gap.
    QCOMPARE(many.fetched, one.fetched);
    QVERIFY(one.fetched.value(QStringLiteral("invoices")) >= 400);
    compareCaches(serial, windowed, dialect);
    if (QTest::currentTestFailed())
        return;

    // The next sync of each is incremental and still agrees.
    const SyncRun two = sync(serial, serialId, dialect, false, 4);
    QVERIFY2(two.ok, qPrintable(two.message));
    const SyncRun again = sync(windowed, windowedId, dialect, true, 4);
    QVERIFY2(again.ok, qPrintable(again.message));
    compareCaches(serial, windowed, dialect);
}

void TestSyncWindows::objectsOnTheEdgeSecondAreReadOnce_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : allDialects) {
        if (rdtest::hasCreatedWindows(d))
            QTest::newRow(qPrintable(d)) << d;
    }
}

void TestSyncWindows::objectsOnTheEdgeSecondAreReadOnce()
{
    QFETCH(QString, dialect);
    // A sandbox of its own: bursts of 40 invoices made in one request share their `created`
    // second, and a few bursts a second apart are the newest pages. A page of ten from one
    // burst spans no time, so the windows below it are cut at whole seconds right at and
    // between the bursts: every edge falls on a second full of objects.
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--invoices"), QStringLiteral("30")}, &error),
             qPrintable(error));
    auto bursts = [&sandbox, &dialect](int n) {
        for (int i = 0; i < n; ++i) {
            if (i > 0)
                QTest::qWait(1100); // the next burst in the next second
            if (sandbox.createInvoices(dialect, 40).size() != 40)
                return false;
        }
        return true;
    };
    SandboxMirror mirror(sandbox.baseUrl(dialect), dialect, SandboxProcess::secret(dialect));
    auto listAll = [&](QList<ListedInvoice> *all) {
        return rdtest::listInvoiceWindow(mirror, dialect, 0, 0, QString(), all, &error);
    };
    auto cachedIds = [](const QString &path) {
        Database db;
        QString why;
        if (!db.open(path, &why))
            return QStringList{why};
        return rows(db, QStringLiteral("SELECT gateway_id FROM invoices"));
    };
    auto idsOf = [](const QList<ListedInvoice> &list) {
        QStringList ids;
        for (const ListedInvoice &i : list)
            ids << i.id;
        ids.sort();
        return ids;
    };

    QVERIFY(bursts(4));
    QList<ListedInvoice> all;
    QVERIFY2(listAll(&all), qPrintable(error));
    QCOMPARE(all.size(), 30 + 160);
    const QString path = m_dir.filePath(QStringLiteral("edges-%1.sqlite3").arg(dialect));
    const qint64 id = addAccount(path, sandbox, dialect);
    QVERIFY(id > 0);
    // A first sync: no lower bound, windows of doubling width below the first page.
    const SyncRun first = sync(path, id, dialect, true, 4);
    QVERIFY2(first.ok, qPrintable(first.message));
    QCOMPARE(first.fetched.value(QStringLiteral("invoices")), qint64(all.size()));
    QCOMPARE(cachedIds(path), idsOf(all));

    qint64 watermark = 0;
    for (const ListedInvoice &i : std::as_const(all))
        watermark = std::max(watermark, i.created);
    QTest::qWait(1100);
    QVERIFY(bursts(3));
    all.clear();
    QVERIFY2(listAll(&all), qPrintable(error));
    QCOMPARE(all.size(), 30 + 160 + 120);
    // An incremental sync: the window [watermark, now) is cut evenly, at the bursts' seconds.
    const SyncRun second = sync(path, id, dialect, true, 4);
    QVERIFY2(second.ok, qPrintable(second.message));
    QCOMPARE(cachedIds(path), idsOf(all));
    if (dialect != QLatin1String("chargebee")) {
        // created >= the watermark: the last burst of the first round again, and the new ones.
        qint64 expected = 0;
        for (const ListedInvoice &i : std::as_const(all))
            expected += i.created >= watermark ? 1 : 0;
        QVERIFY(expected >= 160);
        QCOMPARE(second.fetched.value(QStringLiteral("invoices")), expected);
    }
}

void TestSyncWindows::interruptedWindowedSyncResumesToTheSameCache_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : allDialects)
        QTest::newRow(qPrintable(d)) << d;
}

void TestSyncWindows::interruptedWindowedSyncResumesToTheSameCache()
{
    QFETCH(QString, dialect);
    QVERIFY2(QFile::exists(serialPath(dialect)), "needs the one-at-a-time cache of the first test");
    const QString path = m_dir.filePath(QStringLiteral("interrupted-%1.sqlite3").arg(dialect));
    const qint64 id = addAccount(path, m_sandbox, dialect);
    QVERIFY(id > 0);

    // Once ten invoice pages are in, every request of this dialect fails with 500: the sync
    // stops part-way, as when a gateway goes down. More latency leaves the sync time to be
    // stopped well before its end.
    QVERIFY(m_sandbox.armFaults({{QStringLiteral("latency_ms"), 40}}));
    bool armed = false;
    const SyncRun cut = sync(path, id, dialect, true, 1, [&](const SyncProgress &p) {
        if (!armed && p.object == QLatin1String("invoices") && p.fetched >= 10 * kPageSize) {
            armed = true;
            m_sandbox.armFaults(
                {{QStringLiteral("fail"),
                  QJsonObject{{QStringLiteral("status"), 500}, {QStringLiteral("count"), 1000000}}},
                 {QStringLiteral("dialect"), dialect}});
        }
    });
    QVERIFY(m_sandbox.clearFaults());
    QVERIFY(m_sandbox.armFaults({{QStringLiteral("latency_ms"), 5}}));
    QVERIFY(armed);
    QVERIFY2(!cut.ok, "the sync finished before the gateway failed");

    {
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        const QStringList invoices = rows(db, QStringLiteral("SELECT COUNT(*) FROM invoices"));
        QVERIFY2(invoices.value(0).toLongLong() > 0 && invoices.value(0).toLongLong() < 400,
                 qPrintable(invoices.join(QLatin1Char(' '))));
        if (rdtest::hasCreatedWindows(dialect)) {
            SandboxMirror mirror(m_sandbox.baseUrl(dialect), dialect,
                                 SandboxProcess::secret(dialect));
            int walks = 0;
            QVERIFY2(rdtest::resumePointCoversTheRest(db.connection(), id, mirror, dialect, &walks,
                                                      &error),
                     qPrintable(error));
            // The list really was being read in several windows.
            QVERIFY2(walks > 1, qPrintable(QString::number(walks)));
        } else {
            // One walk over the whole list, no window.
            const QStringList cursor =
                rows(db, QStringLiteral("SELECT cursor FROM sync_state WHERE object = 'invoices'"));
            QCOMPARE(cursor.size(), 1);
            const QJsonArray walks = QJsonDocument::fromJson(cursor.first().toUtf8())
                                         .object()
                                         .value(QStringLiteral("walks"))
                                         .toArray();
            QCOMPARE(walks.size(), 1);
            QCOMPARE(walks.first().toObject().value(QStringLiteral("to")).toInteger(), 0);
        }
    }

    const SyncRun resumed = sync(path, id, dialect, true, 4);
    QVERIFY2(resumed.ok, qPrintable(resumed.message));
    compareCaches(serialPath(dialect), path, dialect);
}

QTEST_GUILESS_MAIN(TestSyncWindows)
#include "tst_sync_windows.moc"
