// The store on both backends, a SQLite file and a PostgreSQL database: reopening, a migration
// that keeps what older schemas hold, account validation, constraints, the append-only audit
// log and record upserts. What is only about the SQLite file (pragmas, migrating from schema 1,
// a newer or damaged file) is in tst_cachefile.
#include "domain/records.h"
#include "store/accountrepository.h"
#include "store/approvalrepository.h"
#include "store/database.h"
#include "store/recordfilter.h"
#include "store/recordrepository.h"
#include "store/schema.h"
#include "testbackend.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace rd;

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void init();
    void reopenKeepsData();
    void approvalsSurviveTheRefiledMigration();
    void accountValidation_data();
    void accountValidation();
    void duplicateAccountNameRefused();
    void auditLogIsAppendOnly();
    void upsertReplacesByGatewayId();
    void removingAccountCascades();
    void boundParametersSurviveHostileText();

private:
    // The test's store: made on first use, the same address for every open of one test.
    QString path()
    {
        if (m_path.isEmpty()) {
            QString error;
            m_path = m_store->address(QStringLiteral("cache"), &error);
            if (m_path.isEmpty())
                qWarning("no store: %s", qPrintable(error));
        }
        return m_path;
    }
    std::unique_ptr<rdtest::TestStore> m_store;
    QString m_storeFunction; // the test function m_store was made for
    QString m_path;
};

static QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return QVariant();
    return q.value(0);
}

static Invoice sampleInvoice(const QString &id, qint64 amount, const QString &customer)
{
    Invoice inv;
    inv.gatewayId = id;
    inv.customer = customer;
    inv.email = QStringLiteral("a@example.com");
    inv.amount = Money(amount, u"USD");
    inv.amountRefunded = Money(0, u"USD");
    inv.gatewayStatus = QStringLiteral("succeeded");
    inv.status = CommonStatus::Succeeded;
    inv.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    return inv;
}

void TestDatabase::init()
{
    BACKEND_OR_SKIP();
    // The rows of accountValidation share one store (a PostgreSQL database costs a second to
    // make): each adds at most an account of a name no other row uses. Every other test starts
    // on an empty store.
    const QString function = QString::fromLatin1(QTest::currentTestFunction());
    if (m_store && m_store->backend() == rdtest::currentBackend() && function == m_storeFunction &&
        function == QLatin1String("accountValidation"))
        return;
    m_store = std::make_unique<rdtest::TestStore>(rdtest::currentBackend());
    m_storeFunction = function;
    m_path.clear();
}

// The ids `search` finds among the invoices, through the same filter the lists use.
static QStringList searchInvoices(Database &db, const QString &search)
{
    RecordFilter f;
    f.search = search;
    const SqlWhere w = buildWhere(RecordKind::Invoices, f, QStringLiteral("t"), db.backend());
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT t.gateway_id FROM invoices t %1 ORDER BY t.gateway_id")
                  .arg(w.clause));
    for (const QVariant &b : w.binds)
        q.addBindValue(b);
    if (!q.exec())
        return {QStringLiteral("error: ") + q.lastError().text()};
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

void TestDatabase::reopenKeepsData()
{
    {
        Database db;
        QString error;
        QVERIFY2(db.open(path(), &error), qPrintable(error));
        QVERIFY(AccountRepository(db).add(QStringLiteral("shop"), Dialect::Stripe,
                                          QStringLiteral("https://api.stripe.com"), &error));
    }
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    const auto accounts = AccountRepository(db).list().value();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.first().name, QStringLiteral("shop"));
    QCOMPARE(accounts.first().dialect, Dialect::Stripe);
    QVERIFY(!accounts.first().lastSyncAt.isValid());
}

