// Black-box tests of the sandbox's data: paging every dialect to the end of a 1,000-invoice list,
// identical data for identical seeds, a state file that survives restarts, a million-invoice seed.
#include "sandboxclient.h"

#include <QtTest>

using rdtest::HttpResult;
using rdtest::SandboxClient;
using rdtest::SandboxProcess;

namespace {

const QStringList &kDialects = rdtest::dialects();

// Every list a dialect serves, first page at its largest: what "identical data" compares.
const QList<QPair<QString, QString>> kSnapshots{
    {QStringLiteral("stripe"), QStringLiteral("/v1/charges?limit=100")},
    {QStringLiteral("stripe"), QStringLiteral("/v1/refunds?limit=100")},
    {QStringLiteral("stripe"), QStringLiteral("/v1/disputes?limit=100")},
    {QStringLiteral("wooshpay"), QStringLiteral("/v1/payment_intents?limit=100")},
    {QStringLiteral("wooshpay"), QStringLiteral("/v1/refunds?limit=100")},
    {QStringLiteral("wooshpay"), QStringLiteral("/v1/disputes?limit=100")},
    {QStringLiteral("chargebee"), QStringLiteral("/api/v2/invoices?limit=100")},
    {QStringLiteral("chargebee"), QStringLiteral("/api/v2/credit_notes?limit=100")},
    {QStringLiteral("processout"), QStringLiteral("/transactions?limit=100&expand[]=refunds")},
    {QStringLiteral("intasend"), QStringLiteral("/api/v1/invoices/?page_size=100")},
    {QStringLiteral("intasend"), QStringLiteral("/api/v1/chargebacks/")}};

} // namespace

class TestSandboxData : public QObject
{
    Q_OBJECT
private slots:
    void pagingToTheEnd_data();
    void pagingToTheEnd();
    void refundListsPageToTheEnd();
    void sameSeedSameData();
    void repliesAreQtCompactJson();
    void seededDataIsVaried();
    void stateSurvivesRestart();
    void millionInvoices();
};

void TestSandboxData::pagingToTheEnd_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("pageSize");
    for (const QString &d : kDialects) {
        QTest::addRow("%s by 100", d.toUtf8().constData()) << d << 100;
        QTest::addRow("%s by 33", d.toUtf8().constData()) << d << 33;
    }
}

void TestSandboxData::pagingToTheEnd()
{
    QFETCH(QString, dialect);
    QFETCH(int, pageSize);
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--invoices"), QStringLiteral("1000")}, &error),
             qPrintable(error));
    SandboxClient client(sandbox);
    int pages = 0;
    QString problem;
    const QJsonArray all = client.listAll(dialect, pageSize, &pages, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(all.size(), 1000);
    QCOMPARE(pages, (1000 + pageSize - 1) / pageSize);
    QSet<QString> ids;
    QString previous;
    for (const QJsonValue &v : all) {
        const QJsonObject o = v.toObject();
        ids.insert(SandboxClient::idOf(dialect, o));
        const QString created = SandboxClient::createdOf(dialect, o);
        QVERIFY2(previous.isEmpty() || created <= previous, "lists are newest first");
        previous = created;
    }
    QCOMPARE(ids.size(), 1000);
    // The oldest is about two years before the newest.
    const QString newest = SandboxClient::createdOf(dialect, all.first().toObject());
    QVERIFY(newest > previous);
}

