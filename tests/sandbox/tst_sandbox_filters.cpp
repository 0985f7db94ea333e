// Black-box tests of the list filters on creation time the sandbox honours as the gateways
// document them, over real HTTP: Stripe-style created[gte|gt|lte|lt] on every Stripe and
// WooshPay list, Chargebee's date[after|before|between] on invoices and credit notes, each
// combined with the dialect's page cursor, so that half-open windows split a list exactly.
#include "sandboxclient.h"

#include <QtTest>

using rdtest::HttpResult;
using rdtest::SandboxClient;
using rdtest::SandboxProcess;

namespace {

struct Item
{
    QString id;
    qint64 created = 0;
    bool operator==(const Item &o) const { return id == o.id && created == o.created; }
};

} // namespace

class TestSandboxFilters : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void createdWindowsSplitAList_data();
    void createdWindowsSplitAList();
    void chargebeeBetweenAndBadValues();
    void stripeBadValues();

private:
    // Every item of `path` with `filter` (query items joined by '&', may be empty), walked
    // `limit` at a time with the dialect's cursor. Fails the test on a non-200 answer.
    QList<Item> walk(const QString &dialect, const QString &path, const QString &filter, int limit);
    // Picks a `created` value shared by at least two items where the list has one, else a
    // value from its middle: a window edge on a busy second.
    static qint64 edgeOf(const QList<Item> &all);

    SandboxProcess m_sandbox;
    SandboxClient m_client{m_sandbox};
};

void TestSandboxFilters::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start({QStringLiteral("--invoices"), QStringLiteral("1000")}, &error),
             qPrintable(error));
    // Twenty invoices made at once share one `created` second, for edges on a busy second.
    for (const QString &dialect :
         {QStringLiteral("stripe"), QStringLiteral("wooshpay"), QStringLiteral("chargebee")})
        QCOMPARE(m_sandbox.createInvoices(dialect, 20).size(), 20);
}

QList<Item> TestSandboxFilters::walk(const QString &dialect, const QString &path,
                                     const QString &filter, int limit)
{
    const bool chargebee = dialect == QLatin1String("chargebee");
    const QString key = path.section(QLatin1Char('/'), -1) == QLatin1String("credit_notes")
                            ? QStringLiteral("credit_note")
                            : QStringLiteral("invoice");
    QList<Item> out;
    QString cursor;
    for (int guard = 0; guard < 10000; ++guard) {
        QString query = QStringLiteral("?limit=%1").arg(limit);
        if (!filter.isEmpty())
            query += QLatin1Char('&') + filter;
        if (!cursor.isEmpty())
            query += (chargebee ? QStringLiteral("&offset=") : QStringLiteral("&starting_after=")) +
                     QString::fromUtf8(QUrl::toPercentEncoding(cursor));
        const HttpResult r = m_client.get(dialect, path + query);
        if (r.status != 200) {
            QTest::qFail(qPrintable(QStringLiteral("%1%2 answered %3: %4")
                                        .arg(path, query)
                                        .arg(r.status)
                                        .arg(QString::fromUtf8(r.body.left(200)))),
                         __FILE__, __LINE__);
            return {};
        }
        const QJsonObject page = r.json();
        const QJsonArray items =
            page.value(chargebee ? QStringLiteral("list") : QStringLiteral("data")).toArray();
        for (const QJsonValue &v : items) {
            const QJsonObject o = chargebee ? v.toObject().value(key).toObject() : v.toObject();
            out.append({o.value(QStringLiteral("id")).toString(),
                        o.value(chargebee ? QStringLiteral("date") : QStringLiteral("created"))
                            .toInteger()});
        }
        if (chargebee)
            cursor = page.value(QStringLiteral("next_offset")).toString();
        else
            cursor = page.value(QStringLiteral("has_more")).toBool() && !items.isEmpty()
                         ? items.last().toObject().value(QStringLiteral("id")).toString()
                         : QString();
        if (cursor.isEmpty())
            return out;
    }
    QTest::qFail("the list never ended", __FILE__, __LINE__);
    return {};
}

qint64 TestSandboxFilters::edgeOf(const QList<Item> &all)
{
    QHash<qint64, int> perSecond;
    for (const Item &i : all)
        ++perSecond[i.created];
    qint64 best = all.at(all.size() / 2).created;
    for (auto it = perSecond.cbegin(); it != perSecond.cend(); ++it) {
        if (it.value() > perSecond.value(best))
            best = it.key();
    }
    return best;
}

