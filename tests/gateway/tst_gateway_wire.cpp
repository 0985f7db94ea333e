// The building blocks under the adapters: form encoding, exact wire amounts, the defensive JSON
// reader, the retry policy and the URL rules of HttpClient. Hostile rows included.
#include "gateway/formencoding.h"
#include "gateway/httpclient.h"
#include "gateway/jsonreader.h"
#include "gateway/pagewalker.h"
#include "gateway/retrypolicy.h"
#include "gateway/wireamount.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace rd;

class TestGatewayWire : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formEncoding_data();
    void formEncoding();
    void formBracketKeysRoundTrip();
    void minorToMoney_data();
    void minorToMoney();
    void majorToMoney_data();
    void majorToMoney();
    void exponentOverride();
    void moneyToWire_data();
    void moneyToWire();
    void jsonReaderIntegers_data();
    void jsonReaderIntegers();
    void jsonReaderNamesNestedField();
    void jsonReaderTimes_data();
    void jsonReaderTimes();
    void jsonDocumentAgreesWithQt_data();
    void jsonDocumentAgreesWithQt();
    void jsonReaderKeepsQtsReading();
    void retryDecision_data();
    void retryDecision();
    void retryAfter_data();
    void retryAfter();
    void backoffGrowsWithJitter();
    void baseUrlRules_data();
    void baseUrlRules();
    void pathCannotEscape_data();
    void pathCannotEscape();
    void redaction();
    void pageWalkerFollowsEveryPage();
    void pageWalkerCancels();
    void pageWalkerStopsOnRepeatedCursor();
    void pageWalkerReportsTheFailingPage();
};

void TestGatewayWire::formEncoding_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("plain") << "amount"
                           << "1000" << QByteArray("amount=1000");
    QTest::newRow("brackets") << "metadata[order_id]"
                              << "6735" << QByteArray("metadata[order_id]=6735");
    QTest::newRow("space is %20") << "comment"
                                  << "a b" << QByteArray("comment=a%20b");
    QTest::newRow("plus escaped") << "comment"
                                  << "1+1" << QByteArray("comment=1%2B1");
    QTest::newRow("ampersand and equals") << "k"
                                          << "a&b=c" << QByteArray("k=a%26b%3Dc");
    QTest::newRow("utf-8") << "customer_notes" << QString::fromUtf8("Zürich €")
                           << QByteArray("customer_notes=Z%C3%BCrich%20%E2%82%AC");
    QTest::newRow("brackets in a value are escaped")
        << "comment"
        << "late [rd:op-1]" << QByteArray("comment=late%20%5Brd%3Aop-1%5D");
    QTest::newRow("empty value unsets") << "metadata[x]"
                                        << "" << QByteArray("metadata[x]=");
}

void TestGatewayWire::formEncoding()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QByteArray, encoded);
    FormFields f;
    f.add(key, value);
    QCOMPARE(f.encode(), encoded);
}

void TestGatewayWire::formBracketKeysRoundTrip()
{
    FormFields f;
    f.add(QStringLiteral("charge"), QStringLiteral("ch_1"));
    f.addMap(QStringLiteral("metadata"), {{QStringLiteral("b"), QStringLiteral("2 & 3")},
                                          {QStringLiteral("a"), QStringLiteral("1")}});
    f.add(QStringLiteral("credit_note[reason_code]"), QStringLiteral("other"));
    // Decoding with Qt's own query parser gives back exactly what went in, in order.
    const QUrlQuery q(QString::fromLatin1(f.encode()));
    const auto items = q.queryItems(QUrl::FullyDecoded);
    QCOMPARE(items.size(), 4);
    QCOMPARE(items.at(0), qMakePair(QStringLiteral("charge"), QStringLiteral("ch_1")));
    QCOMPARE(items.at(1), qMakePair(QStringLiteral("metadata[a]"), QStringLiteral("1")));
    QCOMPARE(items.at(2), qMakePair(QStringLiteral("metadata[b]"), QStringLiteral("2 & 3")));
    QCOMPARE(items.at(3),
             qMakePair(QStringLiteral("credit_note[reason_code]"), QStringLiteral("other")));
}

