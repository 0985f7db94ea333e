// refunddesk-cli and the cache file, as a real process: --db never creates a cache by
// accident, reports and backups never land on the cache, account names never share a secret,
// a read-only cache is listed by another user, and every failure prints exactly one line.
#include "backgroundwriter.h"
#include "clirunner.h"

#include "domain/records.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using rdtest::CliResult;
using rdtest::CliRunner;

namespace {

QStringList qsl(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *s : items)
        out << QString::fromUtf8(s);
    return out;
}

QStringList errLines(const CliResult &r)
{
    return r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The contract: a failed run prints exactly one line on stderr, a "refunddesk-cli:" line.
bool oneFailureLine(const CliResult &r)
{
    const QStringList lines = errLines(r);
    return lines.size() == 1 && lines.first().startsWith(QLatin1String("refunddesk-cli: "));
}

QByteArray sha(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QString integrity(const QString &path)
{
    const QString name = QStringLiteral("check-%1").arg(qHash(path));
    QString answer;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next())
                answer = q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return answer;
}

} // namespace

class TestCliCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void readCommandOnMissingCacheCreatesNothing_data();
    void readCommandOnMissingCacheCreatesNothing();
    void accountsAddOnlyInAnExistingFolder();
    void emptyDbIsUsage_data();
    void emptyDbIsUsage();
    void exportOverTheCacheRefused_data();
    void exportOverTheCacheRefused();
    void backupIsAConsistentCache();
    void backupWhileAnotherConnectionWrites();
    void nameCollisionRefused_data();
    void nameCollisionRefused();
    void credentialsInBaseUrlRefused();
    void readOnlyCacheListedByAnotherUser_data();
    void readOnlyCacheListedByAnotherUser();
    void oneStderrLinePerFailure_data();
    void oneStderrLinePerFailure();
    void malformedCacheSaysWhatToDo();
    void syncOfSeveralFailingAccountsEndsInOneFailureLine();
    void killedExportLeavesTheOldReport();

private:
    QString db() const { return m_dir->filePath(QStringLiteral("c.sqlite3")); }
    // A cache with one Stripe account (no secret) and `invoices` cached invoices.
    void makeCache(int invoices = 0);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliCache::makeCache(int invoices)
{
    const CliResult r =
        CliRunner(db()).run(qsl({"accounts", "add", "EU Stripe", "--gateway", "stripe",
                                 "--base-url", "http://127.0.0.1:9/stripe"}));
    QCOMPARE(r.exitCode, 0);
    if (invoices == 0)
        return;
    rd::Database cache;
    QString error;
    QVERIFY2(cache.open(db(), rd::Database::OpenMode::Existing, &error), qPrintable(error));
    QList<rd::Invoice> list;
    for (int i = 0; i < invoices; ++i) {
        rd::Invoice inv;
        inv.gatewayId = QStringLiteral("ch_%1").arg(i);
        inv.customer = QStringLiteral("Customer %1").arg(i);
        inv.amount = rd::Money(1000 + i, u"USD");
        inv.amountRefunded = rd::Money(0, u"USD");
        inv.gatewayStatus = QStringLiteral("succeeded");
        inv.status = rd::CommonStatus::Succeeded;
        inv.createdAt = QDateTime::fromSecsSinceEpoch(1700000000 + i * 60, Qt::UTC);
        list << inv;
    }
    QVERIFY2(cache.beginImmediate(&error), qPrintable(error));
    QVERIFY2(rd::RecordRepository(cache).upsertInvoices(1, list, &error), qPrintable(error));
    QVERIFY2(cache.commit(&error), qPrintable(error));
}

