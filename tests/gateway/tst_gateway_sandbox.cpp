// Every adapter against the real refunddesk-sandbox: listing all of a seeded account page by
// page, full and partial refunds (and IntaSend chargebacks) with the operation id found again,
// the dialect extras, and every rejection the sandbox enforces, each as one GatewayError.
#include "gatewaytesting.h"

#include <QTest>

using namespace rd;
using namespace rdtest;

namespace {
const int kInvoices = 150; // per dialect, via --invoices
const int kPageSize = 7;   // small, so every list needs several pages
} // namespace

class TestGatewaySandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void listsEverything_data();
    void listsEverything();
    void fullAndPartialRefunds_data();
    void fullAndPartialRefunds();
    void intaSendChargebacks();
    void stripeCancelAndMetadata();
    void stripeRejections();
    void wooshPayRejections();
    void chargebeeRejections();
    void processOutRejections();
    void intaSendRejections();
    void wrongKey_data();
    void wrongKey();
    void incrementalFilters_data();
    void incrementalFilters();

private:
    SandboxProcess m_sandbox;
    QSet<QString> m_used;
};

void TestGatewaySandbox::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start({QStringLiteral("--invoices"), QString::number(kInvoices)}, &error),
             qPrintable(error));
}

void TestGatewaySandbox::init()
{
    QVERIFY(m_sandbox.clearFaults());
}

void TestGatewaySandbox::listsEverything_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : dialectNames())
        QTest::newRow(qPrintable(d)) << d;
}

void TestGatewaySandbox::listsEverything()
{
    QFETCH(QString, dialect);
    auto g = makeGateway(m_sandbox, dialect, fastOptions());
    QVERIFY(m_sandbox.resetStats());
    const QList<Invoice> invoices = allInvoices(*g, kPageSize);
    QCOMPARE(invoices.size(), kInvoices);
    // One request per page: the walker follows every page and stops at the last.
    QCOMPARE(requestsTo(m_sandbox, dialect), (kInvoices + kPageSize - 1) / kPageSize);

    QHash<QString, Invoice> byId;
    for (const Invoice &inv : invoices) {
        QVERIFY2(!byId.contains(inv.gatewayId), qPrintable(inv.gatewayId)); // no page twice
        QVERIFY(inv.amount.isValid());
        QVERIFY(inv.amountRefunded.sameCurrency(inv.amount));
        QVERIFY(inv.createdAt.isValid());
        QVERIFY(!inv.gatewayStatus.isEmpty());
        byId.insert(inv.gatewayId, inv);
    }

    const auto refunds = allRefunds(*g);
    QVERIFY2(refunds.ok(), qPrintable(refunds.error.describe()));
    const auto chargebacks = allChargebacks(*g);
    QVERIFY2(chargebacks.ok(), qPrintable(chargebacks.error.describe()));
    if (dialect == QLatin1String("intasend")) {
        QVERIFY(refunds.value.isEmpty()); // IntaSend's refunds are its chargebacks
        QVERIFY(!chargebacks.value.isEmpty());
    } else {
        QVERIFY(!refunds.value.isEmpty());
    }
    // Every refund and chargeback belongs to a listed invoice and is in its currency, and
    // what the invoices say was refunded is what the refunds add up to.
    QHash<QString, qint64> refundedPerInvoice;
    for (const Refund &r : refunds.value) {
        QVERIFY2(byId.contains(r.invoiceId), qPrintable(r.invoiceId));
        QVERIFY(r.amount.sameCurrency(byId.value(r.invoiceId).amount));
        if (r.status == CommonStatus::Succeeded || r.status == CommonStatus::Pending)
            refundedPerInvoice[r.invoiceId] += r.amount.minorUnits();
    }
    for (const Chargeback &c : chargebacks.value) {
        QVERIFY2(byId.contains(c.invoiceId), qPrintable(c.invoiceId));
        QVERIFY(c.amount.sameCurrency(byId.value(c.invoiceId).amount));
    }
    if (dialect == QLatin1String("chargebee") || dialect == QLatin1String("processout")) {
        for (const Invoice &inv : invoices)
            QCOMPARE(refundedPerInvoice.value(inv.gatewayId), inv.amountRefunded.minorUnits());
    }
}

