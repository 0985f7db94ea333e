// Approval thresholds: parsing --approval-above values (every-currency amounts, per-currency
// overrides, none, and the hostile rows) and the exact "strictly above" rule in each currency's
// own units; then the thresholds and requests as the cache stores them, including the triggers
// that refuse a requester approving their own request whoever writes the row.
#include "domain/approvalpolicy.h"
#include "store/accountrepository.h"
#include "store/approvalrepository.h"
#include "store/database.h"
#include "testbackend.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using rd::ApprovalPolicy;
using rd::Money;

class TestApprovalPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseHostile_data();
    void parseHostile();
    void needsApproval_data();
    void needsApproval();
    void lineRoundTrip();
    void storedWithTheAccount_data() { rdtest::addBackendRows(); }
    void storedWithTheAccount();
    void triggersRefuseSelfApproval();
};

void TestApprovalPolicy::parseValid_data()
{
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QString>("line"); // toLine(): what the accounts dialog shows
    QTest::newRow("whole amount") << QStringList{QStringLiteral("100")} << "100";
    QTest::newRow("decimals kept") << QStringList{QStringLiteral("99.50")} << "99.50";
    QTest::newRow("three decimals") << QStringList{QStringLiteral("0.125")} << "0.125";
    QTest::newRow("zero: everything needs approval") << QStringList{QStringLiteral("0")} << "0";
    QTest::newRow("override only") << QStringList{QStringLiteral("5000:JPY")} << "5000:JPY";
    QTest::newRow("override in minor units of its currency")
        << QStringList{QStringLiteral("250:usd")} << "250.00:USD";
    QTest::newRow("every currency and overrides")
        << QStringList{QStringLiteral("5000:JPY"), QStringLiteral("100"), QStringLiteral("1.5:KWD")}
        << "100, 5000:JPY, 1.500:KWD";
    QTest::newRow("none") << QStringList{QStringLiteral("none")} << "none";
    QTest::newRow("NONE") << QStringList{QStringLiteral("NONE")} << "none";
    QTest::newRow("spaces around") << QStringList{QStringLiteral(" 100 ")} << "100";
}

void TestApprovalPolicy::parseValid()
{
    QFETCH(QStringList, values);
    QFETCH(QString, line);
    QString error;
    const auto policy = ApprovalPolicy::parse(values, &error);
    QVERIFY2(policy, qPrintable(error));
    QCOMPARE(policy->toLine(), line);
    QCOMPARE(policy->isEmpty(), line == QLatin1String("none"));
}

void TestApprovalPolicy::parseHostile_data()
{
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing") << QStringList() << "Give an approval threshold";
    QTest::newRow("empty") << QStringList{QString()} << "needs an amount";
    QTest::newRow("negative") << QStringList{QStringLiteral("-5")} << "is not an amount";
    QTest::newRow("comma decimal") << QStringList{QStringLiteral("12,50")} << "is not an amount";
    QTest::newRow("bare point") << QStringList{QStringLiteral("12.")} << "is not an amount";
    QTest::newRow("two points") << QStringList{QStringLiteral("1.2.3")} << "is not an amount";
    QTest::newRow("four decimals") << QStringList{QStringLiteral("1.0001")} << "more than 3";
    QTest::newRow("JPY decimals") << QStringList{QStringLiteral("10.5:JPY")}
                                  << "more decimals than JPY";
    QTest::newRow("USD three decimals")
        << QStringList{QStringLiteral("1.005:USD")} << "more decimals than USD";
    QTest::newRow("unknown currency") << QStringList{QStringLiteral("10:XYZ")} << "not a currency";
    QTest::newRow("missing currency") << QStringList{QStringLiteral("10:")} << "not a currency";
    QTest::newRow("missing amount") << QStringList{QStringLiteral(":EUR")} << "needs an amount";
    QTest::newRow("too large") << QStringList{QStringLiteral("99999999999999999999")}
                               << "too large";
    QTest::newRow("override too large in minor units")
        << QStringList{QStringLiteral("9223372036854775807:USD")} << "too large";
    QTest::newRow("two every-currency values")
        << QStringList{QStringLiteral("100"), QStringLiteral("200")} << "at most one";
    QTest::newRow("two overrides of one currency")
        << QStringList{QStringLiteral("100:EUR"), QStringLiteral("200:eur")} << "EUR has two";
    QTest::newRow("none with an amount")
        << QStringList{QStringLiteral("none"), QStringLiteral("100")} << "do not combine";
    QTest::newRow("words") << QStringList{QStringLiteral("lots")} << "is not an amount";
    QTest::newRow("decimal comma in a line")
        << QStringLiteral("12,5").split(QLatin1Char(',')) << "write decimals with '.'";
}

