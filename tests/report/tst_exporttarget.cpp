// The cache is never an export target: ReportExporter (the CLI's path) and ExportJob (the
// GUI's) refuse the open cache, its -wal and -shm files, and links to them, and the cache
// stays whole. A finished export leaves no temporary file behind.
#include "reportfixture.h"

#include "report/exportjob.h"
#include "report/reportexporter.h"
#include "store/cachefiles.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace rd;

class TestExportTarget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cacheRefusedAsTarget_data();
    void cacheRefusedAsTarget();
    void exportJobRefusesTheCache();
    void otherSqliteFileRefused();
    void exportLeavesOnlyTheReport();

private:
    QString cachePath() const { return m_db.path(); }
    // Row counts of the tables an overwritten cache would lose, plus the integrity check.
    QString fingerprint();

    QTemporaryDir m_dir;
    Database m_db;
    rdtest::SeededCache m_seed;
};

void TestExportTarget::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(rdtest::openSeededCache(m_dir.path(), m_db, &m_seed, &error), qPrintable(error));
    // The open connection keeps -wal and -shm in place, as the GUI does while running.
    QVERIFY(QFile::exists(cachePath() + QStringLiteral("-wal")));
    QVERIFY(QFile::exists(cachePath() + QStringLiteral("-shm")));
}

QString TestExportTarget::fingerprint()
{
    QStringList parts;
    for (const char *sql : {"SELECT COUNT(*) FROM accounts", "SELECT COUNT(*) FROM invoices",
                            "SELECT COUNT(*) FROM refunds", "SELECT COUNT(*) FROM outbox",
                            "SELECT COUNT(*) FROM audit_log", "PRAGMA integrity_check"}) {
        QSqlQuery q(m_db.connection());
        parts << (q.exec(QString::fromLatin1(sql)) && q.next() ? q.value(0).toString()
                                                               : QStringLiteral("error"));
    }
    return parts.join(QLatin1Char(' '));
}

void TestExportTarget::cacheRefusedAsTarget_data()
{
    QTest::addColumn<QString>("suffix"); // which cache file the target is
    QTest::addColumn<QString>("how");    // named directly, or through a link
    for (const char *suffix : {"", "-wal", "-shm"}) {
        for (const char *how : {"name", "symlink", "hardlink"})
            QTest::addRow("cache%s by %s", suffix, how)
                << QString::fromLatin1(suffix) << QString::fromLatin1(how);
    }
    QTest::newRow("relative name with dots") << QString() << QStringLiteral("dots");
}

void TestExportTarget::cacheRefusedAsTarget()
{
    QFETCH(QString, suffix);
    QFETCH(QString, how);
    const QString before = fingerprint();
    QVERIFY2(!before.contains(QLatin1String("error")), qPrintable(before));
    const QString file = cachePath() + suffix;
    const QByteArray original = [&] {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(!original.isEmpty());

    QString target = file;
    const QString link = m_dir.filePath(QStringLiteral("link-%1-%2.csv").arg(how, suffix));
    QFile::remove(link);
    if (how == QLatin1String("symlink")) {
        QVERIFY(QFile::link(file, link));
        target = link;
    } else if (how == QLatin1String("hardlink")) {
        QCOMPARE(::link(QFile::encodeName(file).constData(), QFile::encodeName(link).constData()),
                 0);
        target = link;
    } else if (how == QLatin1String("dots")) {
        target = m_dir.filePath(QStringLiteral("out/../cache.sqlite3"));
        QDir(m_dir.path()).mkpath(QStringLiteral("out"));
    }

    ExportRequest request;
    request.report = ReportKind::Refunds;
    const ExportResult result = ReportExporter(m_db).exportToFile(request, target);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(QLatin1String("choose another file")), qPrintable(result.error));
    QVERIFY2(!refuseCacheAsTarget(target, cachePath()).isEmpty(), qPrintable(target));
    QCOMPARE(fingerprint(), before);
    if (suffix.isEmpty()) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("SQLite format 3"));
    }
    if (how == QLatin1String("hardlink") || how == QLatin1String("symlink"))
        QVERIFY(QFile::remove(link));
}

void TestExportTarget::exportJobRefusesTheCache()
{
    const QString before = fingerprint();
    const QString link = m_dir.filePath(QStringLiteral("job-link.csv"));
    QVERIFY(QFile::link(cachePath(), link));
    ExportRequest request;
    request.report = ReportKind::Invoices;
    ExportJob job(cachePath(), request, link);
    QSignalSpy finished(&job, &ExportJob::finished);
    job.start();
    QVERIFY(finished.wait(60000));
    const auto result = finished.first().first().value<ExportResult>();
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(QLatin1String("the cache itself")), qPrintable(result.error));
    QCOMPARE(fingerprint(), before);
    QVERIFY(QFile::remove(link));
}

void TestExportTarget::otherSqliteFileRefused()
{
    // Another cache is not the open one, but a report over it is just as destructive.
    const QString other = m_dir.filePath(QStringLiteral("other.sqlite3"));
    {
        Database db;
        QString error;
        QVERIFY2(db.open(other, &error), qPrintable(error));
    }
    QFile f(other);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    f.close();
    ExportRequest request;
    const ExportResult result = ReportExporter(m_db).exportToFile(request, other);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(QLatin1String("SQLite database")), qPrintable(result.error));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), bytes);
}

void TestExportTarget::exportLeavesOnlyTheReport()
{
    const QString folder = m_dir.filePath(QStringLiteral("atomic"));
    QVERIFY(QDir().mkpath(folder));
    ExportRequest request;
    request.report = ReportKind::Invoices;
    const ExportResult result =
        ReportExporter(m_db).exportToFile(request, folder + QStringLiteral("/invoices.csv"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("invoices.csv")});
}

QTEST_GUILESS_MAIN(TestExportTarget)
#include "tst_exporttarget.moc"
