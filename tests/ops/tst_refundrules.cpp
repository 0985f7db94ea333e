// The local refund rules and the outbox state machine, row by row: amounts, precision, the
// refundable amount, invoice states and reasons per dialect.
#include "ops/refundrules.h"
#include "store/outboxrepository.h"

#include <QTest>

using namespace rd;

Q_DECLARE_METATYPE(rd::Dialect)
Q_DECLARE_METATYPE(rd::OutboxState)

class TestRefundRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validate_data();
    void validate();
    void transitions_data();
    void transitions();
    void freshIdsDiffer();
};

static RefundContext context(Dialect d, qint64 captured, qint64 reported, const QString &currency)
{
    RefundContext c;
    c.dialect = d;
    Invoice inv;
    inv.gatewayId = QStringLiteral("inv_1");
    inv.amount = Money(captured, currency);
    inv.amountRefunded = Money(reported, currency);
    inv.status = CommonStatus::Succeeded;
    inv.gatewayStatus = QStringLiteral("succeeded");
    c.invoice = inv;
    c.dialectReasons = {QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
                        QStringLiteral("requested_by_customer")};
    return c;
}

void TestRefundRules::validate_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<qint64>("captured");
    QTest::addColumn<qint64>("reported"); // the gateway's own refunded figure
    QTest::addColumn<qint64>("cached");   // a succeeded refund in the cache
    QTest::addColumn<qint64>("outbox");   // open outbox operations
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("amount"); // "" with full
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("state"); // ok, offline, disputed, pending, missing
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("expectAmount");
    QTest::addColumn<qint64>("expectRefundable");
    QTest::addColumn<QString>("messagePart");

    const int stripe = int(Dialect::Stripe);
    const int cb = int(Dialect::Chargebee);
    const int is = int(Dialect::IntaSend);
    const int woosh = int(Dialect::WooshPay);
    QTest::newRow("partial") << stripe << 1000LL << 0LL << 0LL << 0LL << "USD"
                             << "2.50"
                             << ""
                             << "ok" << true << 250LL << 1000LL << "";
    QTest::newRow("exactly what remains") << stripe << 1000LL << 400LL << 0LL << 0LL << "USD"
                                          << "6.00"
                                          << "duplicate"
                                          << "ok" << true << 600LL << 600LL << "";
    QTest::newRow("one cent too much")
        << stripe << 1000LL << 400LL << 0LL << 0LL << "USD"
        << "6.01"
        << ""
        << "ok" << false << 601LL << 600LL << "more than the 6.00 USD";
    QTest::newRow("full takes what remains") << stripe << 1000LL << 0LL << 300LL << 200LL << "USD"
                                             << ""
                                             << ""
                                             << "ok" << true << 500LL << 500LL << "";
    QTest::newRow("outbox counts") << stripe << 1000LL << 0LL << 0LL << 900LL << "USD"
                                   << "1.01"
                                   << ""
                                   << "ok" << false << 101LL << 100LL << "waiting to be sent";
    QTest::newRow("larger of reported and cached")
        << stripe << 1000LL << 200LL << 700LL << 0LL << "USD"
        << "3.01"
        << ""
        << "ok" << false << 301LL << 300LL << "more than";
    QTest::newRow("zero") << stripe << 1000LL << 0LL << 0LL << 0LL << "USD"
                          << "0.00"
                          << ""
                          << "ok" << false << 0LL << 1000LL << "more than zero";
    QTest::newRow("negative") << stripe << 1000LL << 0LL << 0LL << 0LL << "USD"
                              << "-1"
                              << ""
                              << "ok" << false << 0LL << 1000LL << "more than zero";
    QTest::newRow("too many decimals") << stripe << 1000LL << 0LL << 0LL << 0LL << "USD"
                                       << "1.234"
                                       << ""
                                       << "ok" << false << 0LL << 1000LL << "at most 2 decimals";
    QTest::newRow("yen has no decimals") << stripe << 5000LL << 0LL << 0LL << 0LL << "JPY"
                                         << "10.5"
                                         << ""
                                         << "ok" << false << 0LL << 5000LL << "no decimals";
    QTest::newRow("dinar three decimals") << stripe << 5000LL << 0LL << 0LL << 0LL << "KWD"
                                          << "1.250"
                                          << ""
                                          << "ok" << true << 1250LL << 5000LL << "";
    QTest::newRow("garbage amount") << stripe << 1000LL << 0LL << 0LL << 0LL << "USD"
                                    << "1,00"
                                    << ""
                                    << "ok" << false << 0LL << 1000LL << "decimal separator";
    QTest::newRow("fully refunded") << stripe << 1000LL << 1000LL << 0LL << 0LL << "USD"
                                    << "1"
                                    << ""
                                    << "ok" << false << 0LL << 0LL << "already fully refunded";
    QTest::newRow("all left is in the outbox")
        << stripe << 1000LL << 500LL << 0LL << 500LL << "USD"
        << "1"
        << ""
        << "ok" << false << 0LL << 0LL << "waiting to be sent";
    QTest::newRow("chargebee offline") << cb << 1000LL << 0LL << 0LL << 0LL << "USD"
                                       << "1"
                                       << ""
                                       << "offline" << false << 0LL << 0LL << "paid offline";
    QTest::newRow("disputed charge") << stripe << 1000LL << 0LL << 0LL << 0LL << "USD"
                                     << "1"
                                     << ""
                                     << "disputed" << false << 0LL << 0LL << "disputed";
    QTest::newRow("wooshpay disputed settles with resolved_dispute")
        << woosh << 1000LL << 0LL << 0LL << 0LL << "USD"
        << "1"
        << "resolved_dispute"
        << "disputed" << true << 100LL << 1000LL << "";
    QTest::newRow("wooshpay disputed otherwise")
        << woosh << 1000LL << 0LL << 0LL << 0LL << "USD"
        << "1"
        << "duplicate"
        << "disputed" << false << 0LL << 1000LL << "resolved_dispute";
    QTest::newRow("intasend disputed is fine") << is << 1000LL << 0LL << 0LL << 0LL << "KES"
                                               << "1"
                                               << ""
                                               << "disputed" << true << 100LL << 1000LL << "";
    QTest::newRow("unpaid invoice") << stripe << 1000LL << 0LL << 0LL << 0LL << "USD"
                                    << "1"
                                    << ""
                                    << "pending" << false << 0LL << 0LL << "not paid";
    QTest::newRow("not in cache") << stripe << 1000LL << 0LL << 0LL << 0LL << "USD"
                                  << "1"
                                  << ""
                                  << "missing" << false << 0LL << 0LL << "sync the account";
    QTest::newRow("unknown reason")
        << stripe << 1000LL << 0LL << 0LL << 0LL << "USD"
        << "1"
        << "because"
        << "ok" << false << 100LL << 1000LL << "not a refund reason Stripe accepts";
    QTest::newRow("dialect's own reason") << woosh << 1000LL << 0LL << 0LL << 0LL << "USD"
                                          << "1"
                                          << "resolved_dispute"
                                          << "ok" << true << 100LL << 1000LL << "";
    // The one rule's terms: reported and cached succeeded refunds are the same money seen
    // twice (the larger counts); pending refunds, lost disputes and the outbox come on top.
    QTest::newRow("pending refund on top of reported")
        << stripe << 1000LL << 300LL << 200LL << 0LL << "USD"
        << "5.01"
        << ""
        << "pendingrefund" << false << 501LL << 500LL << "more than the 5.00 USD";
    QTest::newRow("stale reported figure") << stripe << 1000LL << 0LL << 400LL << 100LL << "USD"
                                           << ""
                                           << ""
                                           << "ok" << true << 500LL << 500LL << "";
    QTest::newRow("wooshpay lost dispute cannot be refunded again")
        << woosh << 1000LL << 0LL << 1000LL << 0LL << "USD"
        << "1"
        << "resolved_dispute"
        << "lost" << false << 0LL << 0LL << "lost dispute";
    QTest::newRow("wooshpay partly lost dispute")
        << woosh << 1000LL << 0LL << 600LL << 0LL << "USD"
        << "4.01"
        << "resolved_dispute"
        << "lost" << false << 401LL << 400LL << "more than the 4.00 USD";
    QTest::newRow("intasend chargebacks are its refunds")
        << is << 10000LL << 0LL << 3000LL << 0LL << "KES"
        << "70.01"
        << ""
        << "intasend" << false << 7001LL << 7000LL << "more than the 70.00 KES";
    QTest::newRow("intasend pending chargebacks count too")
        << is << 10000LL << 0LL << 3000LL << 7000LL << "KES"
        << "0.01"
        << ""
        << "intasendpending" << false << 0LL << 0LL << "already fully refunded (100.00 KES)";
    QTest::newRow("amount shown grouped")
        << stripe << 500000LL << 0LL << 0LL << 0LL << "USD"
        << "5000.01"
        << ""
        << "ok" << false << 500001LL << 500000LL << "more than the 5,000.00 USD";
}