void TestDatabase::approvalsSurviveTheRefiledMigration()
{
    // Schema 7 gave approval requests the request they repeat; requests from before keep who
    // asked and repeat none.
    const int before = 6;
    QVERIFY(schema::latestVersion() > before);
    QString error;
    qint64 id = 0;
    QString requester;
    {
        Database v6;
        QVERIFY2(v6.open(path(), &error, before), qPrintable(error));
        QCOMPARE(v6.schemaVersion(), before);
        const auto account = AccountRepository(v6).add(QStringLiteral("shop"), Dialect::Stripe,
                                                       QStringLiteral("https://x.y"), &error);
        QVERIFY2(account, qPrintable(error));
        QSqlQuery q(v6.connection());
        // Written as schema 6 had it; on PostgreSQL the server stamps who asked.
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO approvals (account_id, kind, invoice_id, "
                                       "amount, currency, state, requested_by, requested_at) "
                                       "VALUES (%1, 'refund', 'ch_1', 500, 'USD', 'awaiting', "
                                       "'alice', 1700000000)")
                            .arg(account->id)),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("SELECT id, requested_by FROM approvals")) && q.next());
        id = q.value(0).toLongLong();
        requester = q.value(1).toString();
        QCOMPARE(requester, v6.isPostgres() ? v6.databaseUser() : QStringLiteral("alice"));
    }
    Database db;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), schema::latestVersion());
    const auto request = ApprovalRepository(db).find(id);
    QVERIFY2(request, qPrintable(request.error()));
    QVERIFY(request->has_value());
    QCOMPARE((*request)->requestedBy, requester);
    QCOMPARE((*request)->amount, Money(500, u"USD"));
    QCOMPARE((*request)->refiledFrom, qint64(0));
    QCOMPARE((*request)->state, ApprovalState::Awaiting);
}

void TestDatabase::accountValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("ok https") << QStringLiteral("EU shop")
                              << QStringLiteral("https://api.stripe.com") << QString();
    QTest::newRow("ok loopback http")
        << QStringLiteral("demo") << QStringLiteral("http://127.0.0.1:8080/stripe") << QString();
    QTest::newRow("ok localhost http")
        << QStringLiteral("demo2") << QStringLiteral("http://localhost:1/x") << QString();
    QTest::newRow("empty name") << QString() << QStringLiteral("https://a.b")
                                << QStringLiteral("needs a name");
    QTest::newRow("padded name") << QStringLiteral(" x ") << QStringLiteral("https://a.b")
                                 << QStringLiteral("spaces");
    QTest::newRow("control char") << QStringLiteral("a\nb") << QStringLiteral("https://a.b")
                                  << QStringLiteral("control");
    QTest::newRow("remote http") << QStringLiteral("x") << QStringLiteral("http://api.stripe.com")
                                 << QStringLiteral("loopback");
    QTest::newRow("ftp") << QStringLiteral("x") << QStringLiteral("ftp://a.b")
                         << QStringLiteral("https://");
    QTest::newRow("garbage url") << QStringLiteral("x") << QStringLiteral("not a url")
                                 << QStringLiteral("not a valid URL");
}

void TestDatabase::accountValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, errorPart);
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    const qsizetype before = AccountRepository(db).list().value().size();
    const auto account = AccountRepository(db).add(name, Dialect::Stripe, url, &error);
    if (errorPart.isEmpty()) {
        QVERIFY2(account.has_value(), qPrintable(error));
    } else {
        QVERIFY(!account.has_value());
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QCOMPARE(AccountRepository(db).list().value().size(), before);
    }
}

void TestDatabase::duplicateAccountNameRefused()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    AccountRepository repo(db);
    QVERIFY(repo.add(QStringLiteral("a"), Dialect::Stripe, QStringLiteral("https://x.y"), &error));
    QVERIFY(
        !repo.add(QStringLiteral("a"), Dialect::WooshPay, QStringLiteral("https://x.y"), &error));
    QVERIFY(error.contains(QLatin1String("already exists")));
    QCOMPARE(repo.list().value().size(), 1);
}

void TestDatabase::auditLogIsAppendOnly()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO audit_log (at, os_user, account, action) "
                                  "VALUES (1, 'u', 'a', 'refund.requested')")));
    QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET action = 'x'")));
    QVERIFY(q.lastError().text().contains(QLatin1String("append-only")));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
    QCOMPARE(scalar(db, QStringLiteral("SELECT action FROM audit_log")).toString(),
             QStringLiteral("refund.requested"));
}

