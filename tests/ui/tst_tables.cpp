// The tables' columns and saved views on a seeded cache, offscreen: at 1280 px the shown
// columns fit the table's width and no title is cut; the column chooser (header context menu,
// View > Columns, the Arrange dialog from the keyboard) shows, hides and reorders columns and
// the next window remembers it; a saved view brings back its filters, columns and tab by name,
// survives a restart, and is gone once deleted.
#include "../report/reportfixture.h"

#include "columnchooser.h"
#include "filterbar.h"
#include "invoicedetailpane.h"
#include "invoicesview.h"
#include "lazytablemodel.h"
#include "mainwindow.h"
#include "refundsview.h"
#include "savedviews.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

QAction *actionNamed(const QList<QAction *> &actions, const QString &text)
{
    for (QAction *a : actions) {
        if (QString(a->text()).remove(QLatin1Char('&')) == QString(text).remove(QLatin1Char('&')))
            return a;
    }
    return nullptr;
}

int logicalColumn(const RecordTableView *view, const QString &title)
{
    return int(view->columnTitles().indexOf(title));
}

} // namespace

class TestTables : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init() { QSettings().clear(); }
    void columnsFitAt1280();
    void headerMenuHidesAColumnAndTheNextWindowRemembers();
    void arrangeDialogReordersFromTheKeyboard();
    void viewMenuOffersTheColumnsOfTheTableInView();
    void savedViewBringsBackFiltersColumnsAndTab();

private:
    QTemporaryDir m_dir;
    Database m_db;
    rdtest::SeededCache m_seed;
};

void TestTables::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // layouts go to a throwaway settings file
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(rdtest::openSeededCache(m_dir.path(), m_db, &m_seed, &error), qPrintable(error));
}

void TestTables::columnsFitAt1280()
{
    MainWindow window(m_db);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QList<RecordTableView *> views{window.invoicesView(), window.refundsView()};
    for (RecordTableView *view : views) {
        window.tabs()->setCurrentWidget(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 10000);
        view->table()->setFocus(); // a highlighted row: the details pane takes its share
        QTRY_VERIFY(view->currentRecord().isValid());
        QTRY_VERIFY(window.detailPane()->isVisible());
        QApplication::processEvents();
        const QHeaderView *header = view->table()->horizontalHeader();
        const QFontMetrics metrics = header->fontMetrics();
        int total = 0;
        for (int i = 0; i < header->count(); ++i) {
            if (header->isSectionHidden(i))
                continue;
            total += header->sectionSize(i);
            const QString title = view->model()->headerData(i, Qt::Horizontal).toString();
            QVERIFY2(header->sectionSize(i) >= metrics.horizontalAdvance(title), qPrintable(title));
        }
        QVERIFY2(total <= view->table()->viewport()->width(),
                 qPrintable(
                     QStringLiteral("%1 > %2").arg(total).arg(view->table()->viewport()->width())));
        // The room is shared, not left to the last column: a column squeezed below what it
        // would like gets wider when the window does.
        const int invoice = logicalColumn(view, QStringLiteral("Invoice"));
        const int narrow = header->sectionSize(invoice);
        // The status reads whole for the longest label the table shows.
        const int status = logicalColumn(view, QStringLiteral("Status"));
        QVERIFY(status >= 0);
        QTRY_VERIFY(view->model()->index(0, status).data().isValid());
        const int rows = std::min(view->model()->rowCount(), 20);
        for (int r = 0; r < rows; ++r) {
            const QString text = view->model()->index(r, status).data().toString();
            if (text.size() <= QStringLiteral("Requires action").size())
                QVERIFY2(header->sectionSize(status) >= metrics.horizontalAdvance(text) + 8,
                         qPrintable(text));
        }
        window.resize(1700, 800);
        QTRY_VERIFY(header->sectionSize(invoice) > narrow);
        window.resize(1280, 800);
        QTRY_COMPARE(header->sectionSize(invoice), narrow);
    }
}