void TestGatewaySandbox::fullAndPartialRefunds_data()
{
    QTest::addColumn<QString>("dialect");
    for (const char *d : {"stripe", "wooshpay", "chargebee", "processout"})
        QTest::newRow(d) << QString::fromLatin1(d);
}

void TestGatewaySandbox::fullAndPartialRefunds()
{
    QFETCH(QString, dialect);
    auto g = makeGateway(m_sandbox, dialect, fastOptions());
    QVERIFY(g->canCreateRefunds());
    const auto inv = untouchedInvoice(allInvoices(*g), &m_used);
    QVERIFY(inv);

    // Partial: a quarter of the invoice.
    RefundRequest partial;
    partial.invoiceId = inv->gatewayId;
    partial.amount = Money(inv->amount.minorUnits() / 4, inv->amount.currency());
    partial.reason = QStringLiteral("requested_by_customer");
    partial.note = QStringLiteral("partial – damaged box");
    partial.operationId = newId();
    partial.idempotencyKey = newId();
    partial.customerNotes = QStringLiteral("Sorry about the box");
    partial.invoiceDetailIds = {QStringLiteral("item-1")};
    const auto first = refund(*g, partial);
    QVERIFY2(first.ok(), qPrintable(first.error.describe()));
    QCOMPARE(first.value.amount, *partial.amount);
    QCOMPARE(first.value.invoiceId, inv->gatewayId);
    QCOMPARE(first.value.operationId, partial.operationId);
    QVERIFY(!first.value.gatewayId.isEmpty());
    QCOMPARE(first.value.reason, QStringLiteral("requested_by_customer"));
    if (dialect != QLatin1String("stripe") && dialect != QLatin1String("wooshpay"))
        QCOMPARE(first.value.note, partial.note);

    // Full: whatever remains.
    RefundRequest full;
    full.invoiceId = inv->gatewayId;
    full.reason = QStringLiteral("duplicate");
    full.operationId = newId();
    full.idempotencyKey = newId();
    const auto second = refund(*g, full);
    QVERIFY2(second.ok(), qPrintable(second.error.describe()));
    const auto remaining = inv->amount.checkedSubtract(*partial.amount);
    QVERIFY(remaining);
    QCOMPARE(second.value.amount, *remaining);
    QCOMPARE(second.value.operationId, full.operationId);

    // The invoice now reports everything refunded, and both refunds are listed with their ids.
    const auto after = await<Invoice>(
        [&](Gateway::Callback<Invoice> cb) { g->retrieveInvoice(inv->gatewayId, cb); });
    QVERIFY2(after.ok(), qPrintable(after.error.describe()));
    QCOMPARE(after.value.amountRefunded, inv->amount);
    const auto listed = allRefunds(*g, inv->gatewayId);
    QVERIFY2(listed.ok(), qPrintable(listed.error.describe()));
    QStringList ops;
    for (const Refund &r : listed.value)
        ops << r.operationId;
    QVERIFY(ops.contains(partial.operationId));
    QVERIFY(ops.contains(full.operationId));

    // A further refund is refused by the gateway, not by the client.
    RefundRequest again = full;
    again.idempotencyKey = newId();
    again.amount = Money(1, inv->amount.currency());
    const auto third = refund(*g, again);
    QCOMPARE(third.error.kind, GatewayError::Kind::Rejected);
    QVERIFY(third.error.httpStatus >= 400);
    QVERIFY(!third.error.outcomeUnknown);
    QVERIFY(!third.error.message.isEmpty());
}

