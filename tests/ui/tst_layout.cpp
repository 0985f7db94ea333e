// The window's layout on a seeded cache, offscreen: the first window takes most of the screen
// and a later one reopens as it was left; the window fits a 1280 px screen; the details pane
// hides from the View menu, stays out of the way on Charts and while no row is highlighted, and
// is remembered; clicking a bar of the refunds and chargebacks chart filters the tables to its
// period and currency; Ctrl+C puts the selected rows of the visible table on the clipboard as
// tab-separated text with a header, one line per row even when a cell holds a tab or a line
// break.
#include "../report/reportfixture.h"

#include "chartsview.h"
#include "filterbar.h"
#include "invoicedetailpane.h"
#include "invoicesview.h"
#include "lazytablemodel.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "refundsview.h"

#include <QAction>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QHeaderView>
#include <QLineEdit>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace rd;

class TestLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstWindowFillsTheScreenLaterOnesReopenAsLeft();
    void detailPaneHidesAndIsRemembered();
    void copyPutsSelectedRowsOnTheClipboard();
    void clickingAChartBarFiltersTheTables();
    void windowFitsALaptopScreen();
    void detailListsShowAmountAndStatusWithoutScrolling();

private:
    QTemporaryDir m_dir;
    Database m_db;
    rdtest::SeededCache m_seed;
};

void TestLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // layouts go to a throwaway settings file
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(rdtest::openSeededCache(m_dir.path(), m_db, &m_seed, &error), qPrintable(error));
}

void TestLayout::firstWindowFillsTheScreenLaterOnesReopenAsLeft()
{
    QSettings().clear();
    QRect left;
    {
        MainWindow first(m_db);
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        const QRect available = first.screen()->availableGeometry();
        // 90 % of the screen, unless the window cannot be made that small.
        const int wantW = std::max(int(available.width() * 0.9), first.minimumSizeHint().width());
        const int wantH = std::max(int(available.height() * 0.9), first.minimumSizeHint().height());
        QVERIFY2(std::abs(first.width() - wantW) <= 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(first.width()).arg(wantW)));
        QVERIFY2(std::abs(first.height() - wantH) <= 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(first.height()).arg(wantH)));
        first.resize(first.width() - 60, first.height() - 40);
        left = first.geometry();
        first.close();
    }
    MainWindow second(m_db);
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QCOMPARE(second.size(), left.size());
}

