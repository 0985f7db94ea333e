// The adapters' wire parsers over real bodies: the example bodies printed in the seeds, Stripe's
// own current-API objects (shared fixtures), every dialect's error shape, the request bodies the
// adapters build, and a table of malformed replies per dialect that must each give one clear
// "malformed" error naming the field.
#include "gateway/chargebeeadapter.h"
#include "gateway/intasendadapter.h"
#include "gateway/processoutadapter.h"
#include "gateway/stripeadapter.h"
#include "gateway/wooshpayadapter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace rd;

namespace {

QByteArray readShared(const QString &relative)
{
    QFile f(QStringLiteral(RD_SHARED_DIR "/") + relative);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return f.readAll();
}

QString seedFile(const char *prefix)
{
    const QByteArray dir = RD_SHARED_DIR "/seeds/";
    for (const char *name :
         {"000_b11cc40dc0346bea.txt", "001_afdedcaab45cf32f.txt", "002_c852e7413e14c74c.txt",
          "003_aa80e6d0b56771ee.txt", "004_e6a0e39a1d4f495e.txt"}) {
        if (QByteArray(name).startsWith(prefix))
            return QStringLiteral("seeds/") + QString::fromLatin1(name);
    }
    return QString();
}

// Every JSON object or array that starts a line of a seed and parses as JSON, in order. Seeds
// are documentation pages, so elided examples ("{...}") simply do not parse and are skipped.
QList<QJsonDocument> seedBodies(const char *prefix)
{
    const QByteArray text = readShared(seedFile(prefix));
    QList<QJsonDocument> out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if ((c != '{' && c != '[') || (i > 0 && text.at(i - 1) != '\n'))
            continue;
        int depth = 0;
        bool inString = false;
        for (qsizetype j = i; j < text.size(); ++j) {
            const char d = text.at(j);
            if (inString) {
                if (d == '\\')
                    ++j;
                else if (d == '"')
                    inString = false;
                continue;
            }
            if (d == '"')
                inString = true;
            else if (d == '{' || d == '[')
                ++depth;
            else if ((d == '}' || d == ']') && --depth == 0) {
                QJsonParseError pe;
                const QJsonDocument doc = QJsonDocument::fromJson(text.mid(i, j - i + 1), &pe);
                if (pe.error == QJsonParseError::NoError) {
                    out.append(doc);
                    i = j;
                }
                break;
            }
        }
    }
    return out;
}

QByteArray bytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject stripeFixture(const char *name)
{
    const QJsonObject root =
        QJsonDocument::fromJson(readShared(QStringLiteral("fixtures/stripe/fixtures3-subset.json")))
            .object();
    return root.value(QStringLiteral("resources")).toObject().value(QLatin1String(name)).toObject();
}

QByteArray stripeList(const QJsonObject &item)
{
    return bytes(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                             {QStringLiteral("has_more"), false},
                             {QStringLiteral("data"), QJsonArray{item}}});
}

WireAmount wire()
{
    return WireAmount();
}

} // namespace

class TestGatewayParsers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seedsAreReadable();
    void stripeSeedRefunds();
    void stripeSeedRefundList();
    void wooshPaySeedBodies();
    void intaSendSeedChargebacks();
    void stripeFixtureCharge();
    void stripeFixtureRefund();
    void stripeFixtureDispute();
    void stripeFixturePaymentIntent();
    void chargebeeBodies();
    void processOutBodies();
    void intaSendInvoicePage();
    void errorShapes_data();
    void errorShapes();
    void requestBodies();
    void operationTags_data();
    void operationTags();
    void malformed_data();
    void malformed();
};

void TestGatewayParsers::seedsAreReadable()
{
    for (const char *p : {"000", "003", "004"})
        QVERIFY2(!seedBodies(p).isEmpty(), p);
}

void TestGatewayParsers::stripeSeedRefunds()
{
    // Seed 003 prints the refund object for create, update, retrieve and cancel.
    const QList<QJsonDocument> docs = seedBodies("003");
    int refunds = 0;
    for (const QJsonDocument &doc : docs) {
        const QJsonObject o = doc.object();
        if (o.value(QStringLiteral("object")).toString() != QLatin1String("refund"))
            continue;
        ++refunds;
        const auto r = readObjectBody<Refund>(bytes(o), [](const JsonReader &j) {
            return StripeFamilyAdapter::readRefund(j, wire());
        });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.gatewayId, o.value(QStringLiteral("id")).toString());
        QCOMPARE(r.value.invoiceId, o.value(QStringLiteral("charge")).toString());
        QCOMPARE(r.value.amount.minorUnits(), o.value(QStringLiteral("amount")).toInteger());
        QCOMPARE(r.value.amount.currency(),
                 o.value(QStringLiteral("currency")).toString().toUpper());
        QCOMPARE(r.value.gatewayStatus, o.value(QStringLiteral("status")).toString());
        QCOMPARE(r.value.createdAt.toSecsSinceEpoch(),
                 o.value(QStringLiteral("created")).toInteger());
        QCOMPARE(r.value.failureReason, o.value(QStringLiteral("failure_reason")).toString());
        QCOMPARE(r.value.metadata.value(QStringLiteral("order_id")),
                 o.value(QStringLiteral("metadata"))
                     .toObject()
                     .value(QStringLiteral("order_id"))
                     .toString());
        QVERIFY(r.value.reason.isEmpty()); // "reason": null
        const CommonStatus expected =
            o.value(QStringLiteral("status")).toString() == QLatin1String("canceled")
                ? CommonStatus::Canceled
                : CommonStatus::Succeeded;
        QCOMPARE(r.value.status, expected);
    }
    QCOMPARE(refunds, 4);
}