void TestGatewaySandbox::intaSendChargebacks()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("intasend"), fastOptions());
    QVERIFY(!g->canCreateRefunds());
    QVERIFY(g->canCreateChargebacks());
    QVERIFY(!g->hasIdempotencyKeys());
    const auto inv = untouchedInvoice(allInvoices(*g), &m_used);
    QVERIFY(inv);
    ChargebackRequest req;
    req.invoiceId = inv->gatewayId;
    req.amount = Money(inv->amount.minorUnits() / 2, inv->amount.currency());
    req.reason = QStringLiteral("Delayed shipping");
    req.reasonDetails = QStringLiteral("Parcel lost twice");
    req.operationId = newId();
    const auto created =
        await<Chargeback>([&](Gateway::Callback<Chargeback> cb) { g->createChargeback(req, cb); });
    QVERIFY2(created.ok(), qPrintable(created.error.describe()));
    QCOMPARE(created.value.amount, req.amount);
    QCOMPARE(created.value.operationId, req.operationId);
    QCOMPARE(created.value.reasonDetails, req.reasonDetails);
    QCOMPARE(created.value.invoiceId, inv->gatewayId);

    const auto one = await<Chargeback>([&](Gateway::Callback<Chargeback> cb) {
        g->retrieveChargeback(created.value.gatewayId, cb);
    });
    QVERIFY2(one.ok(), qPrintable(one.error.describe()));
    QCOMPARE(one.value.operationId, req.operationId);
    QCOMPARE(one.value.amount, req.amount);

    const auto listed = allChargebacks(*g, inv->gatewayId);
    QVERIFY2(listed.ok(), qPrintable(listed.error.describe()));
    QCOMPARE(listed.value.size(), 1);
    QCOMPARE(listed.value.first().gatewayId, created.value.gatewayId);

    // More than what is left of the billed amount is refused.
    ChargebackRequest over = req;
    over.operationId = newId();
    over.amount = inv->amount;
    const auto refused =
        await<Chargeback>([&](Gateway::Callback<Chargeback> cb) { g->createChargeback(over, cb); });
    QCOMPARE(refused.error.kind, GatewayError::Kind::Rejected);
    QCOMPARE(refused.error.httpStatus, 400);
    QVERIFY(!refused.error.message.isEmpty());
}

void TestGatewaySandbox::stripeCancelAndMetadata()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("stripe"), fastOptions());
    QVERIFY(g->canCancelRefunds());
    QVERIFY(g->canUpdateRefundMetadata());
    const auto refunds = allRefunds(*g);
    QVERIFY2(refunds.ok(), qPrintable(refunds.error.describe()));
    std::optional<Refund> waiting;
    std::optional<Refund> done;
    for (const Refund &r : refunds.value) {
        if (r.status == CommonStatus::RequiresAction && !waiting)
            waiting = r;
        if (r.status == CommonStatus::Succeeded && !done)
            done = r;
    }
    QVERIFY(done);

    const QMap<QString, QString> meta{{QStringLiteral("ticket"), QStringLiteral("T-42")}};
    const auto updated = await<Refund>([&](Gateway::Callback<Refund> cb) {
        g->updateRefundMetadata(done->gatewayId, meta, newId(), cb);
    });
    QVERIFY2(updated.ok(), qPrintable(updated.error.describe()));
    QCOMPARE(updated.value.metadata.value(QStringLiteral("ticket")), QStringLiteral("T-42"));
    const auto unset = await<Refund>([&](Gateway::Callback<Refund> cb) {
        g->updateRefundMetadata(done->gatewayId, {{QStringLiteral("ticket"), QString()}}, newId(),
                                cb);
    });
    QVERIFY2(unset.ok(), qPrintable(unset.error.describe()));
    QVERIFY(!unset.value.metadata.contains(QStringLiteral("ticket")));

    // Only requires_action refunds can be cancelled.
    const auto notCancelable = await<Refund>(
        [&](Gateway::Callback<Refund> cb) { g->cancelRefund(done->gatewayId, newId(), cb); });
    QCOMPARE(notCancelable.error.kind, GatewayError::Kind::Rejected);
    QCOMPARE(notCancelable.error.httpStatus, 400);
    if (!waiting)
        QSKIP("The seeded Stripe account has no requires_action refund to cancel.");
    const auto canceled = await<Refund>(
        [&](Gateway::Callback<Refund> cb) { g->cancelRefund(waiting->gatewayId, newId(), cb); });
    QVERIFY2(canceled.ok(), qPrintable(canceled.error.describe()));
    QCOMPARE(canceled.value.status, CommonStatus::Canceled);
    QCOMPARE(canceled.value.gatewayStatus, QStringLiteral("canceled"));
}

