// Black-box tests of the rules every dialect enforces, over real HTTP against the
// refunddesk-sandbox binary: credentials, unknown objects, refund amount rules and idempotency
// keys.
#include "sandboxfixtures.h"

#include <QtTest>

using rdtest::Auth;
using rdtest::HttpResult;
using rdtest::SandboxClient;

class TestSandboxRules : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void credentials_data();
    void credentials();
    void unknownObject_data();
    void unknownObject();
    void refundRules_data();
    void refundRules();
    void refundSequence_data();
    void refundSequence();
    void idempotency_data();
    void idempotency();

private:
    QString fixture(const QString &dialect, const QString &kind)
    {
        return m_fixtures.id(dialect, kind);
    }

    rdtest::SandboxFixtures m_fixtures;
    SandboxClient *m_client = &m_fixtures.client();
};

void TestSandboxRules::initTestCase()
{
    QString problem;
    QVERIFY2(m_fixtures.start(&problem), qPrintable(problem));
}

void TestSandboxRules::credentials_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("auth");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expect");
    const QList<std::tuple<const char *, const char *, const char *>> dialects{
        {"stripe", "/v1/charges", "api_key_invalid"},
        {"wooshpay", "/v1/payment_intents", "api_key_invalid"},
        {"chargebee", "/api/v2/invoices", "api_authentication_failed"},
        {"processout", "/transactions", "request.authentication.invalid"},
        {"intasend", "/api/v1/chargebacks/", "Invalid token"}};
    for (const auto &[d, path, expect] : dialects) {
        for (const auto &[name, auth] :
             {std::pair{"none", Auth::None}, std::pair{"wrong key", Auth::WrongKey},
              std::pair{"wrong scheme", Auth::WrongScheme}}) {
            QTest::addRow("%s %s", d, name)
                << QString::fromLatin1(d) << int(auth) << QString::fromLatin1(path)
                << QString::fromLatin1(expect);
        }
        QTest::addRow("%s good", d)
            << QString::fromLatin1(d) << int(Auth::Good) << QString::fromLatin1(path) << QString();
    }
}

void TestSandboxRules::credentials()
{
    QFETCH(QString, dialect);
    QFETCH(int, auth);
    QFETCH(QString, path);
    QFETCH(QString, expect);
    const HttpResult r = m_client->send("GET", dialect, path, {}, {}, Auth(auth));
    if (expect.isEmpty()) {
        QCOMPARE(r.status, 200);
        return;
    }
    QCOMPARE(r.status, 401);
    QCOMPARE(SandboxClient::errorShapeProblem(dialect, r), QString());
    QVERIFY2(SandboxClient::errorSignature(dialect, r).contains(expect), r.body.constData());
}

void TestSandboxRules::unknownObject_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expect");
    QTest::newRow("stripe charge") << "stripe"
                                   << "/v1/charges/ch_nope"
                                   << "resource_missing";
    QTest::newRow("stripe refund") << "stripe"
                                   << "/v1/refunds/re_nope"
                                   << "resource_missing";
    QTest::newRow("stripe dispute") << "stripe"
                                    << "/v1/disputes/dp_nope"
                                    << "resource_missing";
    QTest::newRow("stripe cursor") << "stripe"
                                   << "/v1/charges?starting_after=ch_nope"
                                   << "resource_missing";
    QTest::newRow("stripe path") << "stripe"
                                 << "/v1/nothing"
                                 << "Unrecognized request URL";
    QTest::newRow("wooshpay intent") << "wooshpay"
                                     << "/v1/payment_intents/pi_nope"
                                     << "resource_missing";
    QTest::newRow("wooshpay refund") << "wooshpay"
                                     << "/v1/refunds/re_1"
                                     << "resource_missing";
    QTest::newRow("chargebee invoice") << "chargebee"
                                       << "/api/v2/invoices/inv_nope"
                                       << "resource_not_found";
    QTest::newRow("chargebee credit note") << "chargebee"
                                           << "/api/v2/credit_notes/CN-NOPE"
                                           << "resource_not_found";
    QTest::newRow("processout transaction") << "processout"
                                            << "/transactions/tr_nope"
                                            << "resource.not-found";
    QTest::newRow("processout refunds") << "processout"
                                        << "/transactions/tr_nope/refunds"
                                        << "resource.not-found";
    QTest::newRow("intasend invoice") << "intasend"
                                      << "/api/v1/invoices/NOPE123/"
                                      << "not found";
    QTest::newRow("intasend chargeback") << "intasend"
                                         << "/api/v1/chargebacks/999999/"
                                         << "Not found";
}