void TestGatewayParsers::stripeSeedRefundList()
{
    // The seed's list example elides further entries as "{...}"; with those removed it is a
    // real list envelope.
    QByteArray text = readShared(seedFile("003"));
    const qsizetype start = text.indexOf("{ \"object\": \"list\"");
    QVERIFY(start >= 0);
    const qsizetype end = text.indexOf("],}", start);
    QVERIFY(end > start);
    QByteArray body = text.mid(start, end + 3 - start);
    body.replace(" {...} {...} ],}", " ]}");
    const auto page = StripeFamilyAdapter::parseRefundList(body, wire());
    QVERIFY2(page.ok(), qPrintable(page.error.message));
    QCOMPARE(page.value.items.size(), 1);
    QCOMPARE(page.value.items.first().gatewayId, QStringLiteral("re_1Nispe2eZvKYlo2Cd31jOCgZ"));
    QVERIFY(page.value.nextCursor.isEmpty()); // has_more: false
}

void TestGatewayParsers::wooshPaySeedBodies()
{
    const QList<QJsonDocument> docs = seedBodies("004");
    QCOMPARE(docs.size(), 2);
    // The request example is exactly what the adapter sends for the same request.
    RefundRequest req;
    req.invoiceId = docs.at(0).object().value(QStringLiteral("payment_intent")).toString();
    req.reason = docs.at(0).object().value(QStringLiteral("reason")).toString();
    QString error;
    QCOMPARE(WooshPayAdapter::refundJson(req, wire(), &error), docs.at(0).object());
    QVERIFY(error.isEmpty());
    // The response example is a schema placeholder ("currency": "string"): a clear malformed
    // error rather than a refund with a made-up currency.
    const auto r = readObjectBody<Refund>(bytes(docs.at(1).object()), [](const JsonReader &j) {
        return StripeFamilyAdapter::readRefund(j, wire());
    });
    QCOMPARE(r.error.kind, GatewayError::Kind::Malformed);
    QVERIFY2(r.error.message.contains(QLatin1String("field currency")),
             qPrintable(r.error.message));
    // With a real currency the same shape parses, failure_reason and description included.
    QJsonObject fixed = docs.at(1).object();
    fixed.insert(QStringLiteral("currency"), QStringLiteral("usd"));
    fixed.insert(QStringLiteral("amount"), 1000);
    const auto ok = readObjectBody<Refund>(bytes(fixed), [](const JsonReader &j) {
        return StripeFamilyAdapter::readRefund(j, wire());
    });
    QVERIFY2(ok.ok(), qPrintable(ok.error.message));
    QCOMPARE(ok.value.failureReason, fixed.value(QStringLiteral("failure_reason")).toString());
    QCOMPARE(ok.value.note, fixed.value(QStringLiteral("description")).toString());
    QCOMPARE(ok.value.reason, QStringLiteral("duplicate"));
}

void TestGatewayParsers::intaSendSeedChargebacks()
{
    // Seed 000 prints create, list and retrieve replies; they carry no currency and give the
    // invoice as a number, so the invoice's currency is supplied as the adapter would look it up.
    const QList<QJsonDocument> docs = seedBodies("000");
    QCOMPARE(docs.size(), 3);
    const QHash<QString, QString> currencies{{QStringLiteral("1"), QStringLiteral("KES")}};
    for (const QJsonDocument &doc : docs) {
        const QByteArray body = doc.toJson(QJsonDocument::Compact);
        const QJsonObject o = doc.isArray() ? doc.array().first().toObject() : doc.object();
        const auto page =
            doc.isArray()
                ? IntaSendAdapter::parseChargebackList(body, currencies, wire())
                : GatewayResult<Page<Chargeback>>{
                      {{IntaSendAdapter::parseChargeback(body, currencies, wire()).value}, {}},
                      IntaSendAdapter::parseChargeback(body, currencies, wire()).error};
        QVERIFY2(page.ok(), qPrintable(page.error.message));
        QCOMPARE(page.value.items.size(), 1);
        const Chargeback &cb = page.value.items.first();
        QCOMPARE(cb.gatewayId, QString::number(o.value(QStringLiteral("id")).toInteger()));
        QCOMPARE(cb.invoiceId, QString::number(o.value(QStringLiteral("invoice")).toInteger()));
        // "amount": 200 is major units: 200.00 KES.
        QCOMPARE(cb.amount, Money(o.value(QStringLiteral("amount")).toInteger() * 100, u"KES"));
        QCOMPARE(cb.reason, o.value(QStringLiteral("reason")).toString());
        QCOMPARE(cb.reasonDetails, o.value(QStringLiteral("reason_details")).toString());
        QCOMPARE(cb.gatewayStatus, QStringLiteral("PENDING"));
        QCOMPARE(cb.status, CommonStatus::Pending);
        QVERIFY(!cb.createdAt.isValid());
        // Without the invoice's currency the same body is malformed, naming the field.
        const auto bare =
            IntaSendAdapter::parseChargeback(bytes(o), QHash<QString, QString>(), wire());
        QCOMPARE(bare.error.kind, GatewayError::Kind::Malformed);
        QVERIFY(bare.error.message.contains(QLatin1String("field currency")));
    }
    QCOMPARE(IntaSendAdapter::invoicesWithoutCurrency(docs.at(1).toJson()),
             QSet<QString>{QStringLiteral("1")});
}

