// The invoice states the filter offers (paid and nothing refunded, partly refunded, refunded,
// disputed) and the amount range, against a real store (a SQLite file and a PostgreSQL
// database): each selects the invoices the
// invoices table labels that way, pending refunds never count as refunded, and an invoice
// state on refunds selects the refunds of such invoices.
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

class TestInvoiceStates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void initTestCase();
    void init();
    void states_data();
    void states();

private:
    QStringList select(RecordKind kind, const RecordFilter &filter);

    // One store per backend, filled once: the tests only read them.
    struct Store
    {
        explicit Store(rdtest::Backend backend) : where(backend) {}
        rdtest::TestStore where; // outlives db
        Database db;
    };
    static void fill(Database &db);
    std::map<rdtest::Backend, std::unique_ptr<Store>> m_stores;
    Database *m_db = nullptr; // the current row's
};

void TestInvoiceStates::initTestCase()
{
    for (const rdtest::Backend backend : {rdtest::Backend::Sqlite, rdtest::Backend::Postgres}) {
        if (backend == rdtest::Backend::Postgres &&
            rdtest::PgTestDatabase::serverAddress().isEmpty())
            continue; // its rows skip, saying why
        auto store = std::make_unique<Store>(backend);
        QString error;
        const QString address = store->where.address(QStringLiteral("s"), &error);
        QVERIFY2(!address.isEmpty() && store->db.open(address, &error), qPrintable(error));
        fill(store->db);
        m_stores[backend] = std::move(store);
    }
}

void TestInvoiceStates::init()
{
    BACKEND_OR_SKIP();
    m_db = &m_stores.at(rdtest::currentBackend())->db;
}

void TestInvoiceStates::fill(Database &db)
{
    QString error;
    AccountRepository accounts(db);
    const qint64 stripe =
        accounts.add(QStringLiteral("s"), Dialect::Stripe, QStringLiteral("https://a.b"), &error)
            ->id;
    const qint64 intasend =
        accounts.add(QStringLiteral("i"), Dialect::IntaSend, QStringLiteral("https://a.b"), &error)
            ->id;
    auto invoice = [](const char *id, qint64 amount, CommonStatus status, bool disputed) {
        Invoice inv;
        inv.gatewayId = QString::fromLatin1(id);
        inv.amount = Money(amount, QStringLiteral("EUR"));
        inv.amountRefunded = Money(0, QStringLiteral("EUR"));
        inv.status = status;
        inv.disputed = disputed;
        inv.createdAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
        return inv;
    };
    auto refund = [](const char *id, const char *invoiceId, qint64 amount, CommonStatus status) {
        Refund r;
        r.gatewayId = QString::fromLatin1(id);
        r.invoiceId = QString::fromLatin1(invoiceId);
        r.amount = Money(amount, QStringLiteral("EUR"));
        r.status = status;
        r.createdAt = QDateTime(QDate(2024, 5, 2), QTime(12, 0), Qt::UTC);
        return r;
    };
    RecordRepository records(db);
    QVERIFY(records.upsertInvoices(
        stripe,
        {invoice("ch_paid", 1000, CommonStatus::Succeeded, false),
         invoice("ch_part", 1000, CommonStatus::Succeeded, false),
         invoice("ch_full", 1000, CommonStatus::Succeeded, false),
         // Its only refund requires action: not refunded yet, and not "nothing refunded".
         invoice("ch_waiting", 1000, CommonStatus::Succeeded, false),
         invoice("ch_disputed", 5000, CommonStatus::Succeeded, true),
         invoice("ch_failed", 700, CommonStatus::Failed, false)},
        &error));
    QVERIFY(
        records.upsertRefunds(stripe,
                              {refund("re_part", "ch_part", 400, CommonStatus::Succeeded),
                               refund("re_full", "ch_full", 1000, CommonStatus::Succeeded),
                               refund("re_wait", "ch_waiting", 1000, CommonStatus::RequiresAction),
                               refund("re_failed", "ch_paid", 300, CommonStatus::Failed)},
                              &error));
    // IntaSend refunds through chargebacks (refund requests).
    QVERIFY(records.upsertInvoices(
        intasend, {invoice("IS_FULL", 2000, CommonStatus::Succeeded, false)}, &error));
    Chargeback c;
    c.gatewayId = QStringLiteral("cb_1");
    c.invoiceId = QStringLiteral("IS_FULL");
    c.amount = Money(2000, QStringLiteral("EUR"));
    c.status = CommonStatus::Succeeded;
    c.createdAt = QDateTime(QDate(2024, 5, 2), QTime(12, 0), Qt::UTC);
    QVERIFY(records.upsertChargebacks(intasend, {c}, &error));
}