void TestGatewayWire::minorToMoney_data()
{
    QTest::addColumn<qint64>("wire");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("decimal");
    QTest::newRow("usd lower-case") << qint64(1250) << "usd" << true << "12.50";
    QTest::newRow("jpy") << qint64(1000) << "JPY" << true << "1000";
    QTest::newRow("kwd") << qint64(1250) << "kwd" << true << "1.250";
    QTest::newRow("negative") << qint64(-5) << "EUR" << true << "-0.05";
    QTest::newRow("int64 max") << std::numeric_limits<qint64>::max() << "USD" << true
                               << "92233720368547758.07";
    QTest::newRow("unknown currency") << qint64(1) << "XXX" << false << "";
    QTest::newRow("empty currency") << qint64(1) << "" << false << "";
}

void TestGatewayWire::minorToMoney()
{
    QFETCH(qint64, wire);
    QFETCH(QString, currency);
    QFETCH(bool, ok);
    QFETCH(QString, decimal);
    QString error;
    const auto m = WireAmount().fromMinor(wire, currency, &error);
    QCOMPARE(m.has_value(), ok);
    if (ok)
        QCOMPARE(m->toDecimalString(), decimal);
    else
        QVERIFY(error.contains(QLatin1String("currency")));
}

void TestGatewayWire::majorToMoney_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<qint64>("minor"); // -1: must fail
    QTest::newRow("usd") << "12.50"
                         << "USD" << qint64(1250);
    QTest::newRow("usd one decimal") << "5.5"
                                     << "USD" << qint64(550);
    QTest::newRow("usd whole") << "200"
                               << "KES" << qint64(20000);
    QTest::newRow("kwd") << "1.250"
                         << "KWD" << qint64(1250);
    QTest::newRow("jpy") << "1000"
                         << "JPY" << qint64(1000);
    QTest::newRow("too many decimals") << "12.345"
                                       << "USD" << qint64(-1);
    QTest::newRow("jpy decimals") << "10.5"
                                  << "JPY" << qint64(-1);
    QTest::newRow("comma") << "1,000.00"
                           << "USD" << qint64(-1);
    QTest::newRow("exponent notation") << "1e3"
                                       << "USD" << qint64(-1);
    QTest::newRow("empty") << ""
                           << "USD" << qint64(-1);
    QTest::newRow("huge") << "99999999999999999999"
                          << "USD" << qint64(-1);
    QTest::newRow("unknown currency") << "1.00"
                                      << "ABC" << qint64(-1);
}

void TestGatewayWire::majorToMoney()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(qint64, minor);
    QString error;
    const auto m = WireAmount().fromMajor(text, currency, &error);
    if (minor < 0) {
        QVERIFY(!m);
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->minorUnits(), minor);
    }
}

void TestGatewayWire::exponentOverride()
{
    // A gateway that sends a zero-decimal currency with two extra digits (as some do for
    // ISK-like cases) is read exactly, and a non-multiple is refused, not rounded.
    const WireAmount wire({{QStringLiteral("JPY"), 2}});
    QString error;
    const auto m = wire.fromMinor(123400, QStringLiteral("jpy"), &error);
    QVERIFY(m);
    QCOMPARE(m->minorUnits(), qint64(1234));
    QVERIFY(!wire.fromMinor(123450, QStringLiteral("JPY"), &error));
    QCOMPARE(wire.toMinorString(Money(1234, u"JPY"), &error), QStringLiteral("123400"));
    QCOMPARE(wire.toMajor(Money(1234, u"JPY"), &error), QStringLiteral("1234.00"));
    const auto major = wire.fromMajor(u"1234.00", u"JPY", &error);
    QVERIFY2(major, qPrintable(error));
    QCOMPARE(major->minorUnits(), qint64(1234));
    QVERIFY(!wire.fromMajor(u"1234.50", u"JPY", &error));
}

void TestGatewayWire::moneyToWire_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("minorString");
    QTest::addColumn<QString>("major");
    QTest::newRow("usd") << qint64(1250) << "USD"
                         << "1250"
                         << "12.50";
    QTest::newRow("jpy") << qint64(1000) << "JPY"
                         << "1000"
                         << "1000";
    QTest::newRow("kwd") << qint64(5) << "KWD"
                         << "5"
                         << "0.005";
}

void TestGatewayWire::moneyToWire()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, minorString);
    QFETCH(QString, major);
    QString error;
    const Money m(minor, currency);
    QCOMPARE(WireAmount().toMinorString(m, &error), minorString);
    QCOMPARE(WireAmount().toMajor(m, &error), major);
    QCOMPARE(WireAmount().toMinorString(Money(), &error), QString());
    QVERIFY(!error.isEmpty());
}