void TestGatewayParsers::stripeFixtureCharge()
{
    const QJsonObject ch = stripeFixture("charge");
    QVERIFY(!ch.isEmpty());
    const auto page =
        StripeFamilyAdapter::parseList<Invoice>(stripeList(ch), [](const JsonReader &r) {
            return StripeFamilyAdapter::readCharge(r, wire());
        });
    QVERIFY2(page.ok(), qPrintable(page.error.message));
    const Invoice &inv = page.value.items.first();
    QCOMPARE(inv.gatewayId, ch.value(QStringLiteral("id")).toString());
    QCOMPARE(inv.amount.minorUnits(), ch.value(QStringLiteral("amount_captured")).toInteger());
    QCOMPARE(inv.amountRefunded.minorUnits(),
             ch.value(QStringLiteral("amount_refunded")).toInteger());
    QCOMPARE(inv.amount.currency(), ch.value(QStringLiteral("currency")).toString().toUpper());
    QCOMPARE(inv.customer, ch.value(QStringLiteral("billing_details"))
                               .toObject()
                               .value(QStringLiteral("name"))
                               .toString());
    QCOMPARE(inv.description, ch.value(QStringLiteral("description")).toString());
    QCOMPARE(inv.gatewayStatus, ch.value(QStringLiteral("status")).toString());
    QCOMPARE(inv.disputed, ch.value(QStringLiteral("disputed")).toBool());
    QVERIFY(inv.paymentIntent.isEmpty()); // null in the fixture
    QCOMPARE(inv.createdAt.toSecsSinceEpoch(), ch.value(QStringLiteral("created")).toInteger());
}

void TestGatewayParsers::stripeFixtureRefund()
{
    const QJsonObject re = stripeFixture("refund");
    const auto page = StripeFamilyAdapter::parseRefundList(stripeList(re), wire());
    QVERIFY2(page.ok(), qPrintable(page.error.message));
    const Refund &r = page.value.items.first();
    QCOMPARE(r.gatewayId, re.value(QStringLiteral("id")).toString());
    QCOMPARE(r.invoiceId, re.value(QStringLiteral("charge")).toString());
    QCOMPARE(r.amount.minorUnits(), re.value(QStringLiteral("amount")).toInteger());
    QCOMPARE(r.gatewayStatus, re.value(QStringLiteral("status")).toString());
    QVERIFY(r.operationId.isEmpty());
}

void TestGatewayParsers::stripeFixtureDispute()
{
    const QJsonObject dp = stripeFixture("dispute");
    const auto page =
        StripeFamilyAdapter::parseList<Chargeback>(stripeList(dp), [](const JsonReader &r) {
            return StripeFamilyAdapter::readDispute(r, wire());
        });
    QVERIFY2(page.ok(), qPrintable(page.error.message));
    const Chargeback &cb = page.value.items.first();
    QCOMPARE(cb.gatewayId, dp.value(QStringLiteral("id")).toString());
    QCOMPARE(cb.invoiceId, dp.value(QStringLiteral("charge")).toString());
    QCOMPARE(cb.amount.minorUnits(), dp.value(QStringLiteral("amount")).toInteger());
    QCOMPARE(cb.reason, dp.value(QStringLiteral("reason")).toString());
    QCOMPARE(cb.gatewayStatus, dp.value(QStringLiteral("status")).toString());
    QCOMPARE(cb.status, StripeFamilyAdapter::disputeStatus(cb.gatewayStatus));
    QCOMPARE(cb.status, CommonStatus::RequiresAction); // warning_needs_response
}

void TestGatewayParsers::stripeFixturePaymentIntent()
{
    // WooshPay's invoices are payment intents; Stripe's own object must parse the same way.
    const QJsonObject pi = stripeFixture("payment_intent");
    const auto page =
        StripeFamilyAdapter::parseList<Invoice>(stripeList(pi), [](const JsonReader &r) {
            return StripeFamilyAdapter::readPaymentIntent(r, wire());
        });
    QVERIFY2(page.ok(), qPrintable(page.error.message));
    const Invoice &inv = page.value.items.first();
    QCOMPARE(inv.gatewayId, pi.value(QStringLiteral("id")).toString());
    QCOMPARE(inv.paymentIntent, inv.gatewayId);
    QCOMPARE(inv.amount.minorUnits(), pi.value(QStringLiteral("amount_received")).toInteger());
    QCOMPARE(inv.amountRefunded.minorUnits(), qint64(0)); // not in Stripe's object
    QCOMPARE(inv.gatewayStatus, pi.value(QStringLiteral("status")).toString());
    QCOMPARE(inv.status, CommonStatus::RequiresAction); // requires_payment_method
}

