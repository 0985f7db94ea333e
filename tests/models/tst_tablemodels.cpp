// The cache's table models against a real cache file: they pass QAbstractItemModelTester while
// loading, sorting, filtering and refreshing; they load pages lazily; sort and filter in SQL;
// and compute the refundable amount as the design defines it.
#include "accountlistmodel.h"
#include "cachefixture.h"
#include "chargebacktablemodel.h"
#include "displayformat.h"
#include "invoicedetail.h"
#include "invoicetablemodel.h"
#include "modelroles.h"
#include "outboxtablemodel.h"
#include "refundtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using namespace rdtest;

namespace {

constexpr int InvoiceCount = 1234;
constexpr qint64 BaseTime = 1714000000;

qint64 amountOf(int n)
{
    return 1000 + (qint64(n) * 7919) % 100000;
}
bool onA(int n)
{
    return n % 2 == 0;
}
QString currencyOf(int n)
{
    if (onA(n))
        return QStringLiteral("USD");
    return n % 3 == 0 ? QStringLiteral("JPY") : QStringLiteral("EUR");
}

// Waits until the model has applied its count and loaded every page asked for so far.
bool settle(const LazyTableModel &model)
{
    return QTest::qWaitFor([&] { return !model.isLoading(); }, 10000);
}

// Asks for a row (as a view painting it would) and waits for it to arrive.
QVariant loaded(const LazyTableModel &model, int row, int column, int role = Qt::DisplayRole)
{
    const QModelIndex index = model.index(row, column);
    model.data(index, role); // asks for the page, or for a fresh copy of a stale one
    if (!settle(model))
        return {};
    return model.data(index, role);
}

} // namespace

class TestTableModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyModelPassesTheTester();
    void countMatchesAndPagesAreLazy();
    void sortsInSql_data();
    void sortsInSql();
    void unsortableColumnKeepsTheOrder();
    void filters_data();
    void filters();
    void supersededFilterIsDropped();
    void newFilterReadsOnlyItsFirstPage();
    void refundableFollowsTheDesignRule();
    void pendingRefundsAreShownApart();
    void rolesCarryRawValues();
    void refreshInsertsRowsWithoutReset();
    void outboxShowsOpenOperationsOnly();
    void detailLoaderReadsEverything();

private:
    qint64 sqlCount(const QString &sql);

    QTemporaryDir m_dir;
    QString m_path;
    Database m_db;
    qint64 m_a = 0;
    qint64 m_b = 0;
};

