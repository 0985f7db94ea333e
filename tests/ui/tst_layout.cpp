// The window's layout on a seeded cache, offscreen: the first window takes most of the screen
// and a later one reopens as it was left; the details pane hides from the View menu, stays out
// of the way on Charts and is remembered; Ctrl+C puts the selected rows of the visible table on
// the clipboard as tab-separated text with a header, one line per row even when a cell holds a
// tab or a line break.
#include "../report/reportfixture.h"

#include "invoicedetailpane.h"
#include "invoicesview.h"
#include "lazytablemodel.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstWindowFillsTheScreenLaterOnesReopenAsLeft();
    void detailPaneHidesAndIsRemembered();
    void copyPutsSelectedRowsOnTheClipboard();

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

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
