// Unit tests of the sandbox's building blocks: reversible ids, cursor pages, amount parsing, the
// fault set's JSON and the JSON writer the replies are written with.
#include "exchange.h"
#include "faults.h"
#include "ids.h"
#include "jsonwriter.h"
#include "listing.h"

#include <QtTest>

using namespace rd::sandbox;

class TestSandboxUnits : public QObject
{
    Q_OBJECT
private slots:
    void idRoundTrip_data();
    void idRoundTrip();
    void idRejectsForeignIds_data();
    void idRejectsForeignIds();
    void pages_data();
    void pages();
    void ascendingPages();
    void parseMajorAmounts_data();
    void parseMajorAmounts();
    void faultMerge_data();
    void faultMerge();
    void gatewayRequestSplit_data();
    void gatewayRequestSplit();
    void writerStringsAsQt_data();
    void writerStringsAsQt();
    void writerDocumentAsQt();
};

void TestSandboxUnits::idRoundTrip_data()
{
    QTest::addColumn<int>("alphabet");
    QTest::addColumn<int>("length");
    QTest::addColumn<quint64>("key");
    QTest::addColumn<quint64>("index");
    for (const auto &[name, alphabet, length] :
         {std::tuple{"base62 long", IdCodec::Alphabet::Base62, 18},
          std::tuple{"digits", IdCodec::Alphabet::Digits, 18},
          std::tuple{"upper 7", IdCodec::Alphabet::UpperAlnum, 7}}) {
        for (quint64 index :
             {quint64(0), quint64(1), quint64(59), quint64(999999), quint64(4999999)}) {
            for (quint64 key : {quint64(1), quint64(42), quint64(0xDEADBEEF)})
                QTest::addRow("%s #%llu key %llu", name, index, key)
                    << int(alphabet) << length << key << index;
        }
    }
}

void TestSandboxUnits::idRoundTrip()
{
    QFETCH(int, alphabet);
    QFETCH(int, length);
    QFETCH(quint64, key);
    QFETCH(quint64, index);
    const IdCodec codec(QStringLiteral("x_"), IdCodec::Alphabet(alphabet), length, key);
    const QString id = codec.encode(index);
    QCOMPARE(id.size(), 2 + length);
    QCOMPARE(codec.decode(id), std::optional<quint64>(index));
    QVERIFY(codec.encode(index + 1) != id);
    // Another key gives another id for the same index.
    QVERIFY(
        IdCodec(QStringLiteral("x_"), IdCodec::Alphabet(alphabet), length, key + 1).encode(index) !=
        id);
}

void TestSandboxUnits::idRejectsForeignIds_data()
{
    QTest::addColumn<QString>("id");
    const IdCodec codec(QStringLiteral("ch_"), IdCodec::Alphabet::Base62, 18, 7);
    const QString good = codec.encode(12);
    QString tampered = good;
    tampered[tampered.size() - 1] =
        tampered.back() == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    QTest::newRow("empty") << QString();
    QTest::newRow("prefix only") << QStringLiteral("ch_");
    QTest::newRow("other prefix") << QStringLiteral("re_") + good.mid(3);
    QTest::newRow("too short") << good.chopped(1);
    QTest::newRow("too long") << good + QLatin1Char('0');
    QTest::newRow("bad character") << good.left(5) + QLatin1Char('-') + good.mid(6);
    QTest::newRow("checksum tampered") << tampered;
}

void TestSandboxUnits::idRejectsForeignIds()
{
    QFETCH(QString, id);
    const IdCodec codec(QStringLiteral("ch_"), IdCodec::Alphabet::Base62, 18, 7);
    QCOMPARE(codec.decode(id), std::optional<quint64>());
}

