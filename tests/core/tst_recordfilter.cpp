// RecordFilter against a real cache file: every filter selects the rows it should, and search
// text can never inject SQL or FTS syntax.
#include "store/accountrepository.h"
#include "store/database.h"
#include "store/recordfilter.h"
#include "store/recordrepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestRecordFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void filters_data();
    void filters();
    void ftsQueryQuotesEveryWord();

private:
    QTemporaryDir m_dir;
    Database m_db;
    qint64 m_a = 0;
    qint64 m_b = 0;
};

void TestRecordFilter::initTestCase()
{
    QString error;
    QVERIFY2(m_db.open(m_dir.filePath(QStringLiteral("f.sqlite3")), &error), qPrintable(error));
    AccountRepository accounts(m_db);
    m_a = accounts.add(QStringLiteral("a"), Dialect::Stripe, QStringLiteral("https://a.b"), &error)
              ->id;
    m_b = accounts
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
    RecordRepository records(m_db);
    QVERIFY(records.upsertInvoices(m_a,
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
    QVERIFY(records.upsertInvoices(
        m_b,
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
    f.accountId = account == 1 ? m_a : (account == 2 ? m_b : 0);
    f.search = search;
    f.status = status;
    f.currency = currency;
    f.from = QDate::fromString(from, Qt::ISODate);
    f.to = QDate::fromString(to, Qt::ISODate);
    const SqlWhere w = buildWhere(RecordKind::Invoices, f, QStringLiteral("i"));
    QSqlQuery q(m_db.connection());
    QVERIFY(q.prepare(QStringLiteral("SELECT i.gateway_id FROM invoices i %1 ORDER BY i.gateway_id")
                          .arg(w.clause)));
    for (int i = 0; i < w.binds.size(); ++i)
        q.bindValue(i, w.binds.at(i));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QStringList got;
    while (q.next())
        got << q.value(0).toString();
    QCOMPARE(got, ids);
}

void TestRecordFilter::ftsQueryQuotesEveryWord()
{
    QCOMPARE(ftsPrefixQuery(QStringLiteral("  zoe  Müller ")),
             QStringLiteral("\"zoe\"* \"Müller\"*"));
    QCOMPARE(ftsPrefixQuery(QStringLiteral("\"; DROP")), QStringLiteral("\"DROP\"*"));
    QVERIFY(ftsPrefixQuery(QStringLiteral("*** ---")).isEmpty());
}

QTEST_GUILESS_MAIN(TestRecordFilter)
#include "tst_recordfilter.moc"
