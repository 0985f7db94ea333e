// Black-box tests of every dialect's rules over real HTTP against the refunddesk-sandbox binary:
// credentials, unknown objects, refund amount rules, idempotency, and each dialect's specifics.
#include "sandboxclient.h"

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
    void stripeCancel();
    void stripeUpdateMetadata();
    void stripeListFilters();
    void wooshpayResolvedDispute();
    void chargebeeCreditNotes();
    void processoutInvoiceRefund();
    void intasendChargebacks();

private:
    QString fixture(const QString &dialect, const QString &kind);
    QJsonObject findPayment(const QString &dialect,
                            const std::function<bool(const QJsonObject &)> &match) const;

    rdtest::SandboxProcess m_sandbox;
    std::unique_ptr<SandboxClient> m_client;
    QHash<QString, QJsonArray> m_payments;
};

void TestSandboxRules::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start({QStringLiteral("--invoices"), QStringLiteral("200")}, &error),
             qPrintable(error));
    m_client = std::make_unique<SandboxClient>(m_sandbox);
    for (const char *d : {"stripe", "wooshpay", "chargebee", "processout", "intasend"}) {
        const QString dialect = QString::fromLatin1(d);
        QString problem;
        m_payments.insert(dialect, m_client->listAll(dialect, 100, nullptr, &problem));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(m_payments.value(dialect).size(), 200);
    }
}

QJsonObject
TestSandboxRules::findPayment(const QString &dialect,
                              const std::function<bool(const QJsonObject &)> &match) const
{
    for (const QJsonValue &v : m_payments.value(dialect)) {
        if (match(v.toObject()))
            return v.toObject();
    }
    return {};
}

