// Hostile gateway replies through the real HttpClient and Stripe adapter, served over loopback
// by a scripted server: replies over the size cap (announced, and endless without a length),
// 10,000-deep nesting, a 10 MB string, a million-item page, NUL bytes and bad UTF-8. Each ends
// in a value or one clear error, never a crash, a hang or memory that grows with the reply.
#include "gateway/gatewayfactory.h"
#include "resourcebound.h"
#include "scriptedserver.h"

#include <QEventLoop>
#include <QTest>
#include <QTimer>

using namespace rd;
using namespace rdtest;

namespace {

const QByteArray kCharge =
    R"({"id":"ch_1","amount":100,"amount_captured":100,"amount_refunded":0,"currency":"usd",)"
    R"("status":"succeeded","created":1700000000,"billing_details":{"name":"NAME"}})";

QByteArray page(const QByteArray &items)
{
    return R"({"object":"list","has_more":false,"data":[)" + items + "]}";
}

QByteArray chargeNamed(const QByteArray &name)
{
    QByteArray c = kCharge;
    return c.replace("NAME", name);
}

QByteArray repeated(const QByteArray &item, int times)
{
    QByteArray out;
    out.reserve(qsizetype(item.size() + 1) * times);
    for (int i = 0; i < times; ++i) {
        if (i > 0)
            out += ',';
        out += item;
    }
    return out;
}

Scripted respond(const QByteArray &body)
{
    Scripted s;
    s.body = body;
    return s;
}

Scripted stream(qint64 bytes, bool announce)
{
    Scripted s;
    s.mode = Scripted::Mode::Stream;
    s.body = QByteArray(64 * 1024, ' ');
    s.streamBytes = bytes;
    s.announceLength = announce;
    return s;
}

} // namespace

Q_DECLARE_METATYPE(rdtest::Scripted)

class TestGatewayHostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostileReply_data();
    void hostileReply();
};

void TestGatewayHostile::hostileReply_data()
{
    QTest::addColumn<Scripted>("reply");
    QTest::addColumn<QString>("code");     // the error's code; empty: the page is read
    QTest::addColumn<QString>("customer"); // the first invoice's customer when read
    QTest::addColumn<QString>("says");     // part of the error message

    QTest::newRow("over the cap, announced")
        << stream(40LL * 1024 * 1024, true) << "reply_too_large" << QString() << "larger than 32";
    QTest::newRow("over the cap, endless without a length")
        << stream(-1, false) << "reply_too_large" << QString() << "larger than 32";
    const QByteArray deep = QByteArray(10000, '[') + QByteArray(10000, ']');
    QTest::newRow("10,000-deep nesting")
        << respond(page(deep)) << "malformed" << QString() << "not valid JSON";
    QTest::newRow("10,000-deep objects")
        << respond(page(QByteArray("{\"a\":").repeated(10000) + "1" + QByteArray(10000, '}')))
        << "malformed" << QString() << "not valid JSON";
    QTest::newRow("10 MB string") << respond(page(chargeNamed(QByteArray(10 * 1000 * 1000, 'x'))))
                                  << QString() << QString(10 * 1000 * 1000, QLatin1Char('x'))
                                  << QString();
    QTest::newRow("a million empty objects")
        << respond(page(repeated("{}", 1000000))) << "malformed" << QString() << "data[0].id";
    QTest::newRow("a million numbers")
        << respond(page(repeated("0", 1000000))) << "malformed" << QString() << "data[0]";
    // Qt's parser takes a raw control character inside a string as it is.
    QTest::newRow("raw NUL inside a string")
        << respond(page(chargeNamed(QByteArray("Ann\0e", 5)))) << QString()
        << QString(QStringLiteral("Ann") + QChar(0) + QStringLiteral("e")) << QString();
    QTest::newRow("NUL after the document")
        << respond(page(chargeNamed("Anne")) + QByteArray(1, '\0')) << "malformed" << QString()
        << "not valid JSON";
    QTest::newRow("escaped NUL in a name")
        << respond(page(chargeNamed("Ann\\u0000e"))) << QString()
        << QString(QStringLiteral("Ann") + QChar(0) + QStringLiteral("e")) << QString();
    QTest::newRow("invalid UTF-8 in a name")
        << respond(page(chargeNamed("M\xC3\x28"
                                    "ller \xFF\xFE"
                                    " end")))
        << QString() << QStringLiteral("M\uFFFD(ller \uFFFD\uFFFD end") << QString();
    QTest::newRow("leading BOM in a name") << respond(page(chargeNamed("\\ufeffbom"))) << QString()
                                           << QStringLiteral("\uFEFFbom") << QString();
    QTest::newRow("lone surrogate escape in a name")
        << respond(page(chargeNamed("a\\ud800b"))) << QString() << QStringLiteral("a\uFFFDb")
        << QString();
}

void TestGatewayHostile::hostileReply()
{
    QFETCH(Scripted, reply);
    QFETCH(QString, code);
    QFETCH(QString, customer);
    QFETCH(QString, says);

    ScriptedServer server;
    server.script({reply});
    Account account;
    account.name = QStringLiteral("Hostile");
    account.dialect = Dialect::Stripe;
    account.baseUrl = server.base().toString();
    HttpClient::Options options;
    options.retry.maxAttempts = 1; // one reply per case: the script has no second one
    const auto gateway = createGateway(account, QStringLiteral("sk_test_hostile"), options);

    const CaseBounds bounds(QTest::currentDataTag());
    GatewayResult<Page<Invoice>> result;
    bool done = false;
    QEventLoop loop;
    gateway->listInvoices(ListRequest(), [&](const GatewayResult<Page<Invoice>> &r) {
        result = r;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(CaseBounds::maxSeconds * 1000, &loop, &QEventLoop::quit);
    if (!done)
        loop.exec();
    QVERIFY2(done, "no answer: a hang");
    qInfo("%s: %lld ms, peak %lld MiB", QTest::currentDataTag(), bounds.elapsedMs(), peakRssMiB());
    const QByteArray exceeded = bounds.exceeded();
    QVERIFY2(exceeded.isEmpty(), exceeded.constData());

    if (code.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error.describe()));
        QCOMPARE(result.value.items.size(), 1);
        QVERIFY(result.value.items.first().customer == customer); // not printed: 10 MB
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error.code, code);
        QVERIFY2(result.error.message.contains(says), qPrintable(result.error.message));
        QVERIFY2(result.error.message.size() < 500, "the error is one readable line");
    }
}

QTEST_GUILESS_MAIN(TestGatewayHostile)
#include "tst_gateway_hostile.moc"