void TestGatewaySandbox::stripeRejections()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("stripe"), fastOptions());
    const QList<Invoice> invoices = allInvoices(*g);
    const auto inv = untouchedInvoice(invoices, &m_used);
    QVERIFY(inv);
    auto attempt = [&](std::optional<Money> amount, const QString &invoice,
                       const QString &key = newId()) {
        RefundRequest r;
        r.invoiceId = invoice;
        r.amount = amount;
        r.idempotencyKey = key;
        return refund(*g, r);
    };
    const QString cur = inv->amount.currency();
    auto over = attempt(Money(inv->amount.minorUnits() + 1, cur), inv->gatewayId);
    QCOMPARE(over.error.kind, GatewayError::Kind::Rejected);
    QCOMPARE(over.error.code, QStringLiteral("amount_too_large"));
    QCOMPARE(over.error.param, QStringLiteral("amount"));
    auto zero = attempt(Money(0, cur), inv->gatewayId);
    QCOMPARE(zero.error.code, QStringLiteral("amount_too_small"));
    auto missing = attempt(std::nullopt, QStringLiteral("ch_doesnotexist"));
    QCOMPARE(missing.error.kind, GatewayError::Kind::NotFound);
    QCOMPARE(missing.error.code, QStringLiteral("resource_missing"));

    // Same key, other parameters: the idempotency conflict; same key, same parameters: replay.
    const QString key = newId();
    auto firstTry = attempt(Money(100, cur), inv->gatewayId, key);
    QVERIFY2(firstTry.ok(), qPrintable(firstTry.error.describe()));
    auto replay = attempt(Money(100, cur), inv->gatewayId, key);
    QVERIFY2(replay.ok(), qPrintable(replay.error.describe()));
    QCOMPARE(replay.value.gatewayId, firstTry.value.gatewayId);
    auto conflict = attempt(Money(200, cur), inv->gatewayId, key);
    QCOMPARE(conflict.error.kind, GatewayError::Kind::Rejected);
    QCOMPARE(conflict.error.code, QStringLiteral("idempotency_key_in_use"));

    auto all = attempt(std::nullopt, inv->gatewayId);
    QVERIFY2(all.ok(), qPrintable(all.error.describe()));
    auto already = attempt(std::nullopt, inv->gatewayId);
    QCOMPARE(already.error.code, QStringLiteral("charge_already_refunded"));

    for (const Invoice &d : invoices) {
        if (d.disputed && d.status == CommonStatus::Succeeded) {
            auto disputed = attempt(Money(1, d.amount.currency()), d.gatewayId);
            QCOMPARE(disputed.error.kind, GatewayError::Kind::Rejected);
            QCOMPARE(disputed.error.code, QStringLiteral("charge_disputed"));
            return;
        }
    }
    QSKIP("No disputed charge among the seeded Stripe charges.");
}

void TestGatewaySandbox::wooshPayRejections()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("wooshpay"), fastOptions());
    const auto inv = untouchedInvoice(allInvoices(*g), &m_used);
    QVERIFY(inv);
    RefundRequest r = refundOf(*inv, 1);
    r.amount = Money(inv->amount.minorUnits() + 1, inv->amount.currency());
    auto over = refund(*g, r);
    QCOMPARE(over.error.kind, GatewayError::Kind::Rejected);
    QCOMPARE(over.error.httpStatus, 400);
    QCOMPARE(over.error.code, QStringLiteral("amount_too_large"));
    // WooshPay answers a reused key with other parameters with 409.
    r.amount = Money(100, inv->amount.currency());
    r.reason = QStringLiteral("resolved_dispute");
    r.idempotencyKey = newId(); // the refused request's key stays bound to its parameters
    auto ok = refund(*g, r);
    QVERIFY2(ok.ok(), qPrintable(ok.error.describe()));
    QCOMPARE(ok.value.gatewayReason, QStringLiteral("resolved_dispute"));
    QCOMPARE(ok.value.reason, QStringLiteral("other"));
    r.amount = Money(101, inv->amount.currency());
    auto conflict = refund(*g, r);
    QCOMPARE(conflict.error.kind, GatewayError::Kind::Rejected);
    QCOMPARE(conflict.error.httpStatus, 409);
    QVERIFY(!conflict.error.outcomeUnknown);
    // What the dialect does not have is refused locally, with nothing sent.
    QVERIFY(!g->canCancelRefunds());
    QVERIFY(m_sandbox.resetStats());
    const auto cancel = await<Refund>(
        [&](Gateway::Callback<Refund> cb) { g->cancelRefund(ok.value.gatewayId, newId(), cb); });
    QCOMPARE(cancel.error.code, QStringLiteral("unsupported"));
    QCOMPARE(cancel.error.httpStatus, 0);
    QCOMPARE(requestsTo(m_sandbox, QStringLiteral("wooshpay")), 0);
}