void TestCliCache::readCommandOnMissingCacheCreatesNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("list") << qsl({"list", "invoices"});
    QTest::newRow("list json") << qsl({"list", "refunds", "--format", "json"});
    QTest::newRow("export") << qsl({"export", "refunds", "--out", "OUT"});
    QTest::newRow("outbox") << qsl({"outbox"});
    QTest::newRow("accounts list") << qsl({"accounts", "list"});
    QTest::newRow("accounts set-secret") << qsl({"accounts", "set-secret", "x"});
    QTest::newRow("accounts remove") << qsl({"accounts", "remove", "x"});
    QTest::newRow("sync") << qsl({"sync"});
    QTest::newRow("refund") << qsl({"refund", "--account", "x", "--invoice", "i", "--amount", "1"});
    QTest::newRow("chargeback") << qsl(
        {"chargeback", "--account", "x", "--invoice", "i", "--amount", "1", "--reason", "r"});
    QTest::newRow("reconcile") << qsl({"reconcile"});
    QTest::newRow("backup") << qsl({"backup", "--out", "OUT"});
}

void TestCliCache::readCommandOnMissingCacheCreatesNothing()
{
    QFETCH(QStringList, args);
    const QString missing = m_dir->filePath(QStringLiteral("typo/sub/cache.sqlite3"));
    args.replaceInStrings(QStringLiteral("OUT"), m_dir->filePath(QStringLiteral("out.csv")));
    const CliResult r = CliRunner(missing).run(args, "secret\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(oneFailureLine(r), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("no cache at %1").arg(missing)), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("accounts add")), qPrintable(r.err));
    // No cache, no folders, no report.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestCliCache::accountsAddOnlyInAnExistingFolder()
{
    const QString missing = m_dir->filePath(QStringLiteral("typo/cache.sqlite3"));
    const QStringList add =
        qsl({"accounts", "add", "a", "--gateway", "stripe", "--base-url", "https://x.example"});
    CliResult r = CliRunner(missing).run(add);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(oneFailureLine(r), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("does not exist")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("typo"))));
    r = CliRunner(db()).run(add);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QFile::exists(db()));
}

void TestCliCache::emptyDbIsUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("emptyEnvironment");
    QTest::newRow("--db \"\"") << qsl({"--db", "", "list", "invoices"}) << false;
    QTest::newRow("--db=") << qsl({"--db=", "list", "invoices"}) << false;
    QTest::newRow("--db without a value") << qsl({"--db"}) << false;
    QTest::newRow("empty REFUNDDESK_DB") << qsl({"list", "invoices"}) << true;
    QTest::newRow("empty REFUNDDESK_DB, accounts add")
        << qsl({"accounts", "add", "a", "--gateway", "stripe", "--base-url", "https://x.example"})
        << true;
}