void TestLayout::detailPaneHidesAndIsRemembered()
{
    QSettings().clear();
    {
        MainWindow window(m_db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *toggle = window.detailPaneAction();
        QCOMPARE(toggle->shortcut(), QKeySequence(Qt::Key_F9));
        QVERIFY(toggle->isChecked());
        window.tabs()->setCurrentIndex(0);
        // Nothing highlighted yet: the pane stays out of the way, the table has the width.
        QTRY_VERIFY_WITH_TIMEOUT(window.invoicesView()->model()->rowCount() > 0, 10000);
        QVERIFY(!window.invoicesView()->currentRecord().isValid());
        QVERIFY(!window.detailPane()->isVisible());
        window.invoicesView()->table()->setFocus(); // the keyboard highlights the first row
        QTRY_VERIFY(window.invoicesView()->currentRecord().isValid());
        QVERIFY(window.detailPane()->isVisible());
        window.tabs()->setCurrentIndex(window.tabs()->count() - 1); // Charts
        QVERIFY(!window.detailPane()->isVisible());
        window.tabs()->setCurrentIndex(0);
        QVERIFY(window.detailPane()->isVisible());
        QTest::keyClick(&window, Qt::Key_F9);
        QVERIFY(!toggle->isChecked());
        QVERIFY(!window.detailPane()->isVisible());
        window.close();
    }
    MainWindow again(m_db);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(!again.detailPaneAction()->isChecked());
    QVERIFY(!again.detailPane()->isVisible());
}

void TestLayout::copyPutsSelectedRowsOnTheClipboard()
{
    MainWindow window(m_db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.tabs()->setCurrentIndex(0);
    QTableView *table = window.invoicesView()->table();
    LazyTableModel *model = window.invoicesView()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(model->index(2, 0).data().isValid(), 10000);
    table->setFocus();
    table->selectionModel()->clearSelection();
    table->selectRow(0);
    table->selectionModel()->select(model->index(2, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);

    const QString text = QApplication::clipboard()->text();
    QVERIFY(text.endsWith(QLatin1Char('\n')));
    const QStringList lines = text.chopped(1).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3); // header + two rows
    QStringList header;
    const QHeaderView *h = table->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < h->count(); ++visual) {
        if (!h->isSectionHidden(h->logicalIndex(visual)))
            columns << h->logicalIndex(visual);
    }
    for (const int c : std::as_const(columns))
        header << model->headerData(c, Qt::Horizontal).toString();
    QCOMPARE(lines.at(0), header.join(QLatin1Char('\t')));
    for (const int row : {0, 2}) {
        const QStringList fields = lines.at(row == 0 ? 1 : 2).split(QLatin1Char('\t'));
        QCOMPARE(fields.size(), columns.size());
        for (int i = 0; i < columns.size(); ++i) {
            QString expected = model->index(row, columns.at(i)).data().toString();
            expected.replace(QLatin1Char('\t'), QLatin1Char(' '))
                .replace(QLatin1Char('\n'), QLatin1Char(' '))
                .replace(QLatin1Char('\r'), QLatin1Char(' '));
            QCOMPARE(fields.at(i), expected);
        }
    }
}

void TestLayout::clickingAChartBarFiltersTheTables()
{
    QSettings().clear();
    MainWindow window(m_db);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ChartsView *charts = window.chartsView();
    window.tabs()->setCurrentWidget(charts);
    QTRY_VERIFY_WITH_TIMEOUT(!charts->data().currency.isEmpty(), 30000);
    charts->setMonthly(true);
    QList<PeriodTotal> periods = charts->periods();
    int index = -1;
    for (int i = 0; i < periods.size(); ++i) {
        if (periods.at(i).refunds > 0 &&
            (index < 0 || periods.at(i).refunds > periods.at(index).refunds))
            index = i;
    }
    QVERIFY2(index >= 0, "the seeded cache has refunds in the chart's currency");
    const PeriodTotal period = periods.at(index);

    // Click the middle of the refunds bar, as a person would.
    QBarSeries *series = charts->periodSeries();
    QChart *chart = series->chart();
    QChartView *chartView = nullptr;
    for (QChartView *v : charts->findChildren<QChartView *>()) {
        if (v->chart() == chart)
            chartView = v;
    }
    QVERIFY(chartView);
    QTRY_VERIFY(chartView->isVisible());
    const qreal value = series->barSets().at(0)->at(index);
    // Two sets share a category's 0.9 width: the refunds bar is the left half.
    const QPointF inChart =
        chart->mapToPosition(QPointF(index - series->barWidth() / 4, value / 2), series);
    const QPoint at = chartView->mapFromScene(chart->mapToScene(inChart));
    QSignalSpy clicked(charts, &ChartsView::periodClicked);
    QTest::mouseClick(chartView->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(clicked.size(), 1);

    const QDate from = period.start;
    const QDate to = period.start.addMonths(1).addDays(-1);
    QCOMPARE(window.filterBar()->fromField()->text(), from.toString(Qt::ISODate));
    QCOMPARE(window.filterBar()->toField()->text(), to.toString(Qt::ISODate));
    QCOMPARE(window.tabs()->currentWidget(), static_cast<QWidget *>(window.refundsView()));
    LazyTableModel *refunds = window.refundsView()->model();
    QTRY_COMPARE_WITH_TIMEOUT(refunds->filter().from, from, 10000);
    QCOMPARE(refunds->filter().to, to);
    QTRY_VERIFY_WITH_TIMEOUT(!refunds->isLoading() && refunds->rowCount() > 0, 10000);
    QCOMPARE(refunds->filter().currency, charts->data().currency);
    // Every refund shown was created in that month (UTC) in the chart's currency, and the
    // succeeded ones add up to the bar's exact sum.
    const int status = int(window.refundsView()->columnTitles().indexOf(QStringLiteral("Status")));
    const int amount = int(window.refundsView()->columnTitles().indexOf(QStringLiteral("Amount")));
    qint64 sum = 0;
    for (int r = 0; r < refunds->rowCount(); ++r) {
        QTRY_VERIFY(refunds->isRowFresh(r));
        const QDate day = refunds->index(r, 0).data(RawValueRole).toDateTime().toUTC().date();
        QVERIFY2(day >= from && day <= to, qPrintable(day.toString(Qt::ISODate)));
        QCOMPARE(refunds->index(r, amount).data(CurrencyRole).toString(), charts->data().currency);
        if (refunds->index(r, status).data(RawValueRole).toString() == QStringLiteral("succeeded"))
            sum += refunds->index(r, amount).data(RawValueRole).toLongLong();
    }
    QCOMPARE(sum, period.refunds);
}

void TestLayout::windowFitsALaptopScreen()
{
    // A 1280 px wide screen: the first window takes 90 % of it, so nothing in the window may
    // ask for more than 1152 px (the seeded cache has a long account name).
    MainWindow window(m_db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(window.minimumSizeHint().width() <= 1152,
             qPrintable(QString::number(window.minimumSizeHint().width())));
    window.resize(1152, 720);
    QTRY_COMPARE(window.width(), 1152);
}

// The details pane's refunds list at the width the window opens with: no sideways scrolling,
// and the amount and status columns whole (the refund id gives way, its full text on hover).
void TestLayout::detailListsShowAmountAndStatusWithoutScrolling()
{
    MainWindow window(m_db);
    window.resize(1260, 810);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeWidget *refunds = nullptr;
    for (QTreeWidget *list : window.detailPane()->findChildren<QTreeWidget *>()) {
        if (list->accessibleName() == QLatin1String("Refunds of this invoice"))
            refunds = list;
    }
    QVERIFY(refunds);
    QTableView *table = window.invoicesView()->table();
    QTRY_VERIFY(table->model()->rowCount() > 0);
    for (int row = 0; row < table->model()->rowCount() && refunds->topLevelItemCount() == 0;
         ++row) {
        table->selectRow(row);
        QCoreApplication::processEvents();
    }
    QTRY_VERIFY(refunds->topLevelItemCount() > 0);
    QVERIFY(refunds->isVisible());
    QVERIFY(!refunds->horizontalScrollBar()->isVisible());
    QHeaderView *header = refunds->header();
    for (int column : {1, 2}) {
        QVERIFY2(header->sectionViewportPosition(column) + header->sectionSize(column) <=
                     refunds->viewport()->width(),
                 qPrintable(
                     QStringLiteral("column %1 ends at %2 of %3")
                         .arg(column)
                         .arg(header->sectionViewportPosition(column) + header->sectionSize(column))
                         .arg(refunds->viewport()->width())));
        QVERIFY(header->sectionSize(column) >
                refunds->fontMetrics().horizontalAdvance(refunds->topLevelItem(0)->text(column)));
    }
    const QString tip = refunds->topLevelItem(0)->toolTip(0);
    QVERIFY2(tip.contains(refunds->topLevelItem(0)->text(3)), qPrintable(tip));
}

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