void TestGatewayWire::jsonReaderIntegers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("value");
    QTest::newRow("int") << QByteArray(R"({"n":1000})") << true << qint64(1000);
    QTest::newRow("negative") << QByteArray(R"({"n":-7})") << true << qint64(-7);
    QTest::newRow("2^53-1") << QByteArray(R"({"n":9007199254740991})") << true
                            << qint64(9007199254740991LL);
    QTest::newRow("2^53+1 refused")
        << QByteArray(R"({"n":9007199254740993})") << false << qint64(0);
    QTest::newRow("1e30 refused") << QByteArray(R"({"n":1e30})") << false << qint64(0);
    QTest::newRow("fraction refused") << QByteArray(R"({"n":10.5})") << false << qint64(0);
    QTest::newRow("string refused") << QByteArray(R"({"n":"1000"})") << false << qint64(0);
    QTest::newRow("null refused") << QByteArray(R"({"n":null})") << false << qint64(0);
    QTest::newRow("missing refused") << QByteArray(R"({})") << false << qint64(0);
    QTest::newRow("bool refused") << QByteArray(R"({"n":true})") << false << qint64(0);
}

void TestGatewayWire::jsonReaderIntegers()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(qint64, value);
    const JsonReader r = JsonDocument::fromJson(json).reader();
    const qint64 n = r.integer(QStringLiteral("n"));
    QCOMPARE(r.ok(), ok);
    if (ok)
        QCOMPARE(n, value);
    else
        QVERIFY2(r.error().startsWith(QLatin1String("field n:")), qPrintable(r.error()));
}

void TestGatewayWire::jsonReaderNamesNestedField()
{
    const QByteArray json = R"({"data":[{"id":"a","amount":1},{"id":"b","amount":"2"}]})";
    const JsonReader root = JsonDocument::fromJson(json).reader();
    const JsonArray data = root.array(QStringLiteral("data"));
    for (qsizetype i = 0; i < data.size(); ++i)
        root.element(data, i, QStringLiteral("data")).integer(QStringLiteral("amount"));
    QVERIFY(!root.ok());
    QCOMPARE(root.error(),
             QStringLiteral("field data[1].amount: expected an integer, got a string"));
    // Only the first problem is kept.
    root.fail(QStringLiteral("other"), QStringLiteral("later"));
    QVERIFY(root.error().contains(QLatin1String("data[1].amount")));

    // Deeper: objects in an element, and elements of a top-level array (no field name).
    const JsonDocument nested = JsonDocument::fromJson(R"({"data":[{},{"a":{"b":{"c":"x"}}}]})");
    const JsonReader top = nested.reader();
    const JsonArray list = top.array(QStringLiteral("data"));
    top.element(list, 1, QStringLiteral("data"))
        .at(QStringLiteral("a"))
        .at(QStringLiteral("b"))
        .integer(QStringLiteral("c"));
    QCOMPARE(top.error(), QStringLiteral("field data[1].a.b.c: expected an integer, got a string"));
    const JsonDocument bare = JsonDocument::fromJson(R"([{"n":1},{"n":2},{"n":"3"}])");
    const JsonReader parent;
    for (qsizetype i = 0; i < bare.array().size(); ++i)
        parent.element(bare.array(), i, QString()).integer(QStringLiteral("n"));
    QCOMPARE(parent.error(), QStringLiteral("field [2].n: expected an integer, got a string"));
    const JsonReader notObject;
    notObject.element(JsonDocument::fromJson("[1]").array(), 0, QStringLiteral("list"));
    QCOMPARE(notObject.error(), QStringLiteral("field list[0]: expected an object, got a number"));
}

void TestGatewayWire::jsonReaderTimes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("iso");
    QTest::addColumn<QString>("expected"); // empty: must fail
    QTest::newRow("unix") << QByteArray(R"({"t":1692942318})") << false << "2023-08-25T05:45:18Z";
    QTest::newRow("unix negative") << QByteArray(R"({"t":-1})") << false << "";
    QTest::newRow("unix far future") << QByteArray(R"({"t":999999999999})") << false << "";
    QTest::newRow("iso z") << QByteArray(R"({"t":"2024-05-07T06:32:00Z"})") << true
                           << "2024-05-07T06:32:00Z";
    QTest::newRow("iso offset") << QByteArray(R"({"t":"2024-05-07T08:32:00+02:00"})") << true
                                << "2024-05-07T06:32:00Z";
    QTest::newRow("iso millis") << QByteArray(R"({"t":"2024-05-07T06:32:00.123Z"})") << true
                                << "2024-05-07T06:32:00Z";
    QTest::newRow("iso garbage") << QByteArray(R"({"t":"yesterday"})") << true << "";
}

