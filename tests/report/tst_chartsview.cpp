// The charts view on a seeded cache, offscreen: the weekly refund and chargeback sums and the
// refunds-by-reason sums equal what SQL computes from the cache, for the account and
// currency a person picks.
#include "reportfixture.h"

#include "chartsview.h"

#include <QBarSeries>
#include <QBarSet>
#include <QComboBox>
#include <QLabel>
#include <QPieSeries>
#include <QPieSlice>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

struct Expected
{
    QMap<QDate, qint64> refundsByWeek;
    QMap<QDate, qint64> chargebacksByWeek;
    QMap<QString, qint64> refundsByReason;
};

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
        if (status != QLatin1String("failed") && status != QLatin1String("canceled"))
            e.chargebacksByWeek[mondayOf(q.value(0).toLongLong())] += q.value(1).toLongLong();
    }
    return e;
}

} // namespace

class TestChartsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sumsMatchTheCache_data();
    void sumsMatchTheCache();
    void pickingACurrencyReloads();
    void emptyCacheSaysSo();

private:
    QTemporaryDir m_dir;
    Database m_db;
    rdtest::SeededCache m_seed;
};

void TestChartsView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(rdtest::openSeededCache(m_dir.path(), m_db, &m_seed, &error), qPrintable(error));
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
    const qint64 accountId = account == 1 ? m_seed.stripe : m_seed.chargebee;
    ChartsView view(m_db);
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

    const Expected e = expectedFor(m_db, accountId, currency);
    QVERIFY(!e.refundsByWeek.isEmpty());
    QVERIFY(!e.chargebacksByWeek.isEmpty());
    QMap<QDate, qint64> refunds;
    QMap<QDate, qint64> chargebacks;
    const QList<WeeklyTotal> &weeks = view.data().weeks;
    for (int i = 0; i < weeks.size(); ++i) {
        QCOMPARE(weeks.at(i).weekStart.dayOfWeek(), 1); // Monday
        if (i > 0)
            QCOMPARE(weeks.at(i - 1).weekStart.addDays(7), weeks.at(i).weekStart); // no gaps
        if (weeks.at(i).refunds != 0)
            refunds[weeks.at(i).weekStart] = weeks.at(i).refunds;
        if (weeks.at(i).chargebacks != 0)
            chargebacks[weeks.at(i).weekStart] = weeks.at(i).chargebacks;
    }
    QMap<QDate, qint64> expectedRefunds;
    for (auto it = e.refundsByWeek.cbegin(); it != e.refundsByWeek.cend(); ++it) {
        if (it.value() != 0)
            expectedRefunds[it.key()] = it.value();
    }
    QCOMPARE(refunds, expectedRefunds);
    QCOMPARE(chargebacks, e.chargebacksByWeek);
    QMap<QString, qint64> reasons;
    for (const ReasonTotal &r : view.data().reasons)
        reasons[r.reason] = r.amount;
    QCOMPARE(reasons, e.refundsByReason);

    // What is drawn: one bar per week for each of the two series, in major units.
    QBarSeries *bars = view.weeklySeries();
    QCOMPARE(bars->count(), 2);
    QCOMPARE(bars->barSets().at(0)->count(), int(weeks.size()));
    qreal scale = 1;
    for (int i = 0; i < rdtest::testExponent(currency); ++i)
        scale *= 10;
    for (int i = 0; i < weeks.size(); ++i) {
        QCOMPARE(bars->barSets().at(0)->at(i), qreal(weeks.at(i).refunds) / scale);
        QCOMPARE(bars->barSets().at(1)->at(i), qreal(weeks.at(i).chargebacks) / scale);
    }
    QCOMPARE(view.reasonSeries()->count(), int(e.refundsByReason.size()));
    for (QPieSlice *slice : view.reasonSeries()->slices()) {
        const QString reason = slice->label().section(QStringLiteral(": "), 0, 0);
        QVERIFY2(e.refundsByReason.contains(reason), qPrintable(slice->label()));
        QCOMPARE(slice->value(), qreal(e.refundsByReason.value(reason)) / scale);
    }
}

void TestChartsView::pickingACurrencyReloads()
{
    ChartsView view(m_db);
    QSignalSpy loaded(&view, &ChartsView::loaded);
    QVERIFY(loaded.wait(30000));
    view.setAccount(m_seed.chargebee);
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
    const Expected e = expectedFor(m_db, m_seed.chargebee, QStringLiteral("USD"));
    qint64 total = 0;
    for (const WeeklyTotal &w : view.data().weeks)
        total += w.refunds;
    qint64 expectedTotal = 0;
    for (const qint64 v : e.refundsByWeek)
        expectedTotal += v;
    QCOMPARE(total, expectedTotal);
}

void TestChartsView::emptyCacheSaysSo()
{
    QTemporaryDir dir;
    Database empty;
    QString error;
    QVERIFY2(empty.open(dir.filePath(QStringLiteral("empty.sqlite3")), &error), qPrintable(error));
    ChartsView view(empty);
    QSignalSpy loaded(&view, &ChartsView::loaded);
    QVERIFY(loaded.wait(30000));
    QVERIFY(view.data().weeks.isEmpty());
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("message"))->text(),
             QStringLiteral("No refunds or chargebacks in the cache yet."));
}

QTEST_MAIN(TestChartsView)
#include "tst_chartsview.moc"
