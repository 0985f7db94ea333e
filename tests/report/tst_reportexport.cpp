// Every report exported from a cache seeded with hostile text, read back by Python's csv
// module and compared field by field with the cache; filters; refundable and reconciliation
// against SQL; and failed or canceled exports that must leave no file behind. Every test runs on
// a SQLite cache and on a PostgreSQL team database seeded alike.
#include "reportfixture.h"

#include "report/chartdata.h"
#include "report/reportexporter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

qint64 dayStart(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
}

} // namespace

class TestReportExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void initTestCase();
    void init();
    void reportMatchesCache_data();
    void reportMatchesCache();
    void hostileTextSurvivesGuarded();
    void amountsHaveTheCurrencyDecimals();
    void refundableHonoursPendingRefundsDisputesAndOutbox();
    void negativeNetStaysANumber();
    void tableFilterSelectsTheSameRows();
    void missingFolderFailsWithoutFile();
    void parentIsAFileFailsWithoutFile();
    void unwritableFolderFailsWithoutFile();
    void cancelLeavesNoFileAndKeepsTheOldOne();
    void fullDeviceFailsWithReason();
    void totalBeyondMinorUnitsFailsAndWritesNothing();
    void netBeyondMinorUnitsFailsAndWritesNothing();

private:
    QStringList folderEntries() const;
    // A new, empty store of the current backend with one Stripe account, for the sums no 64-bit
    // count of minor units holds.
    void openHugeStore(rdtest::TestStore &store, const QString &name, Database &db,
                       qint64 *accountId);
    // The reconciliation report of `db` fails with a reason and leaves nothing in the folder.
    void reconciliationFailsAndWritesNothing(Database &db, const QString &name);
    Database &db() { return m_cache->db; }
    const rdtest::SeededCache &seed() const { return m_cache->seed; }

    QTemporaryDir m_dir;
    rdtest::SeededCaches m_caches;
    rdtest::SeededCaches::Entry *m_cache = nullptr;
};

void TestReportExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QDir(m_dir.path()).mkdir(QStringLiteral("out"));
}

void TestReportExport::init()
{
    BACKEND_OR_SKIP();
    QString error;
    m_cache = m_caches.current(&error);
    QVERIFY2(m_cache, qPrintable(error));
}

QStringList TestReportExport::folderEntries() const
{
    return QDir(m_dir.filePath(QStringLiteral("out"))).entryList(QDir::Files | QDir::Hidden);
}

void TestReportExport::reportMatchesCache_data()
{
    QTest::addColumn<QString>("report");
    QTest::addColumn<int>("account"); // 0 all, 1 stripe, 2 chargebee
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<bool>("bom");
    for (const QString &r : reportNames()) {
        const QByteArray n = r.toLatin1();
        QTest::newRow(n + " all") << r << 0 << QDate() << QDate() << false;
        QTest::newRow(n + " all bom") << r << 0 << QDate() << QDate() << true;
        QTest::newRow(n + " stripe") << r << 1 << QDate() << QDate() << false;
        QTest::newRow(n + " chargebee in May 5..20")
            << r << 2 << QDate(2024, 5, 5) << QDate(2024, 5, 20) << false;
        QTest::newRow(n + " from May 10") << r << 0 << QDate(2024, 5, 10) << QDate() << false;
        QTest::newRow(n + " to May 3") << r << 0 << QDate() << QDate(2024, 5, 3) << true;
    }
}