void TestGatewaySandbox::chargebeeRejections()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("chargebee"), fastOptions());
    const QList<Invoice> invoices = allInvoices(*g);
    const auto inv = untouchedInvoice(invoices, &m_used);
    QVERIFY(inv);
    RefundRequest r = refundOf(*inv, 1);
    r.amount = Money(inv->amount.minorUnits() + 1, inv->amount.currency());
    auto over = refund(*g, r);
    QCOMPARE(over.error.kind, GatewayError::Kind::Rejected);
    QCOMPARE(over.error.httpStatus, 400);
    QCOMPARE(over.error.code, QStringLiteral("invalid_request"));
    r.amount = Money(0, inv->amount.currency());
    r.idempotencyKey = newId();
    auto zero = refund(*g, r);
    QCOMPARE(zero.error.kind, GatewayError::Kind::Rejected);
    r.invoiceId = QStringLiteral("inv_nope");
    r.amount.reset();
    r.idempotencyKey = newId();
    auto missing = refund(*g, r);
    QCOMPARE(missing.error.kind, GatewayError::Kind::NotFound);
    QCOMPARE(missing.error.code, QStringLiteral("resource_not_found"));
    for (const Invoice &o : invoices) {
        if (!o.offline || o.status != CommonStatus::Succeeded)
            continue;
        r.invoiceId = o.gatewayId;
        r.idempotencyKey = newId();
        auto offline = refund(*g, r);
        QCOMPARE(offline.error.kind, GatewayError::Kind::Rejected);
        QVERIFY2(offline.error.message.contains(QLatin1String("offline")),
                 qPrintable(offline.error.message));
        return;
    }
    QSKIP("No offline invoice among the seeded Chargebee invoices.");
}

void TestGatewaySandbox::processOutRejections()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("processout"), fastOptions());
    const auto inv = untouchedInvoice(allInvoices(*g), &m_used);
    QVERIFY(inv);
    RefundRequest r = refundOf(*inv, 1);
    r.amount = Money(inv->amount.minorUnits() + 1, inv->amount.currency());
    auto over = refund(*g, r);
    QCOMPARE(over.error.kind, GatewayError::Kind::Rejected);
    QCOMPARE(over.error.code, QStringLiteral("refund.amount-too-high"));
    // A refused request's key stays bound to its parameters, so each attempt gets its own.
    r.amount = Money(0, inv->amount.currency());
    r.idempotencyKey = newId();
    QCOMPARE(refund(*g, r).error.code, QStringLiteral("refund.invalid-amount"));
    r.amount = Money(100, inv->amount.currency());
    r.dialectReason = QStringLiteral("because");
    r.idempotencyKey = newId();
    QCOMPARE(refund(*g, r).error.code, QStringLiteral("refund.invalid-reason"));
    r.dialectReason.clear();
    r.idempotencyKey = newId();
    r.invoiceId = QStringLiteral("tr_nope");
    auto missing = refund(*g, r);
    QCOMPARE(missing.error.kind, GatewayError::Kind::NotFound);
    QCOMPARE(missing.error.code, QStringLiteral("resource.not-found"));
    // A currency that is not the transaction's is refused before anything is sent.
    r.invoiceId = inv->gatewayId;
    r.amount = Money(100, inv->amount.currency() == QLatin1String("JPY") ? u"USD" : u"JPY");
    QCOMPARE(refund(*g, r).error.code, QStringLiteral("currency_mismatch"));
}