void TestRefundRules::validate()
{
    QFETCH(int, dialect);
    QFETCH(qint64, captured);
    QFETCH(qint64, reported);
    QFETCH(qint64, cached);
    QFETCH(qint64, outbox);
    QFETCH(QString, currency);
    QFETCH(QString, amount);
    QFETCH(QString, reason);
    QFETCH(QString, state);
    QFETCH(bool, ok);
    QFETCH(qint64, expectAmount);
    QFETCH(qint64, expectRefundable);
    QFETCH(QString, messagePart);

    RefundContext c = context(Dialect(dialect), captured, reported, currency);
    if (Dialect(dialect) == Dialect::WooshPay)
        c.dialectReasons << QStringLiteral("resolved_dispute");
    if (state == QLatin1String("lost") || state.startsWith(QLatin1String("intasend"))) {
        // A lost dispute (IntaSend: a succeeded chargeback request) of `cached`.
        Chargeback lost;
        lost.amount = Money(cached, currency);
        lost.status = CommonStatus::Succeeded;
        lost.resolution = QStringLiteral("lost");
        c.chargebacks << lost;
        c.invoice->disputed = state == QLatin1String("lost");
        if (state == QLatin1String("intasendpending")) {
            Chargeback open = lost;
            open.amount = Money(outbox, currency);
            open.status = CommonStatus::Pending;
            c.chargebacks << open;
            outbox = 0;
        }
    } else if (cached > 0) {
        Refund r;
        r.invoiceId = QStringLiteral("inv_1");
        r.amount = Money(cached, currency);
        r.status = state == QLatin1String("pendingrefund") ? CommonStatus::Pending
                                                           : CommonStatus::Succeeded;
        c.refunds << r;
        Chargeback cbk;
        cbk.amount = Money(cached, currency);
        cbk.status = CommonStatus::Pending;
        c.chargebacks << cbk;
    }
    c.inOutbox = Money(outbox, currency);
    if (state == QLatin1String("offline"))
        c.invoice->offline = true;
    else if (state == QLatin1String("disputed"))
        c.invoice->disputed = true;
    else if (state == QLatin1String("pending"))
        c.invoice->status = CommonStatus::Pending;
    else if (state == QLatin1String("missing"))
        c.invoice.reset();

    RefundDraft d;
    d.invoiceId = QStringLiteral("inv_1");
    d.full = amount.isEmpty();
    d.amountText = amount;
    d.reason = reason;
    const Validation v = validateDraft(d, c);
    QCOMPARE(v.ok, ok);
    if (ok)
        QCOMPARE(v.message, QString());
    else
        QVERIFY2(v.message.contains(messagePart), qPrintable(v.message));
    if (expectAmount > 0)
        QCOMPARE(v.amount, Money(expectAmount, currency));
    if (state != QLatin1String("missing"))
        QCOMPARE(v.refundable, Money(expectRefundable, currency));
}