void TestGatewayWire::jsonReaderTimes()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, iso);
    QFETCH(QString, expected);
    const JsonReader r = JsonDocument::fromJson(json).reader();
    const QDateTime t = iso ? r.isoTime(QStringLiteral("t")) : r.unixTime(QStringLiteral("t"));
    QCOMPARE(r.ok(), !expected.isEmpty());
    if (!expected.isEmpty())
        QCOMPARE(t.toString(Qt::ISODate), expected);
}

void TestGatewayWire::jsonDocumentAgreesWithQt_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("object") << QByteArray(R"({"a":"x","n":1,"d":1.5,"b":true,"z":null})");
    QTest::newRow("array") << QByteArray(R"([{"a":1},[],{}])");
    QTest::newRow("nested") << QByteArray(R"({"o":{"p":[1,{"q":"r"}]}})");
    QTest::newRow("escapes") << QByteArray(R"({"s":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"})");
    QTest::newRow("escaped NUL") << QByteArray(R"({"s":"a\u0000b"})");
    QTest::newRow("duplicate key") << QByteArray(R"({"b":1,"a":1,"a":2,"c":3})");
    QTest::newRow("integral doubles") << QByteArray(R"({"a":100.0,"b":1e2,"c":-0,"d":1E+2})");
    QTest::newRow("uint64") << QByteArray(R"({"n":18446744073709551615})");
    QTest::newRow("beyond 64 bits") << QByteArray(R"({"n":123456789012345678901234})");
    QTest::newRow("below int64") << QByteArray(R"({"n":-9223372036854775809})");
    QTest::newRow("raw control character") << QByteArray("{\"s\":\"a\x01"
                                                         "b\"}");
    QTest::newRow("raw NUL") << QByteArray("{\"s\":\"a\0b\"}", 10);
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF{\"n\":1}");
    QTest::newRow("leading U+FEFF in text") << QByteArray(R"({"s":"\ufeffbom"})");
    QTest::newRow("leading raw U+FEFF in text") << QByteArray("{\"s\":\"\xEF\xBB\xBF"
                                                              "bom\",\"t\":\"\xEF\xBB\xBF"
                                                              "\\u00e9\","
                                                              "\"k\":\"a\xEF\xBB\xBF\"}");
    QTest::newRow("bare string") << QByteArray(R"("text")");
    QTest::newRow("bare number") << QByteArray("5");
    QTest::newRow("garbage after") << QByteArray(R"({"a":1} x)");
    QTest::newRow("truncated") << QByteArray(R"({"a":[1,2)");
    QTest::newRow("bad literal") << QByteArray(R"({"a":tru})");
    QTest::newRow("overflowing number") << QByteArray(R"({"n":1e400})");
    QTest::newRow("underflowing number") << QByteArray(R"({"a":[{"n":-1e-400}]})");
    QTest::newRow("zeros with a fraction or exponent")
        << QByteArray(R"({"a":0.0,"b":-0.0,"c":0e-5,"d":[0E+3,1e-310]})");
    QTest::newRow("leading zero") << QByteArray(R"({"n":01})");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("too deep") << QByteArray(2000, '[') + QByteArray(2000, ']');
    QTest::newRow("deep, allowed") << QByteArray(1000, '[') + QByteArray(1000, ']');
}

// The reply parser accepts and refuses what Qt's did, with Qt's error and offset, and reads
// the same values (an unpaired surrogate aside: see jsonReaderKeepsQtsReading).
void TestGatewayWire::jsonDocumentAgreesWithQt()
{
    QFETCH(QByteArray, json);
    QJsonParseError qtError;
    const QJsonDocument qt = QJsonDocument::fromJson(json, &qtError);
    QJsonParseError error;
    const JsonDocument doc = JsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, qtError.error);
    QCOMPARE(error.offset, qtError.offset);
    QCOMPARE(doc.isNull(), qt.isNull());
    QCOMPARE(doc.isObject(), qt.isObject());
    QCOMPARE(doc.isArray(), qt.isArray());
    // Compared as Qt writes them: QJsonObject's == also compares how Qt stored its strings.
    const auto text = [](const QJsonObject &o) { return QJsonDocument(o).toJson(); };
    if (qt.isObject()) {
        QCOMPARE(text(doc.reader().object()), text(qt.object()));
    } else if (qt.isArray()) {
        const QJsonArray expected = qt.array();
        const JsonArray array = doc.array();
        QCOMPARE(array.size(), expected.size());
        const JsonReader root;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const JsonReader e = root.element(array, i, QStringLiteral("list"));
            QCOMPARE(text(e.object()), text(expected.at(i).toObject()));
        }
    }
}