void TestGatewaySandbox::intaSendRejections()
{
    auto g = makeGateway(m_sandbox, QStringLiteral("intasend"), fastOptions());
    ChargebackRequest req;
    req.invoiceId = QStringLiteral("NOPE123");
    req.amount = Money(100, u"KES");
    req.reason = QStringLiteral("x");
    const auto missing =
        await<Chargeback>([&](Gateway::Callback<Chargeback> cb) { g->createChargeback(req, cb); });
    QVERIFY(missing.error.kind == GatewayError::Kind::NotFound ||
            missing.error.kind == GatewayError::Kind::Rejected);
    QVERIFY(!missing.error.message.isEmpty());
    const auto none = await<Chargeback>([&](Gateway::Callback<Chargeback> cb) {
        g->retrieveChargeback(QStringLiteral("999999"), cb);
    });
    QCOMPARE(none.error.kind, GatewayError::Kind::NotFound);
    QCOMPARE(none.error.httpStatus, 404);
    const auto refundTry = refund(*g, RefundRequest());
    QCOMPARE(refundTry.error.code, QStringLiteral("unsupported"));
}

void TestGatewaySandbox::wrongKey_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("secret");
    QTest::newRow("stripe") << "stripe"
                            << "sk_test_wrong";
    QTest::newRow("wooshpay") << "wooshpay"
                              << "sk_test_wrong";
    QTest::newRow("chargebee") << "chargebee"
                               << "wrong_key";
    QTest::newRow("processout") << "processout"
                                << "test-proj_sandbox:wrong";
    QTest::newRow("intasend") << "intasend"
                              << "ISSecretKey_wrong";
}

void TestGatewaySandbox::wrongKey()
{
    QFETCH(QString, dialect);
    QFETCH(QString, secret);
    auto g = makeGateway(m_sandbox, dialect, fastOptions(), secret);
    QVERIFY(m_sandbox.resetStats());
    const auto r = await<Page<Invoice>>(
        [&](Gateway::Callback<Page<Invoice>> cb) { g->listInvoices(ListRequest(), cb); });
    QCOMPARE(r.error.kind, GatewayError::Kind::Auth);
    QCOMPARE(r.error.httpStatus, 401);
    QVERIFY(!r.error.message.isEmpty());
    QVERIFY(!r.error.describe().contains(secret)); // the secret never reaches a message
    QCOMPARE(requestsTo(m_sandbox, dialect), 1);   // 401 is not retried
}

void TestGatewaySandbox::incrementalFilters_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : dialectNames())
        QTest::newRow(qPrintable(d)) << d;
}

void TestGatewaySandbox::incrementalFilters()
{
    QFETCH(QString, dialect);
    auto g = makeGateway(m_sandbox, dialect, fastOptions());
    if (!g->canFilterByCreated() && !g->canFilterByUpdated())
        QSKIP("This dialect has no time filter; a sync lists everything and stops at known ids.");
    // Seconds resolution on the wire: start a little before the new invoices.
    const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-2);
    const QStringList created = m_sandbox.createInvoices(dialect, 3);
    QCOMPARE(created.size(), 3);
    ListRequest r;
    r.pageSize = 2;
    if (g->canFilterByCreated())
        r.createdSince = since;
    else
        r.updatedSince = since;
    const auto listed =
        awaitAll<Invoice>([&g](const ListRequest &req,
                               Gateway::Callback<Page<Invoice>> cb) { g->listInvoices(req, cb); },
                          r);
    QVERIFY2(listed.ok(), qPrintable(listed.error.describe()));
    QStringList ids;
    for (const Invoice &inv : listed.value)
        ids << inv.gatewayId;
    ids.sort();
    QStringList expected = created;
    expected.sort();
    if (g->canFilterByCreated()) {
        QCOMPARE(ids, expected);
    } else {
        // By update time: the new invoices plus any refunded by the tests a moment ago.
        for (const QString &id : expected)
            QVERIFY2(ids.contains(id), qPrintable(id));
        QVERIFY(ids.size() < kInvoices);
    }
}

QTEST_GUILESS_MAIN(TestGatewaySandbox)
#include "tst_gateway_sandbox.moc"