void TestGatewayParsers::chargebeeBodies()
{
    const QByteArray invoices = R"({"list":[{"invoice":{"id":"inv_1","customer_id":"c1",
        "status":"paid","date":1700000000,"updated_at":1700000100,"total":10000,
        "amount_paid":10000,"amount_adjusted":0,"amount_due":0,"currency_code":"EUR",
        "billing_address":{"first_name":"Ana","last_name":"Lima","email":"ana@example.com"},
        "linked_payments":[{"txn_id":"txn_1","applied_amount":10000,"txn_status":"success",
        "txn_date":1700000000,"payment_method":"offline"}],
        "issued_credit_notes":[{"cn_id":"cn_1","cn_reason_code":"other","cn_date":1700000200,
        "cn_total":2500,"cn_status":"refunded"},{"cn_id":"cn_2","cn_reason_code":"other",
        "cn_date":1700000300,"cn_total":1000,"cn_status":"voided"}]}}],"next_offset":"[\"1700000100\",\"17\"]"})";
    const auto page = ChargebeeAdapter::parseInvoiceList(invoices, wire());
    QVERIFY2(page.ok(), qPrintable(page.error.message));
    const Invoice &inv = page.value.items.first();
    QCOMPARE(inv.amount, Money(10000, u"EUR"));
    QCOMPARE(inv.amountRefunded, Money(2500, u"EUR")); // the voided credit note does not count
    QCOMPARE(inv.customer, QStringLiteral("Ana Lima"));
    QVERIFY(inv.offline);
    QCOMPARE(page.value.nextCursor, QStringLiteral("[\"1700000100\",\"17\"]"));
    // The last page has no next_offset at all.
    const auto last = ChargebeeAdapter::parseInvoiceList(R"({"list":[]})", wire());
    QVERIFY2(last.ok(), qPrintable(last.error.message));
    QVERIFY(last.value.nextCursor.isEmpty());

    const QByteArray reply = R"({"invoice":{"id":"inv_1","status":"paid","date":1,"amount_paid":1,
        "currency_code":"EUR"},"transaction":{"id":"txn_9","type":"refund","amount":500,
        "currency_code":"EUR","status":"success","date":1700000400},
        "credit_note":{"id":"cn_9","reference_invoice_id":"inv_1","type":"refundable",
        "reason_code":"product_unsatisfactory","status":"refunded","total":500,
        "amount_refunded":500,"currency_code":"EUR","date":1700000400,"updated_at":1700000400,
        "customer_notes":"sorry","comment":"damaged [rd:op-42]"}})";
    const auto r = ChargebeeAdapter::parseRefundReply(reply, wire());
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.value.gatewayId, QStringLiteral("cn_9"));
    QCOMPARE(r.value.amount, Money(500, u"EUR"));
    QCOMPARE(r.value.operationId, QStringLiteral("op-42"));
    QCOMPARE(r.value.note, QStringLiteral("damaged"));
    QCOMPARE(r.value.gatewayReason, QStringLiteral("product_unsatisfactory"));
    QCOMPARE(r.value.reason, QStringLiteral("requested_by_customer"));
    QCOMPARE(r.value.status, CommonStatus::Succeeded);
}

void TestGatewayParsers::processOutBodies()
{
    const QByteArray txs = R"({"success":true,"has_more":true,"transactions":[{"id":"tr_1",
        "invoice_id":"iv_1","name":"Order 1","amount":"12.50","captured_amount":"12.50",
        "refunded_amount":"2.50","currency":"KWD","status":"completed",
        "created_at":"2024-05-07T06:32:00Z","customer":{"first_name":"Li","last_name":"Wei",
        "email":"li@example.com"},"metadata":{},"chargedback":false,
        "refunds":[{"id":"re_1","transaction_id":"tr_1","reason":"fraud","information":"x",
        "amount":"2.500","has_failed":false,"metadata":{"refunddesk_operation":"op-1"},
        "sandbox":true,"created_at":"2024-05-08T00:00:00Z","invoice_detail_ids":[]}]}]})";
    const auto invoices = ProcessOutAdapter::parseTransactionList(txs, wire());
    QVERIFY2(invoices.ok(), qPrintable(invoices.error.message));
    QCOMPARE(invoices.value.items.first().amount, Money(12500, u"KWD")); // 3-decimal currency
    QCOMPARE(invoices.value.items.first().amountRefunded, Money(2500, u"KWD"));
    QCOMPARE(invoices.value.nextCursor, QStringLiteral("tr_1"));
    const auto refunds = ProcessOutAdapter::parseExpandedRefunds(txs, wire());
    QVERIFY2(refunds.ok(), qPrintable(refunds.error.message));
    QCOMPARE(refunds.value.items.size(), 1);
    const Refund &r = refunds.value.items.first();
    QCOMPARE(r.amount, Money(2500, u"KWD"));
    QCOMPARE(r.reason, QStringLiteral("fraudulent"));
    QCOMPARE(r.operationId, QStringLiteral("op-1"));
    QCOMPARE(refunds.value.nextCursor, QStringLiteral("tr_1"));
}

void TestGatewayParsers::intaSendInvoicePage()
{
    const QByteArray body =
        R"({"count":3,"next":"http://elsewhere.example/api/v1/invoices/?page=2&page_size=2",
        "previous":null,"results":[{"invoice_id":"NR5XKGY","state":"COMPLETE","provider":"CARD",
        "value":"1500.00","currency":"KES","account":"a@example.com","customer":{"first_name":"Amina",
        "last_name":"Otieno","email":"amina@example.com"},"created_at":"2024-01-02T03:04:05Z",
        "updated_at":"2024-01-02T03:04:05Z"}]})";
    const auto page = IntaSendAdapter::parseInvoicePage(body, wire());
    QVERIFY2(page.ok(), qPrintable(page.error.message));
    QCOMPARE(page.value.items.first().amount, Money(150000, u"KES"));
    QCOMPARE(page.value.items.first().status, CommonStatus::Succeeded);
    // Only the page number is kept from `next`; the host it names is never followed.
    QCOMPARE(page.value.nextCursor, QStringLiteral("2"));
}