void TestGatewayWire::jsonReaderKeepsQtsReading()
{
    const auto read = [](const char *json) { return JsonDocument::fromJson(json).reader(); };
    // A key given twice: the last value, as Qt kept it, in lookups and in maps.
    QCOMPARE(read(R"({"n":1,"n":2})").integer(QStringLiteral("n")), 2);
    QCOMPARE(read(R"({"m":{"a":"x","b":"1","a":"y"}})").stringMap(QStringLiteral("m")),
             (QMap<QString, QString>{{QStringLiteral("a"), QStringLiteral("y")},
                                     {QStringLiteral("b"), QStringLiteral("1")}}));
    // Many keys (their hashes collide), asked for in any order; then one of them given again.
    QByteArray many = "{";
    for (int i = 0; i < 300; ++i)
        many += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i) + ",";
    const JsonReader distinct = read(many.chopped(1) + "}");
    for (int i : {299, 0, 150, 151, 7, 7, 298})
        QCOMPARE(distinct.integer(QStringLiteral("k%1").arg(i)), i);
    QVERIFY(!distinct.has(QStringLiteral("k300")));
    const JsonReader repeated = read(many + "\"k7\":-7}");
    QCOMPARE(repeated.integer(QStringLiteral("k8")), 8);
    QCOMPARE(repeated.integer(QStringLiteral("k7")), -7);
    QCOMPARE(repeated.integer(QStringLiteral("k6")), 6);
    QVERIFY(distinct.ok() && repeated.ok());
    // A map's first problem in Qt's (sorted) order of keys.
    const JsonReader bad = read(R"({"m":{"z":[1],"a":{}}})");
    bad.stringMap(QStringLiteral("m"));
    QCOMPARE(bad.error(), QStringLiteral("field m.a: expected a string, got an object"));
    // Unpaired surrogate escapes become U+FFFD; a pair is one character.
    QCOMPARE(read(R"({"s":"a\ud800b\udc00c\ud83d\ude00"})").string(QStringLiteral("s")),
             QStringLiteral("a\uFFFDb\uFFFDc\U0001F600"));
    QCOMPARE(read(R"({"s":"x","m":{"k":"\ud800"}})").stringMap(QStringLiteral("m")),
             (QMap<QString, QString>{{QStringLiteral("k"), QStringLiteral("\uFFFD")}}));
    // What simdjson alone would refuse still reads.
    QCOMPARE(read("{\"s\":\"a\x01"
                  "b\"}")
                 .string(QStringLiteral("s")),
             QStringLiteral("a\x01"
                            "b"));
    QCOMPARE(read("\xEF\xBB\xBF{\"n\":7}").integer(QStringLiteral("n")), 7);
    QCOMPARE(read(R"({"s":"\ufeffbom"})").string(QStringLiteral("s")), QStringLiteral("\uFEFFbom"));
    // Numbers outside what simdjson or int64 carry: the errors Qt's doubles gave.
    const JsonReader huge = read(R"({"n":123456789012345678901234})");
    huge.integer(QStringLiteral("n"));
    QCOMPARE(huge.error(),
             QStringLiteral("field n: expected an integer, got a fraction or a number too large"));
    const JsonReader u64 = read(R"({"n":18446744073709551615})");
    u64.integer(QStringLiteral("n"));
    QCOMPARE(u64.error(),
             QStringLiteral("field n: expected an integer, got a fraction or a number too large"));
    const JsonReader low = read(R"({"n":-9223372036854775809,"m":{"k":1e16}})");
    low.integer(QStringLiteral("n"));
    QCOMPARE(low.error(), QStringLiteral("field n: number -9223372036854775808 is too large"));
    const JsonReader meta = read(R"({"m":{"k":1e16}})");
    meta.stringMap(QStringLiteral("m"));
    QCOMPARE(meta.error(), QStringLiteral("field m.k: number 10000000000000000 is too large"));
    QCOMPARE(read(R"({"n":1.0e2})").stringOrInteger(QStringLiteral("n")), QStringLiteral("100"));
    // The cursor of a list: the last element's id, or nothing.
    const JsonDocument list = JsonDocument::fromJson(R"({"t":[{"id":"a"},{"id":"b"},[]]})");
    const JsonArray t = list.reader().array(QStringLiteral("t"));
    QCOMPARE(t.size(), 3);
    QCOMPARE(t.stringIn(1, QStringLiteral("id")), QStringLiteral("b"));
    QCOMPARE(t.stringIn(0, QStringLiteral("id")), QStringLiteral("a"));
    QCOMPARE(t.stringIn(2, QStringLiteral("id")), QString());
    QCOMPARE(t.stringIn(3, QStringLiteral("id")), QString());
}