void TestTables::headerMenuHidesAColumnAndTheNextWindowRemembers()
{
    int customer = -1;
    {
        MainWindow window(m_db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        InvoicesView *view = window.invoicesView();
        QHeaderView *header = view->table()->horizontalHeader();
        QCOMPARE(header->contextMenuPolicy(), Qt::CustomContextMenu);
        customer = logicalColumn(view, QStringLiteral("Customer"));
        QVERIFY(customer >= 0);
        QVERIFY(view->isColumnVisible(customer));

        QMenu menu;
        view->fillColumnMenu(&menu);
        QAction *toggle = actionNamed(menu.actions(), QStringLiteral("Customer"));
        QVERIFY(toggle);
        QVERIFY(toggle->isCheckable());
        QVERIFY(toggle->isChecked());
        QVERIFY(actionNamed(menu.actions(), QStringLiteral("Arrange columns…")));
        QVERIFY(actionNamed(menu.actions(), QStringLiteral("Reset columns")));
        toggle->trigger();
        QVERIFY(header->isSectionHidden(customer));
        // Ctrl+C copies what is shown: the hidden column is left out.
        window.close();
    }
    {
        MainWindow again(m_db);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        InvoicesView *view = again.invoicesView();
        QVERIFY(!view->isColumnVisible(customer));
        // The last column shown cannot be hidden: its menu entry is disabled.
        for (int i = 0; i < view->columnTitles().size(); ++i) {
            if (i != 0)
                view->setColumnVisible(i, false);
        }
        view->setColumnVisible(0, false);
        QVERIFY(view->isColumnVisible(0));
        QMenu menu;
        view->fillColumnMenu(&menu);
        QVERIFY(!actionNamed(menu.actions(), view->columnTitles().at(0))->isEnabled());
        actionNamed(menu.actions(), QStringLiteral("Reset columns"))->trigger();
        QVERIFY(view->isColumnVisible(customer));
        QCOMPARE(view->columnOrder().first(), 0);
    }
}

void TestTables::arrangeDialogReordersFromTheKeyboard()
{
    MainWindow window(m_db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    InvoicesView *view = window.invoicesView();
    const int amount = logicalColumn(view, QStringLiteral("Amount"));
    const int customer = logicalColumn(view, QStringLiteral("Customer"));
    QHeaderView *header = view->table()->horizontalHeader();
    const int amountWas = header->visualIndex(amount);

    QMenu menu;
    view->fillColumnMenu(&menu);
    actionNamed(menu.actions(), QStringLiteral("Arrange columns…"))->trigger();
    auto *dialog = view->findChild<ColumnChooserDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->activateWindow(); // mnemonics reach the active window
    QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget *>(dialog));
    QListWidget *list = dialog->list();
    // Amount one place up, Customer unticked, both by keys.
    list->setFocus();
    list->setCurrentRow(amountWas);
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Amount"));
    QTest::keyClick(list, Qt::Key_U, Qt::AltModifier);
    // A mnemonic clicks its button visibly, so the move follows a moment later.
    QTRY_COMPARE(list->currentRow(), amountWas - 1);
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->text() == QStringLiteral("Customer"))
            list->setCurrentRow(i);
    }
    QTest::keyClick(list, Qt::Key_Space);
    QCOMPARE(list->currentItem()->checkState(), Qt::Unchecked);
    QTest::keyClick(list, Qt::Key_Return);
    QTRY_VERIFY(!dialog->isVisible() || dialog->result() == QDialog::Accepted);

    QCOMPARE(header->visualIndex(amount), amountWas - 1);
    QVERIFY(header->isSectionHidden(customer));
    // Remembered at once, not only when the window closes.
    MainWindow again(m_db);
    QCOMPARE(again.invoicesView()->table()->horizontalHeader()->visualIndex(amount), amountWas - 1);
    QVERIFY(!again.invoicesView()->isColumnVisible(customer));
}