// Refund lists page by their own cursors and agree with what the payments embed.
void TestSandboxData::refundListsPageToTheEnd()
{
    SandboxProcess sandbox;
    QVERIFY(sandbox.start({QStringLiteral("--invoices"), QStringLiteral("1000")}));
    SandboxClient client(sandbox);
    const QString stripe = QStringLiteral("stripe");
    QSet<QString> embedded;
    for (const QJsonValue &v : client.listAll(stripe, 100)) {
        for (const QJsonValue &r : v.toObject()
                                       .value(QStringLiteral("refunds"))
                                       .toObject()
                                       .value(QStringLiteral("data"))
                                       .toArray())
            embedded.insert(r.toObject().value(QStringLiteral("id")).toString());
    }
    QVERIFY(embedded.size() > 100);
    QSet<QString> listed;
    QString after;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int guard = 0; guard < 1000; ++guard) {
        const HttpResult page = client.get(
            stripe, QStringLiteral("/v1/refunds?limit=37") +
                        (after.isEmpty() ? QString() : QStringLiteral("&starting_after=") + after));
        QCOMPARE(page.status, 200);
        const QJsonArray data = page.json().value(QStringLiteral("data")).toArray();
        for (const QJsonValue &r : data) {
            listed.insert(r.toObject().value(QStringLiteral("id")).toString());
            const qint64 created = r.toObject().value(QStringLiteral("created")).toInteger();
            QVERIFY(created <= previous);
            previous = created;
        }
        if (!page.json().value(QStringLiteral("has_more")).toBool())
            break;
        after = data.last().toObject().value(QStringLiteral("id")).toString();
    }
    QCOMPARE(listed, embedded);

    const QString chargebee = QStringLiteral("chargebee");
    QSet<QString> issued;
    for (const QJsonValue &v : client.listAll(chargebee, 100)) {
        for (const QJsonValue &n :
             v.toObject().value(QStringLiteral("issued_credit_notes")).toArray())
            issued.insert(n.toObject().value(QStringLiteral("cn_id")).toString());
    }
    QVERIFY(issued.size() > 100);
    QSet<QString> notes;
    QString offset;
    for (int guard = 0; guard < 1000; ++guard) {
        const HttpResult page = client.get(
            chargebee,
            QStringLiteral("/api/v2/credit_notes?limit=41") +
                (offset.isEmpty() ? QString()
                                  : QStringLiteral("&offset=") +
                                        QString::fromUtf8(QUrl::toPercentEncoding(offset))));
        QCOMPARE(page.status, 200);
        for (const QJsonValue &n : page.json().value(QStringLiteral("list")).toArray())
            notes.insert(n.toObject()
                             .value(QStringLiteral("credit_note"))
                             .toObject()
                             .value(QStringLiteral("id"))
                             .toString());
        offset = page.json().value(QStringLiteral("next_offset")).toString();
        if (offset.isEmpty())
            break;
    }
    QCOMPARE(notes, issued);
}

void TestSandboxData::sameSeedSameData()
{
    SandboxProcess a, b;
    const QStringList args{QStringLiteral("--seed"), QStringLiteral("7"),
                           QStringLiteral("--invoices"), QStringLiteral("300")};
    QVERIFY(a.start(args));
    QVERIFY(b.start(args));
    QVERIFY(a.port() != b.port());
    SandboxClient ca(a), cb(b);
    for (const auto &[dialect, path] : kSnapshots) {
        const HttpResult ra = ca.get(dialect, path);
        const HttpResult rb = cb.get(dialect, path);
        QCOMPARE(ra.status, 200);
        QVERIFY2(ra.body.size() > 20, qPrintable(path));
        if (dialect == QLatin1String("intasend") && path.contains(QLatin1String("invoices"))) {
            // The "next" link names each server's own port; everything else must match.
            QJsonObject ja = ra.json(), jb = rb.json();
            ja.remove(QStringLiteral("next"));
            jb.remove(QStringLiteral("next"));
            QCOMPARE(ja, jb);
        } else {
            QCOMPARE(ra.body, rb.body);
        }
    }
    for (const QString &dialect : kDialects) {
        const QJsonArray la = ca.listAll(dialect, 100);
        QCOMPARE(la.size(), 300);
        QCOMPARE(la, cb.listAll(dialect, 100));
    }
    // Another seed gives other data.
    SandboxProcess c;
    QVERIFY(c.start({QStringLiteral("--seed"), QStringLiteral("8"), QStringLiteral("--invoices"),
                     QStringLiteral("300")}));
    SandboxClient cc(c);
    QVERIFY(cc.get(QStringLiteral("stripe"), kSnapshots.first().second).body !=
            ca.get(QStringLiteral("stripe"), kSnapshots.first().second).body);
}