void TestGatewayWire::retryDecision_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("hasKey");
    QTest::addColumn<bool>("transport");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("shouldRetry");
    QTest::addColumn<bool>("retried");
    QTest::newRow("GET connection error")
        << QByteArray("GET") << false << true << 0 << QByteArray() << true;
    QTest::newRow("GET 500") << QByteArray("GET") << false << false << 500 << QByteArray() << true;
    QTest::newRow("GET 502") << QByteArray("GET") << false << false << 502 << QByteArray() << true;
    QTest::newRow("GET 503") << QByteArray("GET") << false << false << 503 << QByteArray() << true;
    QTest::newRow("GET 504") << QByteArray("GET") << false << false << 504 << QByteArray() << true;
    QTest::newRow("GET 501") << QByteArray("GET") << false << false << 501 << QByteArray() << false;
    QTest::newRow("GET 429") << QByteArray("GET") << false << false << 429 << QByteArray() << true;
    QTest::newRow("GET 400") << QByteArray("GET") << false << false << 400 << QByteArray() << false;
    QTest::newRow("GET 404") << QByteArray("GET") << false << false << 404 << QByteArray() << false;
    QTest::newRow("409 never") << QByteArray("POST") << true << false << 409 << QByteArray("true")
                               << false;
    QTest::newRow("Should-Retry false on 500")
        << QByteArray("POST") << true << false << 500 << QByteArray("false") << false;
    QTest::newRow("Should-Retry true on 400")
        << QByteArray("POST") << true << false << 400 << QByteArray("true") << true;
    QTest::newRow("POST without key, 500")
        << QByteArray("POST") << false << false << 500 << QByteArray() << false;
    QTest::newRow("POST without key, reset")
        << QByteArray("POST") << false << true << 0 << QByteArray() << false;
    QTest::newRow("POST with key, 503")
        << QByteArray("POST") << true << false << 503 << QByteArray() << true;
    QTest::newRow("POST with key, reset")
        << QByteArray("POST") << true << true << 0 << QByteArray() << true;
    QTest::newRow("200") << QByteArray("GET") << false << false << 200 << QByteArray() << false;
}

void TestGatewayWire::retryDecision()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, hasKey);
    QFETCH(bool, transport);
    QFETCH(int, status);
    QFETCH(QByteArray, shouldRetry);
    QFETCH(bool, retried);
    const RetryPolicy policy(RetryConfig{3, 10, 1000, 60000}, [] { return 0u; });
    AttemptOutcome o;
    o.transportError = transport;
    o.status = status;
    o.stripeShouldRetry = shouldRetry;
    const bool replayable = RetryPolicy::isReplayable(method, hasKey);
    QCOMPARE(policy.nextDelayMs(1, o, replayable).has_value(), retried);
    // The attempt budget is always respected.
    QVERIFY(!policy.nextDelayMs(3, o, replayable).has_value());
}

void TestGatewayWire::retryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("expectedMs"); // -1: no retry
    QTest::newRow("seconds") << QByteArray("2") << 2000;
    QTest::newRow("sixty is honoured") << QByteArray("60") << 60000;
    QTest::newRow("over sixty gives up") << QByteArray("61") << -1;
    QTest::newRow("http date") << QByteArray("Wed, 21 Oct 2015 07:28:05 GMT") << 5000;
    QTest::newRow("garbage falls back to backoff") << QByteArray("soon") << 100;
    QTest::newRow("absent falls back to backoff") << QByteArray() << 100;
}