void TestSandboxFilters::createdWindowsSplitAList_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("path");
    QTest::newRow("stripe charges") << "stripe"
                                    << "/v1/charges";
    QTest::newRow("stripe refunds") << "stripe"
                                    << "/v1/refunds";
    QTest::newRow("stripe disputes") << "stripe"
                                     << "/v1/disputes";
    QTest::newRow("wooshpay payment intents") << "wooshpay"
                                              << "/v1/payment_intents";
    QTest::newRow("wooshpay refunds") << "wooshpay"
                                      << "/v1/refunds";
    QTest::newRow("wooshpay disputes") << "wooshpay"
                                       << "/v1/disputes";
    QTest::newRow("chargebee invoices") << "chargebee"
                                        << "/api/v2/invoices";
    QTest::newRow("chargebee credit notes") << "chargebee"
                                            << "/api/v2/credit_notes";
}

void TestSandboxFilters::createdWindowsSplitAList()
{
    QFETCH(QString, dialect);
    QFETCH(QString, path);
    const bool chargebee = dialect == QLatin1String("chargebee");
    const QList<Item> all = walk(dialect, path, QString(), 100);
    QVERIFY2(all.size() >= 15, qPrintable(QString::number(all.size())));
    const qint64 edge = edgeOf(all);
    const qint64 low = all.at(all.size() * 3 / 4).created; // older than most
    QVERIFY(low < edge);
    // The window operators, exclusive and inclusive, as each dialect spells them.
    const QString below = chargebee ? QStringLiteral("date[before]=%1").arg(edge)
                                    : QStringLiteral("created[lt]=%1").arg(edge);
    const QString atOrAbove = chargebee ? QStringLiteral("date[after]=%1").arg(edge - 1)
                                        : QStringLiteral("created[gte]=%1").arg(edge);
    const QString between =
        chargebee ? QStringLiteral("date[after]=%1&date[before]=%2").arg(low - 1).arg(edge)
                  : QStringLiteral("created[gte]=%1&created[lt]=%2").arg(low).arg(edge);
    auto expected = [&all](qint64 from, qint64 to) {
        QList<Item> out;
        for (const Item &i : all) {
            if (i.created >= from && i.created < to)
                out << i;
        }
        return out;
    };
    const qint64 open = std::numeric_limits<qint64>::max();
    const qint64 none = std::numeric_limits<qint64>::min();
    // Pages of 7 cross the window edges and the busy second; the cursor keeps the filter.
    const QList<Item> older = walk(dialect, path, below, 7);
    const QList<Item> newer = walk(dialect, path, atOrAbove, 7);
    QCOMPARE(older, expected(none, edge));
    QCOMPARE(newer, expected(edge, open));
    QVERIFY(!older.isEmpty() && !newer.isEmpty());
    QCOMPARE(older.size() + newer.size(), all.size());
    QCOMPARE(walk(dialect, path, between, 7), expected(low, edge));
    if (!chargebee) {
        // Inclusive upper bound and exclusive lower bound.
        QCOMPARE(walk(dialect, path, QStringLiteral("created[lte]=%1").arg(edge), 7),
                 expected(none, edge + 1));
        QCOMPARE(walk(dialect, path, QStringLiteral("created[gt]=%1").arg(edge), 7),
                 expected(edge + 1, open));
    }
}

void TestSandboxFilters::chargebeeBetweenAndBadValues()
{
    const QString dialect = QStringLiteral("chargebee");
    for (const QString &path :
         {QStringLiteral("/api/v2/invoices"), QStringLiteral("/api/v2/credit_notes")}) {
        const QList<Item> all = walk(dialect, path, QString(), 100);
        QVERIFY(all.size() >= 4);
        const qint64 to = edgeOf(all);
        const qint64 from = all.at(all.size() * 3 / 4).created;
        QList<Item> expected;
        for (const Item &i : all) {
            if (i.created >= from && i.created <= to)
                expected << i;
        }
        // [between] includes both ends.
        QCOMPARE(
            walk(dialect, path, QStringLiteral("date[between]=%5B%1,%2%5D").arg(from).arg(to), 7),
            expected);
        for (const QString &bad :
             {QStringLiteral("date[before]=soon"), QStringLiteral("date[between]=%5B1,x%5D"),
              QStringLiteral("date[between]=5"), QStringLiteral("date[around]=5")}) {
            const HttpResult r = m_client.get(dialect, path + QStringLiteral("?") + bad);
            QCOMPARE(r.status, 400);
            QVERIFY2(r.json()
                         .value(QStringLiteral("message"))
                         .toString()
                         .contains(bad.section(QLatin1Char('='), 0, 0)),
                     r.body.constData());
        }
    }
}

void TestSandboxFilters::stripeBadValues()
{
    for (const QString &bad :
         {QStringLiteral("created[lt]=tomorrow"), QStringLiteral("created[lte]=1.5"),
          QStringLiteral("created[on]=5")}) {
        const HttpResult r =
            m_client.get(QStringLiteral("stripe"), QStringLiteral("/v1/charges?") + bad);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("param"))
                     .toString(),
                 bad.section(QLatin1Char('='), 0, 0));
    }
}

QTEST_GUILESS_MAIN(TestSandboxFilters)
#include "tst_sandbox_filters.moc"
