// RecordFilter against a real store, a SQLite file and a PostgreSQL database: every filter
// selects the rows it should, and search text can never inject SQL or FTS syntax.
#include "store/accountrepository.h"
#include "store/database.h"
#include "store/recordfilter.h"
#include "store/recordrepository.h"
#include "testbackend.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <map>
#include <memory>

using namespace rd;

class TestRecordFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void initTestCase();
    void init();
    void filters_data();
    void filters();
    void ftsQueryQuotesEveryWord_data();
    void ftsQueryQuotesEveryWord();
    void searchProblems_data();
    void searchProblems();
    void chargebackSearchIsLiteral_data();
    void chargebackSearchIsLiteral();

private:
    QStringList selectIds(RecordKind kind, const RecordFilter &filter);

    // One store per backend, filled once: the tests only read them.
    struct Store
    {
        explicit Store(rdtest::Backend backend) : where(backend) {}
        rdtest::TestStore where; // outlives db
        Database db;
        qint64 a = 0;
        qint64 b = 0;
    };
    std::map<rdtest::Backend, std::unique_ptr<Store>> m_stores;
    Store *m_store = nullptr; // the current row's
    static void fill(Store &store);
};

void TestRecordFilter::initTestCase()
{
    for (const rdtest::Backend backend : {rdtest::Backend::Sqlite, rdtest::Backend::Postgres}) {
        if (backend == rdtest::Backend::Postgres &&
            rdtest::PgTestDatabase::serverAddress().isEmpty())
            continue; // its rows skip, saying why
        auto store = std::make_unique<Store>(backend);
        QString error;
        const QString address = store->where.address(QStringLiteral("f"), &error);
        QVERIFY2(!address.isEmpty() && store->db.open(address, &error), qPrintable(error));
        fill(*store);
        m_stores[backend] = std::move(store);
    }
}

void TestRecordFilter::init()
{
    BACKEND_OR_SKIP();
    m_store = m_stores.at(rdtest::currentBackend()).get();
}

void TestRecordFilter::fill(Store &store)
{
    QString error;
    Database &db = store.db;
    qint64 &a = store.a;
    qint64 &b = store.b;
    AccountRepository accounts(db);
    a = accounts.add(QStringLiteral("a"), Dialect::Stripe, QStringLiteral("https://a.b"), &error)
            ->id;
    b = accounts
            .add(QStringLiteral("b"), Dialect::Chargebee, QStringLiteral("https://a.b"), &error)
            ->id;
    auto make = [](const QString &id, const QString &customer, const QString &email, qint64 amount,
                   const char *currency, CommonStatus status, const QString &day) {
        Invoice inv;
        inv.gatewayId = id;
        inv.customer = customer;
        inv.email = email;
        inv.amount = Money(amount, QString::fromLatin1(currency));
        inv.amountRefunded = Money(0, QString::fromLatin1(currency));
        inv.status = status;
        inv.createdAt = QDateTime(QDate::fromString(day, Qt::ISODate), QTime(23, 59, 59), Qt::UTC);
        return inv;
    };
    RecordRepository records(db);
    QVERIFY(records.upsertInvoices(a,
                                   {make(QStringLiteral("ch_1AAA"), QStringLiteral("Zoë Müller"),
                                         QStringLiteral("zoe@example.de"), 1000, "EUR",
                                         CommonStatus::Succeeded, QStringLiteral("2024-01-31")),
                                    make(QStringLiteral("ch_2BBB"), QStringLiteral("John O'Brien"),
                                         QStringLiteral("john@example.com"), 500, "USD",
                                         CommonStatus::Failed, QStringLiteral("2024-02-01")),
                                    make(QStringLiteral("ch_3CCC"), QStringLiteral("山田 太郎"),
                                         QStringLiteral("yamada@example.jp"), 3000, "JPY",
                                         CommonStatus::Succeeded, QStringLiteral("2024-03-15"))},
                                   &error));
    Chargeback cb;
    cb.invoiceId = QStringLiteral("ch_1AAA");
    cb.amount = Money(100, u"EUR");
    cb.status = CommonStatus::Pending;
    cb.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    QList<Chargeback> chargebacks;
    for (const auto &[id, reason] :
         {std::pair{"cb_1", "Ana García says no"}, {"cbx1", "100% fraud"}, {"cb%2", "fraud"}}) {
        cb.gatewayId = QString::fromUtf8(id);
        cb.reason = QString::fromUtf8(reason);
        chargebacks << cb;
    }
    cb.gatewayId = QStringLiteral("cb\\3");
    cb.invoiceId = QStringLiteral("ch_3CCC");
    cb.reason = QStringLiteral("duplicate");
    chargebacks << cb;
    QVERIFY2(records.upsertChargebacks(a, chargebacks, &error), qPrintable(error));
    Refund re;
    re.gatewayId = QStringLiteral("re_1");
    re.invoiceId = QStringLiteral("ch_1AAA");
    re.amount = Money(100, u"EUR");
    re.status = CommonStatus::Succeeded;
    re.note = QStringLiteral("every refund");
    re.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    QVERIFY2(records.upsertRefunds(a, {re}, &error), qPrintable(error));
    QVERIFY(records.upsertInvoices(
        b,
        {make(QStringLiteral("inv_9"), QStringLiteral("Zoe Smith"), QStringLiteral("z@s.io"), 700,
              "GBP", CommonStatus::Succeeded, QStringLiteral("2024-02-10"))},
        &error));
}