void TestTableModels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("cache.sqlite3"));
    QString error;
    QVERIFY2(m_db.open(m_path, &error), qPrintable(error));
    AccountRepository accounts(m_db);
    m_a = accounts
              .add(QStringLiteral("EU Stripe"), Dialect::Stripe,
                   QStringLiteral("https://api.example"), &error)
              ->id;
    m_b = accounts
              .add(QStringLiteral("Chargebee"), Dialect::Chargebee,
                   QStringLiteral("https://cb.example"), &error)
              ->id;
    QList<Invoice> a, b;
    QList<Refund> refundsA, refundsB;
    for (int n = 0; n < InvoiceCount; ++n) {
        const Invoice inv = makeInvoice(n, currencyOf(n), amountOf(n), BaseTime + n * 3600);
        (onA(n) ? a : b) << inv;
        QList<Refund> &refunds = onA(n) ? refundsA : refundsB;
        if (n % 10 == 0)
            refunds << makeRefund(QStringLiteral("re_%1a").arg(n), inv.gatewayId, 500,
                                  currencyOf(n), CommonStatus::Succeeded, BaseTime + n * 3600 + 60);
        if (n % 20 == 0)
            refunds << makeRefund(QStringLiteral("re_%1b").arg(n), inv.gatewayId, 100,
                                  currencyOf(n), CommonStatus::Pending, BaseTime + n * 3600 + 120);
        if (n % 15 == 0)
            refunds << makeRefund(QStringLiteral("re_%1c").arg(n), inv.gatewayId, 300,
                                  currencyOf(n), CommonStatus::Failed, BaseTime + n * 3600 + 180);
    }
    QVERIFY(m_db.beginImmediate(&error));
    RecordRepository records(m_db);
    QVERIFY2(records.upsertInvoices(m_a, a, &error), qPrintable(error));
    QVERIFY2(records.upsertInvoices(m_b, b, &error), qPrintable(error));
    QVERIFY2(records.upsertRefunds(m_a, refundsA, &error), qPrintable(error));
    QVERIFY2(records.upsertRefunds(m_b, refundsB, &error), qPrintable(error));
    Chargeback cb;
    cb.gatewayId = QStringLiteral("dp_1");
    cb.invoiceId = QStringLiteral("ch_000002");
    cb.amount = Money(amountOf(2), QStringLiteral("USD"));
    cb.reason = QStringLiteral("fraudulent");
    cb.status = CommonStatus::Pending;
    cb.createdAt = QDateTime::fromSecsSinceEpoch(BaseTime, Qt::UTC);
    QVERIFY(records.upsertChargebacks(m_a, {cb}, &error));
    QVERIFY2(insertOutbox(m_db, QStringLiteral("op-unknown"), m_a, QStringLiteral("ch_000004"), 250,
                          QStringLiteral("USD"), QStringLiteral("unknown"), &error),
             qPrintable(error));
    QVERIFY(insertOutbox(m_db, QStringLiteral("op-rejected"), m_a, QStringLiteral("ch_000006"), 99,
                         QStringLiteral("USD"), QStringLiteral("rejected"), &error));
    QVERIFY(m_db.commit(&error));
}

qint64 TestTableModels::sqlCount(const QString &sql)
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

void TestTableModels::everyModelPassesTheTester()
{
    InvoiceTableModel invoices(m_path);
    RefundTableModel refunds(m_path);
    ChargebackTableModel chargebacks(m_path);
    OutboxTableModel outbox(m_path);
    const QList<LazyTableModel *> models{&invoices, &refunds, &chargebacks, &outbox};
    for (LazyTableModel *model : models) {
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(settle(*model));
        QVERIFY(model->rowCount() > 0);
        loaded(*model, model->rowCount() - 1, 0);
        for (int column = 0; column < model->columnCount(); ++column) {
            if (model->isSortable(column)) {
                model->sort(column, Qt::AscendingOrder);
                QVERIFY(settle(*model));
            }
        }
        RecordFilter f;
        f.accountId = m_a;
        model->setFilter(f);
        QVERIFY(settle(*model));
        model->refresh();
        QVERIFY(settle(*model));
        f.search = QStringLiteral("nothing-matches-this");
        model->setFilter(f);
        QVERIFY(settle(*model));
        QCOMPARE(model->rowCount(), 0);
        model->setFilter(RecordFilter());
        QVERIFY(settle(*model));
        QVERIFY(!QTest::currentTestFailed());
    }
    AccountListModel accounts;
    QAbstractItemModelTester tester(&accounts,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    accounts.setAccounts(AccountRepository(m_db).list().value());
    QCOMPARE(accounts.rowCount(), 3); // "All accounts" and the two
    accounts.setAccounts({});
    QCOMPARE(accounts.rowCount(), 1);
}

void TestTableModels::countMatchesAndPagesAreLazy()
{
    InvoiceTableModel model(m_path);
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), InvoiceCount);
    QCOMPARE(model.rowsFetched(), qint64(LazyTableModel::PageSize)); // only the first page
    QVERIFY(loaded(model, InvoiceCount - 1, InvoiceTableModel::InvoiceId).isValid());
    QVERIFY(settle(model));
    // The last page and the first: not the rows in between.
    QCOMPARE(model.rowsFetched(),
             qint64(LazyTableModel::PageSize + InvoiceCount % LazyTableModel::PageSize));
    QVERIFY(model.residentRows() < InvoiceCount);
}