void TestGatewayWire::retryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(int, expectedMs);
    // Jitter source fixed at its maximum so the backoff is exactly the base delay.
    const RetryPolicy policy(RetryConfig{5, 100, 1000, 60000}, [] { return 50u; });
    AttemptOutcome o;
    o.status = 429;
    o.retryAfter = header;
    const QDateTime now = QDateTime(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC);
    const auto delay = policy.nextDelayMs(1, o, true, now);
    if (expectedMs < 0) {
        QVERIFY(!delay);
    } else {
        QVERIFY(delay);
        QCOMPARE(*delay, expectedMs);
    }
}

void TestGatewayWire::backoffGrowsWithJitter()
{
    quint32 next = 0;
    const RetryPolicy policy(RetryConfig{10, 100, 1000, 60000}, [&next] { return next; });
    // Equal jitter: between half and all of base * 2^(n-1), capped at maxDelayMs.
    next = 0;
    QCOMPARE(policy.backoffMs(1), 50);
    QCOMPARE(policy.backoffMs(2), 100);
    QCOMPARE(policy.backoffMs(3), 200);
    QCOMPARE(policy.backoffMs(8), 500);
    next = 0xffffffffu;
    for (int n = 1; n <= 8; ++n) {
        const int full = qMin(100 << (n - 1), 1000);
        const int d = policy.backoffMs(n);
        QVERIFY2(d >= full / 2 && d <= full, qPrintable(QString::number(d)));
    }
}

void TestGatewayWire::baseUrlRules_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::newRow("https") << "https://api.stripe.com" << true;
    QTest::newRow("http loopback v4") << "http://127.0.0.1:8080/stripe" << true;
    QTest::newRow("http loopback v6") << "http://[::1]:8080/stripe" << true;
    QTest::newRow("http localhost") << "http://localhost:1/x" << true;
    QTest::newRow("http remote") << "http://api.stripe.com" << false;
    QTest::newRow("http lookalike") << "http://127.0.0.1.evil.example" << false;
    QTest::newRow("ftp") << "ftp://127.0.0.1/" << false;
    QTest::newRow("user info") << "https://user:pw@api.stripe.com" << false;
    QTest::newRow("query") << "https://api.stripe.com/?a=b" << false;
    QTest::newRow("no host") << "https://" << false;
}

void TestGatewayWire::baseUrlRules()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QCOMPARE(HttpClient::checkBaseUrl(QUrl(url)).isEmpty(), ok);
}

static QStringList strings(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out << QString::fromLatin1(s);
    return out;
}

void TestGatewayWire::pathCannotEscape_data()
{
    QTest::addColumn<QStringList>("segments");
    QTest::addColumn<QString>("expectedPath"); // empty: refused
    QTest::newRow("normal") << strings({"v1", "refunds", "re_1"}) << "/stripe/v1/refunds/re_1";
    QTest::newRow("slash in id stays in segment")
        << strings({"v1", "refunds", "../../admin"}) << "/stripe/v1/refunds/..%2F..%2Fadmin";
    QTest::newRow("dot dot") << strings({"v1", "refunds", ".."}) << "";
    QTest::newRow("dot") << strings({"v1", "."}) << "";
    QTest::newRow("empty id") << strings({"v1", "refunds", ""}) << "";
    QTest::newRow("query in id") << strings({"v1", "charges", "ch_1?limit=1"})
                                 << "/stripe/v1/charges/ch_1%3Flimit%3D1";
}

void TestGatewayWire::pathCannotEscape()
{
    QFETCH(QStringList, segments);
    QFETCH(QString, expectedPath);
    HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:9/stripe")), AuthScheme::Bearer,
                      QStringLiteral("sk_test_x"));
    QString error;
    const QUrl url = client.resolve(HttpClient::pathOf(segments), FormFields(), &error);
    if (expectedPath.isEmpty()) {
        QVERIFY(!url.isValid());
        QVERIFY(!error.isEmpty());
        return;
    }
    QVERIFY2(url.isValid(), qPrintable(error));
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(url.path(QUrl::FullyEncoded), expectedPath);
    // Hand-written escapes are refused as well.
    QVERIFY(!client.resolve(QStringLiteral("/../x"), FormFields(), &error).isValid());
    QVERIFY(!client.resolve(QStringLiteral("/v1/%2e%2e/x"), FormFields(), &error).isValid());
    QVERIFY(!client.resolve(QStringLiteral("//evil.example/x"), FormFields(), &error).isValid());
    QVERIFY(!client.resolve(QStringLiteral("/v1?x=1"), FormFields(), &error).isValid());
}