void TestReportExport::reportMatchesCache()
{
    QFETCH(QString, report);
    QFETCH(int, account);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(bool, bom);

    ExportRequest request;
    request.report = *reportFromName(report);
    request.byteOrderMark = bom;
    QStringList where{QStringLiteral("TRUE")};
    if (account != 0) {
        request.filter.accountId = account == 1 ? seed().stripe : seed().chargebee;
        where << QStringLiteral("t.account_id = %1").arg(request.filter.accountId);
    }
    if (from.isValid()) {
        request.filter.from = from;
        where << QStringLiteral("t.created_at >= %1").arg(dayStart(from));
    }
    if (to.isValid()) {
        request.filter.to = to;
        where << QStringLiteral("t.created_at < %1").arg(dayStart(to.addDays(1)));
    }
    const QString path = m_dir.filePath(QStringLiteral("out/%1.csv").arg(report));
    qint64 progressRows = -1;
    const ExportResult result = ReportExporter(db()).exportToFile(request, path, [&](qint64 rows) {
        progressRows = rows;
        return true;
    });
    QVERIFY2(result.ok(), qPrintable(result.error));

    const rdtest::CsvReadBack back = rdtest::readCsvIndependently(path);
    QVERIFY2(back.ok, qPrintable(back.error));
    QCOMPARE(back.bom, bom);
    QVERIFY(back.crlfOnly);
    QVERIFY(!back.rows.isEmpty());
    QCOMPARE(back.rows.first(), ReportDefinition(request.report).columnNames());
    const QList<QStringList> expected =
        rdtest::expectedRows(db(), report, where.join(QStringLiteral(" AND ")));
    QVERIFY(!expected.isEmpty()); // every case selects something, so the comparison means something
    QCOMPARE(back.rows.size() - 1, expected.size());
    QCOMPARE(result.rows, qint64(expected.size()));
    QCOMPARE(progressRows, result.rows);
    QCOMPARE(ReportExporter(db()).countRows(request).value(), result.rows);
    for (int r = 0; r < expected.size(); ++r) {
        const QStringList &got = back.rows.at(r + 1);
        QCOMPARE(got.size(), expected.at(r).size());
        for (int c = 0; c < got.size(); ++c) {
            if (got.at(c) != expected.at(r).at(c))
                qWarning("row %d column %s", r, qPrintable(back.rows.first().at(c)));
            QCOMPARE(got.at(c), expected.at(r).at(c));
        }
    }
    QCOMPARE(folderEntries(), QStringList{QFileInfo(path).fileName()}); // no temporary left
    QFile::remove(path);
}

void TestReportExport::hostileTextSurvivesGuarded()
{
    ExportRequest request;
    request.report = ReportKind::Refunds;
    const QString path = m_dir.filePath(QStringLiteral("out/hostile.csv"));
    QVERIFY(ReportExporter(db()).exportToFile(request, path).ok());
    const rdtest::CsvReadBack back = rdtest::readCsvIndependently(path);
    QVERIFY2(back.ok, qPrintable(back.error));
    const int note = int(back.rows.first().indexOf(QStringLiteral("note")));
    QStringList notes;
    for (int r = 1; r < back.rows.size(); ++r)
        notes << back.rows.at(r).at(note);
    // Each hostile text comes back exactly, with the guard only where a formula could start.
    const QList<QPair<QString, QString>> cases{
        {QStringLiteral("=HYPERLINK(\"http://evil.example/x\",\"click\")"),
         QStringLiteral("'=HYPERLINK(\"http://evil.example/x\",\"click\")")},
        {QStringLiteral("+1"), QStringLiteral("'+1")},
        {QStringLiteral("-2"), QStringLiteral("'-2")},
        {QStringLiteral("@x"), QStringLiteral("'@x")},
        {QStringLiteral("\tTAB first"), QStringLiteral("'\tTAB first")},
        {QStringLiteral("\rCR first"), QStringLiteral("'\rCR first")},
        {QStringLiteral("say \"hi\", then go"), QStringLiteral("say \"hi\", then go")},
        {QStringLiteral("line one\nline two"), QStringLiteral("line one\nline two")},
        {QStringLiteral("cr\r\nlf"), QStringLiteral("cr\r\nlf")},
        {QStringLiteral("refund \U0001F600\U0001F44D\U0001F3FD"),
         QStringLiteral("refund \U0001F600\U0001F44D\U0001F3FD")},
        {QStringLiteral("\u0627\u0633\u062A\u0631\u062F\u0627\u062F \u05D4\u05D7\u05D6\u05E8"),
         QStringLiteral("\u0627\u0633\u062A\u0631\u062F\u0627\u062F \u05D4\u05D7\u05D6\u05E8")},
        {QStringLiteral(" =space first"), QStringLiteral(" =space first")},
        {QStringLiteral("'already quoted"), QStringLiteral("'already quoted")},
    };
    for (const auto &c : cases) {
        QVERIFY2(notes.contains(c.second), qPrintable(c.first));
        QVERIFY2(!notes.contains(c.first) || c.first == c.second, qPrintable(c.first));
    }
    // Ids are text too: a refund id starting with '-' is guarded.
    bool sawGuardedId = false;
    for (int r = 1; r < back.rows.size(); ++r)
        sawGuardedId = sawGuardedId || back.rows.at(r).at(2).startsWith(QLatin1String("'-re_"));
    QVERIFY(sawGuardedId);
    // No line of the raw file starts with a formula character.
    QFile raw(path);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    for (const QByteArray &line : raw.readAll().split('\n')) {
        if (!line.isEmpty())
            QVERIFY2(!QByteArray("=+-@").contains(line.at(0)), line.constData());
    }
    QFile::remove(path);
}