void TestTableModels::sortsInSql_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QString>("expectedFirst"); // SQL for the expected first raw value
    QTest::newRow("amount ascending") << int(InvoiceTableModel::Amount) << int(Qt::AscendingOrder)
                                      << QStringLiteral("SELECT MIN(amount) FROM invoices");
    QTest::newRow("amount descending") << int(InvoiceTableModel::Amount) << int(Qt::DescendingOrder)
                                       << QStringLiteral("SELECT MAX(amount) FROM invoices");
    QTest::newRow("created ascending") << int(InvoiceTableModel::Created) << int(Qt::AscendingOrder)
                                       << QStringLiteral("SELECT MIN(created_at) FROM invoices");
}

void TestTableModels::sortsInSql()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QString, expectedFirst);
    InvoiceTableModel model(m_path);
    model.sort(column, Qt::SortOrder(order));
    QVERIFY(settle(model));
    QVariant first = loaded(model, 0, column, RawValueRole);
    if (first.userType() == QMetaType::QDateTime)
        first = first.toDateTime().toSecsSinceEpoch();
    QCOMPARE(first.toLongLong(), sqlCount(expectedFirst));
    // Rows stay in order across a page boundary.
    const QVariant a =
        loaded(model, LazyTableModel::PageSize - 1, InvoiceTableModel::Amount, RawValueRole);
    const QVariant b =
        loaded(model, LazyTableModel::PageSize, InvoiceTableModel::Amount, RawValueRole);
    if (column == InvoiceTableModel::Amount) {
        if (order == Qt::AscendingOrder)
            QVERIFY(a.toLongLong() <= b.toLongLong());
        else
            QVERIFY(a.toLongLong() >= b.toLongLong());
    }
}

void TestTableModels::unsortableColumnKeepsTheOrder()
{
    InvoiceTableModel model(m_path);
    QVERIFY(settle(model));
    QVERIFY(!model.isSortable(InvoiceTableModel::Refundable));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.sort(InvoiceTableModel::Refundable, Qt::AscendingOrder);
    QCOMPARE(model.sortColumn(), int(InvoiceTableModel::Created));
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
    QCOMPARE(resets.count(), 0);
}

void TestTableModels::filters_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<bool>("accountA");
    QTest::addColumn<QString>("expectedSql");
    QTest::newRow("all") << QString() << QString() << false
                         << QStringLiteral("SELECT COUNT(*) FROM invoices");
    QTest::newRow("account") << QString() << QString() << true
                             << QStringLiteral("SELECT COUNT(*) FROM invoices i JOIN accounts a "
                                               "ON a.id = i.account_id WHERE a.name = 'EU Stripe'");
    QTest::newRow("currency") << QString() << QStringLiteral("jpy") << false
                              << QStringLiteral(
                                     "SELECT COUNT(*) FROM invoices WHERE currency = 'JPY'");
    QTest::newRow("search word") << QStringLiteral("Customer 5") << QString() << false
                                 << QStringLiteral("SELECT COUNT(*) FROM invoices WHERE customer "
                                                   "= 'Customer 5' OR description LIKE 'Order 5%'");
    QTest::newRow("search id prefix") << QStringLiteral("ch_00012") << QString() << false
                                      << QStringLiteral("SELECT COUNT(*) FROM invoices WHERE "
                                                        "gateway_id LIKE 'ch_00012%'");
    // More matches than a page: the first page of a full-text search counts them all.
    QTest::newRow("search every row") << QStringLiteral("customer") << QString() << false
                                      << QStringLiteral("SELECT COUNT(*) FROM invoices");
    QTest::newRow("hostile search") << QStringLiteral("\"; DROP TABLE invoices; --") << QString()
                                    << false << QStringLiteral("SELECT 0");
}