void TestSandboxRules::unknownObject()
{
    QFETCH(QString, dialect);
    QFETCH(QString, path);
    QFETCH(QString, expect);
    const HttpResult r = m_client->get(dialect, path);
    QCOMPARE(r.status, 404);
    QCOMPARE(SandboxClient::errorShapeProblem(dialect, r), QString());
    QVERIFY2(SandboxClient::errorSignature(dialect, r).contains(expect), r.body.constData());
}

void TestSandboxRules::refundRules_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("amount"); // "#n" sends an integral JSON number
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expect");
    auto row = [](const char *d, const char *name, const char *target, const char *amount,
                  int status, const char *expect) {
        QTest::addRow("%s %s", d, name)
            << QString::fromLatin1(d) << QString::fromLatin1(target) << QString::fromLatin1(amount)
            << status << QString::fromUtf8(expect);
    };
    for (const char *d : {"stripe", "wooshpay"}) {
        row(d, "zero", "fresh", "0", 400, "amount_too_small");
        row(d, "negative", "fresh", "-5", 400, "amount_too_small");
        row(d, "decimals", "fresh", "10.5", 400, "parameter_invalid_integer");
        row(d, "not a number", "fresh", "ten", 400, "parameter_invalid_integer");
        row(d, "over remaining", "fresh", "10001", 400, "amount_too_large");
        row(d, "fully refunded", "fullyRefunded", "1", 400, "charge_already_refunded");
        row(d, "disputed", "disputed", "1", 400, "charge_disputed");
        row(d, "not succeeded", "unpaid", "1", 400, "charge_not_refundable");
        row(d, "unknown payment", "missing", "1", 404, "resource_missing");
    }
    row("wooshpay", "amount as a number", "fresh", "#100", 400, "parameter_invalid_string");
    row("chargebee", "zero", "fresh", "0", 400, "cannot be less than 1");
    row("chargebee", "negative", "fresh", "-5", 400, "cannot be less than 1");
    row("chargebee", "decimals", "fresh", "10.5", 400, "invalid integer");
    row("chargebee", "over refundable", "fresh", "10001", 400, "more than the refundable amount");
    row("chargebee", "fully refunded", "fullyRefunded", "1", 400, "fully refunded");
    row("chargebee", "offline", "offline", "1", 400, "paid offline");
    row("chargebee", "not paid", "unpaid", "1", 400, "not paid");
    row("chargebee", "unknown invoice", "missing", "1", 404, "resource_not_found");
    row("processout", "zero", "fresh", "0.00", 400, "refund.invalid-amount");
    row("processout", "negative", "fresh", "-1.00", 400, "refund.invalid-amount");
    row("processout", "decimals USD", "fresh", "1.001", 400,
        "refund.invalid-amount: The refund amount 1.001 has more decimals than USD");
    row("processout", "decimals JPY", "freshJPY", "10.5", 400, "more decimals than JPY allows (0)");
    row("processout", "not a number", "fresh", "ten", 400, "refund.invalid-amount");
    row("processout", "amount as a number", "fresh", "#5", 400, "refund.invalid-amount");
    row("processout", "over available", "fresh", "100.01", 400, "refund.amount-too-high");
    row("processout", "fully refunded", "fullyRefunded", "0.01", 400,
        "refund.transaction-fully-refunded");
    row("processout", "not completed", "unpaid", "1.00", 400, "refund.transaction-not-completed");
    row("processout", "unknown transaction", "missing", "1.00", 404, "resource.not-found");
    row("intasend", "zero", "fresh", "0", 400, "greater than 0");
    row("intasend", "negative", "fresh", "-1", 400, "greater than 0");
    row("intasend", "decimals USD", "fresh", "1.001", 400,
        "more decimal places than USD allows (2)");
    row("intasend", "decimals KWD", "freshKWD", "1.0001", 400,
        "more decimal places than KWD allows (3)");
    row("intasend", "over billed", "fresh", "100.01", 400, "billed amount");
    row("intasend", "fully charged back", "fullyRefunded", "0.01", 400, "billed amount");
    row("intasend", "not complete", "unpaid", "1.00", 400, "not complete");
    row("intasend", "unknown invoice", "missing", "1.00", 404, "not found");
}

