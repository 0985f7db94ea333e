// The CSV writer on its own: RFC 4180 quoting, CRLF, the formula guard (text only, never
// amounts), the optional BOM, and a device that fails mid-way (a full disk).
#include "reportfixture.h"

#include "report/csvwriter.h"
#include "report/reportdefinition.h"

#include <QBuffer>
#include <QTest>

using namespace rd;

namespace {

QByteArray encode(const QStringList &cells, const QList<CsvWriter::CellKind> &kinds)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer, kinds);
    writer.writeRow(cells);
    writer.flush();
    return buffer.data();
}

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textCell_data();
    void textCell();
    void bytesCellsMatchTextCells_data() { textCell_data(); }
    void bytesCellsMatchTextCells();
    void bytesThatAreNotStrictUtf8AreRefused_data();
    void bytesThatAreNotStrictUtf8AreRefused();
    void amountsAreNeverGuarded_data();
    void amountsAreNeverGuarded();
    void rowsAreCommaSeparatedWithCrlf();
    void byteOrderMark();
    void bigOutputIsFlushedInBatches();
    void fullDeviceReportsWhy();
    void timestamps_data();
    void timestamps();
};

void TestCsvWriter::textCell_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("plain") << QStringLiteral("plain") << QByteArray("plain");
    QTest::newRow("empty") << QString() << QByteArray("");
    QTest::newRow("formula") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                             << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("plus") << QStringLiteral("+1") << QByteArray("'+1");
    QTest::newRow("minus") << QStringLiteral("-2") << QByteArray("'-2");
    QTest::newRow("at") << QStringLiteral("@x") << QByteArray("'@x");
    QTest::newRow("tab first") << QStringLiteral("\tx") << QByteArray("'\tx");
    QTest::newRow("cr first") << QStringLiteral("\rx") << QByteArray("\"'\rx\"");
    QTest::newRow("inner equals") << QStringLiteral("a=b") << QByteArray("a=b");
    QTest::newRow("space then equals") << QStringLiteral(" =x") << QByteArray(" =x");
    QTest::newRow("quotes") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("comma") << QStringLiteral("a,b") << QByteArray("\"a,b\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QByteArray("\"a\nb\"");
    QTest::newRow("crlf inside") << QStringLiteral("a\r\nb") << QByteArray("\"a\r\nb\"");
    QTest::newRow("emoji") << QStringLiteral("\U0001F600") << QByteArray("\xF0\x9F\x98\x80");
    QTest::newRow("right to left")
        << QStringLiteral("\u05D0\u05D1") << QByteArray("\xD7\x90\xD7\x91");
    QTest::newRow("apostrophe first") << QStringLiteral("'x") << QByteArray("'x");
}

void TestCsvWriter::textCell()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, encoded);
    QCOMPARE(encode({value}, {CsvWriter::CellKind::Text}), encoded + "\r\n");
}

// The export's byte lane writes cells from UTF-8 bytes (writeTextCell(), writeUtf8Cell()):
// each must give the bytes writeRow() gives the same text, in a row with other cells.
void TestCsvWriter::bytesCellsMatchTextCells()
{
    QFETCH(QString, value);
    const QList<CsvWriter::CellKind> kinds{CsvWriter::CellKind::Number, CsvWriter::CellKind::Text};
    const QByteArray utf8 = value.toUtf8();
    for (int way = 0; way < 2; ++way) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter writer(&buffer, kinds);
        writer.writePlainCell("-1.50", 5);
        if (way == 0)
            QVERIFY(writer.writeTextCell(utf8.constData(), utf8.size()));
        else
            writer.writeUtf8Cell(utf8.constData(), utf8.size());
        QVERIFY(writer.endRow());
        QVERIFY(writer.flush());
        QCOMPARE(buffer.data(), encode({QStringLiteral("-1.50"), value}, kinds));
    }
}

void TestCsvWriter::bytesThatAreNotStrictUtf8AreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("lone continuation") << QByteArray("a\x80"
                                                     "b");
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF");
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80");
    QTest::newRow("past U+10FFFF") << QByteArray("\xF4\x90\x80\x80");
    QTest::newRow("cut short") << QByteArray("x,\xE2\x82");
    QTest::newRow("latin-1") << QByteArray("caf\xE9");
}