void TestTableModels::filters()
{
    QFETCH(QString, search);
    QFETCH(QString, currency);
    QFETCH(bool, accountA);
    QFETCH(QString, expectedSql);
    InvoiceTableModel model(m_path);
    RecordFilter f;
    f.search = search;
    f.currency = currency;
    f.accountId = accountA ? m_a : 0;
    model.setFilter(f);
    QVERIFY(settle(model));
    QCOMPARE(qint64(model.rowCount()), sqlCount(expectedSql));
    if (model.rowCount() > 0 && !currency.isEmpty())
        QCOMPARE(loaded(model, 0, 0, CurrencyRole).toString(), currency.toUpper());
    QCOMPARE(sqlCount(QStringLiteral("SELECT COUNT(*) FROM invoices")), qint64(InvoiceCount));
}

void TestTableModels::supersededFilterIsDropped()
{
    InvoiceTableModel model(m_path);
    QVERIFY(settle(model));
    RecordFilter first;
    first.currency = QStringLiteral("EUR");
    RecordFilter second;
    second.currency = QStringLiteral("JPY");
    QSignalSpy counts(&model, &LazyTableModel::rowCountKnown);
    model.setFilter(first);
    model.setFilter(second); // before the first count can arrive
    QVERIFY(settle(model));
    QCOMPARE(counts.count(), 1);
    QCOMPARE(qint64(model.rowCount()),
             sqlCount(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE currency = 'JPY'")));
}

void TestTableModels::newFilterReadsOnlyItsFirstPage()
{
    InvoiceTableModel model(m_path);
    QVERIFY(settle(model));
    QVERIFY(loaded(model, InvoiceCount - 1, 0).isValid()); // scrolled to the bottom
    const qint64 before = model.rowsFetched();
    RecordFilter f;
    f.search = QStringLiteral("customer"); // every row matches: the old bottom page exists anew
    model.setFilter(f);
    // A view repainting the old rows meanwhile must not pull deep pages of the new query.
    model.data(model.index(InvoiceCount - 1, 0));
    QVERIFY(settle(model));
    QCOMPARE(model.rowsFetched() - before, qint64(LazyTableModel::PageSize));
}

void TestTableModels::refundableFollowsTheDesignRule()
{
    InvoiceTableModel model(m_path);
    RecordFilter f;
    f.search = QStringLiteral("ch_000000 ch_000004 ch_000015 ch_000007");
    model.setFilter(f);
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 0); // words are ANDed: no invoice has all four ids
    // One at a time: captured − succeeded − pending refunds − open outbox; failed ones don't count.
    const QList<std::pair<int, qint64>> cases{
        {0, amountOf(0) - 500 - 100}, // succeeded + pending; the failed one is ignored
        {4, amountOf(4) - 250},       // an outbox entry with an unknown outcome
        {6, amountOf(6)},             // a rejected outbox entry does not count
        {7, amountOf(7)},
        {10, amountOf(10) - 500},
    };
    for (const auto &[n, expected] : cases) {
        f.search = QStringLiteral("ch_%1").arg(n, 6, 10, QLatin1Char('0'));
        model.setFilter(f);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(loaded(model, 0, InvoiceTableModel::Refundable, RawValueRole).toLongLong(),
                 expected);
    }
}

void TestTableModels::pendingRefundsAreShownApart()
{
    // Invoice 0 has a succeeded refund of 5.00 and a pending one of 1.00: only the first is
    // "refunded"; the pending one is shown beside it, and both still leave the invoice.
    InvoiceTableModel model(m_path);
    RecordFilter f;
    f.search = QStringLiteral("ch_000000");
    model.setFilter(f);
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 1);
    const QString currency = loaded(model, 0, InvoiceTableModel::Amount, CurrencyRole).toString();
    QCOMPARE(loaded(model, 0, InvoiceTableModel::Refunded, Qt::DisplayRole).toString(),
             QStringLiteral("%1 + %2 pending")
                 .arg(display::amount(500, currency), display::amount(100, currency)));
    // The raw value is what the column calls refunded: the succeeded part (store/refundable.h).
    QCOMPARE(loaded(model, 0, InvoiceTableModel::Refunded, RawValueRole).toLongLong(), 500);
    const QString status = loaded(model, 0, InvoiceTableModel::Status, Qt::DisplayRole).toString();
    QVERIFY2(status.startsWith(QStringLiteral("Partly refunded · refund pending")),
             qPrintable(status));
}