void TestCliCache::emptyDbIsUsage()
{
    QFETCH(QStringList, args);
    QFETCH(bool, emptyEnvironment);
    // The default cache would be under this HOME: it must not be touched.
    const QString home = m_dir->filePath(QStringLiteral("home"));
    QVERIFY(QDir().mkpath(home));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    if (emptyEnvironment)
        env.insert(QStringLiteral("REFUNDDESK_DB"), QString());
    else
        env.remove(QStringLiteral("REFUNDDESK_DB"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RD_CLI_PATH), args);
    QVERIFY(p.waitForFinished(30000));
    CliResult r;
    r.exitCode = p.exitCode();
    r.err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(oneFailureLine(r), qPrintable(r.err));
    QVERIFY2(
        r.err.contains(emptyEnvironment ? QLatin1String("REFUNDDESK_DB") : QLatin1String("--db")),
        qPrintable(r.err));
    QCOMPARE(QDir(home).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestCliCache::exportOverTheCacheRefused_data()
{
    QTest::addColumn<QString>("target"); // relative to the cache's folder; CACHE = its name
    QTest::addColumn<QString>("linkTo"); // when set, `target` is made a link to this file
    QTest::addColumn<bool>("hardLink");
    QTest::addColumn<bool>("keepOpen"); // a connection stays open, so -wal/-shm exist
    QTest::newRow("the cache") << QStringLiteral("c.sqlite3") << QString() << false << false;
    QTest::newRow("the -wal, not there yet")
        << QStringLiteral("c.sqlite3-wal") << QString() << false << false;
    QTest::newRow("the -wal, open")
        << QStringLiteral("c.sqlite3-wal") << QString() << false << true;
    QTest::newRow("the -shm, open")
        << QStringLiteral("c.sqlite3-shm") << QString() << false << true;
    QTest::newRow("symlink to the cache")
        << QStringLiteral("report.csv") << QStringLiteral("c.sqlite3") << false << false;
    QTest::newRow("hard link to the cache")
        << QStringLiteral("report.csv") << QStringLiteral("c.sqlite3") << true << false;
    QTest::newRow("hard link to the -wal")
        << QStringLiteral("report.csv") << QStringLiteral("c.sqlite3-wal") << true << true;
    QTest::newRow("symlink to the -shm")
        << QStringLiteral("report.csv") << QStringLiteral("c.sqlite3-shm") << false << true;
    QTest::newRow("path with dots")
        << QStringLiteral("sub/../c.sqlite3") << QString() << false << false;
}

void TestCliCache::exportOverTheCacheRefused()
{
    QFETCH(QString, target);
    QFETCH(QString, linkTo);
    QFETCH(bool, hardLink);
    QFETCH(bool, keepOpen);
    makeCache(3);
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("sub")));
    rd::Database open;
    QString error;
    if (keepOpen)
        QVERIFY2(open.open(db(), rd::Database::OpenMode::Existing, &error), qPrintable(error));
    const QByteArray before = sha(db());
    const QString path = m_dir->filePath(target);
    if (!linkTo.isEmpty()) {
        const QString source = m_dir->filePath(linkTo);
        QVERIFY(QFile::exists(source));
        if (hardLink)
            QCOMPARE(
                ::link(QFile::encodeName(source).constData(), QFile::encodeName(path).constData()),
                0);
        else
            QVERIFY(QFile::link(source, path));
    }
    for (const char *report : {"refunds", "invoices", "reconciliation"}) {
        const CliResult r = CliRunner(db()).run(
            {QStringLiteral("export"), QString::fromLatin1(report), QStringLiteral("--out"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(oneFailureLine(r), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("choose another file")), qPrintable(r.err));
    }
    open.close();
    QCOMPARE(sha(db()), before);
    QCOMPARE(integrity(db()), QStringLiteral("ok"));
    const CliResult list = CliRunner(db()).run(qsl({"list", "invoices", "--format", "csv"}));
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.out.count(QLatin1String("\r\n")), 4);
}

void TestCliCache::backupIsAConsistentCache()
{
    makeCache(25);
    const QString copy = m_dir->filePath(QStringLiteral("copy.sqlite3"));
    CliResult r = CliRunner(db()).run({QStringLiteral("backup"), QStringLiteral("--out"), copy});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("integrity checked")), qPrintable(r.out));
    QCOMPARE(integrity(copy), QStringLiteral("ok"));
    // The copy is a cache: it lists what the original lists.
    const CliResult fromCopy = CliRunner(copy).run(qsl({"list", "invoices", "--format", "csv"}));
    const CliResult fromCache = CliRunner(db()).run(qsl({"list", "invoices", "--format", "csv"}));
    QCOMPARE(fromCopy.exitCode, 0);
    QCOMPARE(fromCopy.out, fromCache.out);
    QCOMPARE(fromCopy.out.count(QLatin1String("\r\n")), 26);
    // A second backup replaces the first; no temporary file is left.
    r = CliRunner(db()).run({QStringLiteral("backup"), QStringLiteral("--out"), copy});
    QCOMPARE(r.exitCode, 0);
    const QStringList files = QDir(m_dir->path()).entryList(QDir::Files);
    for (const QString &f : files)
        QVERIFY2(!f.endsWith(QLatin1String(".part")), qPrintable(f));
    // The cache itself, or a link to it, is refused with the cache intact.
    const QByteArray before = sha(db());
    const QString link = m_dir->filePath(QStringLiteral("link.sqlite3"));
    QVERIFY(QFile::link(db(), link));
    for (const QString &target : {db(), link, db() + QStringLiteral("-wal")}) {
        r = CliRunner(db()).run({QStringLiteral("backup"), QStringLiteral("--out"), target});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(oneFailureLine(r), qPrintable(r.err));
    }
    QCOMPARE(sha(db()), before);
}