void TestSandboxRules::refundRules()
{
    QFETCH(QString, dialect);
    QFETCH(QString, target);
    QFETCH(QString, amount);
    QFETCH(int, status);
    QFETCH(QString, expect);
    const QString id = fixture(dialect, target);
    QVERIFY2(!id.isEmpty(), "the seeded data has no invoice of that kind");
    HttpResult r;
    if (amount.startsWith(QLatin1Char('#')))
        r = m_client->refund(dialect, id, {}, {},
                             QJsonObject{{QStringLiteral("amount"), amount.mid(1).toInt()}});
    else
        r = m_client->refund(dialect, id, amount);
    QCOMPARE(r.status, status);
    QCOMPARE(SandboxClient::errorShapeProblem(dialect, r), QString());
    QVERIFY2(SandboxClient::errorSignature(dialect, r).contains(expect),
             qPrintable(SandboxClient::errorSignature(dialect, r)));
    if (dialect == QLatin1String("stripe"))
        QCOMPARE(r.headers.value("stripe-should-retry"), QByteArray("false"));
}

// A partial refund, then the remaining amount is enforced exactly, then nothing more goes.
void TestSandboxRules::refundSequence_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("restPlusOne");
    QTest::addColumn<QString>("rest");      // empty: omit the amount (= what remains)
    QTest::addColumn<QString>("restShown"); // how the reply shows the rest
    QTest::newRow("stripe USD") << "stripe"
                                << "USD"
                                << "100.00"
                                << "2550"
                                << "7451"
                                << ""
                                << "7450";
    QTest::newRow("stripe JPY") << "stripe"
                                << "JPY"
                                << "1000"
                                << "1"
                                << "1000"
                                << "999"
                                << "999";
    QTest::newRow("wooshpay USD") << "wooshpay"
                                  << "USD"
                                  << "100.00"
                                  << "2550"
                                  << "7451"
                                  << "7450"
                                  << "7450";
    QTest::newRow("chargebee EUR") << "chargebee"
                                   << "EUR"
                                   << "100.00"
                                   << "2550"
                                   << "7451"
                                   << ""
                                   << "7450";
    QTest::newRow("processout USD") << "processout"
                                    << "USD"
                                    << "100.00"
                                    << "25.50"
                                    << "74.51"
                                    << "74.50"
                                    << "74.50";
    QTest::newRow("processout KWD") << "processout"
                                    << "KWD"
                                    << "10.000"
                                    << "1.250"
                                    << "8.751"
                                    << "8.750"
                                    << "8.750";
    QTest::newRow("processout JPY") << "processout"
                                    << "JPY"
                                    << "1000"
                                    << "1"
                                    << "1000"
                                    << "999"
                                    << "999";
    QTest::newRow("intasend KES") << "intasend"
                                  << "KES"
                                  << "100.00"
                                  << "25.50"
                                  << "74.51"
                                  << "74.50"
                                  << "74.50";
    QTest::newRow("intasend KWD") << "intasend"
                                  << "KWD"
                                  << "10.000"
                                  << "1.250"
                                  << "8.751"
                                  << "8.750"
                                  << "8.750";
}