void TestTableModels::rolesCarryRawValues()
{
    InvoiceTableModel model(m_path);
    RecordFilter f;
    f.search = QStringLiteral("ch_000003");
    model.setFilter(f);
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(loaded(model, 0, InvoiceTableModel::Amount, RawValueRole).toLongLong(), amountOf(3));
    QCOMPARE(model.data(model.index(0, InvoiceTableModel::Amount)).toString(),
             QStringLiteral("%1 JPY").arg(QLocale(QLocale::English).toString(amountOf(3))));
    QCOMPARE(model.data(model.index(0, InvoiceTableModel::Amount), Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(model.data(model.index(0, 0), AccountIdRole).toLongLong(), m_b);
    QCOMPARE(model.data(model.index(0, 0), RecordIdRole).toString(), QStringLiteral("ch_000003"));
    QCOMPARE(model.data(model.index(0, InvoiceTableModel::Created), RawValueRole).toDateTime(),
             QDateTime::fromSecsSinceEpoch(BaseTime + 3 * 3600, Qt::UTC));
}

void TestTableModels::refreshInsertsRowsWithoutReset()
{
    RefundTableModel model(m_path);
    RecordFilter f;
    f.accountId = m_a;
    model.setFilter(f);
    QVERIFY(settle(model));
    const int before = model.rowCount();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QString error;
    QVERIFY(RecordRepository(m_db).upsertRefunds(
        m_a,
        {makeRefund(QStringLiteral("re_new"), QStringLiteral("ch_000008"), 1, QStringLiteral("USD"),
                    CommonStatus::Succeeded, BaseTime + 99999999)},
        &error));
    model.refresh();
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), before + 1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(loaded(model, 0, RefundTableModel::RefundId).toString(), QStringLiteral("re_new"));
}

void TestTableModels::outboxShowsOpenOperationsOnly()
{
    OutboxTableModel model(m_path);
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(loaded(model, 0, OutboxTableModel::OperationId).toString(),
             QStringLiteral("op-unknown"));
    QCOMPARE(model.data(model.index(0, OutboxTableModel::State)).toString(),
             QStringLiteral("Outcome unknown"));
    model.setShowClosed(true);
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 2);
}

void TestTableModels::detailLoaderReadsEverything()
{
    InvoiceDetailLoader loader(m_path);
    QSignalSpy spy(&loader, &InvoiceDetailLoader::loaded);
    loader.load(m_a, QStringLiteral("ch_000004"));
    loader.load(m_a, QStringLiteral("ch_000000")); // supersedes the first
    QVERIFY(spy.wait(10000));
    QTest::qWait(50);
    QCOMPARE(spy.count(), 1);
    const auto d = spy.at(0).at(0).value<InvoiceDetail>();
    QVERIFY2(d.found, qPrintable(d.error));
    QCOMPARE(d.invoice.gatewayId, QStringLiteral("ch_000000"));
    QCOMPARE(d.refunds.size(), 3);
    QCOMPARE(d.figures.refundable, Money(amountOf(0) - 600, QStringLiteral("USD")));
    QCOMPARE(d.account.name, QStringLiteral("EU Stripe"));

    loader.load(m_a, QStringLiteral("ch_000004"));
    QVERIFY(spy.wait(10000));
    const auto e = spy.last().at(0).value<InvoiceDetail>();
    QCOMPARE(e.openOperations.size(), 1);
    QCOMPARE(e.figures.waiting, Money(250, QStringLiteral("USD")));

    loader.load(m_a, QStringLiteral("ch_999999"));
    QVERIFY(spy.wait(10000));
    QVERIFY(!spy.last().at(0).value<InvoiceDetail>().found);
    QVERIFY(!spy.last().at(0).value<InvoiceDetail>().error.isEmpty());
}

QTEST_GUILESS_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