void TestGatewayParsers::errorShapes_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("param");
    using K = GatewayError::Kind;
    QTest::newRow("stripe over-refund")
        << "stripe" << 400
        << QByteArray(
               R"J({"error":{"type":"invalid_request_error","code":"amount_too_large","message":"Refund amount ($20.00) is greater than unrefunded amount on charge ($10.00)","param":"amount"}})J")
        << int(K::Rejected) << "amount_too_large"
        << "Refund amount ($20.00) is greater than unrefunded amount on charge ($10.00)"
        << "amount";
    QTest::newRow("stripe auth")
        << "stripe" << 401
        << QByteArray(
               R"({"error":{"type":"invalid_request_error","code":"api_key_invalid","message":"Invalid API Key provided: sk_test_****"}})")
        << int(K::Auth) << "api_key_invalid"
        << "Invalid API Key provided: sk_test_****"
        << "";
    QTest::newRow("stripe missing")
        << "stripe" << 404
        << QByteArray(
               R"({"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such charge: 'ch_x'","param":"id"}})")
        << int(K::NotFound) << "resource_missing"
        << "No such charge: 'ch_x'"
        << "id";
    QTest::newRow("wooshpay conflict")
        << "wooshpay" << 409
        << QByteArray(
               R"({"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters"}})")
        << int(K::Rejected) << "idempotency_error"
        << "Keys for idempotent requests can only be used with the same parameters"
        << "";
    QTest::newRow("chargebee offline")
        << "chargebee" << 400
        << QByteArray(
               R"({"message":"The invoice was paid offline. Use the Record refund API.","type":"invalid_request","api_error_code":"invalid_request","param":"invoice_id","http_status_code":400})")
        << int(K::Rejected) << "invalid_request"
        << "The invoice was paid offline. Use the Record refund API."
        << "invoice_id";
    QTest::newRow("processout too high")
        << "processout" << 400
        << QByteArray(
               R"({"success":false,"error_type":"refund.amount-too-high","message":"The refund amount is too high."})")
        << int(K::Rejected) << "refund.amount-too-high"
        << "The refund amount is too high."
        << "";
    QTest::newRow("intasend detail")
        << "intasend" << 401 << QByteArray(R"({"detail":"Invalid token."})") << int(K::Auth) << ""
        << "Invalid token."
        << "";
    QTest::newRow("intasend field error")
        << "intasend" << 400 << QByteArray(R"({"amount":["Ensure amount is less than billed."]})")
        << int(K::Rejected) << ""
        << "Ensure amount is less than billed."
        << "amount";
    QTest::newRow("html 502 page")
        << "stripe" << 502 << QByteArray("<html><body>Bad gateway</body></html>") << int(K::Server)
        << ""
        << "HTTP 502 with no readable error message (the reply is an HTML page, not JSON)"
        << "";
    QTest::newRow("rate limited, empty body")
        << "processout" << 429 << QByteArray() << int(K::RateLimited) << ""
        << "HTTP 429 with no readable error message (the reply body is empty)"
        << "";
    QTest::newRow("error field of the wrong type")
        << "chargebee" << 400 << QByteArray(R"({"message":42})") << int(K::Rejected) << ""
        << "HTTP 400 with no readable error message (unexpected JSON)"
        << "";
}

void TestGatewayParsers::errorShapes()
{
    QFETCH(QString, dialect);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, param);
    HttpResponse resp;
    resp.status = status;
    resp.body = body;
    GatewayError e;
    if (dialect == QLatin1String("stripe") || dialect == QLatin1String("wooshpay"))
        e = StripeFamilyAdapter::parseStripeError(resp);
    else if (dialect == QLatin1String("chargebee"))
        e = ChargebeeAdapter::parseChargebeeError(resp);
    else if (dialect == QLatin1String("processout"))
        e = ProcessOutAdapter::parseProcessOutError(resp);
    else
        e = IntaSendAdapter::parseIntaSendError(resp);
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(e.httpStatus, status);
    QCOMPARE(e.code, code);
    QCOMPARE(e.message, message);
    QCOMPARE(e.param, param);
}

