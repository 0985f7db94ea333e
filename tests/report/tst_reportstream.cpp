// The export's SQLite lane (report/sqlitereportstream.*) against the way every export was
// written before it: ReportExporter::forEachRow() rows through CsvWriter::writeRow(). Both run
// on the same hostile cache, plus values only a hand-edited cache holds (invalid UTF-8, blobs,
// reals and text in number columns, lower-case and non-ASCII currencies, years outside
// 1..9999); every report, with and without filters and BOM, must come out byte for byte the
// same, and a row that cannot be written must fail both ways alike.

#include "reportfixture.h"

#include "report/reportexporter.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

// The bytes exportToDevice() wrote before the SQLite lane existed.
ExportResult exportTheOldWay(Database &db, const ExportRequest &request, QByteArray *bytes)
{
    QBuffer buffer(bytes);
    buffer.open(QIODevice::WriteOnly);
    const ReportDefinition def(request.report);
    CsvWriter writer(&buffer, def.cellKinds());
    if (request.byteOrderMark)
        writer.writeBom();
    writer.writeRow(def.columnNames());
    ExportResult result = ReportExporter(db).forEachRow(
        request, [&writer](const QStringList &cells) { return writer.writeRow(cells); });
    if (result.ok())
        writer.flush();
    return result;
}

ExportResult exportTheNewWay(Database &db, const ExportRequest &request, QByteArray *bytes)
{
    QBuffer buffer(bytes);
    buffer.open(QIODevice::WriteOnly);
    return ReportExporter(db).exportToDevice(request, &buffer);
}

bool exec(Database &db, const QString &sql, QString *why)
{
    QSqlQuery q(db.connection());
    if (q.exec(sql))
        return true;
    *why = q.lastError().text() + QStringLiteral(" in ") + sql;
    return false;
}

} // namespace

class TestReportStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sameBytes_data();
    void sameBytes();
    void unknownCurrencyFailsAlike();
    void cancelStopsAlike();
    void groupedRefundableAgrees();

private:
    QTemporaryDir m_dir;
    Database m_db;
    rdtest::SeededCache m_seed;
};

void TestReportStream::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString why;
    QVERIFY2(rdtest::openSeededCache(m_dir.path(), m_db, &m_seed, &why), qPrintable(why));
    const QString stripe = QString::number(m_seed.stripe);
    const QString chargebee = QString::number(m_seed.chargebee);
    // Rows no gateway sends but a cache edited by hand (or a future bug) could hold.
    const QStringList odd{
        // Invalid UTF-8 (a lone continuation byte, an overlong slash, a UTF-8 surrogate).
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, note, created_at) VALUES (%1, 're_bad_utf8', "
                       "CAST(X'8061' AS TEXT), 700, 'USD', 'succeeded', CAST(X'3DC0AF' AS TEXT) "
                       "|| CAST(X'EDA080' AS TEXT), 1714000000)")
            .arg(stripe),
        // A blob and a number where text belongs; a real and text where minor units belong.
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, note, failure_reason, created_at) VALUES (%1, "
                       "'re_blob', X'2D626C6F62', 12.75, 'usd', 'failed', 42, X'C3A9', "
                       "1714000100)")
            .arg(stripe),
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, note, created_at) VALUES (%1, 're_text_amount', 'x', "
                       "'17abc', 'jpy', 'pending', '', '1714000200')")
            .arg(stripe),
        // Before year 1 and after 9999, and a negative amount.
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_ancient', 'x', -1234, "
                       "'KWD', 'succeeded', -62198755200)")
            .arg(chargebee),
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_far', 'x', 5, 'kwd', "
                       "'succeeded', 253402300800)")
            .arg(chargebee),
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_year_one', 'x', 5, 'Usd', "
                       "'succeeded', -62135596800)")
            .arg(chargebee),
        // Invoices with the same oddities, including a customer that starts like a formula
        // once its bytes are read.
        QStringLiteral("INSERT INTO invoices (account_id, gateway_id, customer, amount, "
                       "amount_refunded, currency, status, created_at) VALUES (%1, 'inv_odd', "
                       "CAST(X'2BFF' AS TEXT), 900, 100, 'usd', 'succeeded', 1714000300)")
            .arg(stripe),
        // For the invoices report's refundable, which the SQLite lane works out itself: an
        // amount that is text on an invoice's own refund, a real where minor units belong, an
        // invoice and its refund keyed by a blob, a refund in another currency than its
        // invoice, and requests awaiting approval and rejected.
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_text_own', 'inv_1', "
                       "'8abc', 'USD', 'pending', 1714000400)")
            .arg(stripe),
        QStringLiteral("INSERT INTO invoices (account_id, gateway_id, amount, amount_refunded, "
                       "currency, status, created_at) VALUES (%1, 'inv_real', 1000, 250.5, "
                       "'USD', 'succeeded', 1714000500)")
            .arg(stripe),
        QStringLiteral("INSERT INTO invoices (account_id, gateway_id, amount, currency, status, "
                       "created_at) VALUES (%1, X'696E765F626C6F62', 5000, 'USD', 'succeeded', "
                       "1714000600)")
            .arg(stripe),
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_blob_key', "
                       "X'696E765F626C6F62', 300, 'USD', 'pending', 1714000700)")
            .arg(stripe),
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_other_currency', 'inv_0', "
                       "700, 'EUR', 'succeeded', 1714000800)")
            .arg(stripe),
        QStringLiteral("INSERT INTO approvals (account_id, kind, invoice_id, amount, currency, "
                       "state, requested_by, requested_at) VALUES (%1, 'refund', 'inv_0', 450, "
                       "'USD', 'awaiting', 'maker', 0), (%1, 'refund', 'inv_0', 9000, 'USD', "
                       "'awaiting', 'maker', 0)")
            .arg(stripe),
        QStringLiteral("UPDATE approvals SET state = 'rejected', decided_by = 'checker', "
                       "decided_at = 0 WHERE amount = 9000"),
    };
    for (const QString &sql : odd)
        QVERIFY2(exec(m_db, sql, &why), qPrintable(why));
}