void TestSandboxUnits::pages_data()
{
    QTest::addColumn<int>("lo");
    QTest::addColumn<int>("hi");
    QTest::addColumn<int>("after");  // -1 none
    QTest::addColumn<int>("before"); // -1 none
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<int>>("items");
    QTest::addColumn<bool>("hasMore");
    QTest::newRow("first page") << 0 << 10 << -1 << -1 << 3 << QList<int>{9, 8, 7} << true;
    QTest::newRow("after 7") << 0 << 10 << 7 << -1 << 3 << QList<int>{6, 5, 4} << true;
    QTest::newRow("last page exact") << 0 << 10 << 3 << -1 << 3 << QList<int>{2, 1, 0} << false;
    QTest::newRow("last page short") << 0 << 10 << 2 << -1 << 3 << QList<int>{1, 0} << false;
    QTest::newRow("after the oldest") << 0 << 10 << 0 << -1 << 3 << QList<int>{} << false;
    QTest::newRow("before 2") << 0 << 10 << -1 << 2 << 3 << QList<int>{5, 4, 3} << true;
    QTest::newRow("before 6") << 0 << 10 << -1 << 6 << 3 << QList<int>{9, 8, 7} << false;
    QTest::newRow("before the newest") << 0 << 10 << -1 << 9 << 3 << QList<int>{} << false;
    QTest::newRow("between") << 0 << 10 << 8 << 2 << 10 << QList<int>{7, 6, 5, 4, 3} << false;
    QTest::newRow("created range") << 4 << 7 << -1 << -1 << 10 << QList<int>{6, 5, 4} << false;
    QTest::newRow("empty table") << 0 << 0 << -1 << -1 << 10 << QList<int>{} << false;
}

void TestSandboxUnits::pages()
{
    QFETCH(int, lo);
    QFETCH(int, hi);
    QFETCH(int, after);
    QFETCH(int, before);
    QFETCH(int, limit);
    QFETCH(QList<int>, items);
    QFETCH(bool, hasMore);
    const auto opt = [](int v) {
        return v < 0 ? std::optional<quint32>() : std::optional<quint32>(quint32(v));
    };
    const Page range = pageOfRange(quint32(lo), quint32(hi), opt(after), opt(before), limit);
    QList<int> got(range.items.begin(), range.items.end());
    QCOMPARE(got, items);
    QCOMPARE(range.hasMore, hasMore);
    // The explicit-list form agrees with the range form.
    std::vector<quint32> list;
    for (int i = hi - 1; i >= lo; --i)
        list.push_back(quint32(i));
    const Page explicitPage = pageOfList(list, opt(after), opt(before), limit);
    QCOMPARE(QList<int>(explicitPage.items.begin(), explicitPage.items.end()), items);
    QCOMPARE(explicitPage.hasMore, hasMore);
    // Oldest first, the two forms agree as well.
    if (before < 0) {
        std::reverse(list.begin(), list.end());
        const Page a = pageOfRangeAscending(quint32(lo), quint32(hi), opt(after), limit);
        const Page b = pageOfListAscending(list, opt(after), limit);
        QCOMPARE(a.items, b.items);
        QCOMPARE(a.hasMore, b.hasMore);
    }
}

void TestSandboxUnits::ascendingPages()
{
    const Page first = pageOfRangeAscending(0, 10, std::nullopt, 4);
    QCOMPARE(first.items, (std::vector<quint32>{0, 1, 2, 3}));
    QVERIFY(first.hasMore);
    const Page last = pageOfRangeAscending(0, 10, 5, 4);
    QCOMPARE(last.items, (std::vector<quint32>{6, 7, 8, 9}));
    QVERIFY(!last.hasMore);
    QVERIFY(pageOfRangeAscending(0, 10, 9, 4).items.empty());
}

void TestSandboxUnits::parseMajorAmounts_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("minor"); // -1 on failure
    QTest::addColumn<int>("error");
    QTest::newRow("usd") << "USD"
                         << "12.50" << qint64(1250) << int(AmountError::None);
    QTest::newRow("usd whole") << "USD"
                               << "12" << qint64(1200) << int(AmountError::None);
    QTest::newRow("usd one decimal") << "USD"
                                     << "0.5" << qint64(50) << int(AmountError::None);
    QTest::newRow("usd three decimals")
        << "USD"
        << "1.001" << qint64(-1) << int(AmountError::TooManyDecimals);
    QTest::newRow("jpy") << "JPY"
                         << "1000" << qint64(1000) << int(AmountError::None);
    QTest::newRow("jpy decimals") << "JPY"
                                  << "10.5" << qint64(-1) << int(AmountError::TooManyDecimals);
    QTest::newRow("kwd") << "KWD"
                         << "1.250" << qint64(1250) << int(AmountError::None);
    QTest::newRow("kwd four") << "KWD"
                              << "1.2500" << qint64(-1) << int(AmountError::TooManyDecimals);
    QTest::newRow("zero") << "USD"
                          << "0.00" << qint64(-1) << int(AmountError::NotPositive);
    QTest::newRow("negative") << "USD"
                              << "-3.00" << qint64(-1) << int(AmountError::NotPositive);
    QTest::newRow("words") << "USD"
                           << "ten" << qint64(-1) << int(AmountError::NotANumber);
    QTest::newRow("comma") << "EUR"
                           << "1,50" << qint64(-1) << int(AmountError::NotANumber);
    QTest::newRow("two dots") << "USD"
                              << "1.2.3" << qint64(-1) << int(AmountError::NotANumber);
    QTest::newRow("exponent") << "USD"
                              << "1e3" << qint64(-1) << int(AmountError::NotANumber);
    QTest::newRow("empty") << "USD"
                           << "" << qint64(-1) << int(AmountError::NotANumber);
    QTest::newRow("arabic digits")
        << "USD" << QString::fromUtf8("١٢") << qint64(-1) << int(AmountError::NotANumber);
}