void TestGatewayWire::redaction()
{
    const QString secret = QStringLiteral("test-proj_sandbox:key_sandbox");
    HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:9/p")), AuthScheme::BasicProjectSecret,
                      secret);
    const QString token = QString::fromLatin1(secret.toUtf8().toBase64());
    const QString text =
        QStringLiteral("key %1 token %2 part %3").arg(secret, token, QStringLiteral("key_sandbox"));
    const QString out = client.redact(text);
    QVERIFY(!out.contains(QLatin1String("key_sandbox")));
    QVERIFY(!out.contains(token));
    QVERIFY(out.contains(QLatin1String("[redacted]")));
}

// An in-memory list of `total` numbered items served `request.pageSize` at a time; the cursor is
// the next index. `brokenAt` makes that page fail; `stuck` repeats the first cursor forever.
struct FakeList
{
    int total = 0;
    int brokenAt = -1;
    bool stuck = false;
    QStringList cursorsSeen;

    PageWalker<int>::Fetch fetch()
    {
        return [this](const ListRequest &r, Gateway::Callback<Page<int>> done) {
            cursorsSeen << r.cursor;
            const int from = r.cursor.isEmpty() ? 0 : r.cursor.toInt();
            GatewayResult<Page<int>> out;
            if (from == brokenAt) {
                out.error.kind = GatewayError::Kind::Server;
                out.error.httpStatus = 503;
                done(out);
                return;
            }
            for (int i = from; i < qMin(total, from + r.pageSize); ++i)
                out.value.items << i;
            if (from + r.pageSize < total)
                out.value.nextCursor = QString::number(stuck ? r.pageSize : from + r.pageSize);
            done(out);
        };
    }
};

void TestGatewayWire::pageWalkerFollowsEveryPage()
{
    FakeList list;
    list.total = 23;
    ListRequest first;
    first.pageSize = 5;
    GatewayResult<QList<int>> result;
    PageWalker<int>::collect(list.fetch(), first,
                             [&](const GatewayResult<QList<int>> &r) { result = r; });
    QVERIFY(result.ok());
    QCOMPARE(result.value.size(), 23);
    for (int i = 0; i < 23; ++i)
        QCOMPARE(result.value.at(i), i);
    QCOMPARE(list.cursorsSeen, strings({"", "5", "10", "15", "20"}));
}

void TestGatewayWire::pageWalkerCancels()
{
    FakeList list;
    list.total = 50;
    ListRequest first;
    first.pageSize = 10;
    int pages = 0;
    bool canceled = false;
    bool finished = false;
    PageWalker<int>::walk(
        list.fetch(), first, [&](const QList<int> &) { return ++pages < 2; },
        [&](const GatewayError &e, bool c) {
            QVERIFY(!e.isError());
            canceled = c;
            finished = true;
        });
    QVERIFY(finished);
    QVERIFY(canceled);
    QCOMPARE(pages, 2);
    QCOMPARE(list.cursorsSeen.size(), 2); // nothing fetched after the cancel
}

void TestGatewayWire::pageWalkerStopsOnRepeatedCursor()
{
    FakeList list;
    list.total = 50;
    list.stuck = true;
    ListRequest first;
    first.pageSize = 10;
    GatewayResult<QList<int>> result;
    PageWalker<int>::collect(list.fetch(), first,
                             [&](const GatewayResult<QList<int>> &r) { result = r; });
    QCOMPARE(result.error.kind, GatewayError::Kind::Malformed);
    QVERIFY(result.error.message.contains(QLatin1String("repeated page cursor")));
    QVERIFY(result.value.isEmpty());                 // no partial list handed out
    QCOMPARE(list.cursorsSeen, strings({"", "10"})); // the repeat is noticed, not fetched
}

void TestGatewayWire::pageWalkerReportsTheFailingPage()
{
    FakeList list;
    list.total = 30;
    list.brokenAt = 20;
    ListRequest first;
    first.pageSize = 10;
    GatewayResult<QList<int>> result;
    PageWalker<int>::collect(list.fetch(), first,
                             [&](const GatewayResult<QList<int>> &r) { result = r; });
    QCOMPARE(result.error.kind, GatewayError::Kind::Server);
    QCOMPARE(result.error.httpStatus, 503);
    QVERIFY(result.value.isEmpty());
}

QTEST_GUILESS_MAIN(TestGatewayWire)
#include "tst_gateway_wire.moc"
