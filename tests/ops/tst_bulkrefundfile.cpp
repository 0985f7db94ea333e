// The bulk refund file, read row by row (one case per row, hostile ones included), and the
// stable key each row gets: the same for the same row whatever else the file holds, different
// for another row or another occurrence of an identical one.
#include "ops/bulkrefund.h"
#include "report/csvreader.h"

#include <QBuffer>
#include <QTest>

using namespace rd;

namespace {

Result<QList<BulkRefundRow>> read(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readBulkRefundFile(buffer);
}

QStringList fields(std::initializer_list<const char *> texts)
{
    QStringList out;
    for (const char *t : texts)
        out << QString::fromUtf8(t);
    return out;
}

QStringList keys(const QByteArray &bytes)
{
    QStringList out;
    for (const BulkRefundRow &r : read(bytes).valueOr({}))
        out << r.key;
    return out;
}

} // namespace

class TestBulkRefundFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reads_data();
    void reads();
    void refuses_data();
    void refuses();
    void keysFollowTheRowNotTheFile();
};

void TestBulkRefundFile::reads_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("first"); // account, invoice, amount, reason, note
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("line"); // of the first row
    QTest::addRow("plain") << QByteArray("account,invoice_id,amount\nA,in_1,12.50\n")
                           << fields({"A", "in_1", "12.50", "", ""}) << 1 << 2;
    QTest::addRow("any order, any case, spaces")
        << QByteArray("Note , AMOUNT,invoice_id,account,reason\r\nhi, full ,in_2, A ,duplicate\r\n")
        << fields({"A", "in_2", "full", "duplicate", "hi"}) << 1 << 2;
    QTest::addRow("byte order mark") << QByteArray("\xEF\xBB\xBF"
                                                   "account,invoice_id,amount\nA,in_1,1\n")
                                     << fields({"A", "in_1", "1", "", ""}) << 1 << 2;
    QTest::addRow("quoted comma, quote and line break")
        << QByteArray(
               "account,invoice_id,amount,note\n\"A, Ltd\",in_1,1,\"say \"\"hi\"\"\nthen go\"\n"
               "A,in_2,2,\n")
        << fields({"A, Ltd", "in_1", "1", "", "say \"hi\"\nthen go"}) << 2 << 2;
    QTest::addRow("blank lines skipped, line numbers kept")
        << QByteArray("account,invoice_id,amount\n\n\nA,in_1,1\n")
        << fields({"A", "in_1", "1", "", ""}) << 1 << 4;
    QTest::addRow("no final line break") << QByteArray("account,invoice_id,amount\nA,in_1,1")
                                         << fields({"A", "in_1", "1", "", ""}) << 1 << 2;
    QTest::addRow("formula-looking note kept as written")
        << QByteArray("account,invoice_id,amount,note\nA,in_1,1,\"=HYPERLINK(\"\"x\"\")\"\n")
        << fields({"A", "in_1", "1", "", "=HYPERLINK(\"x\")"}) << 1 << 2;
}

void TestBulkRefundFile::reads()
{
    QFETCH(QByteArray, file);
    QFETCH(QStringList, first);
    QFETCH(int, rows);
    QFETCH(int, line);
    const auto r = read(file);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(r->size(), rows);
    const BulkRefundRow &row = r->first();
    QCOMPARE((QStringList{row.account, row.invoiceId, row.amount, row.reason, row.note}), first);
    QCOMPARE(row.line, line);
    QVERIFY(row.key.startsWith(QLatin1String("bulk_")));
}

void TestBulkRefundFile::refuses_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("says");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::addRow("unknown column")
        << QByteArray("account,invoice,amount\n") << QStringLiteral("unknown column \"invoice\"");
    QTest::addRow("result columns") << QByteArray("account,invoice_id,amount,outcome\n")
                                    << QStringLiteral("unknown column \"outcome\"");
    QTest::addRow("twice") << QByteArray("account,invoice_id,amount,Amount\n")
                           << QStringLiteral("appears twice");
    QTest::addRow("missing amount")
        << QByteArray("account,invoice_id\n") << QStringLiteral("no \"amount\" column");
    QTest::addRow("short row") << QByteArray("account,invoice_id,amount\nA,in_1\n")
                               << QStringLiteral("line 2 has 2 fields; the header has 3");
    QTest::addRow("open quote") << QByteArray("account,invoice_id,amount\nA,\"in_1,1\n")
                                << QStringLiteral("line 2: a quoted field is never closed");
    QTest::addRow("quote inside a field") << QByteArray("account,invoice_id,amount\nA,in\"1,1\n")
                                          << QStringLiteral("line 2: a quote inside");
    QTest::addRow("text after a quote") << QByteArray("account,invoice_id,amount\nA,\"in\"1,1\n")
                                        << QStringLiteral("line 2: text after a closing quote");
    QTest::addRow("not UTF-8") << QByteArray("account,invoice_id,amount\nM\xFCller,in_1,1\n")
                               << QStringLiteral("not UTF-8");
}

void TestBulkRefundFile::refuses()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, says);
    const auto r = read(file);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(says), qPrintable(r.error()));
}

void TestBulkRefundFile::keysFollowTheRowNotTheFile()
{
    const QByteArray header("account,invoice_id,amount,note\n");
    const QStringList base = keys(header + "A,in_1,1.00,x\nA,in_2,full,\n");
    QCOMPARE(base.size(), 2);
    QVERIFY(base.at(0) != base.at(1));
    // Rows added before and after, columns reordered, "FULL" and another case of the account:
    // the same rows keep their keys.
    const QStringList more =
        keys("note,amount,invoice_id,account\nnew,3,in_9,A\nx,1.00,in_1,A\n,FULL,in_2,a\n");
    QCOMPARE(more.mid(1), base);
    // Identical rows are separate refunds: the second gets its own key, stable as well.
    const QStringList twice = keys(header + "A,in_1,1.00,x\nA,in_1,1.00,x\n");
    QCOMPARE(twice.first(), base.first());
    QVERIFY(twice.at(1) != twice.at(0));
    QCOMPARE(keys(header + "A,in_3,1,\nA,in_1,1.00,x\nA,in_1,1.00,x\n").mid(1), twice);
    // Any change to the row's content makes it another request.
    QVERIFY(keys(header + "A,in_1,1.00,y\n").first() != base.first());
    QVERIFY(keys(header + "A,in_1,1.0,x\n").first() != base.first());
    QVERIFY(keys(header + "B,in_1,1.00,x\n").first() != base.first());
}

QTEST_APPLESS_MAIN(TestBulkRefundFile)
#include "tst_bulkrefundfile.moc"