void TestSandboxUnits::parseMajorAmounts()
{
    QFETCH(QString, currency);
    QFETCH(QString, text);
    QFETCH(qint64, minor);
    QFETCH(int, error);
    AmountError why = AmountError::None;
    const auto parsed = parseMajor(text, quint8(currencyIndex(currency)), &why);
    QCOMPARE(parsed.value_or(-1), minor);
    QCOMPARE(int(why), error);
}

void TestSandboxUnits::faultMerge_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("latency") << QByteArray(R"({"latency_ms":200})") << true
                             << QByteArray(R"({"latency_ms":200})");
    QTest::newRow("fail") << QByteArray(R"({"fail":{"status":500,"count":2}})") << true
                          << QByteArray(R"({"fail":{"count":2,"status":500}})");
    QTest::newRow("fail 429") << QByteArray(R"({"fail":{"status":429,"count":1,"retry_after":1}})")
                              << true
                              << QByteArray(R"({"fail":{"count":1,"retry_after":1,"status":429}})");
    QTest::newRow("combined")
        << QByteArray(R"({"drop_after_commit":1,"malformed":2,"dialect":"stripe"})") << true
        << QByteArray(R"({"dialect":"stripe","drop_after_commit":1,"malformed":2})");
    QTest::newRow("zero clears") << QByteArray(R"({"latency_ms":0})") << true << QByteArray("{}");
    QTest::newRow("double") << QByteArray(R"({"latency_ms":2.5})") << false << QByteArray("{}");
    QTest::newRow("string") << QByteArray(R"({"malformed":"1"})") << false << QByteArray("{}");
    QTest::newRow("status 302") << QByteArray(R"({"fail":{"status":302,"count":1}})") << false
                                << QByteArray("{}");
    QTest::newRow("unknown") << QByteArray(R"({"timeout":1})") << false << QByteArray("{}");
}

void TestSandboxUnits::faultMerge()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(QByteArray, shown);
    Faults faults;
    QString error;
    QCOMPARE(faults.merge(QJsonDocument::fromJson(json).object(), &error), ok);
    QCOMPARE(error.isEmpty(), ok);
    QCOMPARE(QJsonDocument(faults.toJson()).toJson(QJsonDocument::Compact), shown);
}

void TestSandboxUnits::writerStringsAsQt_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("ascii") << QStringLiteral("Annual plan");
    QTest::newRow("quotes and backslashes")
        << QStringLiteral("\"Deluxe\" \\ bundle / =HYPERLINK()");
    QTest::newRow("accents") << QStringLiteral(
        "José Ødegaard Nguyễn Şahin exämple.de Zürich–Genève");
    QTest::newRow("emoji pair") << QStringLiteral("ok \U0001F600 done");
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    controls += QChar(0x7f);
    QTest::newRow("controls") << controls;
    QTest::newRow("lone high surrogate")
        << (QStringLiteral("a") + QChar(0xd800) + QStringLiteral("b"));
    QTest::newRow("lone low surrogate") << (QStringLiteral("a") + QChar(0xdc00));
    QTest::newRow("high surrogate at the end") << (QStringLiteral("é") + QChar(0xdbff));
    QTest::newRow("reversed pair")
        << (QString(QChar(0xde00)) + QChar(0xd83d) + QStringLiteral("x"));
    // Every code unit of the Basic Multilingual Plane, 4,096 to a row.
    for (int block = 0; block < 16; ++block) {
        QString all;
        for (int u = block * 4096; u < (block + 1) * 4096; ++u)
            all += QChar(char16_t(u));
        QTest::addRow("plane block %d", block) << all;
    }
}