void TestCliCache::backupWhileAnotherConnectionWrites()
{
    makeCache(10);
    // Another connection stores invoices in batches of 50, one transaction each.
    rdtest::BackgroundWriter writer(db(), [](rd::Database &w, int n) {
        QList<rd::Invoice> batch;
        for (int j = 0; j < 50; ++j) {
            rd::Invoice inv;
            inv.gatewayId = QStringLiteral("w%1_%2").arg(n).arg(j);
            inv.amount = rd::Money(500, u"EUR");
            inv.amountRefunded = rd::Money(0, u"EUR");
            inv.gatewayStatus = QStringLiteral("succeeded");
            inv.status = rd::CommonStatus::Succeeded;
            inv.createdAt = QDateTime::fromSecsSinceEpoch(1710000000 + n, Qt::UTC);
            batch << inv;
        }
        QString why;
        return rd::RecordRepository(w).upsertInvoices(1, batch, &why);
    });
    QVERIFY(writer.waitForCommitted(2));
    for (int round = 0; round < 3; ++round) {
        const QString copy = m_dir->filePath(QStringLiteral("copy%1.sqlite3").arg(round));
        const int before = writer.committed();
        const CliResult r =
            CliRunner(db()).run({QStringLiteral("backup"), QStringLiteral("--out"), copy});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(integrity(copy), QStringLiteral("ok"));
        const CliResult list = CliRunner(copy).run(qsl({"list", "invoices", "--format", "csv"}));
        QCOMPARE(list.exitCode, 0);
        const int rows = list.out.count(QLatin1String("\r\n")) - 1;
        // Whole batches only (one snapshot), and none committed before the copy began lost.
        QCOMPARE((rows - 10) % 50, 0);
        QVERIFY2(rows >= 10 + 50 * before, qPrintable(QString::number(rows)));
    }
}

void TestCliCache::nameCollisionRefused_data()
{
    QTest::addColumn<QString>("second");
    QTest::newRow("punctuation") << QStringLiteral("eu-stripe");
    QTest::newRow("case") << QStringLiteral("eu stripe");
    QTest::newRow("underscore") << QStringLiteral("EU_STRIPE");
}

void TestCliCache::nameCollisionRefused()
{
    QFETCH(QString, second);
    makeCache();
    const CliResult r = CliRunner(db()).run(
        {QStringLiteral("accounts"), QStringLiteral("add"), second, QStringLiteral("--gateway"),
         QStringLiteral("wooshpay"), QStringLiteral("--base-url"),
         QStringLiteral("https://elsewhere.example")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(oneFailureLine(r), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("\"EU Stripe\"")), qPrintable(r.err));
    const CliResult list = CliRunner(db()).run(qsl({"accounts", "list"}));
    QCOMPARE(list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);
    QVERIFY(!list.out.contains(QLatin1String("elsewhere")));
}

void TestCliCache::credentialsInBaseUrlRefused()
{
    makeCache();
    const CliResult r =
        CliRunner(db()).run(qsl({"accounts", "add", "b", "--gateway", "stripe", "--base-url",
                                 "https://sk_live_hunter2@api.stripe.com"}));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(oneFailureLine(r), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("password")), qPrintable(r.err));
    QVERIFY(!r.err.contains(QLatin1String("hunter2")));
    QVERIFY(!CliRunner(db()).run(qsl({"accounts", "list"})).out.contains(QLatin1String("api.")));
}

void TestCliCache::readOnlyCacheListedByAnotherUser_data()
{
    QTest::addColumn<int>("fileMode");
    QTest::addColumn<int>("folderMode");
    QTest::addColumn<bool>("anotherUser");    // needs root: the CLI runs as nobody
    QTest::addColumn<bool>("ownerHasItOpen"); // committed rows still in the owner's -wal
    QTest::newRow("0444 cache, read-only folder") << 0444 << 0555 << true << false;
    QTest::newRow("0444 cache, writable folder") << 0444 << 0777 << true << false;
    QTest::newRow("another user's 0644 cache") << 0644 << 0755 << true << false;
    QTest::newRow("another user's cache, open by its owner") << 0644 << 0755 << true << true;
    QTest::newRow("own 0444 cache, read-only folder") << 0444 << 0555 << false << false;
}