void TestGatewayParsers::requestBodies()
{
    RefundRequest req;
    req.invoiceId = QStringLiteral("ch_1");
    req.amount = Money(1250, u"USD");
    req.reason = QStringLiteral("requested_by_customer");
    req.note = QStringLiteral("late delivery");
    req.operationId = QStringLiteral("op-7");
    req.metadata.insert(QStringLiteral("ticket"), QStringLiteral("T-1"));
    QString error;

    const FormFields stripe = StripeAdapter::refundForm(req, wire(), &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(stripe.value(QStringLiteral("charge")), QStringLiteral("ch_1"));
    QCOMPARE(stripe.value(QStringLiteral("amount")), QStringLiteral("1250"));
    QCOMPARE(stripe.value(QStringLiteral("reason")), QStringLiteral("requested_by_customer"));
    QCOMPARE(stripe.value(QStringLiteral("metadata[refunddesk_operation]")),
             QStringLiteral("op-7"));
    QCOMPARE(stripe.value(QStringLiteral("metadata[ticket]")), QStringLiteral("T-1"));
    RefundRequest full = req;
    full.amount.reset();
    full.reason = QStringLiteral("other");
    full.invoiceId = QStringLiteral("pi_1");
    const FormFields stripeFull = StripeAdapter::refundForm(full, wire(), &error);
    QCOMPARE(stripeFull.value(QStringLiteral("payment_intent")), QStringLiteral("pi_1"));
    QCOMPARE(stripeFull.value(QStringLiteral("amount")), QString()); // full: no amount sent
    QCOMPARE(stripeFull.value(QStringLiteral("reason")), QString()); // Stripe has no "other"

    const QJsonObject woosh = WooshPayAdapter::refundJson(req, wire(), &error);
    QVERIFY(woosh.value(QStringLiteral("amount")).isString()); // a string, never a number
    QCOMPARE(woosh.value(QStringLiteral("amount")).toString(), QStringLiteral("1250"));
    QCOMPARE(woosh.value(QStringLiteral("metadata"))
                 .toObject()
                 .value(QStringLiteral("refunddesk_operation"))
                 .toString(),
             QStringLiteral("op-7"));

    RefundRequest cb = req;
    cb.invoiceId = QStringLiteral("inv_1");
    cb.customerNotes = QStringLiteral("We are sorry");
    cb.amount = Money(1000, u"JPY");
    const FormFields chargebee = ChargebeeAdapter::refundForm(cb, wire(), &error);
    QCOMPARE(chargebee.value(QStringLiteral("refund_amount")), QStringLiteral("1000"));
    QCOMPARE(chargebee.value(QStringLiteral("comment")), QStringLiteral("late delivery [rd:op-7]"));
    QCOMPARE(chargebee.value(QStringLiteral("customer_notes")), QStringLiteral("We are sorry"));
    QCOMPARE(chargebee.value(QStringLiteral("credit_note[reason_code]")),
             QStringLiteral("order_cancellation"));
    cb.creditNoteReasonCode = QStringLiteral("service_unsatisfactory");
    QCOMPARE(ChargebeeAdapter::refundForm(cb, wire(), &error)
                 .value(QStringLiteral("credit_note[reason_code]")),
             QStringLiteral("service_unsatisfactory"));

    RefundRequest po = req;
    po.invoiceDetailIds = QStringList{QStringLiteral("d1"), QStringLiteral("d2")};
    po.reason = QStringLiteral("fraudulent");
    const QJsonObject processout =
        ProcessOutAdapter::refundJson(po, Money(5, u"KWD"), wire(), &error);
    QCOMPARE(processout.value(QStringLiteral("amount")).toString(), QStringLiteral("0.005"));
    QCOMPARE(processout.value(QStringLiteral("reason")).toString(), QStringLiteral("fraud"));
    QCOMPARE(processout.value(QStringLiteral("information")).toString(),
             QStringLiteral("late delivery"));
    QCOMPARE(processout.value(QStringLiteral("invoice_detail_ids")).toArray().size(), 2);

    ChargebackRequest ib;
    ib.invoiceId = QStringLiteral("NR5XKGY");
    ib.amount = Money(20000, u"KES");
    ib.reason = QStringLiteral("Delayed shipping");
    ib.reasonDetails = QStringLiteral("could not send item faster");
    ib.operationId = QStringLiteral("op-9");
    const QJsonObject intasend = IntaSendAdapter::chargebackJson(ib, wire(), &error);
    QCOMPARE(intasend.value(QStringLiteral("amount")).toString(), QStringLiteral("200.00"));
    QCOMPARE(intasend.value(QStringLiteral("reason_details")).toString(),
             QStringLiteral("could not send item faster [rd:op-9]"));
}

void TestGatewayParsers::operationTags_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("rest");
    QTest::addColumn<QString>("id");
    QTest::newRow("tagged") << "late [rd:op-1]"
                            << "late"
                            << "op-1";
    QTest::newRow("only tag") << "[rd:abc]"
                              << ""
                              << "abc";
    QTest::newRow("no tag") << "late"
                            << "late"
                            << "";
    QTest::newRow("tag not at end") << "[rd:x] late"
                                    << "[rd:x] late"
                                    << "";
    QTest::newRow("trailing space") << "a [rd:uuid-1-2] "
                                    << "a"
                                    << "uuid-1-2";
}

void TestGatewayParsers::operationTags()
{
    QFETCH(QString, text);
    QFETCH(QString, rest);
    QFETCH(QString, id);
    QString t = text;
    QCOMPARE(takeOperationTag(&t), id);
    QCOMPARE(t, rest);
    if (!id.isEmpty()) {
        QString again = appendOperationTag(rest, id);
        QCOMPARE(takeOperationTag(&again), id);
    }
}

