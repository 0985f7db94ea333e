// `refunddesk-cli export` and `list` end to end on a seeded cache file: files and output read
// back independently, the last-synced notice on stderr, usage errors, and a write that fails
// half-way (a file size limit stands in for a full disk) leaving no file behind. Every test runs
// on a SQLite cache file and on a PostgreSQL team database (`--db postgresql://...`).
#include "reportfixture.h"

#include "clirunner.h"
#include "report/reportdefinition.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestCliReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void initTestCase();
    void init();
    void exportMatchesCacheAndSaysWhenSynced_data();
    void exportMatchesCacheAndSaysWhenSynced();
    void usageErrors_data();
    void usageErrors();
    void exportIgnoresTheLocale();
    void exportToMissingFolderFails();
    void fullDiskLeavesNoFile();
    void listCsvIsTheExport();
    void listJsonIsKeyedByColumns();
    void listTableIsAlignedAndSaysWhenSynced();
    void listSearchAndStatus();

private:
    QString out(const QString &name) const { return m_dir.filePath(QStringLiteral("out/") + name); }

    Database &db() { return m_cache->db; }
    const rdtest::SeededCache &seed() const { return m_cache->seed; }

    QTemporaryDir m_dir;
    rdtest::SeededCaches m_caches;
    rdtest::SeededCaches::Entry *m_cache = nullptr;
    QString m_dbPath; // the current row's cache: a file or a team database's address
};

void TestCliReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("out")));
}

void TestCliReport::init()
{
    BACKEND_OR_SKIP();
    QString error;
    m_cache = m_caches.current(&error);
    QVERIFY2(m_cache, qPrintable(error));
    m_dbPath = m_cache->address;
}

void TestCliReport::exportMatchesCacheAndSaysWhenSynced_data()
{
    QTest::addColumn<QString>("report");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QStringList>("syncLines");
    QTest::addColumn<bool>("bom");
    // One line per account involved, in the order of the account list (by name).
    const QString kuwait = QStringLiteral("account \"=Kuwait \"KW\", Chargebee\": never synced");
    const QStringList both{
        kuwait, QStringLiteral("account \"EU Stripe\": last synced 2024-06-01T08:15:00Z")};
    for (const QString &r : reportNames()) {
        QTest::newRow(qPrintable(r + QStringLiteral(" all")))
            << r << QStringList() << QStringLiteral("TRUE") << both << false;
        QTest::newRow(qPrintable(r + QStringLiteral(" one account and days")))
            << r
            << QStringList{QStringLiteral("--account"), QStringLiteral("=Kuwait \"KW\", Chargebee"),
                           QStringLiteral("--from"),    QStringLiteral("2024-05-03"),
                           QStringLiteral("--to"),      QStringLiteral("2024-05-25")}
            << QStringLiteral("t.account_id = (SELECT id FROM accounts WHERE gateway = "
                              "'chargebee') AND t.created_at >= %1 AND t.created_at < %2")
                   .arg(QDateTime(QDate(2024, 5, 3), QTime(0, 0), Qt::UTC).toSecsSinceEpoch())
                   .arg(QDateTime(QDate(2024, 5, 26), QTime(0, 0), Qt::UTC).toSecsSinceEpoch())
            << QStringList{kuwait} << false;
        QTest::newRow(qPrintable(r + QStringLiteral(" bom")))
            << r << QStringList{QStringLiteral("--bom")} << QStringLiteral("TRUE") << both << true;
    }
}

void TestCliReport::exportMatchesCacheAndSaysWhenSynced()
{
    QFETCH(QString, report);
    QFETCH(QStringList, options);
    QFETCH(QString, where);
    QFETCH(QStringList, syncLines);
    QFETCH(bool, bom);
    const QString file = out(report + QStringLiteral(".csv"));
    const rdtest::CliResult r = rdtest::CliRunner(m_dbPath).run(
        QStringList{QStringLiteral("export"), report, QStringLiteral("--out"), file} + options);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts), syncLines);
    const QList<QStringList> expected = rdtest::expectedRows(db(), report, where);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(r.out.trimmed(),
             QStringLiteral("exported %1 %2 rows to %3").arg(expected.size()).arg(report, file));
    const rdtest::CsvReadBack back = rdtest::readCsvIndependently(file);
    QVERIFY2(back.ok, qPrintable(back.error));
    QVERIFY(back.crlfOnly);
    QCOMPARE(back.bom, bom);
    QCOMPARE(back.rows.first(), ReportDefinition(*reportFromName(report)).columnNames());
    QCOMPARE(back.rows.mid(1), expected);
    QVERIFY(QFile::remove(file));
}