void TestSandboxRules::refundSequence()
{
    QFETCH(QString, dialect);
    QFETCH(QString, currency);
    QFETCH(QString, total);
    QFETCH(QString, first);
    QFETCH(QString, restPlusOne);
    QFETCH(QString, rest);
    QFETCH(QString, restShown);
    const QString id = m_client->freshInvoice(dialect, currency, total);
    QVERIFY(!id.isEmpty());
    // The amount a created refund/credit note/chargeback reply shows.
    auto shown = [&](const HttpResult &r) {
        const QJsonObject o = r.json();
        if (dialect == QLatin1String("chargebee"))
            return QString::number(o.value(QStringLiteral("credit_note"))
                                       .toObject()
                                       .value(QStringLiteral("total"))
                                       .toInteger());
        if (dialect == QLatin1String("processout"))
            return o.value(QStringLiteral("refund"))
                .toObject()
                .value(QStringLiteral("amount"))
                .toString();
        const QJsonValue v = o.value(QStringLiteral("amount"));
        return v.isString() ? v.toString() : QString::number(v.toInteger());
    };
    const HttpResult a = m_client->refund(dialect, id, first);
    QCOMPARE(a.status, 200);
    QCOMPARE(shown(a), first);
    const HttpResult over = m_client->refund(dialect, id, restPlusOne);
    QCOMPARE(over.status, 400);
    QCOMPARE(SandboxClient::errorShapeProblem(dialect, over), QString());
    const HttpResult b = m_client->refund(dialect, id, rest);
    QCOMPARE(b.status, 200);
    QCOMPARE(shown(b), restShown);
    const bool major =
        dialect == QLatin1String("processout") || dialect == QLatin1String("intasend");
    const HttpResult after =
        m_client->refund(dialect, id, major ? QStringLiteral("0.01") : QStringLiteral("1"));
    QCOMPARE(after.status, 400);
}

void TestSandboxRules::idempotency_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("otherAmount");
    QTest::addColumn<QString>("rest");
    QTest::addColumn<int>("conflictStatus");
    QTest::addColumn<QString>("expect");
    QTest::newRow("stripe") << "stripe"
                            << "1000"
                            << "2000"
                            << "9000" << 400 << "idempotency_error idempotency_key_in_use";
    QTest::newRow("wooshpay") << "wooshpay"
                              << "1000"
                              << "2000"
                              << "9000" << 409 << "idempotency_error";
    QTest::newRow("chargebee") << "chargebee"
                               << "1000"
                               << "2000"
                               << "9000" << 409 << "invalid_request: The idempotency key";
    QTest::newRow("processout") << "processout"
                                << "10.00"
                                << "20.00"
                                << "90.00" << 409 << "request.idempotency-key.conflict";
}

void TestSandboxRules::idempotency()
{
    QFETCH(QString, dialect);
    QFETCH(QString, amount);
    QFETCH(QString, otherAmount);
    QFETCH(QString, rest);
    QFETCH(int, conflictStatus);
    QFETCH(QString, expect);
    const QString id = m_client->freshInvoice(dialect);
    const QByteArray key = QByteArrayLiteral("op-") + QTest::currentDataTag();
    const HttpResult first = m_client->refund(dialect, id, amount, key);
    QCOMPARE(first.status, 200);
    const HttpResult replay = m_client->refund(dialect, id, amount, key);
    QCOMPARE(replay.status, first.status);
    QCOMPARE(replay.body, first.body);
    if (dialect == QLatin1String("stripe"))
        QCOMPARE(replay.headers.value("idempotent-replayed"), QByteArray("true"));
    const HttpResult conflict = m_client->refund(dialect, id, otherAmount, key);
    QCOMPARE(conflict.status, conflictStatus);
    QCOMPARE(SandboxClient::errorShapeProblem(dialect, conflict), QString());
    QVERIFY2(SandboxClient::errorSignature(dialect, conflict).contains(expect),
             qPrintable(SandboxClient::errorSignature(dialect, conflict)));
    // Exactly one refund was made: what remains is the total minus one amount.
    const bool major = dialect == QLatin1String("processout");
    const QString restPlusOne = major ? QStringLiteral("90.01") : QStringLiteral("9001");
    QCOMPARE(m_client->refund(dialect, id, restPlusOne).status, 400);
    QCOMPARE(m_client->refund(dialect, id, rest).status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxRules)
#include "tst_sandbox_rules.moc"
