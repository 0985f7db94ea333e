// `refunddesk-cli list --search` as a real process over a real cache file: letters typed without
// their marks find the names, NFC and NFD spellings find the same rows, `%` and `_` are plain
// characters, and text that cannot be searched is refused with one stderr line and exit 2
// instead of listing everything.
#include "clirunner.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using rdtest::CliRunner;

class TestCliSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void search_data();
    void search();
    void invalidUtf8IsRefused();

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
};

void TestCliSearch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_dbPath = m_dir.filePath(QStringLiteral("cache.sqlite3"));
    Database db;
    QString error;
    QVERIFY2(db.open(m_dbPath, &error), qPrintable(error));
    const auto account = AccountRepository(db).add(QStringLiteral("shop"), Dialect::Stripe,
                                                   QStringLiteral("https://x.y"), &error);
    QVERIFY2(account, qPrintable(error));
    QList<Invoice> invoices;
    int n = 0;
    for (const QString &customer :
         {QStringLiteral("Søren Kierkegaard"), QStringLiteral("Łukasz Nowak"),
          QStringLiteral("Jens Straße"), QStringLiteral("Jürgen Müller"),
          QStringLiteral("Chloé García"), QStringLiteral("Ana Garci\u0301a"),
          QStringLiteral("John Smith")}) {
        Invoice inv;
        inv.gatewayId = QStringLiteral("ch_%1").arg(++n, 2, 10, QLatin1Char('0'));
        inv.customer = customer;
        inv.amount = Money(1000, u"EUR");
        inv.amountRefunded = Money(0, u"EUR");
        inv.status = CommonStatus::Succeeded;
        inv.createdAt = QDateTime::fromSecsSinceEpoch(1700000000 + n, Qt::UTC);
        invoices << inv;
    }
    RecordRepository records(db);
    QVERIFY2(records.upsertInvoices(account->id, invoices, &error), qPrintable(error));
    QList<Chargeback> chargebacks;
    for (const char *id : {"cb_1", "cbx1"}) {
        Chargeback cb;
        cb.gatewayId = QString::fromLatin1(id);
        cb.invoiceId = QStringLiteral("ch_01");
        cb.amount = Money(100, u"EUR");
        cb.status = CommonStatus::Pending;
        cb.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
        chargebacks << cb;
    }
    QVERIFY2(records.upsertChargebacks(account->id, chargebacks, &error), qPrintable(error));
}

void TestCliSearch::search_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("ids");   // when listed
    QTest::addColumn<QString>("stderrHas"); // when refused
    const auto found = [](const char *name, const QString &text, QStringList ids,
                          const char *kind = "invoices") {
        QTest::newRow(name) << QString::fromLatin1(kind) << text << 0 << ids << QString();
    };
    const auto refused = [](const char *name, const QString &text, const char *why,
                            const char *kind = "invoices") {
        QTest::newRow(name) << QString::fromLatin1(kind) << text << 2 << QStringList()
                            << QString::fromUtf8(why);
    };
    found("soren", QStringLiteral("soren"), {QStringLiteral("ch_01")});
    found("lukasz", QStringLiteral("lukasz"), {QStringLiteral("ch_02")});
    found("strasse", QStringLiteral("strasse"), {QStringLiteral("ch_03")});
    found("muller", QStringLiteral("muller"), {QStringLiteral("ch_04")});
    found("García NFC", QStringLiteral("García"),
          {QStringLiteral("ch_05"), QStringLiteral("ch_06")});
    found("García NFD", QStringLiteral("Garci\u0301a"),
          {QStringLiteral("ch_05"), QStringLiteral("ch_06")});
    found("underscore is literal", QStringLiteral("cb_1"), {QStringLiteral("cb_1")}, "chargebacks");
    refused("quote", QStringLiteral("\""), "no letter or digit");
    refused("star", QStringLiteral("*"), "no letter or digit");
    refused("dash", QStringLiteral("-"), "no letter or digit");
    refused("percent on chargebacks", QStringLiteral("%"), "no letter or digit", "chargebacks");
    refused("120,000 characters", QString(120000, QLatin1Char('a')), "120000 characters long");
}

void TestCliSearch::search()
{
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QFETCH(int, exitCode);
    QFETCH(QStringList, ids);
    QFETCH(QString, stderrHas);
    const auto r =
        CliRunner(m_dbPath).run({QStringLiteral("list"), kind, QStringLiteral("--search"), text,
                                 QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.exitCode, exitCode);
    if (exitCode != 0) {
        QVERIFY2(r.err.contains(stderrHas), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(r.out.isEmpty());
        return;
    }
    const QString idColumn = kind == QLatin1String("invoices") ? QStringLiteral("invoice_id")
                                                               : QStringLiteral("chargeback_id");
    QStringList got;
    for (const QJsonValue &row : QJsonDocument::fromJson(r.out.toUtf8()).array())
        got << row.toObject().value(idColumn).toString();
    got.sort();
    QCOMPARE(got, ids);
}

// Bytes that are not UTF-8 reach the CLI as U+FFFD; they used to list every row.
void TestCliSearch::invalidUtf8IsRefused()
{
    QProcess p;
    p.start(QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"),
             QStringLiteral("exec \"$0\" --db \"$1\" list invoices --search \"$(printf "
                            "'\\377\\376')\""),
             QStringLiteral(RD_CLI_PATH), m_dbPath});
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("not valid UTF-8")), qPrintable(err));
    QCOMPARE(err.count(QLatin1Char('\n')), 1);
    QVERIFY(p.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestCliSearch)
#include "tst_cli_search.moc"
