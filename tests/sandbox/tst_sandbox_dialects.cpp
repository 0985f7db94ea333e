// Black-box tests of what is particular to each dialect, over real HTTP against the
// refunddesk-sandbox binary: Stripe cancel, metadata and list filters, WooshPay's resolved
// disputes, Chargebee credit notes, ProcessOut invoice refunds and IntaSend chargebacks.
#include "sandboxfixtures.h"

#include <QtTest>

using rdtest::HttpResult;
using rdtest::SandboxClient;

class TestSandboxDialects : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void stripeObjectsLikeFixtures_data();
    void stripeObjectsLikeFixtures();
    void stripeCancel();
    void stripeUpdateMetadata();
    void stripeListFilters();
    void wooshpayResolvedDispute();
    void chargebeeCreditNotes();
    void processoutInvoiceRefund();
    void intasendChargebacks();

private:
    rdtest::SandboxFixtures m_fixtures;
    SandboxClient *m_client = &m_fixtures.client();
};

void TestSandboxDialects::initTestCase()
{
    QString problem;
    QVERIFY2(m_fixtures.start(&problem), qPrintable(problem));
}

void TestSandboxDialects::stripeObjectsLikeFixtures_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("path");
    QTest::newRow("charge") << "charge"
                            << "/v1/charges?limit=5";
    QTest::newRow("refund") << "refund"
                            << "/v1/refunds?limit=5";
    QTest::newRow("dispute") << "dispute"
                             << "/v1/disputes?limit=5";
}

// Every field of Stripe's published fixture objects is present, with a value of the same type.
void TestSandboxDialects::stripeObjectsLikeFixtures()
{
    QFETCH(QString, resource);
    QFETCH(QString, path);
    QFile file(QStringLiteral(RD_SHARED_DIR "/fixtures/stripe/fixtures3-subset.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QJsonObject fixture = QJsonDocument::fromJson(file.readAll())
                                    .object()
                                    .value(QStringLiteral("resources"))
                                    .toObject()
                                    .value(resource)
                                    .toObject();
    QVERIFY(!fixture.isEmpty());
    const QJsonArray ours = m_client->get(QStringLiteral("stripe"), path)
                                .json()
                                .value(QStringLiteral("data"))
                                .toArray();
    QVERIFY(!ours.isEmpty());
    for (const QJsonValue &v : ours) {
        const QJsonObject o = v.toObject();
        for (auto it = fixture.begin(); it != fixture.end(); ++it) {
            QVERIFY2(o.contains(it.key()), qPrintable(resource + QLatin1Char('.') + it.key()));
            const QJsonValue mine = o.value(it.key());
            // null stands for "not set" on either side; otherwise the JSON types agree.
            if (!mine.isNull() && !it.value().isNull())
                QVERIFY2(mine.type() == it.value().type(),
                         qPrintable(resource + QLatin1Char('.') + it.key()));
        }
    }
}

void TestSandboxDialects::stripeCancel()
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

void TestSandboxDialects::stripeUpdateMetadata()
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

void TestSandboxDialects::stripeListFilters()
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

void TestSandboxDialects::wooshpayResolvedDispute()
{
    const QString id = m_fixtures.id(QStringLiteral("wooshpay"), QStringLiteral("disputed"));
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

void TestSandboxDialects::chargebeeCreditNotes()
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
    // Oldest first when asked, newest first otherwise.
    QCOMPARE(m_client->refund(cb, id, QStringLiteral("100")).status, 200);
    auto amounts = [&](const QString &query) {
        QList<qint64> out;
        for (const QJsonValue &v :
             m_client->get(cb, QStringLiteral("/api/v2/credit_notes?") + query)
                 .json()
                 .value(QStringLiteral("list"))
                 .toArray())
            out << v.toObject()
                       .value(QStringLiteral("credit_note"))
                       .toObject()
                       .value(QStringLiteral("total"))
                       .toInteger();
        return out;
    };
    QCOMPARE(amounts(QStringLiteral("reference_invoice_id[is]=") + id), (QList<qint64>{100, 1500}));
    QCOMPARE(amounts(QStringLiteral("sort_by[asc]=updated_at&reference_invoice_id[is]=") + id),
             (QList<qint64>{1500, 100}));
    const QList<qint64> newest = amounts(QStringLiteral("limit=2"));
    QCOMPARE(newest.value(0), 100);
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

void TestSandboxDialects::processoutInvoiceRefund()
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

void TestSandboxDialects::intasendChargebacks()
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

QTEST_GUILESS_MAIN(TestSandboxDialects)
#include "tst_sandbox_dialects.moc"