// Resolves a kind of invoice to the id of one that is in that state right now.
QString TestSandboxRules::fixture(const QString &dialect, const QString &kind)
{
    auto str = [](const QJsonObject &o, const char *k) {
        return o.value(QLatin1String(k)).toString();
    };
    if (kind == QLatin1String("fresh"))
        return m_client->freshInvoice(dialect);
    if (kind == QLatin1String("freshJPY"))
        return m_client->freshInvoice(dialect, QStringLiteral("JPY"), QStringLiteral("1000"));
    if (kind == QLatin1String("freshKWD"))
        return m_client->freshInvoice(dialect, QStringLiteral("KWD"), QStringLiteral("10.000"));
    if (kind == QLatin1String("fullyRefunded")) {
        const QString id = m_client->freshInvoice(dialect);
        const bool major =
            dialect == QLatin1String("processout") || dialect == QLatin1String("intasend");
        const HttpResult r = m_client->refund(
            dialect, id, major ? QStringLiteral("100.00") : QStringLiteral("10000"));
        return r.status == 200 ? id : QString();
    }
    if (kind == QLatin1String("missing")) {
        const QHash<QString, QString> bogus{
            {QStringLiteral("stripe"), QStringLiteral("ch_3SbxDoesNotExist00000")},
            {QStringLiteral("wooshpay"), QStringLiteral("pi_1000000000000000000")},
            {QStringLiteral("chargebee"), QStringLiteral("inv_NOPE")},
            {QStringLiteral("processout"), QStringLiteral("tr_nope")},
            {QStringLiteral("intasend"), QStringLiteral("NOPE123")}};
        return bogus.value(dialect);
    }
    QJsonObject found;
    if (kind == QLatin1String("disputed")) {
        found = findPayment(dialect, [&](const QJsonObject &o) {
            return o.value(QStringLiteral("disputed")).toBool() &&
                   str(o, "status") == QLatin1String("succeeded");
        });
    } else if (kind == QLatin1String("offline")) {
        found = findPayment(dialect, [&](const QJsonObject &o) {
            const QJsonObject pay =
                o.value(QStringLiteral("linked_payments")).toArray().at(0).toObject();
            return str(o, "status") == QLatin1String("paid") &&
                   str(pay, "payment_method") == QLatin1String("offline");
        });
    } else if (kind == QLatin1String("unpaid")) {
        const QHash<QString, QString> failed{
            {QStringLiteral("stripe"), QStringLiteral("failed")},
            {QStringLiteral("wooshpay"), QStringLiteral("requires_payment_method")},
            {QStringLiteral("chargebee"), QStringLiteral("not_paid")},
            {QStringLiteral("processout"), QStringLiteral("failed")},
            {QStringLiteral("intasend"), QStringLiteral("FAILED")}};
        found = findPayment(dialect, [&](const QJsonObject &o) {
            return (o.contains(QStringLiteral("state")) ? str(o, "state") : str(o, "status")) ==
                   failed.value(dialect);
        });
    }
    return SandboxClient::idOf(dialect, found);
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

void TestSandboxRules::stripeCancel()
{
    const HttpResult list =
        m_client->get(QStringLiteral("stripe"), QStringLiteral("/v1/refunds?limit=100"));
    QCOMPARE(list.status, 200);
    QString waiting, done;
    for (const QJsonValue &v : list.json().value(QStringLiteral("data")).toArray()) {
        const QString status = v.toObject().value(QStringLiteral("status")).toString();
        if (status == QLatin1String("requires_action") && waiting.isEmpty())
            waiting = v.toObject().value(QStringLiteral("id")).toString();
        if (status == QLatin1String("succeeded") && done.isEmpty())
            done = v.toObject().value(QStringLiteral("id")).toString();
    }
    QVERIFY2(!waiting.isEmpty() && !done.isEmpty(),
             "seed 42 has refunds in requires_action and succeeded");
    const QString stripe = QStringLiteral("stripe");
    const HttpResult refused =
        m_client->send("POST", stripe, QStringLiteral("/v1/refunds/%1/cancel").arg(done));
    QCOMPARE(refused.status, 400);
    QVERIFY(SandboxClient::errorSignature(stripe, refused)
                .contains(QLatin1String("refund_not_cancelable")));
    const HttpResult canceled =
        m_client->send("POST", stripe, QStringLiteral("/v1/refunds/%1/cancel").arg(waiting));
    QCOMPARE(canceled.status, 200);
    QCOMPARE(canceled.json().value(QStringLiteral("status")).toString(),
             QStringLiteral("canceled"));
    QCOMPARE(m_client->get(stripe, QStringLiteral("/v1/refunds/") + waiting)
                 .json()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("canceled"));
    const HttpResult again =
        m_client->send("POST", stripe, QStringLiteral("/v1/refunds/%1/cancel").arg(waiting));
    QCOMPARE(again.status, 400);
    QCOMPARE(m_client->send("POST", stripe, QStringLiteral("/v1/refunds/re_nope/cancel")).status,
             404);
}

void TestSandboxRules::stripeUpdateMetadata()
{
    const QString stripe = QStringLiteral("stripe");
    const QString charge = m_client->freshInvoice(stripe);
    const HttpResult created =
        m_client->refund(stripe, charge, QStringLiteral("100"), {},
                         QJsonObject{{QStringLiteral("metadata[order]"), QStringLiteral("A-1")},
                                     {QStringLiteral("metadata[note]"), QStringLiteral("café")}});
    QCOMPARE(created.status, 200);
    const QString id = created.json().value(QStringLiteral("id")).toString();
    QCOMPARE(created.json()
                 .value(QStringLiteral("metadata"))
                 .toObject()
                 .value(QStringLiteral("note"))
                 .toString(),
             QStringLiteral("café"));
    const QString path = QStringLiteral("/v1/refunds/") + id;
    const HttpResult updated =
        m_client->send("POST", stripe, path, "metadata[order]=&metadata[rd]=op%201");
    QCOMPARE(updated.status, 200);
    const QJsonObject metadata = updated.json().value(QStringLiteral("metadata")).toObject();
    QCOMPARE(metadata, (QJsonObject{{QStringLiteral("note"), QStringLiteral("café")},
                                    {QStringLiteral("rd"), QStringLiteral("op 1")}}));
    const HttpResult rejected = m_client->send("POST", stripe, path, "amount=5");
    QCOMPARE(rejected.status, 400);
    QVERIFY(SandboxClient::errorSignature(stripe, rejected)
                .contains(QLatin1String("parameter_unknown")));
    QCOMPARE(m_client->get(stripe, path).json().value(QStringLiteral("amount")).toInteger(), 100);
}

void TestSandboxRules::stripeListFilters()
{
    const QString stripe = QStringLiteral("stripe");
    const QString charge = m_client->freshInvoice(stripe);
    QCOMPARE(m_client->refund(stripe, charge, QStringLiteral("100")).status, 200);
    QCOMPARE(m_client->refund(stripe, charge, QStringLiteral("200")).status, 200);
    const HttpResult byCharge =
        m_client->get(stripe, QStringLiteral("/v1/refunds?charge=") + charge);
    const QJsonArray data = byCharge.json().value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 2);
    QCOMPARE(data.at(0).toObject().value(QStringLiteral("amount")).toInteger(),
             200); // newest first
    const QString intent = m_client->get(stripe, QStringLiteral("/v1/charges/") + charge)
                               .json()
                               .value(QStringLiteral("payment_intent"))
                               .toString();
    QCOMPARE(m_client->get(stripe, QStringLiteral("/v1/refunds?payment_intent=") + intent)
                 .json()
                 .value(QStringLiteral("data"))
                 .toArray(),
             data);
    // ending_before returns the page just newer than the cursor, still newest first.
    const QJsonArray page = m_client->get(stripe, QStringLiteral("/v1/charges?limit=5"))
                                .json()
                                .value(QStringLiteral("data"))
                                .toArray();
    const QString third = page.at(2).toObject().value(QStringLiteral("id")).toString();
    const HttpResult before =
        m_client->get(stripe, QStringLiteral("/v1/charges?limit=2&ending_before=") + third);
    const QJsonArray newer = before.json().value(QStringLiteral("data")).toArray();
    QCOMPARE(newer.size(), 2);
    QCOMPARE(newer.at(0).toObject().value(QStringLiteral("id")),
             page.at(0).toObject().value(QStringLiteral("id")));
    QCOMPARE(newer.at(1).toObject().value(QStringLiteral("id")),
             page.at(1).toObject().value(QStringLiteral("id")));
    QCOMPARE(before.json().value(QStringLiteral("has_more")).toBool(), false);
    QCOMPARE(m_client->get(stripe, QStringLiteral("/v1/charges?limit=101")).status, 400);
    // created[gte] keeps only charges from then on.
    const qint64 t = page.at(3).toObject().value(QStringLiteral("created")).toInteger();
    const QJsonArray recent =
        m_client->get(stripe, QStringLiteral("/v1/charges?limit=100&created[gte]=%1").arg(t))
            .json()
            .value(QStringLiteral("data"))
            .toArray();
    QVERIFY(recent.size() >= 4);
    for (const QJsonValue &v : recent)
        QVERIFY(v.toObject().value(QStringLiteral("created")).toInteger() >= t);
    // Disputes list and retrieve agree.
    const QJsonArray disputes = m_client->get(stripe, QStringLiteral("/v1/disputes?limit=3"))
                                    .json()
                                    .value(QStringLiteral("data"))
                                    .toArray();
    QVERIFY(!disputes.isEmpty());
    const QJsonObject first = disputes.at(0).toObject();
    QCOMPARE(m_client
                 ->get(stripe, QStringLiteral("/v1/disputes/") +
                                   first.value(QStringLiteral("id")).toString())
                 .json(),
             first);
    const QJsonObject disputedCharge =
        m_client
            ->get(stripe,
                  QStringLiteral("/v1/charges/") + first.value(QStringLiteral("charge")).toString())
            .json();
    QCOMPARE(disputedCharge.value(QStringLiteral("disputed")).toBool(), true);
}