void TestReportExport::amountsHaveTheCurrencyDecimals()
{
    ExportRequest request;
    request.report = ReportKind::Invoices;
    const QString path = m_dir.filePath(QStringLiteral("out/decimals.csv"));
    QVERIFY(ReportExporter(db()).exportToFile(request, path).ok());
    const rdtest::CsvReadBack back = rdtest::readCsvIndependently(path);
    QVERIFY2(back.ok, qPrintable(back.error));
    const QStringList header = back.rows.first();
    const int id = int(header.indexOf(QStringLiteral("invoice_id")));
    const int amount = int(header.indexOf(QStringLiteral("amount")));
    const int currency = int(header.indexOf(QStringLiteral("currency")));
    QMap<QString, QPair<QString, QString>> byId;
    for (int r = 1; r < back.rows.size(); ++r)
        byId.insert(back.rows.at(r).at(id),
                    {back.rows.at(r).at(amount), back.rows.at(r).at(currency)});
    // Seeded minor units: inv_0 125000 USD, inv_1 5 USD, inv_2 123456789012 USD, inv_4 100000
    // JPY, inv_6 7 JPY, inv_7 125000 KWD, inv_8 1250 KWD, inv_9 7 KWD.
    QCOMPARE(byId.value(QStringLiteral("inv_0")),
             qMakePair(QStringLiteral("1250.00"), QStringLiteral("USD")));
    QCOMPARE(byId.value(QStringLiteral("inv_1")),
             qMakePair(QStringLiteral("0.05"), QStringLiteral("USD")));
    QCOMPARE(byId.value(QStringLiteral("inv_2")),
             qMakePair(QStringLiteral("1234567890.12"), QStringLiteral("USD")));
    QCOMPARE(byId.value(QStringLiteral("inv_4")),
             qMakePair(QStringLiteral("100000"), QStringLiteral("JPY")));
    QCOMPARE(byId.value(QStringLiteral("inv_6")),
             qMakePair(QStringLiteral("7"), QStringLiteral("JPY")));
    QCOMPARE(byId.value(QStringLiteral("inv_7")),
             qMakePair(QStringLiteral("125.000"), QStringLiteral("KWD")));
    QCOMPARE(byId.value(QStringLiteral("inv_8")),
             qMakePair(QStringLiteral("1.250"), QStringLiteral("KWD")));
    QCOMPARE(byId.value(QStringLiteral("inv_9")),
             qMakePair(QStringLiteral("0.007"), QStringLiteral("KWD")));
    QFile::remove(path);
}

void TestReportExport::refundableHonoursPendingRefundsDisputesAndOutbox()
{
    ExportRequest request;
    request.report = ReportKind::Invoices;
    request.filter.search = QStringLiteral("inv_0");
    QStringList cells;
    const ExportResult result = ReportExporter(db()).forEachRow(request, [&](const QStringList &c) {
        cells = c;
        return true;
    });
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.rows, qint64(1));
    // 1250.00 captured - max(312.50 refunded by the gateway, 125.00 succeeded refund re_0)
    // - 125.01 pending refund re_1 - 250.00 lost in dispute cb_0 (its money went back to the
    // cardholder) - 1.00 + 2.00 open in the outbox (pending, unknown; closed ones do not count).
    QCOMPARE(cells.at(9), QStringLiteral("559.49"));
}

void TestReportExport::negativeNetStaysANumber()
{
    ExportRequest request;
    request.report = ReportKind::Reconciliation;
    request.filter.accountId = seed().chargebee;
    request.filter.currency = QStringLiteral("gbp");
    const QString path = m_dir.filePath(QStringLiteral("out/net.csv"));
    QVERIFY(ReportExporter(db()).exportToFile(request, path).ok());
    QFile raw(path);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    // The account name is text: guarded, and quoted for its quotes and comma. The amounts are
    // numbers, so -12.50 stays as it is.
    QCOMPARE(raw.readAll(),
             QByteArray("account,currency,invoices_total,refunded_total,"
                        "chargebacks_total,net\r\n\"'=Kuwait \"\"KW\"\", Chargebee\",GBP,0.00,"
                        "12.50,0.00,-12.50\r\n"));
    raw.close();
    QFile::remove(path);
}