void TestCliCache::readOnlyCacheListedByAnotherUser()
{
    QFETCH(int, fileMode);
    QFETCH(int, folderMode);
    QFETCH(bool, anotherUser);
    QFETCH(bool, ownerHasItOpen);
    const bool root = ::geteuid() == 0;
    if (anotherUser && !root)
        QSKIP("needs root to run the CLI as another user (nobody)");
    if (!anotherUser && root)
        QSKIP("root ignores file modes, so its own 0444 cache is writable; the rows run as "
              "nobody cover this");
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (anotherUser && setpriv.isEmpty())
        QSKIP("setpriv (util-linux) is needed to run the CLI as nobody");
    makeCache(7);
    int expectedRows = 7;
    // The cache's owner keeps a connection with a committed, not yet checkpointed row.
    rd::Database owner;
    if (ownerHasItOpen) {
        QString error;
        QVERIFY2(owner.open(db(), rd::Database::OpenMode::Existing, &error), qPrintable(error));
        rd::Invoice inv;
        inv.gatewayId = QStringLiteral("in_wal");
        inv.amount = rd::Money(1, u"USD");
        inv.amountRefunded = rd::Money(0, u"USD");
        inv.status = rd::CommonStatus::Succeeded;
        inv.createdAt = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);
        QVERIFY2(rd::RecordRepository(owner).upsertInvoices(1, {inv}, &error), qPrintable(error));
        QVERIFY(QFileInfo(db() + QStringLiteral("-wal")).size() > 0);
        ++expectedRows;
    }
    // The folder the cache is in, and a folder where that user may write reports.
    const QString reports = m_dir->filePath(QStringLiteral("reports"));
    QVERIFY(QDir().mkpath(reports));
    QCOMPARE(::chmod(QFile::encodeName(reports).constData(), 0777), 0);
    QCOMPARE(::chmod(QFile::encodeName(db()).constData(), mode_t(fileMode)), 0);
    QCOMPARE(::chmod(QFile::encodeName(m_dir->path()).constData(), mode_t(folderMode)), 0);
    const auto restoreFolder =
        qScopeGuard([&] { ::chmod(QFile::encodeName(m_dir->path()).constData(), 0700); });
    const QByteArray before = sha(db());

    const auto asNobody = [&](const QStringList &args) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("REFUNDDESK_DB"));
        env.insert(QStringLiteral("HOME"), reports);
        env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        p.setProcessEnvironment(env);
        const QStringList cli =
            QStringList{QStringLiteral(RD_CLI_PATH), QStringLiteral("--db"), db()} + args;
        if (anotherUser)
            p.start(setpriv,
                    QStringList{QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                                QStringLiteral("--clear-groups"), QStringLiteral("--")} +
                        cli);
        else
            p.start(cli.first(), cli.mid(1));
        p.waitForFinished(60000);
        CliResult r;
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    };
    CliResult r = asNobody(qsl({"list", "invoices", "--format", "csv"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.count(QLatin1String("\r\n")), expectedRows + 1);
    QCOMPARE(r.err, QString());
    r = asNobody(qsl({"list", "invoices"}));
    QCOMPARE(r.exitCode, 0);
    r = asNobody(qsl({"outbox"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = asNobody(qsl({"accounts", "list"}));
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("EU Stripe")), qPrintable(r.err));
    r = asNobody({QStringLiteral("export"), QStringLiteral("invoices"), QStringLiteral("--out"),
                  reports + QStringLiteral("/invoices.csv")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = asNobody({QStringLiteral("backup"), QStringLiteral("--out"),
                  reports + QStringLiteral("/copy.sqlite3")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(integrity(reports + QStringLiteral("/copy.sqlite3")), QStringLiteral("ok"));
    // Commands that write are refused with one line that says why.
    for (const QStringList &args :
         {qsl({"sync"}), qsl({"accounts", "remove", "EU Stripe"}),
          qsl({"refund", "--account", "EU Stripe", "--invoice", "ch_1", "--amount", "1.00"})}) {
        r = asNobody(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneFailureLine(r), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("read-only")), qPrintable(r.err));
    }
    QCOMPARE(sha(db()), before);
}

void TestCliCache::oneStderrLinePerFailure_data()
{
    QTest::addColumn<QString>("cache"); // none, damaged, ok
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    const QList<QStringList> commands{
        qsl({"list", "invoices"}),
        qsl({"export", "refunds", "--out", "OUT"}),
        qsl({"outbox"}),
        qsl({"accounts", "list"}),
        qsl({"accounts", "remove", "EU Stripe"}),
        qsl({"sync"}),
        qsl({"refund", "--account", "EU Stripe", "--invoice", "ch_1", "--amount", "1.00"}),
        qsl({"refund", "--account", "EU Stripe", "--invoice", "ch_1", "--full"}),
        qsl({"chargeback", "--account", "EU Stripe", "--invoice", "ch_1", "--amount", "1",
             "--reason", "r"}),
        qsl({"reconcile"}),
        qsl({"backup", "--out", "OUT"}),
    };
    for (const QStringList &c : commands) {
        QTest::addRow("damaged cache: %s", qPrintable(c.mid(0, 2).join(QLatin1Char(' '))))
            << QStringLiteral("damaged") << c << 1 << QStringLiteral("backup --out FILE");
        QTest::addRow("missing cache: %s", qPrintable(c.mid(0, 2).join(QLatin1Char(' '))))
            << QStringLiteral("none") << c << 1 << QStringLiteral("no cache at");
    }
    QTest::newRow("sync without a secret")
        << QStringLiteral("ok") << qsl({"sync"}) << 6 << QStringLiteral("REFUNDDESK_SECRET_EU");
    QTest::newRow("refund without a secret")
        << QStringLiteral("ok")
        << qsl({"refund", "--account", "EU Stripe", "--invoice", "ch_1", "--amount", "1.00"}) << 6
        << QStringLiteral("REFUNDDESK_SECRET_EU");
    QTest::newRow("--db but no command")
        << QStringLiteral("ok") << QStringList() << 2 << QStringLiteral("no command");
    QTest::newRow("accounts without subcommand")
        << QStringLiteral("ok") << qsl({"accounts"}) << 2 << QStringLiteral("accounts");
    QTest::newRow("unknown report")
        << QStringLiteral("ok") << qsl({"list", "payouts"}) << 2 << QStringLiteral("list needs");
    QTest::newRow("export without --out")
        << QStringLiteral("ok") << qsl({"export", "refunds"}) << 2 << QStringLiteral("--out");
    QTest::newRow("backup without --out")
        << QStringLiteral("ok") << qsl({"backup"}) << 2 << QStringLiteral("--out");
    QTest::newRow("refund without amount")
        << QStringLiteral("ok") << qsl({"refund", "--account", "EU Stripe", "--invoice", "x"}) << 2
        << QStringLiteral("--amount");
    QTest::newRow("unknown account") << QStringLiteral("ok") << qsl({"outbox", "--account", "nope"})
                                     << 2 << QStringLiteral("no account named");
    QTest::newRow("sync argument")
        << QStringLiteral("ok") << qsl({"sync", "now"}) << 2 << QStringLiteral("sync takes");
    QTest::newRow("reconcile option")
        << QStringLiteral("ok") << qsl({"reconcile", "--fast"}) << 2 << QStringLiteral("fast");
}

void TestCliCache::oneStderrLinePerFailure()
{
    QFETCH(QString, cache);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    if (cache == QLatin1String("ok")) {
        makeCache();
    } else if (cache == QLatin1String("damaged")) {
        QFile f(db());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(16384, 'x'));
    }
    args.replaceInStrings(QStringLiteral("OUT"), m_dir->filePath(QStringLiteral("out.file")));
    CliRunner cli(db());
    const CliResult r = cli.run(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(oneFailureLine(r), qPrintable(r.err));
    QVERIFY2(r.err.contains(says), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("out.file"))));
}

void TestCliCache::malformedCacheSaysWhatToDo()
{
    makeCache(400);
    // Table pages overwritten, header and schema intact: the cache opens and then fails to
    // read, as a disk error would leave it.
    {
        QFile f(db());
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY2(size > 12 * 4096, qPrintable(QString::number(size)));
        QVERIFY(f.seek(size - 6 * 4096));
        f.write(QByteArray(6 * 4096, '\x5a'));
    }
    QVERIFY(integrity(db()) != QLatin1String("ok"));
    const CliResult r = CliRunner(db()).run(qsl({"list", "invoices", "--format", "csv"}));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(oneFailureLine(r), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("is damaged")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("refunddesk-cli backup --out FILE")), qPrintable(r.err));
}

void TestCliCache::syncOfSeveralFailingAccountsEndsInOneFailureLine()
{
    makeCache();
    QCOMPARE(CliRunner(db())
                 .run(qsl({"accounts", "add", "Kenya", "--gateway", "intasend", "--base-url",
                           "http://127.0.0.1:9/intasend"}))
                 .exitCode,
             0);
    const CliResult r = CliRunner(db()).run(qsl({"sync"}));
    QCOMPARE(r.exitCode, 6);
    // A line per account saying what to do, then the one failure line.
    const QStringList lines = errLines(r);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("EU Stripe: no secret")), qPrintable(r.err));
    QVERIFY2(lines.at(1).startsWith(QLatin1String("Kenya: no secret")), qPrintable(r.err));
    QVERIFY2(lines.at(2).startsWith(QLatin1String("refunddesk-cli: 2 of 2 accounts did not sync")),
             qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1String("refunddesk-cli:")), 1);
}