void TestSandboxRules::wooshpayResolvedDispute()
{
    const QString id = fixture(QStringLiteral("wooshpay"), QStringLiteral("disputed"));
    QVERIFY(!id.isEmpty());
    const HttpResult r = m_client->refund(
        QStringLiteral("wooshpay"), id, QStringLiteral("1"), {},
        QJsonObject{{QStringLiteral("reason"), QStringLiteral("resolved_dispute")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("reason")).toString(),
             QStringLiteral("resolved_dispute"));
    QCOMPARE(r.json().value(QStringLiteral("payment_intent")).toString(), id);
    QVERIFY(r.json().contains(QStringLiteral("failure_reason")));
    const HttpResult badReason = m_client->refund(
        QStringLiteral("wooshpay"), m_client->freshInvoice(QStringLiteral("wooshpay")),
        QStringLiteral("1"), {}, QJsonObject{{QStringLiteral("reason"), QStringLiteral("whim")}});
    QCOMPARE(badReason.status, 400);
}

void TestSandboxRules::chargebeeCreditNotes()
{
    const QString cb = QStringLiteral("chargebee");
    const QString id = m_client->freshInvoice(cb);
    const HttpResult r = m_client->refund(
        cb, id, QStringLiteral("1500"), {},
        QJsonObject{{QStringLiteral("comment"), QStringLiteral("[rd:op-7]")},
                    {QStringLiteral("customer_notes"), QStringLiteral("Désolé")},
                    {QStringLiteral("credit_note[reason_code]"), QStringLiteral("order_change")}});
    QCOMPARE(r.status, 200);
    const QJsonObject note = r.json().value(QStringLiteral("credit_note")).toObject();
    QCOMPARE(note.value(QStringLiteral("reference_invoice_id")).toString(), id);
    QCOMPARE(note.value(QStringLiteral("reason_code")).toString(), QStringLiteral("order_change"));
    QCOMPARE(note.value(QStringLiteral("comment")).toString(), QStringLiteral("[rd:op-7]"));
    QCOMPARE(note.value(QStringLiteral("customer_notes")).toString(), QStringLiteral("Désolé"));
    QCOMPARE(r.json()
                 .value(QStringLiteral("transaction"))
                 .toObject()
                 .value(QStringLiteral("type"))
                 .toString(),
             QStringLiteral("refund"));
    const QJsonArray issued = r.json()
                                  .value(QStringLiteral("invoice"))
                                  .toObject()
                                  .value(QStringLiteral("issued_credit_notes"))
                                  .toArray();
    QCOMPARE(issued.size(), 1);
    QCOMPARE(issued.at(0).toObject().value(QStringLiteral("cn_total")).toInteger(), 1500);
    const HttpResult listed =
        m_client->get(cb, QStringLiteral("/api/v2/credit_notes?reference_invoice_id[is]=") + id);
    const QJsonArray list = listed.json().value(QStringLiteral("list")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("credit_note")).toObject(), note);
    const HttpResult badCode = m_client->refund(
        cb, id, QStringLiteral("1"), {},
        QJsonObject{{QStringLiteral("credit_note[reason_code]"), QStringLiteral("whim")}});
    QCOMPARE(badCode.status, 400);
    QCOMPARE(badCode.json().value(QStringLiteral("param")).toString(),
             QStringLiteral("credit_note[reason_code]"));
    // The invoice shows up as updated after the refund's time.
    const qint64 at = note.value(QStringLiteral("date")).toInteger();
    const QJsonArray updated =
        m_client
            ->get(cb,
                  QStringLiteral("/api/v2/invoices?updated_at[after]=%1&sort_by[asc]=updated_at")
                      .arg(at - 1))
            .json()
            .value(QStringLiteral("list"))
            .toArray();
    bool found = false;
    for (const QJsonValue &v : updated)
        found = found || v.toObject()
                                 .value(QStringLiteral("invoice"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toString() == id;
    QVERIFY(found);
}

void TestSandboxRules::processoutInvoiceRefund()
{
    const QString po = QStringLiteral("processout");
    const QString tr = m_client->freshInvoice(po);
    const HttpResult t = m_client->get(po, QStringLiteral("/transactions/") + tr);
    QCOMPARE(t.status, 200);
    const QString invoice = t.json()
                                .value(QStringLiteral("transaction"))
                                .toObject()
                                .value(QStringLiteral("invoice_id"))
                                .toString();
    QVERIFY(invoice.startsWith(QLatin1String("iv_")));
    const QJsonObject body{
        {QStringLiteral("amount"), QStringLiteral("12.34")},
        {QStringLiteral("reason"), QStringLiteral("duplicate")},
        {QStringLiteral("information"), QStringLiteral("[rd:op-9]")},
        {QStringLiteral("invoice_detail_ids"), QJsonArray{QStringLiteral("line-1")}}};
    const HttpResult r =
        m_client->send("POST", po, QStringLiteral("/invoices/%1/refunds").arg(invoice),
                       QJsonDocument(body).toJson());
    QCOMPARE(r.status, 200);
    const QJsonObject refund = r.json().value(QStringLiteral("refund")).toObject();
    QCOMPARE(refund.value(QStringLiteral("transaction_id")).toString(), tr);
    QCOMPARE(refund.value(QStringLiteral("amount")).toString(), QStringLiteral("12.34"));
    QCOMPARE(refund.value(QStringLiteral("invoice_detail_ids")).toArray(),
             QJsonArray{QStringLiteral("line-1")});
    QCOMPARE(refund.value(QStringLiteral("has_failed")).toBool(), false);
    const QString rid = refund.value(QStringLiteral("id")).toString();
    QCOMPARE(m_client->get(po, QStringLiteral("/transactions/%1/refunds/%2").arg(tr, rid))
                 .json()
                 .value(QStringLiteral("refund"))
                 .toObject(),
             refund);
    QCOMPARE(m_client->get(po, QStringLiteral("/transactions/%1/refunds").arg(tr))
                 .json()
                 .value(QStringLiteral("refunds"))
                 .toArray()
                 .size(),
             1);
    QCOMPARE(m_client->get(po, QStringLiteral("/transactions/") + tr)
                 .json()
                 .value(QStringLiteral("transaction"))
                 .toObject()
                 .value(QStringLiteral("refunded_amount"))
                 .toString(),
             QStringLiteral("12.34"));
    const HttpResult badReason =
        m_client->refund(po, tr, QStringLiteral("1.00"), {},
                         QJsonObject{{QStringLiteral("reason"), QStringLiteral("whim")}});
    QCOMPARE(badReason.status, 400);
    QVERIFY(SandboxClient::errorSignature(po, badReason)
                .contains(QLatin1String("refund.invalid-reason")));
}

void TestSandboxRules::intasendChargebacks()
{
    const QString is = QStringLiteral("intasend");
    const QString invoice =
        m_client->freshInvoice(is, QStringLiteral("KES"), QStringLiteral("500.00"));
    const HttpResult r = m_client->refund(
        is, invoice, QStringLiteral("200.00"), {},
        QJsonObject{{QStringLiteral("reason"), QStringLiteral("Delayed shipping")},
                    {QStringLiteral("reason_details"), QStringLiteral("late [rd:op-3]")}});
    QCOMPARE(r.status, 200);
    const QJsonObject cb = r.json();
    QCOMPARE(cb.value(QStringLiteral("invoice")).toString(), invoice);
    QCOMPARE(cb.value(QStringLiteral("amount")).toString(), QStringLiteral("200.00"));
    QCOMPARE(cb.value(QStringLiteral("status")).toString(), QStringLiteral("PENDING"));
    QCOMPARE(cb.value(QStringLiteral("staff_created")).toString(), QStringLiteral("false"));
    const qint64 id = cb.value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(m_client->get(is, QStringLiteral("/api/v1/chargebacks/%1/").arg(id)).json(), cb);
    const QJsonArray all = m_client->get(is, QStringLiteral("/api/v1/chargebacks/")).doc().array();
    QVERIFY(!all.isEmpty());
    QCOMPARE(all.at(0).toObject(), cb); // newest first
    // An integral JSON number is accepted as an amount too.
    const HttpResult number =
        m_client->refund(is, invoice, {}, {}, QJsonObject{{QStringLiteral("amount"), 300}});
    QCOMPARE(number.status, 200);
    QCOMPARE(number.json().value(QStringLiteral("amount")).toString(), QStringLiteral("300.00"));
    QCOMPARE(m_client->refund(is, invoice, QStringLiteral("0.01")).status, 400);
    const HttpResult noReason =
        m_client->refund(is, m_client->freshInvoice(is), QStringLiteral("1.00"), {},
                         QJsonObject{{QStringLiteral("reason"), QString()}});
    QCOMPARE(noReason.status, 400);
}

QTEST_GUILESS_MAIN(TestSandboxRules)
#include "tst_sandbox_rules.moc"