void TestCliReport::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString f = QStringLiteral("x.csv");
    QTest::newRow("unknown report")
        << QStringList{QStringLiteral("export"), QStringLiteral("payouts"), QStringLiteral("--out"),
                       f}
        << QStringLiteral("unknown report");
    QTest::newRow("no out") << QStringList{QStringLiteral("export"), QStringLiteral("refunds")}
                            << QStringLiteral("--out");
    QTest::newRow("bad from") << QStringList{QStringLiteral("export"), QStringLiteral("refunds"),
                                             QStringLiteral("--out"),  f,
                                             QStringLiteral("--from"), QStringLiteral("2024-13-01")}
                              << QStringLiteral("YYYY-MM-DD");
    QTest::newRow("from after to")
        << QStringList{QStringLiteral("export"), QStringLiteral("refunds"),
                       QStringLiteral("--out"),  f,
                       QStringLiteral("--from"), QStringLiteral("2024-05-02"),
                       QStringLiteral("--to"),   QStringLiteral("2024-05-01")}
        << QStringLiteral("after");
    QTest::newRow("unknown account")
        << QStringList{QStringLiteral("export"),    QStringLiteral("refunds"),
                       QStringLiteral("--out"),     f,
                       QStringLiteral("--account"), QStringLiteral("Nope")}
        << QStringLiteral("No account named");
    QTest::newRow("list unknown kind")
        << QStringList{QStringLiteral("list"), QStringLiteral("reconciliation")}
        << QStringLiteral("list needs one of");
    QTest::newRow("list bad status")
        << QStringList{QStringLiteral("list"), QStringLiteral("refunds"),
                       QStringLiteral("--status"), QStringLiteral("done")}
        << QStringLiteral("unknown status");
    QTest::newRow("list bad format")
        << QStringList{QStringLiteral("list"), QStringLiteral("refunds"),
                       QStringLiteral("--format"), QStringLiteral("xml")}
        << QStringLiteral("unknown format");
}

void TestCliReport::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QDir::setCurrent(m_dir.filePath(QStringLiteral("out")));
    const rdtest::CliResult r = rdtest::CliRunner(m_dbPath).run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one clear line
    QVERIFY(!QFile::exists(out(QStringLiteral("x.csv"))));
}

void TestCliReport::exportIgnoresTheLocale()
{
    // A German or French locale would write 12,50; the contract is 12.50 whatever the locale.
    QByteArray reference;
    for (const QString &locale : {QStringLiteral("C.UTF-8"), QStringLiteral("de_DE.UTF-8"),
                                  QStringLiteral("fr_FR.UTF-8")}) {
        rdtest::CliRunner cli(m_dbPath);
        cli.setEnv(QStringLiteral("LC_ALL"), locale);
        cli.setEnv(QStringLiteral("LANG"), locale);
        const QString file = out(QStringLiteral("invoices-%1.csv").arg(locale));
        const rdtest::CliResult r = cli.run(
            {QStringLiteral("export"), QStringLiteral("invoices"), QStringLiteral("--out"), file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.contains(",1234567890.12,"));
        if (reference.isEmpty())
            reference = bytes;
        QCOMPARE(bytes, reference);
        f.close();
        QVERIFY(f.remove());
    }
}

void TestCliReport::exportToMissingFolderFails()
{
    const QString file = m_dir.filePath(QStringLiteral("missing/refunds.csv"));
    const rdtest::CliResult r = rdtest::CliRunner(m_dbPath).run(
        {QStringLiteral("export"), QStringLiteral("refunds"), QStringLiteral("--out"), file});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("does not exist")), qPrintable(r.err));
    QVERIFY(!QFile::exists(file));
}

void TestCliReport::fullDiskLeavesNoFile()
{
    // Enough rows that the export is far larger than the file size limit below.
    QString error;
    QVERIFY2(rdtest::addBulkRefunds(db(), seed().stripe, 10000, &error), qPrintable(error));

    const QString file = out(QStringLiteral("full.csv"));
    QFile previous(file);
    QVERIFY(previous.open(QIODevice::WriteOnly));
    previous.write("yesterday's export\r\n");
    previous.close();
    // A file size limit makes write() fail with EFBIG part-way, as a full disk fails with
    // ENOSPC; the signal it would raise is ignored so the error reaches the program.
    QProcess p;
    p.start(QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"),
             QStringLiteral("trap '' XFSZ; ulimit -f 256; exec \"$0\" --db \"$1\" export refunds "
                            "--out \"$2\""),
             QStringLiteral(RD_CLI_PATH), m_dbPath, file});
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains(QLatin1String("Writing the export failed")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("File too large. Nothing was written")), qPrintable(err));
    QVERIFY(previous.open(QIODevice::ReadOnly));
    QCOMPARE(previous.readAll(), QByteArray("yesterday's export\r\n"));
    previous.close();
    QCOMPARE(QDir(m_dir.filePath(QStringLiteral("out"))).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("full.csv")}); // no temporary file left
    QVERIFY(previous.remove());

    // Without the limit the same export succeeds, so the limit was the only cause.
    const rdtest::CliResult ok = rdtest::CliRunner(m_dbPath).run(
        {QStringLiteral("export"), QStringLiteral("refunds"), QStringLiteral("--out"), file});
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(QFileInfo(file).size() > 256 * 1024);
    QVERIFY(QFile::remove(file));

    QVERIFY(db().beginImmediate(&error));
    QSqlQuery q(db().connection());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM refunds WHERE invoice_id = 'inv_bulk'")));
    QVERIFY(db().commit(&error));
}