// Replies are written straight to bytes, not through QJsonDocument; they must still be exactly
// what QJsonDocument writes for the same content (sorted keys, its escaping and numbers), texts
// that need escaping or UTF-8 included, so clients see the same bytes as before.
void TestSandboxData::repliesAreQtCompactJson()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--invoices"), QStringLiteral("300")}, &error),
             qPrintable(error));
    SandboxClient client(sandbox);
    const QString hostile = QStringLiteral("Gr\u00fc\u00dfe \"q\" \\ tab\t nl\n \U0001F600 ") +
                            QChar(0xd800) + QStringLiteral(" =SUM(A1)");
    const auto isQtCompact = [](const QByteArray &body) {
        return QJsonDocument::fromJson(body).toJson(QJsonDocument::Compact) == body;
    };
    const QHash<QString, QPair<QString, QJsonObject>> refunds{
        {QStringLiteral("stripe"),
         {QStringLiteral("100"), QJsonObject{{QStringLiteral("metadata[note]"), hostile}}}},
        {QStringLiteral("wooshpay"),
         {QStringLiteral("100"), QJsonObject{{QStringLiteral("description"), hostile},
                                             {QStringLiteral("metadata"),
                                              QJsonObject{{QStringLiteral("note"), hostile}}}}}},
        {QStringLiteral("chargebee"),
         {QStringLiteral("100"), QJsonObject{{QStringLiteral("comment"), hostile}}}},
        {QStringLiteral("processout"),
         {QStringLiteral("1.00"), QJsonObject{{QStringLiteral("information"), hostile},
                                              {QStringLiteral("metadata"),
                                               QJsonObject{{QStringLiteral("note"), hostile}}}}}},
        {QStringLiteral("intasend"),
         {QStringLiteral("1.00"), QJsonObject{{QStringLiteral("reason_details"), hostile}}}}};
    for (const QString &dialect : kDialects) {
        const QString invoice = client.freshInvoice(dialect);
        QVERIFY2(!invoice.isEmpty(), qPrintable(dialect));
        const auto &[amount, extra] = refunds.value(dialect);
        const HttpResult created = client.refund(dialect, invoice, amount, {}, extra);
        QVERIFY2(created.status == 200, created.body.constData());
        QVERIFY2(isQtCompact(created.body), created.body.constData());
        // The text is kept as sent; a form body cannot carry the lone surrogate, so Stripe and
        // Chargebee keep what comes before it.
        const QJsonArray listed = client.refundsOf(dialect, invoice);
        QCOMPARE(listed.size(), 1);
        const QJsonObject refund = listed.first().toObject();
        const QString kept = dialect == QLatin1String("stripe")
                                 ? refund.value(QStringLiteral("metadata"))
                                       .toObject()
                                       .value(QStringLiteral("note"))
                                       .toString()
                                 : refund.value(extra.begin().key()).toString();
        if (dialect == QLatin1String("stripe") || dialect == QLatin1String("chargebee"))
            QVERIFY2(kept.startsWith(hostile.left(hostile.indexOf(QChar(0xd800)))),
                     qPrintable(kept));
        else
            QCOMPARE(kept, hostile);
    }
    for (const auto &[dialect, path] : kSnapshots) {
        const HttpResult page = client.get(dialect, path);
        QCOMPARE(page.status, 200);
        QVERIFY2(page.body.size() > 20, qPrintable(path));
        QVERIFY2(isQtCompact(page.body), qPrintable(dialect + path));
    }
    // Single objects too, one of each kind.
    for (const QString &path : {QStringLiteral("/v1/charges/"), QStringLiteral("/v1/refunds/"),
                                QStringLiteral("/v1/disputes/")}) {
        const QJsonArray data =
            client.get(QStringLiteral("stripe"), path.chopped(1) + QStringLiteral("?limit=1"))
                .json()
                .value(QStringLiteral("data"))
                .toArray();
        QCOMPARE(data.size(), 1);
        const HttpResult one =
            client.get(QStringLiteral("stripe"),
                       path + data.first().toObject().value(QStringLiteral("id")).toString());
        QCOMPARE(one.status, 200);
        QVERIFY2(isQtCompact(one.body), one.body.constData());
        QCOMPARE(one.json(), data.first().toObject());
    }
}