void TestRecordFilter::filters_data()
{
    QTest::addColumn<qint64>("account"); // 0 all, 1 = a, 2 = b
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("ids");
    const QString none;
    QTest::newRow("all") << qint64(0) << none << none << none << none << none
                         << QStringList{QStringLiteral("ch_1AAA"), QStringLiteral("ch_2BBB"),
                                        QStringLiteral("ch_3CCC"), QStringLiteral("inv_9")};
    QTest::newRow("account b") << qint64(2) << none << none << none << none << none
                               << QStringList{QStringLiteral("inv_9")};
    QTest::newRow("status failed") << qint64(0) << none << QStringLiteral("failed") << none << none
                                   << none << QStringList{QStringLiteral("ch_2BBB")};
    QTest::newRow("currency jpy lower") << qint64(0) << none << none << QStringLiteral("jpy")
                                        << none << none << QStringList{QStringLiteral("ch_3CCC")};
    QTest::newRow("to is inclusive")
        << qint64(0) << none << none << none << none << QStringLiteral("2024-01-31")
        << QStringList{QStringLiteral("ch_1AAA")};
    QTest::newRow("from..to") << qint64(0) << none << none << none << QStringLiteral("2024-02-01")
                              << QStringLiteral("2024-02-28")
                              << QStringList{QStringLiteral("ch_2BBB"), QStringLiteral("inv_9")};
    QTest::newRow("search diacritics-insensitive prefix")
        << qint64(0) << QStringLiteral("zoe") << none << none << none << none
        << QStringList{QStringLiteral("ch_1AAA"), QStringLiteral("inv_9")};
    QTest::newRow("search two words") << qint64(0) << QStringLiteral("zoe mül") << none << none
                                      << none << none << QStringList{QStringLiteral("ch_1AAA")};
    QTest::newRow("search email domain")
        << qint64(0) << QStringLiteral("example.jp") << none << none << none << none
        << QStringList{QStringLiteral("ch_3CCC")};
    QTest::newRow("search id prefix") << qint64(0) << QStringLiteral("ch_2") << none << none << none
                                      << none << QStringList{QStringLiteral("ch_2BBB")};
    QTest::newRow("search CJK") << qint64(0) << QStringLiteral("山田") << none << none << none
                                << none << QStringList{QStringLiteral("ch_3CCC")};
    QTest::newRow("search apostrophe") << qint64(0) << QStringLiteral("O'Brien") << none << none
                                       << none << none << QStringList{QStringLiteral("ch_2BBB")};
    QTest::newRow("search fts syntax is text") << qint64(0) << QStringLiteral("\"zoe\" OR NEAR(* -")
                                               << none << none << none << none << QStringList{};
    QTest::newRow("search sql injection") << qint64(0) << QStringLiteral("x') OR 1=1 --") << none
                                          << none << none << none << QStringList{};
    QTest::newRow("search NFD finds NFC")
        << qint64(0) << QStringLiteral("Zoe\u0308 Mu\u0308ller") << none << none << none << none
        << QStringList{QStringLiteral("ch_1AAA")};
    QTest::newRow("search punctuation only")
        << qint64(0) << QStringLiteral("\" * -") << none << none << none << none << QStringList{};
    QTest::newRow("search invalid UTF-8") << qint64(0) << QString::fromUtf8("\xff\xfe") << none
                                          << none << none << none << QStringList{};
    QTest::newRow("search too long") << qint64(0) << QString(120000, QLatin1Char('z')) << none
                                     << none << none << none << QStringList{};
    QTest::newRow("search blank filters nothing")
        << qint64(2) << QStringLiteral("   ") << none << none << none << none
        << QStringList{QStringLiteral("inv_9")};
    QTest::newRow("combined") << qint64(1) << QStringLiteral("zoe") << QStringLiteral("succeeded")
                              << QStringLiteral("EUR") << QStringLiteral("2024-01-01")
                              << QStringLiteral("2024-12-31")
                              << QStringList{QStringLiteral("ch_1AAA")};
}

