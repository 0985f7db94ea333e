// The charts view on a seeded cache, offscreen: the weekly and monthly refund and chargeback
// sums, the refunds-by-reason sums and the refund rate per month and account equal what is
// computed row by row from the cache, for the account and currency a person picks; hovering
// shows the exact sums and clicking a bar names its period. Every test runs on a SQLite cache
// and on a PostgreSQL team database: the sums come from each backend's own SQL.
#include "cachefixture.h"
#include "reportfixture.h"

#include "chartsview.h"
#include "displayformat.h"

#include <QBarSeries>
#include <QBarSet>
#include <QComboBox>
#include <QLabel>
#include <QPieSeries>
#include <QPieSlice>
#include <QSignalSpy>
#include <QTest>

using namespace rd;

namespace {

struct Expected
{
    QMap<QDate, qint64> refundsByWeek;
    QMap<QDate, qint64> chargebacksByWeek;
    QMap<QDate, qint64> refundsByMonth;
    QMap<QDate, qint64> chargebacksByMonth;
    QMap<QString, qint64> refundsByReason;
    // (month, account) -> (paid, refunded) of the invoices that succeeded in that month
    QMap<QPair<QDate, qint64>, QPair<qint64, qint64>> rates;
};

QDate firstOfMonth(qint64 secs)
{
    const QDate d = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).date();
    return QDate(d.year(), d.month(), 1);
}

// Non-zero entries of a chart's periods, to compare with the oracle's maps.
void nonZero(const QList<PeriodTotal> &periods, QMap<QDate, qint64> *refunds,
             QMap<QDate, qint64> *chargebacks)
{
    for (const PeriodTotal &p : periods) {
        if (p.refunds != 0)
            (*refunds)[p.start] = p.refunds;
        if (p.chargebacks != 0)
            (*chargebacks)[p.start] = p.chargebacks;
    }
}

QMap<QDate, qint64> withoutZeros(const QMap<QDate, qint64> &in)
{
    QMap<QDate, qint64> out;
    for (auto it = in.cbegin(); it != in.cend(); ++it) {
        if (it.value() != 0)
            out[it.key()] = it.value();
    }
    return out;
}

QDate mondayOf(qint64 secs)
{
    const QDate d = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).date();
    return d.addDays(1 - d.dayOfWeek());
}

// Row by row in C++, so the oracle shares no aggregation with the view's SQL.
Expected expectedFor(Database &db, qint64 accountId, const QString &currency)
{
    Expected e;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT created_at, amount, status, reason, gateway_reason FROM "
                             "refunds WHERE account_id = ? AND currency = ?"));
    q.addBindValue(accountId);
    q.addBindValue(currency);
    q.exec();
    while (q.next()) {
        if (q.value(2).toString() != QLatin1String("succeeded"))
            continue;
        e.refundsByWeek[mondayOf(q.value(0).toLongLong())] += q.value(1).toLongLong();
        e.refundsByMonth[firstOfMonth(q.value(0).toLongLong())] += q.value(1).toLongLong();
        QString reason = q.value(3).toString();
        if (reason.isEmpty())
            reason = q.value(4).toString();
        if (reason.isEmpty())
            reason = QStringLiteral("unspecified");
        e.refundsByReason[reason] += q.value(1).toLongLong();
    }
    q.prepare(QStringLiteral("SELECT created_at, amount, status FROM chargebacks WHERE account_id "
                             "= ? AND currency = ?"));
    q.addBindValue(accountId);
    q.addBindValue(currency);
    q.exec();
    while (q.next()) {
        const QString status = q.value(2).toString();
        if (status != QLatin1String("failed") && status != QLatin1String("canceled")) {
            e.chargebacksByWeek[mondayOf(q.value(0).toLongLong())] += q.value(1).toLongLong();
            e.chargebacksByMonth[firstOfMonth(q.value(0).toLongLong())] += q.value(1).toLongLong();
        }
    }
    q.prepare(QStringLiteral("SELECT created_at, amount, amount_refunded, status FROM invoices "
                             "WHERE account_id = ? AND currency = ?"));
    q.addBindValue(accountId);
    q.addBindValue(currency);
    q.exec();
    while (q.next()) {
        if (q.value(3).toString() != QLatin1String("succeeded"))
            continue;
        auto &r = e.rates[{firstOfMonth(q.value(0).toLongLong()), accountId}];
        r.first += q.value(1).toLongLong();
        r.second += q.value(2).toLongLong();
    }
    return e;
}

} // namespace

class TestChartsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void init();
    void sumsMatchTheCache_data();
    void sumsMatchTheCache();
    void toolTipsShowExactSums();
    void pickingACurrencyReloads();
    void emptyCacheSaysSo();
    void rateMonthsHaveNoGaps();

private:
    Database &db() { return m_cache->db; }
    const rdtest::SeededCache &seed() const { return m_cache->seed; }

    rdtest::SeededCaches m_caches;
    rdtest::SeededCaches::Entry *m_cache = nullptr;
};

void TestChartsView::init()
{
    BACKEND_OR_SKIP();
    QString error;
    m_cache = m_caches.current(&error);
    QVERIFY2(m_cache, qPrintable(error));
}

void TestChartsView::sumsMatchTheCache_data()
{
    QTest::addColumn<int>("account"); // 1 stripe, 2 chargebee
    QTest::addColumn<QString>("currency");
    QTest::newRow("stripe USD") << 1 << QStringLiteral("USD");
    QTest::newRow("stripe JPY") << 1 << QStringLiteral("JPY");
    QTest::newRow("chargebee KWD") << 2 << QStringLiteral("KWD");
}

void TestChartsView::sumsMatchTheCache()
{
    QFETCH(int, account);
    QFETCH(QString, currency);
    const qint64 accountId = account == 1 ? seed().stripe : seed().chargebee;
    ChartsView view(db());
    view.resize(900, 500);
    view.show();
    QSignalSpy loaded(&view, &ChartsView::loaded);
    QVERIFY(loaded.wait(30000)); // the first load, for all accounts
    view.setAccount(accountId);
    QVERIFY(loaded.wait(30000));
    view.setCurrency(currency);
    if (view.data().currency != currency || view.data().accountId != accountId)
        QVERIFY(loaded.wait(30000));
    QCOMPARE(view.data().accountId, accountId);
    QCOMPARE(view.data().currency, currency);

    const Expected e = expectedFor(db(), accountId, currency);
    QVERIFY(!e.refundsByWeek.isEmpty());
    QVERIFY(!e.chargebacksByWeek.isEmpty());
    for (const bool monthly : {false, true}) {
        const QList<PeriodTotal> &periods = monthly ? view.data().months : view.data().weeks;
        for (int i = 0; i < periods.size(); ++i) {
            QCOMPARE(periods.at(i).start.dayOfWeek() == 1 || monthly, true);
            QCOMPARE(periods.at(i).start.day() == 1 || !monthly, true);
            if (i > 0) // no gaps
                QCOMPARE(monthly ? periods.at(i - 1).start.addMonths(1)
                                 : periods.at(i - 1).start.addDays(7),
                         periods.at(i).start);
        }
        QMap<QDate, qint64> refunds;
        QMap<QDate, qint64> chargebacks;
        nonZero(periods, &refunds, &chargebacks);
        QCOMPARE(refunds, withoutZeros(monthly ? e.refundsByMonth : e.refundsByWeek));
        QCOMPARE(chargebacks, withoutZeros(monthly ? e.chargebacksByMonth : e.chargebacksByWeek));
    }
    QMap<QString, qint64> reasons;
    for (const ReasonTotal &r : view.data().reasons)
        reasons[r.reason] = r.amount;
    QCOMPARE(reasons, e.refundsByReason);
    QMap<QPair<QDate, qint64>, QPair<qint64, qint64>> rates;
    for (const RefundRate &r : view.data().rates)
        rates[{r.month, r.accountId}] = {r.paid, r.refunded};
    QCOMPARE(rates, e.rates);

    // What is drawn: one bar per period for each of the two series, in major units.
    qreal scale = 1;
    for (int i = 0; i < rdtest::testExponent(currency); ++i)
        scale *= 10;
    for (const bool monthly : {false, true}) {
        view.setMonthly(monthly);
        const QList<PeriodTotal> periods = view.periods();
        QCOMPARE(periods.size(), monthly ? view.data().months.size()
                                         : std::min(view.data().weeks.size(), qsizetype(13)));
        QCOMPARE(periods.constLast().start, monthly ? view.data().months.constLast().start
                                                    : view.data().weeks.constLast().start);
        QBarSeries *bars = view.periodSeries();
        QCOMPARE(bars->count(), 2);
        QCOMPARE(bars->barSets().at(0)->count(), int(periods.size()));
        for (int i = 0; i < periods.size(); ++i) {
            QCOMPARE(bars->barSets().at(0)->at(i), qreal(periods.at(i).refunds) / scale);
            QCOMPARE(bars->barSets().at(1)->at(i), qreal(periods.at(i).chargebacks) / scale);
        }
    }
    QCOMPARE(view.reasonSeries()->count(), int(e.refundsByReason.size()));
    for (int i = 0; i < view.data().reasons.size(); ++i) {
        QCOMPARE(view.reasonSeries()->slices().at(i)->value(),
                 qreal(view.data().reasons.at(i).amount) / scale);
    }
    // The rate chart: one set for the one account, one bar for every month from the first to
    // the last month paid in (none skipped), each at the rate of its month or at 0.
    QCOMPARE(view.rateSeries()->count(), 1);
    QDate first, last;
    for (auto it = e.rates.cbegin(); it != e.rates.cend(); ++it) {
        first = first.isValid() ? std::min(first, it.key().first) : it.key().first;
        last = last.isValid() ? std::max(last, it.key().first) : it.key().first;
    }
    const int months = (last.year() - first.year()) * 12 + last.month() - first.month() + 1;
    const QBarSet *rateBars = view.rateSeries()->barSets().at(0);
    QCOMPARE(rateBars->count(), months);
    for (int i = 0; i < months; ++i) {
        const auto found = e.rates.constFind({first.addMonths(i), accountId});
        const qint64 bp =
            found == e.rates.cend() || found->first == 0 ? 0 : found->second * 10000 / found->first;
        QCOMPARE(rateBars->at(i), qreal(bp) / 100.0);
    }
}