// The mix the issue asks for: currencies, statuses, refunds, disputes, offline invoices,
// non-ASCII customers and two years of dates, all present in a default-sized seed.
void TestSandboxData::seededDataIsVaried()
{
    SandboxProcess sandbox;
    QVERIFY(sandbox.start({QStringLiteral("--invoices"), QStringLiteral("60")}));
    SandboxClient client(sandbox);
    const QJsonArray charges = client.listAll(QStringLiteral("stripe"), 100);
    QCOMPARE(charges.size(), 60);
    QSet<QString> currencies, statuses;
    bool partial = false, full = false, disputed = false, nonAscii = false;
    for (const QJsonValue &v : charges) {
        const QJsonObject o = v.toObject();
        currencies.insert(o.value(QStringLiteral("currency")).toString());
        statuses.insert(o.value(QStringLiteral("status")).toString());
        const qint64 refunded = o.value(QStringLiteral("amount_refunded")).toInteger();
        partial =
            partial || (refunded > 0 && refunded < o.value(QStringLiteral("amount")).toInteger());
        full = full || o.value(QStringLiteral("refunded")).toBool();
        disputed = disputed || o.value(QStringLiteral("disputed")).toBool();
        const QString name = o.value(QStringLiteral("billing_details"))
                                 .toObject()
                                 .value(QStringLiteral("name"))
                                 .toString();
        nonAscii = nonAscii || name.toLatin1() != name.toUtf8();
    }
    QVERIFY(statuses.contains(QStringLiteral("succeeded")) &&
            statuses.contains(QStringLiteral("failed")));
    QVERIFY2(currencies.size() >= 4, qPrintable(QStringList(currencies.values()).join(u',')));
    QVERIFY(partial && full && nonAscii && disputed);
    const qint64 span = charges.first().toObject().value(QStringLiteral("created")).toInteger() -
                        charges.last().toObject().value(QStringLiteral("created")).toInteger();
    QVERIFY(span > 600 * 86400 && span <= 731 * 86400);
    // Every currency the issue names appears somewhere across the dialects.
    QSet<QString> all;
    for (const QJsonValue &v : client.listAll(QStringLiteral("processout"), 100))
        all.insert(v.toObject().value(QStringLiteral("currency")).toString());
    for (const QJsonValue &v : client.listAll(QStringLiteral("intasend"), 100))
        all.insert(v.toObject().value(QStringLiteral("currency")).toString());
    for (const QString &c : currencies)
        all.insert(c.toUpper());
    for (const char *code : {"USD", "EUR", "GBP", "JPY", "KWD", "KES"})
        QVERIFY2(all.contains(QString::fromLatin1(code)), code);
    // Requires-action refunds and offline invoices exist.
    bool requiresAction = false;
    for (const QJsonValue &v :
         client.get(QStringLiteral("stripe"), QStringLiteral("/v1/refunds?limit=100"))
             .json()
             .value(QStringLiteral("data"))
             .toArray())
        requiresAction =
            requiresAction || v.toObject().value(QStringLiteral("status")).toString() ==
                                  QLatin1String("requires_action");
    QVERIFY(requiresAction);
    bool offline = false;
    for (const QJsonValue &v : client.listAll(QStringLiteral("chargebee"), 100))
        offline = offline || v.toObject()
                                     .value(QStringLiteral("linked_payments"))
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(QStringLiteral("payment_method"))
                                     .toString() == QLatin1String("offline");
    QVERIFY(offline);
}