void TestRecordFilter::filters()
{
    QFETCH(qint64, account);
    QFETCH(QString, search);
    QFETCH(QString, status);
    QFETCH(QString, currency);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, ids);
    RecordFilter f;
    f.accountId = account == 1 ? m_store->a : (account == 2 ? m_store->b : 0);
    f.search = search;
    f.status = status;
    f.currency = currency;
    f.from = QDate::fromString(from, Qt::ISODate);
    f.to = QDate::fromString(to, Qt::ISODate);
    QCOMPARE(selectIds(RecordKind::Invoices, f), ids);
}

void TestRecordFilter::ftsQueryQuotesEveryWord_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("match");
    QTest::newRow("words folded") << QStringLiteral("  zoe  Müller ")
                                  << QStringLiteral("\"zoe\"* \"muller\"*");
    QTest::newRow("syntax dropped") << QStringLiteral("\"; DROP") << QStringLiteral("\"drop\"*");
    QTest::newRow("NFD is one word")
        << QStringLiteral("Garci\u0301a") << QStringLiteral("\"garcia\"*");
    QTest::newRow("ø ł ß") << QStringLiteral("Søren Łukasz Straße")
                           << QStringLiteral("\"soren\"* \"lukasz\"* \"strasse\"*");
    QTest::newRow("punctuation only") << QStringLiteral("*** --- \"") << QString();
    QTest::newRow("replacement character") << QStringLiteral("\ufffd\ufffd") << QString();
}

void TestRecordFilter::ftsQueryQuotesEveryWord()
{
    QFETCH(QString, text);
    QFETCH(QString, match);
    QCOMPARE(ftsPrefixQuery(text), match);
}