void TestChartsView::toolTipsShowExactSums()
{
    ChartsView view(db());
    QSignalSpy loaded(&view, &ChartsView::loaded);
    QVERIFY(loaded.wait(30000));
    view.setAccount(seed().stripe);
    QVERIFY(loaded.wait(30000));
    view.setCurrency(QStringLiteral("USD"));
    if (view.data().currency != QLatin1String("USD"))
        QVERIFY(loaded.wait(30000));
    view.setMonthly(true);
    int busiest = 0;
    for (int i = 0; i < view.periods().size(); ++i) {
        if (view.periods().at(i).refunds > view.periods().at(busiest).refunds)
            busiest = i;
    }
    const PeriodTotal p = view.periods().at(busiest);
    QVERIFY(p.refunds > 0);
    QVERIFY2(
        view.periodToolTip(0, busiest).endsWith(display::amount(p.refunds, QStringLiteral("USD"))),
        qPrintable(view.periodToolTip(0, busiest)));
    QVERIFY(view.periodToolTip(1, busiest)
                .endsWith(display::amount(p.chargebacks, QStringLiteral("USD"))));
    QVERIFY(view.periodToolTip(2, busiest).isEmpty());

    const RefundRate &r = view.data().rates.constFirst();
    const QString rate = view.rateToolTip(0, 0);
    QVERIFY2(rate.contains(display::amount(r.paid, QStringLiteral("USD"))), qPrintable(rate));
    QVERIFY(rate.contains(display::amount(r.refunded, QStringLiteral("USD"))));

    // A click on a month's bar names the whole month.
    QSignalSpy clicked(&view, &ChartsView::periodClicked);
    Q_EMIT view.periodSeries()->clicked(busiest, view.periodSeries()->barSets().at(0));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toDate(), p.start);
    QCOMPARE(clicked.at(0).at(1).toDate(), p.start.addMonths(1).addDays(-1));
}