void TestRefundRules::transitions_data()
{
    QTest::addColumn<OutboxState>("from");
    QTest::addColumn<OutboxState>("to");
    QTest::addColumn<bool>("allowed");
    using S = OutboxState;
    QTest::newRow("pending->succeeded") << S::Pending << S::Succeeded << true;
    QTest::newRow("pending->rejected") << S::Pending << S::Rejected << true;
    QTest::newRow("pending->unknown") << S::Pending << S::Unknown << true;
    QTest::newRow("pending->pending") << S::Pending << S::Pending << false;
    QTest::newRow("unknown->succeeded") << S::Unknown << S::Succeeded << true;
    QTest::newRow("unknown->rejected") << S::Unknown << S::Rejected << true;
    QTest::newRow("unknown->pending") << S::Unknown << S::Pending << false;
    QTest::newRow("succeeded->rejected") << S::Succeeded << S::Rejected << false;
    QTest::newRow("succeeded->unknown") << S::Succeeded << S::Unknown << false;
    QTest::newRow("rejected->succeeded") << S::Rejected << S::Succeeded << false;
}

void TestRefundRules::transitions()
{
    QFETCH(OutboxState, from);
    QFETCH(OutboxState, to);
    QFETCH(bool, allowed);
    QCOMPARE(OutboxRepository::canTransition(from, to), allowed);
}

void TestRefundRules::freshIdsDiffer()
{
    const QString a = OutboxRepository::newId(u"rdkey_");
    const QString b = OutboxRepository::newId(u"rdkey_");
    QVERIFY(a.startsWith(QLatin1String("rdkey_")));
    QCOMPARE(a.size(), 6 + 32);
    QVERIFY(a != b);
}

QTEST_APPLESS_MAIN(TestRefundRules)
#include "tst_refundrules.moc"