void TestRecordFilter::searchProblems_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem"); // a word the message must hold, empty = accepted
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("blank") << QStringLiteral(" \t ") << QString();
    QTest::newRow("a word") << QStringLiteral("soren") << QString();
    QTest::newRow("an id") << QStringLiteral("ch_1AAA") << QString();
    QTest::newRow("one letter and punctuation") << QStringLiteral("-a-") << QString();
    QTest::newRow("at the limit") << QString(MaxSearchLength, QLatin1Char('a')) << QString();
    QTest::newRow("over the limit")
        << QString(MaxSearchLength + 1, QLatin1Char('a')) << QStringLiteral("at most 200");
    QTest::newRow("120,000 characters")
        << QString(120000, QLatin1Char('x')) << QStringLiteral("120000 characters");
    QTest::newRow("quote") << QStringLiteral("\"") << QStringLiteral("no letter or digit");
    QTest::newRow("star") << QStringLiteral("*") << QStringLiteral("no letter or digit");
    QTest::newRow("dash") << QStringLiteral("-") << QStringLiteral("no letter or digit");
    QTest::newRow("percent") << QStringLiteral("%") << QStringLiteral("no letter or digit");
    QTest::newRow("invalid UTF-8") << QString::fromUtf8("ab\xff\xfe") << QStringLiteral("UTF-8");
    QTest::newRow("lone surrogate")
        << QStringLiteral("ab") + QChar(0xD800) << QStringLiteral("UTF-8");
    QTest::newRow("NUL") << QStringLiteral("ab") + QChar(0) + QStringLiteral("c")
                         << QStringLiteral("UTF-8");
}

void TestRecordFilter::searchProblems()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    const QString got = searchProblem(text);
    if (problem.isEmpty()) {
        QCOMPARE(got, QString());
        return;
    }
    QVERIFY2(got.contains(problem), qPrintable(got));
    QVERIFY(!got.contains(QLatin1Char('\n')));
    QVERIFY(got.size() < 400); // one line, never the whole text echoed back
    // Whatever cannot be searched selects nothing in every kind of record, never everything.
    for (const RecordKind kind :
         {RecordKind::Invoices, RecordKind::Refunds, RecordKind::Chargebacks}) {
        RecordFilter f;
        f.search = text;
        QCOMPARE(selectIds(kind, f), QStringList());
    }
}

void TestRecordFilter::chargebackSearchIsLiteral_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("underscore is not a wildcard")
        << QStringLiteral("cb_1") << QStringList{QStringLiteral("cb_1")};
    QTest::newRow("percent is not a wildcard")
        << QStringLiteral("cb%") << QStringList{QStringLiteral("cb%2")};
    QTest::newRow("backslash is literal")
        << QStringLiteral("cb\\") << QStringList{QStringLiteral("cb\\3")};
    QTest::newRow("id prefix") << QStringLiteral("cb")
                               << QStringList{QStringLiteral("cb%2"), QStringLiteral("cb\\3"),
                                              QStringLiteral("cb_1"), QStringLiteral("cbx1")};
    QTest::newRow("reason substring with percent")
        << QStringLiteral("100% fraud") << QStringList{QStringLiteral("cbx1")};
    QTest::newRow("reason NFD") << QStringLiteral("Garci\u0301a")
                                << QStringList{QStringLiteral("cb_1")};
    QTest::newRow("invoice id") << QStringLiteral("ch_3") << QStringList{QStringLiteral("cb\\3")};
}

void TestRecordFilter::chargebackSearchIsLiteral()
{
    QFETCH(QString, search);
    QFETCH(QStringList, ids);
    RecordFilter f;
    f.search = search;
    QCOMPARE(selectIds(RecordKind::Chargebacks, f), ids);
}

// The gateway ids `filter` selects from `kind`'s table, in id order; a failed query gives one
// "error: ..." entry, so a comparison shows why.
QStringList TestRecordFilter::selectIds(RecordKind kind, const RecordFilter &filter)
{
    const SqlWhere w = buildWhere(kind, filter, QStringLiteral("t"), m_store->db.backend());
    QSqlQuery q(m_store->db.connection());
    if (!q.prepare(QStringLiteral("SELECT t.gateway_id FROM %1 t %2 ORDER BY t.gateway_id")
                       .arg(tableName(kind), w.clause)))
        return {QStringLiteral("error: ") + q.lastError().text()};
    for (int i = 0; i < w.binds.size(); ++i)
        q.bindValue(i, w.binds.at(i));
    if (!q.exec())
        return {QStringLiteral("error: ") + q.lastError().text()};
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

QTEST_GUILESS_MAIN(TestRecordFilter)
#include "tst_recordfilter.moc"