void TestDatabase::upsertReplacesByGatewayId()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    const auto account = AccountRepository(db).add(QStringLiteral("s"), Dialect::Stripe,
                                                   QStringLiteral("https://x.y"), &error);
    QVERIFY(account);
    RecordRepository records(db);
    Invoice inv = sampleInvoice(QStringLiteral("ch_1"), 1000, QStringLiteral("A"));
    QVERIFY(records.upsertInvoices(account->id, {inv}, &error));
    inv.amountRefunded = Money(400, u"USD");
    inv.customer = QStringLiteral("B");
    QVERIFY(records.upsertInvoices(account->id, {inv}, &error));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM invoices")).toInt(), 1);
    const auto back = records.invoice(account->id, QStringLiteral("ch_1")).value();
    QVERIFY(back);
    QCOMPARE(back->amountRefunded.minorUnits(), qint64(400));
    QCOMPARE(back->customer, QStringLiteral("B"));
    // Search follows the update.
    QCOMPARE(searchInvoices(db, QStringLiteral("B")), QStringList{QStringLiteral("ch_1")});

    Refund r;
    r.gatewayId = QStringLiteral("re_1");
    r.invoiceId = QStringLiteral("ch_1");
    r.amount = Money(400, u"USD");
    r.status = CommonStatus::Succeeded;
    r.metadata.insert(QStringLiteral("refunddesk_operation"), QStringLiteral("op-1"));
    r.createdAt = QDateTime::currentDateTimeUtc();
    // One batch may hold a record twice (a listing that moved between pages): the later wins.
    Refund earlier = r;
    earlier.amount = Money(300, u"USD");
    earlier.status = CommonStatus::Pending;
    earlier.metadata.insert(QStringLiteral("refunddesk_operation"), QStringLiteral("op-0"));
    QVERIFY2(records.upsertRefunds(account->id, {earlier, r}, &error), qPrintable(error));
    const auto refunds = records.refundsOf(account->id, QStringLiteral("ch_1")).value();
    QCOMPARE(refunds.size(), 1);
    QCOMPARE(refunds.first().metadata.value(QStringLiteral("refunddesk_operation")),
             QStringLiteral("op-1"));
    QCOMPARE(refunds.first().amount, Money(400, u"USD"));
    QCOMPARE(refunds.first().status, CommonStatus::Succeeded);
    QVERIFY2(records.upsertInvoices(account->id, {inv, inv}, &error), qPrintable(error));
}

void TestDatabase::removingAccountCascades()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    AccountRepository accounts(db);
    const auto account =
        accounts.add(QStringLiteral("s"), Dialect::Stripe, QStringLiteral("https://x.y"), &error);
    QVERIFY(account);
    QVERIFY(RecordRepository(db).upsertInvoices(
        account->id, {sampleInvoice(QStringLiteral("ch_1"), 1, QStringLiteral("A"))}, &error));
    QVERIFY2(accounts.remove(account->id, &error), qPrintable(error));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM invoices")).toInt(), 0);
    // A foreign key to a missing account is refused.
    QVERIFY(!RecordRepository(db).upsertInvoices(
        999, {sampleInvoice(QStringLiteral("ch_2"), 1, QStringLiteral("A"))}, &error));
    // Worded by each backend: SQLite's "FOREIGN KEY constraint failed", PostgreSQL's "violates
    // foreign key constraint".
    QVERIFY2(error.contains(QLatin1String("foreign key"), Qt::CaseInsensitive), qPrintable(error));
}

void TestDatabase::boundParametersSurviveHostileText()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    const QString hostile =
        QStringLiteral("Robert'); DROP TABLE invoices;-- \"=1+1\" 🙂 עברית");
    const auto account =
        AccountRepository(db).add(hostile, Dialect::Stripe, QStringLiteral("https://x.y"), &error);
    QVERIFY2(account, qPrintable(error));
    QVERIFY2(RecordRepository(db).upsertInvoices(account->id, {sampleInvoice(hostile, 1, hostile)},
                                                 &error),
             qPrintable(error));
    QCOMPARE(AccountRepository(db).findByName(hostile)->name, hostile);
    QCOMPARE(RecordRepository(db).invoice(account->id, hostile).value()->customer, hostile);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