void TestGatewayParsers::malformed_data()
{
    QTest::addColumn<QString>("parser");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("names");
    const QByteArray charge =
        R"({"id":"ch_1","amount":100,"amount_captured":100,"amount_refunded":0,"currency":"usd","status":"succeeded","created":1700000000})";
    auto stripeWith = [&charge](const char *from, const char *to) {
        QByteArray c = charge;
        c.replace(from, to);
        return QByteArray(R"({"object":"list","has_more":false,"data":[)") + c + "]}";
    };
    QTest::newRow("stripe empty body") << "stripe.charges" << QByteArray() << "empty";
    QTest::newRow("stripe html page")
        << "stripe.charges" << QByteArray("<!DOCTYPE html><html>oops</html>") << "HTML";
    QTest::newRow("stripe truncated")
        << "stripe.charges"
        << QByteArray(R"({"object":"list","has_more":false,"data":[{"id":"ch_1","amo)")
        << "not valid JSON";
    QTest::newRow("stripe array body")
        << "stripe.charges" << QByteArray("[]") << "not a JSON object";
    QTest::newRow("stripe data not array")
        << "stripe.charges" << QByteArray(R"({"has_more":false,"data":{}})") << "field data:";
    QTest::newRow("stripe has_more missing")
        << "stripe.charges" << QByteArray(R"({"data":[]})") << "field has_more:";
    QTest::newRow("stripe has_more on empty page")
        << "stripe.charges" << QByteArray(R"({"has_more":true,"data":[]})") << "field has_more:";
    QTest::newRow("stripe null id")
        << "stripe.charges" << stripeWith("\"ch_1\"", "null") << "field data[0].id:";
    QTest::newRow("stripe amount as string")
        << "stripe.charges" << stripeWith("\"amount_captured\":100", "\"amount_captured\":\"100\"")
        << "field data[0].amount_captured:";
    QTest::newRow("stripe fractional amount")
        << "stripe.charges" << stripeWith("\"amount_refunded\":0", "\"amount_refunded\":0.5")
        << "field data[0].amount_refunded:";
    QTest::newRow("stripe huge amount")
        << "stripe.charges" << stripeWith("\"amount_captured\":100", "\"amount_captured\":1e300")
        << "field data[0].amount_captured:";
    QTest::newRow("stripe beyond 2^53")
        << "stripe.charges"
        << stripeWith("\"amount_captured\":100", "\"amount_captured\":18014398509481985")
        << "field data[0].amount_captured:";
    QTest::newRow("stripe unknown currency") << "stripe.charges" << stripeWith("\"usd\"", "\"zzz\"")
                                             << "field data[0].currency: unknown currency";
    QTest::newRow("stripe currency number")
        << "stripe.charges" << stripeWith("\"usd\"", "840") << "field data[0].currency:";
    QTest::newRow("stripe created string")
        << "stripe.charges" << stripeWith("1700000000", "\"2023-11-14\"")
        << "field data[0].created:";
    QTest::newRow("stripe billing_details string")
        << "stripe.charges" << stripeWith("\"status\"", "\"billing_details\":\"x\",\"status\"")
        << "field data[0].billing_details:";
    QTest::newRow("stripe metadata nested")
        << "stripe.refunds"
        << QByteArray(
               R"({"has_more":false,"data":[{"id":"re_1","amount":1,"currency":"usd","created":1,"metadata":{"a":{"b":1}}}]})")
        << "field data[0].metadata.a:";
    QTest::newRow("stripe dispute status missing")
        << "stripe.disputes"
        << QByteArray(
               R"({"has_more":false,"data":[{"id":"dp_1","amount":1,"currency":"usd","created":1}]})")
        << "field data[0].status:";
    QTest::newRow("wooshpay amount_received null")
        << "wooshpay.payment_intents"
        << QByteArray(
               R"({"has_more":false,"data":[{"id":"pi_1","amount":1,"amount_received":null,"currency":"usd","status":"succeeded","created":1}]})")
        << "field data[0].amount_received:";
    QTest::newRow("wooshpay element not object")
        << "wooshpay.payment_intents" << QByteArray(R"({"has_more":false,"data":[1]})")
        << "field data[0]:";
    QTest::newRow("chargebee entry without invoice")
        << "chargebee.invoices" << QByteArray(R"({"list":[{"customer":{}}]})")
        << "field list[0].invoice:";
    QTest::newRow("chargebee unknown currency")
        << "chargebee.invoices"
        << QByteArray(
               R"({"list":[{"invoice":{"id":"i","status":"paid","date":1,"amount_paid":1,"currency_code":"EURO"}}]})")
        << "field list[0].invoice.currency_code:";
    QTest::newRow("chargebee cn_total string")
        << "chargebee.invoices"
        << QByteArray(
               R"({"list":[{"invoice":{"id":"i","status":"paid","date":1,"amount_paid":1,"currency_code":"EUR","issued_credit_notes":[{"cn_status":"refunded","cn_total":"5"}]}}]})")
        << "field list[0].invoice.issued_credit_notes[0].cn_total:";
    QTest::newRow("chargebee next_offset object")
        << "chargebee.invoices" << QByteArray(R"({"list":[],"next_offset":{}})")
        << "field next_offset:";
    QTest::newRow("chargebee refund without credit note")
        << "chargebee.refund" << QByteArray(R"({"invoice":{},"transaction":{}})")
        << "field credit_note:";
    QTest::newRow("chargebee credit note total null")
        << "chargebee.credit_notes"
        << QByteArray(
               R"({"list":[{"credit_note":{"id":"cn","status":"refunded","total":null,"currency_code":"EUR","date":1}}]})")
        << "field list[0].credit_note.total:";
    QTest::newRow("processout amount number")
        << "processout.transactions"
        << QByteArray(
               R"({"success":true,"has_more":false,"transactions":[{"id":"tr","captured_amount":12.5,"currency":"USD","status":"completed","created_at":"2024-01-01T00:00:00Z"}]})")
        << "field transactions[0].captured_amount:";
    QTest::newRow("processout too many decimals")
        << "processout.transactions"
        << QByteArray(
               R"({"success":true,"has_more":false,"transactions":[{"id":"tr","captured_amount":"12.345","currency":"USD","status":"completed","created_at":"2024-01-01T00:00:00Z"}]})")
        << "field transactions[0].captured_amount: USD allows at most 2 decimals";
    QTest::newRow("processout bad date")
        << "processout.transactions"
        << QByteArray(
               R"({"success":true,"has_more":false,"transactions":[{"id":"tr","captured_amount":"1.00","currency":"USD","status":"completed","created_at":"soon"}]})")
        << "field transactions[0].created_at:";
    QTest::newRow("processout success false")
        << "processout.transactions"
        << QByteArray(R"({"success":false,"has_more":false,"transactions":[]})")
        << "field success:";
    QTest::newRow("processout refunds not expanded")
        << "processout.expanded"
        << QByteArray(
               R"({"success":true,"has_more":false,"transactions":[{"id":"tr","currency":"USD"}]})")
        << "field transactions[0].refunds:";
    QTest::newRow("processout refund amount negative garbage")
        << "processout.refunds"
        << QByteArray(
               R"({"success":true,"refunds":[{"id":"re","amount":"-","created_at":"2024-01-01T00:00:00Z"}]})")
        << "field refunds[0].amount:";
    QTest::newRow("intasend value garbage")
        << "intasend.invoices"
        << QByteArray(
               R"({"count":1,"next":null,"results":[{"invoice_id":"A","state":"COMPLETE","value":"ten","currency":"KES","created_at":"2024-01-01T00:00:00Z"}]})")
        << "field results[0].value:";
    QTest::newRow("intasend next without page")
        << "intasend.invoices"
        << QByteArray(R"({"count":1,"next":"http://x/api/v1/invoices/","results":[]})")
        << "field next:";
    QTest::newRow("intasend chargebacks object")
        << "intasend.chargebacks" << QByteArray(R"({"results":[]})") << "not a JSON array";
    QTest::newRow("intasend chargeback fraction")
        << "intasend.chargebacks"
        << QByteArray(
               R"([{"id":1,"invoice":"A","amount":10.5,"currency":"KES","status":"PENDING"}])")
        << "field [0].amount:";
    QTest::newRow("intasend chargeback no currency")
        << "intasend.chargebacks"
        << QByteArray(R"([{"id":1,"invoice":"A","amount":"10.00","status":"PENDING"}])")
        << "field [0].currency:";
    QTest::newRow("intasend chargeback id bool")
        << "intasend.chargebacks"
        << QByteArray(
               R"([{"id":true,"invoice":"A","amount":"1","currency":"KES","status":"PENDING"}])")
        << "field [0].id:";
}

void TestGatewayParsers::malformed()
{
    QFETCH(QString, parser);
    QFETCH(QByteArray, body);
    QFETCH(QString, names);
    GatewayError e;
    int items = -1;
    auto take = [&](const auto &r) {
        e = r.error;
        items = r.ok() ? int(r.value.items.size()) : -1;
    };
    const WireAmount w;
    if (parser == QLatin1String("stripe.charges"))
        take(StripeFamilyAdapter::parseList<Invoice>(
            body, [&w](const JsonReader &r) { return StripeFamilyAdapter::readCharge(r, w); }));
    else if (parser == QLatin1String("stripe.refunds"))
        take(StripeFamilyAdapter::parseRefundList(body, w));
    else if (parser == QLatin1String("stripe.disputes"))
        take(StripeFamilyAdapter::parseList<Chargeback>(
            body, [&w](const JsonReader &r) { return StripeFamilyAdapter::readDispute(r, w); }));
    else if (parser == QLatin1String("wooshpay.payment_intents"))
        take(StripeFamilyAdapter::parseList<Invoice>(body, [&w](const JsonReader &r) {
            return StripeFamilyAdapter::readPaymentIntent(r, w);
        }));
    else if (parser == QLatin1String("chargebee.invoices"))
        take(ChargebeeAdapter::parseInvoiceList(body, w));
    else if (parser == QLatin1String("chargebee.credit_notes"))
        take(ChargebeeAdapter::parseCreditNoteList(body, w));
    else if (parser == QLatin1String("chargebee.refund"))
        e = ChargebeeAdapter::parseRefundReply(body, w).error;
    else if (parser == QLatin1String("processout.transactions"))
        take(ProcessOutAdapter::parseTransactionList(body, w));
    else if (parser == QLatin1String("processout.expanded"))
        take(ProcessOutAdapter::parseExpandedRefunds(body, w));
    else if (parser == QLatin1String("processout.refunds"))
        take(ProcessOutAdapter::parseRefundList(body, QStringLiteral("USD"), w));
    else if (parser == QLatin1String("intasend.invoices"))
        take(IntaSendAdapter::parseInvoicePage(body, w));
    else if (parser == QLatin1String("intasend.chargebacks"))
        take(IntaSendAdapter::parseChargebackList(body, {}, w));
    else
        QFAIL("unknown parser");
    QCOMPARE(e.kind, GatewayError::Kind::Malformed);
    QCOMPARE(e.code, QStringLiteral("malformed"));
    QVERIFY2(e.message.contains(names), qPrintable(e.message));
    QCOMPARE(items, -1); // nothing half-read is handed out
}

QTEST_GUILESS_MAIN(TestGatewayParsers)
#include "tst_gateway_parsers.moc"