void TestSandboxUnits::writerStringsAsQt()
{
    QFETCH(QString, text);
    const QByteArray qt = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    JsonWriter w;
    w.beginArray().value(text).endArray();
    QCOMPARE(w.take(), qt);
    const QByteArray latin1 = text.toLatin1();
    if (QString::fromLatin1(latin1) == text) {
        JsonWriter l;
        l.beginArray().value(QLatin1String(latin1)).endArray();
        QCOMPARE(l.take(), qt);
    }
}

void TestSandboxUnits::writerDocumentAsQt()
{
    const QJsonObject metadata{{QStringLiteral("k"), QStringLiteral("v \u00e9")},
                               {QStringLiteral("a"), QStringLiteral("\n")}};
    const QJsonObject expected{
        {QStringLiteral("amount"), qint64(1250)},
        {QStringLiteral("big"), std::numeric_limits<qint64>::max()},
        {QStringLiteral("data"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("re_1")},
                                {QStringLiteral("neg"), std::numeric_limits<qint64>::min()}},
                    QJsonObject(), QJsonArray(), 0, -7}},
        {QStringLiteral("has_more"), true},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("none"), QJsonValue::Null},
        {QStringLiteral("object"), QStringLiteral("list")},
        {QStringLiteral("off"), false},
        {QStringLiteral("tags"), QJsonArray{QStringLiteral("x"), QStringLiteral("y")}}};
    JsonWriter w;
    w.beginObject().field("amount", qint64(1250)).field("big", std::numeric_limits<qint64>::max());
    w.key("data").beginArray();
    w.beginObject().field("id", QLatin1String("re_1"));
    w.field("neg", std::numeric_limits<qint64>::min()).endObject();
    w.beginObject().endObject().beginArray().endArray().value(0).value(-7);
    w.endArray();
    w.field("has_more", true).field("metadata", metadata).field("none", nullptr);
    w.field("object", QLatin1String("list")).field("off", false);
    w.field("tags", QJsonArray{QStringLiteral("x"), QStringLiteral("y")}).endObject();
    QCOMPARE(w.take(), QJsonDocument(expected).toJson(QJsonDocument::Compact));
}

QTEST_GUILESS_MAIN(TestSandboxUnits)
// What a dialect handler sees of an HTTP request: the path below the prefix in segments (empty
// parts dropped), the query decoded, the headers and body as sent, the base URL from Host.
void TestSandboxUnits::gatewayRequestSplit_data()
{
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QStringList>("segments");
    QTest::addColumn<QString>("limit");
    QTest::addColumn<QString>("baseUrl");
    QTest::newRow("list") << QByteArray("http://h/stripe/v1/charges?limit=3") << QByteArray("host")
                          << QStringList{QStringLiteral("v1"), QStringLiteral("charges")}
                          << QStringLiteral("3") << QStringLiteral("http://127.0.0.1:9/stripe");
    // The path is decoded before it is split, so an escaped slash separates segments too (no
    // sandbox id holds one).
    QTest::newRow("slashes and escapes")
        << QByteArray("http://h/stripe//v1/refunds/re%2F1/?limit=%33") << QByteArray("HOST")
        << QStringList{QStringLiteral("v1"), QStringLiteral("refunds"), QStringLiteral("re"),
                       QStringLiteral("1")}
        << QStringLiteral("3") << QStringLiteral("http://127.0.0.1:9/stripe");
    QTest::newRow("prefix only") << QByteArray("http://h/stripe") << QByteArray("x-other")
                                 << QStringList() << QString() << QStringLiteral("http:///stripe");
}

void TestSandboxUnits::gatewayRequestSplit()
{
    QFETCH(QByteArray, url);
    QFETCH(QByteArray, host);
    QFETCH(QStringList, segments);
    QFETCH(QString, limit);
    QFETCH(QString, baseUrl);
    const rd::sandbox::HeaderList headers{{host, QByteArrayLiteral("127.0.0.1:9")},
                                          {QByteArrayLiteral("Idempotency-Key"), "k"}};
    const rd::sandbox::Request request = rd::sandbox::gatewayRequest(
        "POST", QUrl::fromEncoded(url), headers, "a=1", QStringLiteral("/stripe"));
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.segments, segments);
    QCOMPARE(request.query.queryItemValue(QStringLiteral("limit"), QUrl::FullyDecoded), limit);
    QCOMPARE(request.header("idempotency-key"), QByteArray("k"));
    QCOMPARE(request.body, QByteArray("a=1"));
    QCOMPARE(request.baseUrl, baseUrl);
}

#include "tst_sandbox_units.moc"