void TestReportExport::tableFilterSelectsTheSameRows()
{
    // The GUI passes its table filter (search, status) through; the rows are those the
    // oracle selects with the same conditions.
    ExportRequest request;
    request.report = ReportKind::Refunds;
    request.filter.status = QStringLiteral("pending");
    request.filter.accountId = seed().stripe;
    QStringList ids;
    QVERIFY(ReportExporter(db())
                .forEachRow(request,
                            [&](const QStringList &c) {
                                ids << rdtest::guarded(
                                    c.at(2)); // rows come unguarded; the oracle guards
                                return true;
                            })
                .ok());
    QStringList expected;
    for (const QStringList &row : rdtest::expectedRows(
             db(), QStringLiteral("refunds"),
             QStringLiteral("t.status = 'pending' AND t.account_id = %1").arg(seed().stripe)))
        expected << row.at(2);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(ids, expected);
}

void TestReportExport::missingFolderFailsWithoutFile()
{
    ExportRequest request;
    const QString path = m_dir.filePath(QStringLiteral("nowhere/refunds.csv"));
    const ExportResult result = ReportExporter(db()).exportToFile(request, path);
    QCOMPARE(result.status, ExportResult::Status::Failed);
    QVERIFY2(result.error.contains(QLatin1String("does not exist")), qPrintable(result.error));
    QVERIFY(!QFile::exists(path));
}