QStringList TestInvoiceStates::select(RecordKind kind, const RecordFilter &filter)
{
    const SqlWhere w = buildWhere(kind, filter, QStringLiteral("t"), m_db->backend());
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT t.gateway_id FROM %1 t %2 ORDER BY t.gateway_id")
                  .arg(tableName(kind), w.clause));
    for (const QVariant &b : w.binds)
        q.addBindValue(b);
    QStringList ids;
    if (!q.exec()) {
        qWarning() << q.lastError().text();
        return {QStringLiteral("<error>")};
    }
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

void TestInvoiceStates::states_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<qint64>("min"); // -1: none
    QTest::addColumn<qint64>("max");
    QTest::addColumn<QStringList>("ids");
    const int invoices = int(RecordKind::Invoices);
    QTest::newRow("nothing refunded")
        << invoices << "not_refunded"
        << "" << qint64(-1) << qint64(-1) << QStringList{QStringLiteral("ch_paid")};
    QTest::newRow("partly refunded")
        << invoices << "partly_refunded"
        << "" << qint64(-1) << qint64(-1) << QStringList{QStringLiteral("ch_part")};
    QTest::newRow("refunded, IntaSend by its requests")
        << invoices << "refunded"
        << "" << qint64(-1) << qint64(-1)
        << QStringList{QStringLiteral("IS_FULL"), QStringLiteral("ch_full")};
    QTest::newRow("disputed") << invoices << "disputed"
                              << "" << qint64(-1) << qint64(-1)
                              << QStringList{QStringLiteral("ch_disputed")};
    QTest::newRow("common status still works")
        << invoices << "failed"
        << "" << qint64(-1) << qint64(-1) << QStringList{QStringLiteral("ch_failed")};
    QTest::newRow("refunds of partly refunded invoices")
        << int(RecordKind::Refunds) << "partly_refunded"
        << "" << qint64(-1) << qint64(-1) << QStringList{QStringLiteral("re_part")};
    QTest::newRow("amount range, inclusive")
        << invoices << ""
        << "EUR" << qint64(1000) << qint64(2000)
        << QStringList{QStringLiteral("IS_FULL"), QStringLiteral("ch_full"),
                       QStringLiteral("ch_paid"), QStringLiteral("ch_part"),
                       QStringLiteral("ch_waiting")};
    QTest::newRow("amount without currency is ignored")
        << invoices << "disputed"
        << "" << qint64(1) << qint64(2) << QStringList{QStringLiteral("ch_disputed")};
    QTest::newRow("refund amounts")
        << int(RecordKind::Refunds) << ""
        << "EUR" << qint64(350) << qint64(500) << QStringList{QStringLiteral("re_part")};
}

void TestInvoiceStates::states()
{
    QFETCH(int, kind);
    QFETCH(QString, status);
    QFETCH(QString, currency);
    QFETCH(qint64, min);
    QFETCH(qint64, max);
    QFETCH(QStringList, ids);
    RecordFilter f;
    f.status = status;
    f.currency = currency;
    if (min >= 0)
        f.minAmount = min;
    if (max >= 0)
        f.maxAmount = max;
    QCOMPARE(select(RecordKind(kind), f), ids);
}

QTEST_GUILESS_MAIN(TestInvoiceStates)
#include "tst_invoicestates.moc"