void TestChartsView::pickingACurrencyReloads()
{
    ChartsView view(db());
    QSignalSpy loaded(&view, &ChartsView::loaded);
    QVERIFY(loaded.wait(30000));
    view.setAccount(seed().chargebee);
    QVERIFY(loaded.wait(30000));
    auto *currency = view.findChild<QComboBox *>(QStringLiteral("currency"));
    QVERIFY(currency);
    // The account's currencies, from the cache: KWD, GBP (a refund only) and USD.
    QStringList offered;
    for (int i = 0; i < currency->count(); ++i)
        offered << currency->itemText(i);
    QCOMPARE(offered,
             (QStringList{QStringLiteral("GBP"), QStringLiteral("KWD"), QStringLiteral("USD")}));
    currency->setCurrentIndex(currency->findText(QStringLiteral("USD")));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(view.data().currency, QStringLiteral("USD"));
    const Expected e = expectedFor(db(), seed().chargebee, QStringLiteral("USD"));
    qint64 total = 0;
    for (const PeriodTotal &w : view.data().weeks)
        total += w.refunds;
    qint64 expectedTotal = 0;
    for (const qint64 v : e.refundsByWeek)
        expectedTotal += v;
    QCOMPARE(total, expectedTotal);
}

void TestChartsView::emptyCacheSaysSo()
{
    rdtest::TestStore store(rdtest::currentBackend());
    Database empty;
    QString error;
    const QString address = store.address(QStringLiteral("empty"), &error);
    QVERIFY2(!address.isEmpty(), qPrintable(error));
    QVERIFY2(empty.open(address, &error), qPrintable(error));
    ChartsView view(empty);
    QSignalSpy loaded(&view, &ChartsView::loaded);
    QVERIFY(loaded.wait(30000));
    QVERIFY(view.data().weeks.isEmpty());
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("message"))->text(),
             QStringLiteral("No refunds or chargebacks in the cache yet."));
}

// Paid in January and March, nothing in February: the rate chart still has a February, at 0,
// so the months along its axis are evenly spaced like the chart above it.
void TestChartsView::rateMonthsHaveNoGaps()
{
    rdtest::TestStore store(rdtest::currentBackend());
    QString error;
    const QString address = store.address(QStringLiteral("gaps"), &error);
    QVERIFY2(!address.isEmpty(), qPrintable(error));
    Database db;
    QVERIFY2(db.open(address, &error), qPrintable(error));
    const auto account = AccountRepository(db).add(
        QStringLiteral("Gaps"), Dialect::Stripe, QStringLiteral("https://api.stripe.com"), &error);
    QVERIFY2(account, qPrintable(error));
    const qint64 january = QDateTime(QDate(2025, 1, 10), QTime(12, 0), Qt::UTC).toSecsSinceEpoch();
    const qint64 march = QDateTime(QDate(2025, 3, 10), QTime(12, 0), Qt::UTC).toSecsSinceEpoch();
    rd::Invoice paidInJanuary = rdtest::makeInvoice(1, QStringLiteral("EUR"), 10000, january);
    paidInJanuary.amountRefunded = Money(2500, u"EUR");
    const rd::Invoice paidInMarch = rdtest::makeInvoice(2, QStringLiteral("EUR"), 4000, march);
    RecordRepository records(db);
    QVERIFY2(records.upsertInvoices(account->id, {paidInJanuary, paidInMarch}, &error),
             qPrintable(error));
    QVERIFY2(
        records.upsertRefunds(
            account->id,
            {rdtest::makeRefund(QStringLiteral("re_1"), paidInJanuary.gatewayId, 2500,
                                QStringLiteral("EUR"), CommonStatus::Succeeded, january + 3600)},
            &error),
        qPrintable(error));

    ChartsView view(db);
    QSignalSpy loaded(&view, &ChartsView::loaded);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(view.data().currency, QStringLiteral("EUR"));
    QCOMPARE(view.rateSeries()->count(), 1);
    const QBarSet *bars = view.rateSeries()->barSets().at(0);
    QCOMPARE(bars->count(), 3);
    QCOMPARE(bars->at(0), 25.0);
    QCOMPARE(bars->at(1), 0.0);
    QCOMPARE(bars->at(2), 0.0);
    QVERIFY2(view.rateToolTip(0, 1).contains(QLatin1String("nothing paid")),
             qPrintable(view.rateToolTip(0, 1)));
}

QTEST_MAIN(TestChartsView)
#include "tst_chartsview.moc"