void TestReportStream::sameBytes_data()
{
    QTest::addColumn<int>("report");
    QTest::addColumn<bool>("bom");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("oneAccount");
    QTest::addColumn<bool>("days");
    for (const ReportKind kind : allReports()) {
        const QByteArray name = reportName(kind).toLatin1();
        QTest::newRow(name + " all")
            << int(kind) << false << QString() << QString() << false << false;
        QTest::newRow(name + " bom, one account, days")
            << int(kind) << true << QString() << QString() << true << true;
        if (kind != ReportKind::Reconciliation) {
            QTest::newRow(name + " search")
                << int(kind) << false << QStringLiteral("re") << QString() << false << false;
            QTest::newRow(name + " status")
                << int(kind) << false << QString() << QStringLiteral("succeeded") << false << false;
            QTest::newRow(name + " invoice state")
                << int(kind) << false << QString() << QStringLiteral("partly_refunded") << false
                << false;
        }
    }
}

void TestReportStream::sameBytes()
{
    QFETCH(int, report);
    QFETCH(bool, bom);
    QFETCH(QString, search);
    QFETCH(QString, status);
    QFETCH(bool, oneAccount);
    QFETCH(bool, days);
    ExportRequest request;
    request.report = ReportKind(report);
    request.byteOrderMark = bom;
    request.filter.search = search;
    request.filter.status = status;
    if (oneAccount)
        request.filter.accountId = m_seed.stripe;
    if (days) {
        request.filter.from = QDate(2024, 5, 3);
        request.filter.to = QDate(2024, 5, 20);
    }
    // Amount ranges apply with a currency.
    QByteArray before;
    QByteArray after;
    const ExportResult old = exportTheOldWay(m_db, request, &before);
    const ExportResult now = exportTheNewWay(m_db, request, &after);
    QVERIFY2(old.ok(), qPrintable(old.error));
    QVERIFY2(now.ok(), qPrintable(now.error));
    QCOMPARE(now.rows, old.rows);
    QVERIFY(old.rows > 0 || !search.isEmpty() || !status.isEmpty());
    QCOMPARE(after, before);
}

void TestReportStream::unknownCurrencyFailsAlike()
{
    QTemporaryDir dir;
    Database db;
    rdtest::SeededCache seed;
    QString why;
    QVERIFY2(rdtest::openSeededCache(dir.path(), db, &seed, &why), qPrintable(why));
    QVERIFY2(exec(db,
                  QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, "
                                 "amount, currency, status, created_at) VALUES (%1, 're_xyz', "
                                 "'x', 5, 'XYZ', 'succeeded', 1714000000)")
                      .arg(seed.stripe),
                  &why),
             qPrintable(why));
    ExportRequest request;
    request.report = ReportKind::Refunds;
    QByteArray before;
    QByteArray after;
    const ExportResult old = exportTheOldWay(db, request, &before);
    const ExportResult now = exportTheNewWay(db, request, &after);
    QCOMPARE(int(now.status), int(ExportResult::Status::Failed));
    QCOMPARE(int(now.status), int(old.status));
    QCOMPARE(now.rows, old.rows);
    QCOMPARE(now.error, old.error);
    QVERIFY(now.error.contains(QStringLiteral("XYZ")));
}

void TestReportStream::cancelStopsAlike()
{
    QTemporaryDir dir;
    Database db;
    rdtest::SeededCache seed;
    QString why;
    QVERIFY2(rdtest::openSeededCache(dir.path(), db, &seed, &why), qPrintable(why));
    QVERIFY2(rdtest::addBulkRefunds(db, seed.stripe, 2500, &why), qPrintable(why));
    ExportRequest request;
    request.report = ReportKind::Refunds;
    QList<qint64> seen;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const ExportResult r = ReportExporter(db).exportToDevice(request, &buffer, [&](qint64 rows) {
        seen << rows;
        return rows < 2000;
    });
    QCOMPARE(int(r.status), int(ExportResult::Status::Canceled));
    QCOMPARE(r.rows, qint64(2000));
    QCOMPARE(seen, (QList<qint64>{1000, 2000}));
}

// The invoices report's grouped refundable against the per-invoice form, on every invoice of
// the hostile cache (pending, failed and succeeded refunds, chargebacks, open outbox entries).
void TestReportStream::groupedRefundableAgrees()
{
    QSqlQuery q(m_db.connection());
    QVERIFY2(q.exec(rdtest::refundableBothWaysSql()), qPrintable(q.lastError().text()));
    int compared = 0;
    int partial = 0;
    while (q.next()) {
        QCOMPARE(q.value(2).toLongLong(), q.value(1).toLongLong());
        partial += q.value(1).toLongLong() > 0 ? 1 : 0;
        ++compared;
    }
    QVERIFY(compared >= 12);
    QVERIFY(partial >= 4);
}

QTEST_GUILESS_MAIN(TestReportStream)
#include "tst_reportstream.moc"