void TestCliCache::killedExportLeavesTheOldReport()
{
    makeCache(60000);
    const QString folder = m_dir->filePath(QStringLiteral("reports"));
    QVERIFY(QDir().mkpath(folder));
    const QString target = folder + QStringLiteral("/invoices.csv");
    {
        QFile old(target);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("last month's report\r\n");
    }
    const qint64 oldSize = QFileInfo(target).size();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("REFUNDDESK_DB"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RD_CLI_PATH),
            {QStringLiteral("--db"), db(), QStringLiteral("export"), QStringLiteral("invoices"),
             QStringLiteral("--out"), target});
    QVERIFY(p.waitForStarted());
    // Killed (no chance to clean up) once the new report is being written beside the target.
    // The new report is written to a temporary file in the same folder, unnamed on Linux
    // (O_TMPFILE), so it is found through the process's open files.
    const QString fds = QStringLiteral("/proc/%1/fd").arg(p.processId());
    if (!QFileInfo(fds).isDir())
        QSKIP("needs /proc to see the export's temporary file");
    bool writing = false;
    bool finished = false;
    while (!writing && !finished) {
        for (const QFileInfo &fd :
             QDir(fds).entryInfoList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)) {
            const QString file = fd.symLinkTarget();
            struct stat st; // through the /proc link itself: the file has no name to follow
            // A report written straight over the target would show as the target changing
            // size, and then fail the comparison below.
            if (file.startsWith(folder + QLatin1Char('/')) &&
                ::stat(QFile::encodeName(fd.filePath()).constData(), &st) == 0)
                writing = writing || (file == target ? st.st_size != oldSize : st.st_size > 0);
        }
        // Also lets QProcess notice the end; the 1 ms is a poll interval, not an expectation.
        finished = !writing && p.waitForFinished(1);
    }
    if (!writing)
        QSKIP("the export finished before it could be interrupted; nothing to check");
    p.kill();
    p.waitForFinished();
    QFile result(target);
    QVERIFY(result.open(QIODevice::ReadOnly));
    QCOMPARE(result.readAll(), QByteArray("last month's report\r\n"));
}

QTEST_GUILESS_MAIN(TestCliCache)
#include "tst_cli_cache.moc"
