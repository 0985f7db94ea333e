// What the adapters make of replies and what they send: every dialect's error shape, a table of
// malformed replies per dialect that must each give one clear "malformed" error naming the
// field (and hand out nothing half-read), the request bodies, and the operation-id tags.
#include "gateway/chargebeeadapter.h"
#include "gateway/intasendadapter.h"
#include "gateway/processoutadapter.h"
#include "gateway/stripeadapter.h"
#include "gateway/wooshpayadapter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace rd;

namespace {
WireAmount wire()
{
    return WireAmount();
}
} // namespace

class TestGatewayReplies : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void errorShapes_data();
    void errorShapes();
    void requestBodies();
    void operationTags_data();
    void operationTags();
    void malformed_data();
    void malformed();
};

void TestGatewayReplies::errorShapes_data()
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

void TestGatewayReplies::errorShapes()
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

void TestGatewayReplies::requestBodies()
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

void TestGatewayReplies::operationTags_data()
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

void TestGatewayReplies::operationTags()
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

void TestGatewayReplies::malformed_data()
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

void TestGatewayReplies::malformed()
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

QTEST_GUILESS_MAIN(TestGatewayReplies)
#include "tst_gateway_replies.moc"