void TestCsvWriter::bytesThatAreNotStrictUtf8AreRefused()
{
    QFETCH(QByteArray, bytes);
    QVERIFY(!CsvWriter::isStrictUtf8(bytes.constData(), bytes.size()));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer, {});
    QVERIFY(!writer.writeTextCell(bytes.constData(), bytes.size()));
    // Nothing was written, not even a separator: the caller writes the cell another way.
    writer.writeCell(QStringLiteral("x"));
    QVERIFY(writer.endRow());
    QVERIFY(writer.flush());
    QCOMPARE(buffer.data(), QByteArray("x\r\n"));
}

void TestCsvWriter::amountsAreNeverGuarded_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("negative net") << QStringLiteral("-12.50");
    QTest::newRow("zero decimals") << QStringLiteral("1000");
    QTest::newRow("three decimals") << QStringLiteral("-1.250");
}

void TestCsvWriter::amountsAreNeverGuarded()
{
    QFETCH(QString, value);
    QCOMPARE(encode({value}, {CsvWriter::CellKind::Number}), value.toLatin1() + "\r\n");
}

void TestCsvWriter::rowsAreCommaSeparatedWithCrlf()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer, {CsvWriter::CellKind::Text, CsvWriter::CellKind::Number});
    QVERIFY(writer.writeRow({QStringLiteral("account"), QStringLiteral("net")}));
    QVERIFY(writer.writeRow({QStringLiteral("-x"), QStringLiteral("-3.00"), QStringLiteral("=y")}));
    QVERIFY(writer.flush());
    QCOMPARE(buffer.data(), QByteArray("account,net\r\n'-x,-3.00,'=y\r\n"));
    QCOMPARE(writer.bytesWritten(), buffer.size());
}

void TestCsvWriter::byteOrderMark()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer, {});
    writer.writeBom();
    writer.writeRow({QStringLiteral("\u00E9")});
    writer.flush();
    QCOMPARE(buffer.data(), QByteArray("\xEF\xBB\xBF\xC3\xA9\r\n"));
}

void TestCsvWriter::bigOutputIsFlushedInBatches()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer, {});
    const QString cell(100, QLatin1Char('x'));
    for (int i = 0; i < 10000; ++i)
        QVERIFY(writer.writeRow({cell}));
    // Rows reach the device before the final flush: the writer does not hold the export.
    QVERIFY(buffer.size() > 0);
    QVERIFY(buffer.size() < 10000 * 102);
    QVERIFY(writer.flush());
    QCOMPARE(buffer.size(), qint64(10000 * 102));
}

void TestCsvWriter::fullDeviceReportsWhy()
{
    rdtest::FullDevice device(1000);
    device.open(QIODevice::WriteOnly);
    CsvWriter writer(&device, {});
    bool ok = true;
    for (int i = 0; i < 10000 && ok; ++i)
        ok = writer.writeRow({QStringLiteral("row %1 with some text").arg(i)});
    ok = ok && writer.flush();
    QVERIFY(!ok);
    QVERIFY(writer.hasError());
    QCOMPARE(writer.error(), QStringLiteral("No space left on device"));
    QCOMPARE(device.accepted(), qint64(1000));
    QVERIFY(!writer.writeRow({QStringLiteral("more")})); // stays failed
}

void TestCsvWriter::timestamps_data()
{
    QTest::addColumn<qint64>("secs");
    QTest::addColumn<QString>("iso");
    QTest::newRow("design example") << qint64(1715063520) << QStringLiteral("2024-05-07T06:32:00Z");
    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00Z");
    QTest::newRow("leap day") << qint64(951782399) << QStringLiteral("2000-02-28T23:59:59Z");
    QTest::newRow("before epoch") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59Z");
    QTest::newRow("2038") << qint64(2147483648) << QStringLiteral("2038-01-19T03:14:08Z");
}

void TestCsvWriter::timestamps()
{
    QFETCH(qint64, secs);
    QFETCH(QString, iso);
    QCOMPARE(isoUtcTimestamp(secs), iso);
}

QTEST_APPLESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