void TestTables::viewMenuOffersTheColumnsOfTheTableInView()
{
    MainWindow window(m_db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QMenu *columns = window.columnsMenu();
    QVERIFY(columns);
    window.tabs()->setCurrentWidget(window.refundsView());
    Q_EMIT columns->aboutToShow();
    QAction *reason = actionNamed(columns->actions(), QStringLiteral("Reason"));
    QVERIFY(reason); // a refunds column, not an invoices one
    QVERIFY(!actionNamed(columns->actions(), QStringLiteral("Customer")));
    const int logical = logicalColumn(window.refundsView(), QStringLiteral("Reason"));
    reason->trigger();
    QVERIFY(!window.refundsView()->isColumnVisible(logical));
    window.tabs()->setCurrentIndex(window.tabs()->count() - 1); // Charts
    Q_EMIT columns->aboutToShow();
    QCOMPARE(columns->actions().size(), 1);
    QVERIFY(!columns->actions().first()->isEnabled());
}

void TestTables::savedViewBringsBackFiltersColumnsAndTab()
{
    const int note = logicalColumn(MainWindow(m_db).refundsView(), QStringLiteral("Note"));
    {
        MainWindow window(m_db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SavedViewsMenu *saved = window.savedViewsMenu();
        QVERIFY(saved);
        QCOMPARE(saved->saveAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
        FilterBar *filters = window.filterBar();
        window.tabs()->setCurrentWidget(window.refundsView());
        filters->fromField()->setText(QStringLiteral("2024-05-01"));
        filters->toField()->setText(QStringLiteral("2024-05-31"));
        QTRY_VERIFY_WITH_TIMEOUT(filters->currencyField()->findData(QStringLiteral("USD")) >= 0,
                                 10000);
        filters->currencyField()->setCurrentIndex(
            filters->currencyField()->findData(QStringLiteral("USD")));
        window.refundsView()->setColumnVisible(note, false);

        // Save it from the keyboard: Ctrl+Shift+S, a name, Enter.
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QInputDialog *ask = nullptr;
        QTRY_VERIFY((ask = window.findChild<QInputDialog *>()) && ask->isVisible());
        QLineEdit *name = ask->findChild<QLineEdit *>();
        QVERIFY(name);
        QTest::keyClicks(name, QStringLiteral("May USD refunds"));
        QTest::keyClick(name, Qt::Key_Return);
        QTRY_COMPARE(SavedViewsMenu::names(), QStringList{QStringLiteral("May USD refunds")});
        QVERIFY(saved->applyAction(QStringLiteral("May USD refunds")));
        window.close();
    }
    MainWindow window(m_db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    FilterBar *filters = window.filterBar();
    filters->clear();
    window.refundsView()->resetColumns();
    window.tabs()->setCurrentWidget(window.invoicesView());
    QVERIFY(window.refundsView()->isColumnVisible(note));

    QAction *apply = window.savedViewsMenu()->applyAction(QStringLiteral("May USD refunds"));
    QVERIFY(apply);
    QVERIFY(apply->text().startsWith(QStringLiteral("&1 "))); // Alt+V, V, 1
    apply->trigger();
    QCOMPARE(window.tabs()->currentWidget(), window.refundsView());
    QCOMPARE(filters->fromField()->text(), QStringLiteral("2024-05-01"));
    QCOMPARE(filters->toField()->text(), QStringLiteral("2024-05-31"));
    QCOMPARE(filters->currencyField()->currentData().toString(), QStringLiteral("USD"));
    QVERIFY(!window.refundsView()->isColumnVisible(note));
    // The tables are filtered by it, not only the fields.
    QTRY_COMPARE(window.refundsView()->model()->filter().currency, QStringLiteral("USD"));
    QCOMPARE(window.refundsView()->model()->filter().from, QDate(2024, 5, 1));

    QMenu *deleteMenu = window.savedViewsMenu()->deleteMenu();
    QAction *del = actionNamed(deleteMenu->actions(), QStringLiteral("May USD refunds"));
    QVERIFY(del);
    del->trigger();
    QVERIFY(SavedViewsMenu::names().isEmpty());
    QVERIFY(!window.savedViewsMenu()->applyAction(QStringLiteral("May USD refunds")));
    QVERIFY(!deleteMenu->isEnabled());
}

QTEST_MAIN(TestTables)
#include "tst_tables.moc"