void TestSandboxData::stateSurvivesRestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("sandbox.sqlite3"));
    const QStringList first{QStringLiteral("--state"),    file,
                            QStringLiteral("--seed"),     QStringLiteral("5"),
                            QStringLiteral("--invoices"), QStringLiteral("40")};
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start(first, &error), qPrintable(error));
    SandboxClient client(sandbox);
    const QString stripe = QStringLiteral("stripe");
    const QString charge = client.freshInvoice(stripe);
    const HttpResult refund =
        client.refund(stripe, charge, QStringLiteral("700"), "persist-1",
                      QJsonObject{{QStringLiteral("metadata[rd]"), QStringLiteral("op-1")}});
    QCOMPARE(refund.status, 200);
    const QString refundId = refund.json().value(QStringLiteral("id")).toString();
    QCOMPARE(
        client
            .send("POST", stripe, QStringLiteral("/v1/refunds/") + refundId, "metadata[extra]=yes")
            .status,
        200);
    const HttpResult chargeback =
        client.refund(QStringLiteral("intasend"), client.freshInvoice(QStringLiteral("intasend")),
                      QStringLiteral("5.00"));
    QCOMPARE(chargeback.status, 200);
    const HttpResult before = client.get(stripe, QStringLiteral("/v1/refunds/") + refundId);
    const QByteArray chargesBefore =
        client.get(stripe, QStringLiteral("/v1/charges?limit=100")).body;
    sandbox.stop();

    // The file's seed and size win over the command line's.
    QVERIFY2(sandbox.start(
                 {QStringLiteral("--state"), file, QStringLiteral("--seed"), QStringLiteral("99")},
                 &error),
             qPrintable(error));
    const HttpResult after = client.get(stripe, QStringLiteral("/v1/refunds/") + refundId);
    QCOMPARE(after.status, 200);
    QCOMPARE(after.body, before.body);
    QCOMPARE(after.json()
                 .value(QStringLiteral("metadata"))
                 .toObject()
                 .value(QStringLiteral("extra"))
                 .toString(),
             QStringLiteral("yes"));
    QCOMPARE(client.get(stripe, QStringLiteral("/v1/charges?limit=100")).body, chargesBefore);
    const QString chargebackPath =
        QStringLiteral("/api/v1/chargebacks/%1/")
            .arg(chargeback.json().value(QStringLiteral("id")).toInteger());
    QCOMPARE(client.get(QStringLiteral("intasend"), chargebackPath).body, chargeback.body);
    // The idempotency key is remembered across the restart too.
    const HttpResult replay =
        client.refund(stripe, charge, QStringLiteral("700"), "persist-1",
                      QJsonObject{{QStringLiteral("metadata[rd]"), QStringLiteral("op-1")}});
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.body, refund.body);
    // What remains was computed from the restored refund.
    QCOMPARE(client.refund(stripe, charge, QStringLiteral("9301")).status, 400);
    const HttpResult rest = client.refund(stripe, charge, QStringLiteral("9300"));
    QCOMPARE(rest.status, 200);
    QVERIFY(rest.json().value(QStringLiteral("id")).toString() != refundId);
}

void TestSandboxData::millionInvoices()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--invoices"), QStringLiteral("1000000")}, &error),
             qPrintable(error));
    SandboxClient client(sandbox);
    const HttpResult page = client.get(
        QStringLiteral("intasend"), QStringLiteral("/api/v1/invoices/?page_size=100&page=10000"));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json().value(QStringLiteral("count")).toInteger(), 1000000);
    QCOMPARE(page.json().value(QStringLiteral("results")).toArray().size(), 100);
    QVERIFY(page.json().value(QStringLiteral("next")).isNull());
    // A cursor deep in the list resolves directly.
    const QString oldest = page.json()
                               .value(QStringLiteral("results"))
                               .toArray()
                               .last()
                               .toObject()
                               .value(QStringLiteral("invoice_id"))
                               .toString();
    QCOMPARE(
        client.get(QStringLiteral("intasend"), QStringLiteral("/api/v1/invoices/%1/").arg(oldest))
            .status,
        200);
    const QJsonArray newest =
        client.get(QStringLiteral("stripe"), QStringLiteral("/v1/charges?limit=3"))
            .json()
            .value(QStringLiteral("data"))
            .toArray();
    const QString cursor = newest.at(1).toObject().value(QStringLiteral("id")).toString();
    const HttpResult next = client.get(
        QStringLiteral("stripe"), QStringLiteral("/v1/charges?limit=1&starting_after=") + cursor);
    QCOMPARE(next.json().value(QStringLiteral("data")).toArray().at(0), newest.at(2));
}

QTEST_GUILESS_MAIN(TestSandboxData)
#include "tst_sandbox_data.moc"