void TestReportExport::parentIsAFileFailsWithoutFile()
{
    QFile blocker(m_dir.filePath(QStringLiteral("out/blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ExportRequest request;
    const QString path = blocker.fileName() + QStringLiteral("/refunds.csv");
    const ExportResult result = ReportExporter(db()).exportToFile(request, path);
    QCOMPARE(result.status, ExportResult::Status::Failed);
    QVERIFY2(result.error.contains(QLatin1String("is not a folder")), qPrintable(result.error));
    QVERIFY(!QFile::exists(path));
    QVERIFY(blocker.remove());
}

void TestReportExport::unwritableFolderFailsWithoutFile()
{
    // /proc refuses new files even to root, where permission bits would not.
    if (!QFileInfo(QStringLiteral("/proc")).isDir())
        QSKIP("needs /proc as a folder no one can create files in");
    ExportRequest request;
    const QString path = QStringLiteral("/proc/refunddesk-export.csv");
    const ExportResult result = ReportExporter(db()).exportToFile(request, path);
    QCOMPARE(result.status, ExportResult::Status::Failed);
    QVERIFY2(
        result.error.startsWith(QLatin1String("Cannot write to /proc/refunddesk-export.csv: ")),
        qPrintable(result.error));
    QVERIFY(!QFile::exists(path));
}

void TestReportExport::cancelLeavesNoFileAndKeepsTheOldOne()
{
    const QString path = m_dir.filePath(QStringLiteral("out/previous.csv"));
    QFile previous(path);
    QVERIFY(previous.open(QIODevice::WriteOnly));
    previous.write("an earlier export\r\n");
    previous.close();

    ExportRequest request;
    request.report = ReportKind::Refunds;
    const ExportResult result =
        ReportExporter(db()).exportToFile(request, path, [](qint64) { return false; });
    QCOMPARE(result.status, ExportResult::Status::Canceled);
    QVERIFY2(result.error.contains(QLatin1String("canceled")), qPrintable(result.error));
    QVERIFY(previous.open(QIODevice::ReadOnly));
    QCOMPARE(previous.readAll(), QByteArray("an earlier export\r\n"));
    previous.close();
    QCOMPARE(folderEntries(), QStringList{QStringLiteral("previous.csv")}); // no temporary
    QVERIFY(previous.remove());

    const QString fresh = m_dir.filePath(QStringLiteral("out/fresh.csv"));
    QCOMPARE(ReportExporter(db()).exportToFile(request, fresh, [](qint64) { return false; }).status,
             ExportResult::Status::Canceled);
    QVERIFY(!QFile::exists(fresh));
    QVERIFY(folderEntries().isEmpty());
}

void TestReportExport::fullDeviceFailsWithReason()
{
    rdtest::FullDevice device(64);
    device.open(QIODevice::WriteOnly);
    ExportRequest request;
    request.report = ReportKind::Refunds;
    const ExportResult result = ReportExporter(db()).exportToDevice(request, &device);
    QCOMPARE(result.status, ExportResult::Status::Failed);
    QVERIFY2(result.error.contains(QLatin1String("No space left on device")),
             qPrintable(result.error));
}

// Two invoices whose sum no 64-bit count of minor units holds: the reconciliation report and
// the charts fail with a reason (and the report writes nothing), on both backends, rather than
// show a total that is not the sum.
void TestReportExport::openHugeStore(rdtest::TestStore &store, const QString &name, Database &db,
                                     qint64 *accountId)
{
    QString error;
    const QString address = store.address(name, &error);
    QVERIFY2(!address.isEmpty(), qPrintable(error));
    QVERIFY2(db.open(address, &error), qPrintable(error));
    const auto account = AccountRepository(db).add(
        QStringLiteral("Huge"), Dialect::Stripe, QStringLiteral("https://stripe.example"), &error);
    QVERIFY2(account, qPrintable(error));
    *accountId = account->id;
}

void TestReportExport::reconciliationFailsAndWritesNothing(Database &db, const QString &name)
{
    ExportRequest request;
    request.report = ReportKind::Reconciliation;
    const QString path = m_dir.filePath(QStringLiteral("out/%1.csv").arg(name));
    const ExportResult result = ReportExporter(db).exportToFile(request, path);
    QCOMPARE(result.status, ExportResult::Status::Failed);
    QVERIFY2(result.error.contains(QLatin1String("overflow")) ||
                 result.error.contains(QLatin1String("out of range")),
             qPrintable(result.error));
    QVERIFY(!QFile::exists(path));
    QVERIFY(folderEntries().isEmpty());
}

void TestReportExport::totalBeyondMinorUnitsFailsAndWritesNothing()
{
    rdtest::TestStore store(rdtest::currentBackend());
    Database huge;
    qint64 accountId = 0;
    openHugeStore(store, QStringLiteral("huge"), huge, &accountId);
    if (QTest::currentTestFailed())
        return;
    QString error;
    QList<Invoice> invoices;
    for (int i = 0; i < 2; ++i) {
        Invoice inv;
        inv.gatewayId = QStringLiteral("inv_huge_%1").arg(i);
        inv.amount = Money(5000000000000000000, u"USD");
        inv.amountRefunded = Money(0, u"USD");
        inv.status = CommonStatus::Succeeded;
        inv.createdAt = rdtest::at(2, 9);
        invoices << inv;
    }
    QVERIFY2(RecordRepository(huge).upsertInvoices(accountId, invoices, &error), qPrintable(error));
    reconciliationFailsAndWritesNothing(huge, QStringLiteral("huge"));
    if (QTest::currentTestFailed())
        return;
    // The charts' sums of the same invoices fail alike.
    QVERIFY(!ChartQueries(huge).load(accountId, QStringLiteral("USD")).ok());
}

// Every total fits in 64-bit minor units, but paid - refunded - charged back does not: SQLite
// would turn the difference into a floating-point value and the cast would clamp it to the
// largest integer, a wrong figure written as if it were right. The report fails instead.
void TestReportExport::netBeyondMinorUnitsFailsAndWritesNothing()
{
    rdtest::TestStore store(rdtest::currentBackend());
    Database huge;
    qint64 accountId = 0;
    openHugeStore(store, QStringLiteral("hugenet"), huge, &accountId);
    if (QTest::currentTestFailed())
        return;
    QString error;
    Refund refund;
    refund.gatewayId = QStringLiteral("re_huge");
    refund.invoiceId = QStringLiteral("inv_elsewhere");
    refund.amount = Money(5000000000000000000, u"USD");
    refund.status = CommonStatus::Succeeded;
    refund.createdAt = rdtest::at(2, 9);
    QVERIFY2(RecordRepository(huge).upsertRefunds(accountId, {refund}, &error), qPrintable(error));
    Chargeback chargeback;
    chargeback.gatewayId = QStringLiteral("dp_huge");
    chargeback.invoiceId = QStringLiteral("inv_elsewhere");
    chargeback.amount = Money(5000000000000000000, u"USD");
    chargeback.status = CommonStatus::Pending;
    chargeback.createdAt = rdtest::at(2, 10);
    QVERIFY2(RecordRepository(huge).upsertChargebacks(accountId, {chargeback}, &error),
             qPrintable(error));
    reconciliationFailsAndWritesNothing(huge, QStringLiteral("hugenet"));
}

QTEST_GUILESS_MAIN(TestReportExport)
#include "tst_reportexport.moc"