void TestApprovalPolicy::parseHostile()
{
    QFETCH(QStringList, values);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!ApprovalPolicy::parse(values, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestApprovalPolicy::needsApproval_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<bool>("needs");
    // Strictly above: the threshold itself is still fine alone.
    QTest::newRow("USD at 100") << "100" << qint64(10000) << "USD" << false;
    QTest::newRow("USD one cent above 100") << "100" << qint64(10001) << "USD" << true;
    QTest::newRow("JPY at 100") << "100" << qint64(100) << "JPY" << false;
    QTest::newRow("JPY 101") << "100" << qint64(101) << "JPY" << true;
    QTest::newRow("KWD 100.001") << "100" << qint64(100001) << "KWD" << true;
    QTest::newRow("JPY 100 against 99.5") << "99.5" << qint64(100) << "JPY" << true;
    QTest::newRow("JPY 99 against 99.5") << "99.5" << qint64(99) << "JPY" << false;
    QTest::newRow("USD 99.50 against 99.5") << "99.5" << qint64(9950) << "USD" << false;
    // The override decides for its currency; other currencies keep the every-currency value.
    QTest::newRow("JPY below override") << "100, 5000:JPY" << qint64(4000) << "JPY" << false;
    QTest::newRow("JPY above override") << "100, 5000:JPY" << qint64(5001) << "JPY" << true;
    QTest::newRow("EUR by every-currency") << "100, 5000:JPY" << qint64(10001) << "EUR" << true;
    QTest::newRow("override only, other currency")
        << "5000:JPY" << qint64(99999999) << "EUR" << false;
    QTest::newRow("lower override") << "100, 10:EUR" << qint64(1001) << "EUR" << true;
    QTest::newRow("zero: any amount") << "0" << qint64(1) << "USD" << true;
    QTest::newRow("none") << "none" << qint64(999999999) << "USD" << false;
    // No overflow where scaling the amount would leave int64.
    QTest::newRow("huge amount") << "0.001" << std::numeric_limits<qint64>::max() << "USD" << true;
}

void TestApprovalPolicy::needsApproval()
{
    QFETCH(QString, policy);
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(bool, needs);
    QString error;
    const auto p = ApprovalPolicy::parseLine(policy, &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->needsApproval(Money(minor, currency)), needs);
}

void TestApprovalPolicy::lineRoundTrip()
{
    QString error;
    const auto p = ApprovalPolicy::parseLine(QStringLiteral("5000:JPY, 100,2.5:EUR"), &error);
    QVERIFY2(p, qPrintable(error));
    const auto again = ApprovalPolicy::parseLine(p->toLine(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(*again, *p);
    // An empty line in the dialog means no approval.
    const auto empty = ApprovalPolicy::parseLine(QString(), &error);
    QVERIFY(empty);
    QVERIFY(empty->isEmpty());
}

// On a SQLite cache and on a PostgreSQL team database alike.
void TestApprovalPolicy::storedWithTheAccount()
{
    BACKEND_OR_SKIP();
    rdtest::TestStore store(rdtest::currentBackend());
    QString error;
    const QString address = store.address(QStringLiteral("c"), &error);
    QVERIFY2(!address.isEmpty(), qPrintable(error));
    rd::Database db;
    QVERIFY2(db.open(address, &error), qPrintable(error));
    rd::AccountRepository accounts(db);
    const auto a = accounts.add(QStringLiteral("Shop"), rd::Dialect::Stripe,
                                QStringLiteral("https://api.stripe.com"), &error);
    QVERIFY2(a, qPrintable(error));
    rd::ApprovalRepository repo(db);
    QVERIFY(repo.policy(a->id)->isEmpty());
    const auto p = ApprovalPolicy::parseLine(QStringLiteral("100, 5000:JPY"), &error);
    QVERIFY(repo.setPolicy(a->id, *p, &error));
    QCOMPARE(repo.policy(a->id)->toLine(), QStringLiteral("100, 5000:JPY"));
    // Setting replaces; none removes.
    QVERIFY(
        repo.setPolicy(a->id, *ApprovalPolicy::parseLine(QStringLiteral("7:EUR"), &error), &error));
    QCOMPARE(repo.policy(a->id)->toLine(), QStringLiteral("7.00:EUR"));
    QVERIFY(repo.setPolicy(a->id, ApprovalPolicy(), &error));
    QVERIFY(repo.policy(a->id)->isEmpty());
}

// SQLite's triggers, with the requester named by the writer. On a team database the server
// names the requester and the approver itself: tst_approvals (its postgresql rows) and
// tst_team_cli::makerCheckerIsEnforcedByTheDatabase cover those triggers there.
void TestApprovalPolicy::triggersRefuseSelfApproval()
{
    QTemporaryDir dir;
    rd::Database db;
    QString error;
    QVERIFY2(db.open(dir.filePath(QStringLiteral("c.sqlite3")), &error), qPrintable(error));
    const auto a = rd::AccountRepository(db).add(QStringLiteral("Shop"), rd::Dialect::Stripe,
                                                 QStringLiteral("https://api.stripe.com"), &error);
    QVERIFY2(a, qPrintable(error));
    rd::ApprovalRepository repo(db);
    rd::ApprovalRequest r;
    r.accountId = a->id;
    r.invoiceId = QStringLiteral("ch_1");
    r.amount = Money(50000, u"USD");
    r.requestedBy = QStringLiteral("alice");
    QVERIFY2(repo.insert(r, &error), qPrintable(error));

    // Through the repository, and as plain SQL: the database itself says no.
    QVERIFY(!repo.approve(r.id, QStringLiteral("Alice"), QStringLiteral("rdop_x"), &error));
    QVERIFY2(error.contains(QLatin1String("cannot approve their own request")), qPrintable(error));
    QSqlQuery q(db.connection());
    QVERIFY(!q.exec(QStringLiteral("UPDATE approvals SET state = 'approved', decided_by = "
                                   "requested_by WHERE id = %1")
                        .arg(r.id)));
    QVERIFY2(q.lastError().text().contains(QLatin1String("cannot approve their own request")),
             qPrintable(q.lastError().text()));
    // Nor by renaming the requester first, nor by inserting a decided row.
    QVERIFY(!q.exec(
        QStringLiteral("UPDATE approvals SET requested_by = 'bob' WHERE id = %1").arg(r.id)));
    QVERIFY(!q.exec(
        QStringLiteral(
            "INSERT INTO approvals (account_id, kind, invoice_id, amount, currency, state, "
            "requested_by, requested_at, decided_by) VALUES (%1, 'refund', 'ch_2', 100, 'USD', "
            "'approved', 'alice', 0, 'alice')")
            .arg(a->id)));
    QCOMPARE(repo.find(r.id)->value().state, rd::ApprovalState::Awaiting);
    QCOMPARE(repo.awaitingAmount(a->id, QStringLiteral("ch_1"), QStringLiteral("USD")).value(),
             Money(50000, u"USD"));

    // Another person may; and a decision is final.
    QVERIFY2(repo.approve(r.id, QStringLiteral("bob"), QStringLiteral("rdop_y"), &error),
             qPrintable(error));
    QCOMPARE(repo.find(r.id)->value().state, rd::ApprovalState::Approved);
    QCOMPARE(repo.find(r.id)->value().decidedBy, QStringLiteral("bob"));
    QCOMPARE(repo.awaitingAmount(a->id, QStringLiteral("ch_1"), QStringLiteral("USD")).value(),
             Money(0, u"USD"));
    QVERIFY(!repo.reject(r.id, QStringLiteral("carol"), QStringLiteral("late"), &error));
    QVERIFY(
        !q.exec(QStringLiteral("UPDATE approvals SET state = 'rejected' WHERE id = %1").arg(r.id)));
}

QTEST_GUILESS_MAIN(TestApprovalPolicy)
#include "tst_approvalpolicy.moc"
