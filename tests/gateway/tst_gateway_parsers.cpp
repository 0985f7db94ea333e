// The adapters' wire parsers over real bodies: the example bodies printed in the seeds, Stripe's
// own current-API objects (shared fixtures) and typical replies of the other dialects.
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

#include <functional>

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
    void everyTruncationIsMalformed();
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
    // The fixture's charge is uncaptured (amount_captured 0): it keeps the billed amount, as a
    // failed charge does, instead of showing 0.00.
    QCOMPARE(ch.value(QStringLiteral("amount_captured")).toInteger(), 0);
    QCOMPARE(inv.amount.minorUnits(), ch.value(QStringLiteral("amount")).toInteger());
    QVERIFY(inv.amount.minorUnits() > 0);
    QJsonObject captured = ch;
    captured.insert(QStringLiteral("amount_captured"), 60);
    const auto partial =
        StripeFamilyAdapter::parseList<Invoice>(stripeList(captured), [](const JsonReader &r) {
            return StripeFamilyAdapter::readCharge(r, wire());
        });
    QVERIFY(partial.ok());
    QCOMPARE(partial.value.items.first().amount.minorUnits(), qint64(60));
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
    // Nothing received yet: the payment intent keeps the amount billed, not 0.00.
    QCOMPARE(pi.value(QStringLiteral("amount_received")).toInteger(), 0);
    QCOMPARE(inv.amount.minorUnits(), pi.value(QStringLiteral("amount")).toInteger());
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

void TestGatewayParsers::everyTruncationIsMalformed()
{
    // A reply cut anywhere (a dropped connection, a proxy limit) gives the malformed error and
    // nothing else: no crash, no partial page.
    const QByteArray stripeBody = stripeList(stripeFixture("charge"));
    const QByteArray intasendBody = seedBodies("000").at(1).toJson(QJsonDocument::Compact);
    const QHash<QString, QString> kes{{QStringLiteral("1"), QStringLiteral("KES")}};
    const WireAmount w;
    struct Case
    {
        QByteArray body;
        std::function<GatewayError(const QByteArray &)> parse;
    };
    const QList<Case> cases = {
        {stripeBody,
         [&w](const QByteArray &b) {
             return StripeFamilyAdapter::parseList<Invoice>(
                        b,
                        [&w](const JsonReader &r) { return StripeFamilyAdapter::readCharge(r, w); })
                 .error;
         }},
        {intasendBody,
         [&](const QByteArray &b) {
             return IntaSendAdapter::parseChargebackList(b, kes, w).error;
         }},
    };
    for (const Case &c : cases) {
        QVERIFY(!c.parse(c.body).isError()); // the whole body is fine
        for (qsizetype n = 0; n < c.body.size(); ++n) {
            const GatewayError e = c.parse(c.body.left(n));
            QCOMPARE(e.kind, GatewayError::Kind::Malformed);
        }
    }
}

QTEST_GUILESS_MAIN(TestGatewayParsers)
#include "tst_gateway_parsers.moc"