void TestCliReport::listCsvIsTheExport()
{
    const QString file = out(QStringLiteral("refunds.csv"));
    const rdtest::CliRunner cli(m_dbPath);
    QCOMPARE(cli.run({QStringLiteral("export"), QStringLiteral("refunds"), QStringLiteral("--out"),
                      file, QStringLiteral("--account"), QStringLiteral("EU Stripe")})
                 .exitCode,
             0);
    QProcess p;
    p.start(QStringLiteral(RD_CLI_PATH),
            {QStringLiteral("--db"), m_dbPath, QStringLiteral("list"), QStringLiteral("refunds"),
             QStringLiteral("--account"), QStringLiteral("EU Stripe"), QStringLiteral("--format"),
             QStringLiteral("csv")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QFile exported(file);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QByteArray bytes = exported.readAll();
    QVERIFY(bytes.count("\r\n") > 5);
    QCOMPARE(p.readAllStandardOutput(), bytes);
    QCOMPARE(p.readAllStandardError(), QByteArray()); // the notice is for tables and exports
    exported.close();
    QVERIFY(exported.remove());
}

void TestCliReport::listJsonIsKeyedByColumns()
{
    for (const QString &kind :
         {QStringLiteral("invoices"), QStringLiteral("refunds"), QStringLiteral("chargebacks")}) {
        const rdtest::CliResult r = rdtest::CliRunner(m_dbPath).run(
            {QStringLiteral("list"), kind, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &pe);
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QVERIFY(doc.isArray());
        const QStringList columns = ReportDefinition(*reportFromName(kind)).columnNames();
        const QList<QStringList> expected = rdtest::expectedRows(db(), kind);
        QCOMPARE(doc.array().size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const QJsonObject o = doc.array().at(i).toObject();
            QStringList keys = o.keys();
            QStringList sortedColumns = columns;
            sortedColumns.sort();
            QCOMPARE(keys, sortedColumns);
            for (int c = 0; c < columns.size(); ++c) {
                // JSON carries the raw text (no spreadsheet guard); amounts are exact strings.
                QVERIFY(o.value(columns.at(c)).isString());
                QCOMPARE(rdtest::guarded(o.value(columns.at(c)).toString()), expected.at(i).at(c));
            }
        }
    }
}

void TestCliReport::listTableIsAlignedAndSaysWhenSynced()
{
    const rdtest::CliResult r =
        rdtest::CliRunner(m_dbPath).run({QStringLiteral("list"), QStringLiteral("refunds"),
                                         QStringLiteral("--account"), QStringLiteral("EU Stripe")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, QStringLiteral("account \"EU Stripe\": last synced 2024-06-01T08:15:00Z\n"));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QList<QStringList> expected = rdtest::expectedRows(
        db(), QStringLiteral("refunds"), QStringLiteral("t.account_id = %1").arg(seed().stripe));
    QCOMPARE(lines.size(), expected.size() + 2); // header, rows, count
    QCOMPARE(lines.last(), QStringLiteral("%1 refunds").arg(expected.size()));
    const QString header = lines.first();
    QVERIFY(header.startsWith(QLatin1String("ACCOUNT")));
    const qsizetype amountEnd = header.indexOf(QLatin1String("AMOUNT")) + 6;
    for (int i = 0; i < expected.size(); ++i) {
        // Amounts are right-aligned under the header: each ends where "AMOUNT" ends.
        const QString amount = expected.at(i).at(5);
        QCOMPARE(lines.at(i + 1).mid(amountEnd - amount.size(), amount.size() + 1),
                 amount + QLatin1Char(' '));
    }
}

void TestCliReport::listSearchAndStatus()
{
    const rdtest::CliResult r = rdtest::CliRunner(m_dbPath).run(
        {QStringLiteral("list"), QStringLiteral("refunds"), QStringLiteral("--search"),
         QStringLiteral("hyperlink"), QStringLiteral("--status"), QStringLiteral("succeeded"),
         QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(r.exitCode, 0);
    const QString file = out(QStringLiteral("search.csv"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(r.out.toUtf8());
    f.close();
    const rdtest::CsvReadBack back = rdtest::readCsvIndependently(file);
    QVERIFY2(back.ok, qPrintable(back.error));
    const QList<QStringList> expected = rdtest::expectedRows(
        db(), QStringLiteral("refunds"),
        QStringLiteral("t.note LIKE '%HYPERLINK%' AND t.status = 'succeeded'"));
    QVERIFY(!expected.isEmpty());
    QCOMPARE(back.rows.mid(1), expected);
    QVERIFY(f.remove());
}

QTEST_GUILESS_MAIN(TestCliReport)
#include "tst_cli_report.moc"
