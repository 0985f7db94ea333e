// The real main window and dialogs, offscreen, against the real sandbox gateway: select an
// invoice, type amounts (valid, too precise, too large), send a partial refund and see it in the
// Refunds view with the refundable amount dropping; a refund the gateway rejects shows its
// message verbatim; a chargeback whose answer is lost (drop fault) stays in the Outbox view.
// The window acts only on what the clerk sees: the highlighted row of the visible table, and
// nothing once a filter removed it; the keyboard reaches every part of the window.
#include "accountselector.h"
#include "chargebackdialog.h"
#include "connectivity.h"
#include "displayformat.h"
#include "filterbar.h"
#include "invoicedetailpane.h"
#include "invoicesview.h"
#include "invoicetablemodel.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "outboxtablemodel.h"
#include "outboxview.h"
#include "refunddialog.h"
#include "refundmetadatadialog.h"
#include "refundsview.h"
#include "sandboxprocess.h"
#include "secretsource.h"
#include "store/accountrepository.h"
#include "store/database.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrlQuery>

using namespace rd;

namespace {

QString plain(const QString &html)
{
    QTextDocument doc;
    doc.setHtml(html);
    return doc.toPlainText();
}

QString major(qint64 minor)
{
    return Money::formatMinor(minor, 2);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void refundGoesToTheHighlightedInvoice();
    void filterRemovingTheCurrentRowClearsThePane();
    void tabWalksTheWindow();
    void mnemonicsAreUnique();
    void disabledActionsSayWhy_data();
    void disabledActionsSayWhy();
    void partialRefundFromTheWindow();
    void editRefundMetadata();
    void rejectedRefundShowsTheGatewayMessage();
    void lostAnswerStaysInTheOutbox();
    void offlineRefusesToSend();
    void syncShowsProgressAndCancels();
    void accountSelectorAndSearchFilterTheTables();
    void cancelRequiresActionRefund();
    void searchFindsNamesTypedWithoutMarks_data();
    void searchFindsNamesTypedWithoutMarks();
    void backupIsAConsistentCopy();
    void readOnlyCacheRefusesToSend();

private:
    // A loaded row of the invoices view matching the account and a refundable amount, or -1.
    int findInvoice(qint64 accountId, qint64 minRefundable, bool unrefunded);
    bool selectInvoice(int row);
    QLineEdit *searchField() const { return m_window->filterBar()->searchField(); }
    RefundDialog *openRefundWithShortcut();
    QJsonObject stripeRefundDirectly(const QString &charge, qint64 amount);

    rdtest::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_stripe = 0;
    qint64 m_intasend = 0;
    QString m_refundId; // created by partialRefundFromTheWindow
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // window layouts go to a throwaway settings file
    QString error;
    QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
    QVERIFY2(m_db.open(m_dir.filePath(QStringLiteral("cache.sqlite3")), &error), qPrintable(error));
    AccountRepository accounts(m_db);
    m_stripe = accounts
                   .add(QStringLiteral("Test Stripe"), Dialect::Stripe,
                        m_sandbox.baseUrl(QStringLiteral("stripe")), &error)
                   ->id;
    m_intasend = accounts
                     .add(QStringLiteral("Test IntaSend"), Dialect::IntaSend,
                          m_sandbox.baseUrl(QStringLiteral("intasend")), &error)
                     ->id;
    m_window = std::make_unique<MainWindow>(m_db);
    m_window->secrets()->setSessionSecret(QStringLiteral("Test Stripe"),
                                          rdtest::SandboxProcess::secret(QStringLiteral("stripe")));
    m_window->secrets()->setSessionSecret(
        QStringLiteral("Test IntaSend"),
        rdtest::SandboxProcess::secret(QStringLiteral("intasend")));
    m_window->reloadAccounts();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy synced(m_window.get(), &MainWindow::syncFinished);
    QTest::keyClick(m_window.get(), Qt::Key_F5); // the sync shortcut
    QVERIFY(synced.wait(120000));
    // Both accounts synced, or the status bar says why not.
    for (const qint64 id : {m_stripe, m_intasend})
        QVERIFY2(AccountRepository(m_db).findById(id)->lastSyncAt.isValid(),
                 qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(m_window->connectivity()->state(), Connectivity::State::Online);
    // The tables refresh as each account finishes; wait until they show all the cache holds.
    QSqlQuery count(m_db.connection());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM invoices")) && count.next());
    const int cached = count.value(0).toInt();
    count.finish();
    QVERIFY(cached > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->invoicesView()->model()->rowCount(), cached, 10000);
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    m_sandbox.stop();
}

int TestMainWindow::findInvoice(qint64 accountId, qint64 minRefundable, bool unrefunded)
{
    LazyTableModel *model = m_window->invoicesView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        // The window refreshes its tables after a sync and a reconcile; a refresh drops the
        // page being loaded, so ask for the row again until it arrives.
        QModelIndex status;
        const bool loaded = QTest::qWaitFor(
            [&] {
                if (row >= model->rowCount())
                    return false;
                status = model->index(row, InvoiceTableModel::Status);
                return model->data(status, RawValueRole).isValid();
            },
            10000);
        if (!loaded)
            return -1;
        const QString currency = status.data(CurrencyRole).toString();
        const bool twoDecimals = Money(0, currency).exponent() == 2;
        const qint64 refundable =
            model->index(row, InvoiceTableModel::Refundable).data(RawValueRole).toLongLong();
        const qint64 refunded =
            model->index(row, InvoiceTableModel::Refunded).data(RawValueRole).toLongLong();
        if (status.data(AccountIdRole).toLongLong() == accountId && twoDecimals &&
            status.data(RawValueRole).toString() == QLatin1String("succeeded") &&
            !status.data().toString().contains(QLatin1String("disputed")) &&
            refundable >= minRefundable && (!unrefunded || refunded == 0))
            return row;
    }
    return -1;
}

bool TestMainWindow::selectInvoice(int row)
{
    QTableView *table = m_window->invoicesView()->table();
    m_window->tabs()->setCurrentIndex(0);
    const QModelIndex index = table->model()->index(row, InvoiceTableModel::Customer);
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    const QString id = index.data(RecordIdRole).toString();
    return QTest::qWaitFor([&] { return m_window->detailPane()->detail().invoice.gatewayId == id; },
                           10000);
}

RefundDialog *TestMainWindow::openRefundWithShortcut()
{
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
        return nullptr;
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    RefundDialog *dialog = nullptr;
    const bool opened = QTest::qWaitFor(
        [&] { return (dialog = m_window->findChild<RefundDialog *>()) != nullptr; }, 5000);
    return opened ? dialog : nullptr;
}

QJsonObject TestMainWindow::stripeRefundDirectly(const QString &charge, qint64 amount)
{
    // Another person refunding on the gateway's own dashboard: the cache does not know yet.
    QNetworkAccessManager nam;
    QNetworkRequest request(
        QUrl(m_sandbox.baseUrl(QStringLiteral("stripe")) + QStringLiteral("/v1/refunds")));
    request.setRawHeader("Authorization", "Bearer sk_test_sandbox");
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("charge"), charge);
    form.addQueryItem(QStringLiteral("amount"), QString::number(amount));
    QNetworkReply *reply = nam.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(20000);
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return body;
}

void TestMainWindow::refundGoesToTheHighlightedInvoice()
{
    // Highlight an invoice, look at a refund of another invoice on the Refunds tab, come back:
    // the pane and Ctrl+R are about the highlighted invoice again.
    const int row = findInvoice(m_stripe, 100, false);
    QVERIFY(row >= 0);
    QVERIFY(selectInvoice(row));
    const QString highlighted = m_window->detailPane()->detail().invoice.gatewayId;
    const QString customer = m_window->detailPane()->detail().invoice.customer;

    m_window->tabs()->setCurrentIndex(1);
    QTableView *refunds = m_window->refundsView()->table();
    LazyTableModel *model = m_window->refundsView()->model();
    int other = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < std::min(model->rowCount(), 100); ++r) {
                const QModelIndex i = model->index(r, 0);
                model->data(i);
                if (i.data(InvoiceIdRole).isValid() &&
                    i.data(InvoiceIdRole).toString() != highlighted) {
                    other = r;
                    return true;
                }
            }
            return false;
        }(),
        10000);
    const QModelIndex otherIndex = model->index(other, 1);
    const QString otherInvoice = otherIndex.data(InvoiceIdRole).toString();
    refunds->scrollTo(otherIndex);
    QTest::mouseClick(refunds->viewport(), Qt::LeftButton, {},
                      refunds->visualRect(otherIndex).center());
    QTRY_COMPARE(m_window->detailPane()->detail().invoice.gatewayId, otherInvoice);

    m_window->tabs()->setCurrentIndex(0);
    QTRY_COMPARE(m_window->detailPane()->detail().invoice.gatewayId, highlighted);
    RefundDialog *dialog = openRefundWithShortcut();
    QVERIFY2(dialog, "Ctrl+R did not open the refund dialog");
    QCOMPARE(dialog->draft().invoiceId, highlighted);
    QVERIFY(dialog->windowTitle().contains(highlighted));
    QVERIFY(dialog->windowTitle().contains(customer));
    dialog->close();
    QTRY_VERIFY(!m_window->findChild<RefundDialog *>());

    // On the Charts tab no record is current: the pane is empty and Refund is off.
    m_window->tabs()->setCurrentIndex(4);
    QVERIFY(!m_window->detailPane()->hasInvoice());
    QVERIFY(!m_window->refundAction()->isEnabled());
    m_window->tabs()->setCurrentIndex(0);
    QTRY_COMPARE(m_window->detailPane()->detail().invoice.gatewayId, highlighted);
}

void TestMainWindow::filterRemovingTheCurrentRowClearsThePane()
{
    const int row = findInvoice(m_stripe, 100, false);
    QVERIFY(row >= 0);
    QVERIFY(selectInvoice(row));
    const QString id = m_window->detailPane()->detail().invoice.gatewayId;
    QVERIFY(m_window->refundAction()->isEnabled());

    // A search the invoice does not match takes it out of the table, and out of reach.
    searchField()->setText(QStringLiteral("zzqx-nothing-matches"));
    QTRY_COMPARE(m_window->invoicesView()->model()->rowCount(), 0);
    QTRY_VERIFY(!m_window->detailPane()->hasInvoice());
    QVERIFY(!m_window->refundAction()->isEnabled());
    QVERIFY(m_window->refundAction()->toolTip().contains(QLatin1String("Select an invoice")));
    auto *empty = m_window->invoicesView()->findChild<QLabel *>(QStringLiteral("emptyState"));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(QLatin1String("Nothing matched the search")),
             qPrintable(empty->text()));
    QVERIFY(!empty->text().contains(QLatin1String("Sync")));

    // Esc in the search box brings every row back; the invoice is found again and shown.
    searchField()->setFocus();
    QTest::keyClick(searchField(), Qt::Key_Escape);
    QCOMPARE(searchField()->text(), QString());
    QTRY_VERIFY(m_window->invoicesView()->model()->rowCount() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->detail().invoice.gatewayId, id, 10000);
    QCOMPARE(m_window->invoicesView()->currentRecord().recordId, id);
}

void TestMainWindow::tabWalksTheWindow()
{
    const int row = findInvoice(m_stripe, 100, false);
    QVERIFY(row >= 0);
    QVERIFY(selectInvoice(row));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTableView *table = m_window->invoicesView()->table();
    searchField()->setFocus(Qt::TabFocusReason);
    QList<QWidget *> visited;
    for (int i = 0; i < 20; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        visited << QApplication::focusWidget();
    }
    // The table is one stop, followed by the tab bar and then the detail pane.
    const qsizetype at = visited.indexOf(table);
    QVERIFY2(at >= 0, "Tab never reached the invoices table");
    QVERIFY(at + 2 < visited.size());
    QCOMPARE(visited.at(at + 1), static_cast<QWidget *>(m_window->tabs()->tabBar()));
    QVERIFY2(m_window->detailPane()->isAncestorOf(visited.at(at + 2)),
             visited.at(at + 2)->metaObject()->className());
    QVERIFY(visited.indexOf(table, at + 1) < 0 || visited.indexOf(table, at + 1) > at + 3);
    // Shift+Tab walks back the same way.
    m_window->tabs()->tabBar()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table));
    // The focused table shows its current row highlighted, and arrows move it.
    table->setFocus(Qt::TabFocusReason);
    QVERIFY(table->selectionModel()->isRowSelected(table->currentIndex().row(), {}));
    const int before = table->currentIndex().row();
    QTest::keyClick(table, before > 0 ? Qt::Key_Up : Qt::Key_Down);
    QVERIFY(table->currentIndex().row() != before);
    QVERIFY(table->selectionModel()->isRowSelected(table->currentIndex().row(), {}));
    // Ctrl+Tab and Ctrl+PgDn switch tabs, Ctrl+PgUp comes back.
    QTest::keyClick(table, Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), 2);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp, Qt::ControlModifier);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), 0);
}

void TestMainWindow::mnemonicsAreUnique()
{
    // Alt+letter reaches one thing in the main window: menus, tabs, buttons and labels.
    QMultiHash<QChar, QString> owners;
    auto note = [&owners](const QString &text) {
        for (qsizetype i = 0; i + 1 < text.size(); ++i) {
            if (text.at(i) == QLatin1Char('&')) {
                if (text.at(i + 1) != QLatin1Char('&'))
                    owners.insert(text.at(i + 1).toLower(), text);
                ++i;
            }
        }
    };
    for (QAction *a : m_window->menuBar()->actions())
        note(a->text());
    for (int i = 0; i < m_window->tabs()->count(); ++i)
        note(m_window->tabs()->tabText(i));
    for (QAbstractButton *b : m_window->findChildren<QAbstractButton *>()) {
        if (!qobject_cast<QToolButton *>(b) || !b->text().contains(QLatin1Char('&')) ||
            b->parentWidget() == m_window->filterBar())
            note(b->text());
    }
    for (QLabel *l : m_window->findChildren<QLabel *>()) {
        if (l->buddy())
            note(l->text());
    }
    QStringList clashes;
    for (const QChar key : owners.uniqueKeys()) {
        if (owners.count(key) > 1)
            clashes << QStringLiteral("Alt+%1: %2")
                           .arg(key)
                           .arg(QStringList(owners.values(key)).join(QStringLiteral(" / ")));
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
}

void TestMainWindow::disabledActionsSayWhy_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("invoiceState"); // paid, refunded, unpaid
    QTest::addColumn<QString>("refundStatus"); // of the refund selected; empty = none
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("reason");
    QTest::newRow("intasend refund") << "intasend"
                                     << "paid"
                                     << ""
                                     << "refund"
                                     << "chargeback";
    QTest::newRow("nothing left") << "stripe"
                                  << "refunded"
                                  << ""
                                  << "refund"
                                  << "fully refunded";
    QTest::newRow("not paid") << "stripe"
                              << "unpaid"
                              << ""
                              << "refund"
                              << "not paid";
    QTest::newRow("stripe chargeback") << "stripe"
                                       << "paid"
                                       << ""
                                       << "chargeback"
                                       << "does not take chargebacks";
    QTest::newRow("no refund selected") << "stripe"
                                        << "paid"
                                        << ""
                                        << "cancel"
                                        << "Select a refund";
    QTest::newRow("pending refund") << "stripe"
                                    << "paid"
                                    << "pending"
                                    << "cancel"
                                    << "requires action";
    QTest::newRow("processout cancel") << "processout"
                                       << "paid"
                                       << "requires_action"
                                       << "cancel"
                                       << "cannot be canceled";
    QTest::newRow("chargebee metadata") << "chargebee"
                                        << "paid"
                                        << "succeeded"
                                        << "metadata"
                                        << "no metadata";
}

void TestMainWindow::disabledActionsSayWhy()
{
    QFETCH(QString, dialect);
    QFETCH(QString, invoiceState);
    QFETCH(QString, refundStatus);
    QFETCH(QString, action);
    QFETCH(QString, reason);
    InvoiceDetail d;
    d.found = true;
    d.account.id = 99;
    d.account.name = QStringLiteral("Case");
    d.account.dialect = *dialectFromName(dialect);
    d.invoice.gatewayId = QStringLiteral("inv_case");
    d.invoice.amount = Money(10000, QStringLiteral("EUR"));
    d.invoice.status =
        invoiceState == QLatin1String("unpaid") ? CommonStatus::Pending : CommonStatus::Succeeded;
    const qint64 refunded = invoiceState == QLatin1String("refunded") ? 10000 : 0;
    d.invoice.amountRefunded = Money(refunded, QStringLiteral("EUR"));
    if (!refundStatus.isEmpty()) {
        Refund r;
        r.gatewayId = QStringLiteral("re_case");
        r.invoiceId = d.invoice.gatewayId;
        r.amount = Money(100, QStringLiteral("EUR"));
        r.status = *commonStatusFromName(refundStatus);
        d.refunds << r;
    }
    d.context.dialect = d.account.dialect;
    d.context.invoice = d.invoice;
    d.context.refunds = d.refunds;
    d.context.inOutbox = Money(0, QStringLiteral("EUR"));
    d.figures = refundableOf(d.context);
    InvoiceDetailPane *pane = m_window->detailPane();
    pane->showDetail(d);
    if (!refundStatus.isEmpty()) {
        QTreeWidget *list = nullptr;
        for (QTreeWidget *t : pane->findChildren<QTreeWidget *>()) {
            if (t->accessibleName() == QLatin1String("Refunds of this invoice"))
                list = t;
        }
        QVERIFY(list && list->topLevelItemCount() == 1);
        list->setCurrentItem(list->topLevelItem(0));
    }
    QAction *a = action == QLatin1String("refund")       ? m_window->refundAction()
                 : action == QLatin1String("chargeback") ? m_window->chargebackAction()
                 : action == QLatin1String("cancel")     ? m_window->cancelRefundAction()
                                                         : m_window->metadataAction();
    QVERIFY(!a->isEnabled());
    QVERIFY2(a->toolTip().contains(reason), qPrintable(a->toolTip()));
    QCOMPARE(a->statusTip(), a->toolTip());
    pane->clear();
}

void TestMainWindow::partialRefundFromTheWindow()
{
    const int row = findInvoice(m_stripe, 1000, false);
    QVERIFY2(row >= 0, "the sandbox has no refundable Stripe invoice in a 2-decimal currency");
    QVERIFY(selectInvoice(row));
    const InvoiceDetail before = m_window->detailPane()->detail();
    QVERIFY(before.figures.refundable.minorUnits() >= 1000);
    QVERIFY(m_window->refundAction()->isEnabled());

    RefundDialog *dialog = openRefundWithShortcut();
    QVERIFY2(dialog, "Ctrl+R did not open the refund dialog");
    QLineEdit *amount = dialog->amountField();
    QCOMPARE(amount->accessibleName(), QStringLiteral("Refund amount"));
    QVERIFY(dialog->partialChoice()->isChecked());

    QTest::keyClicks(amount, QStringLiteral("1.005")); // too precise
    QVERIFY(!dialog->reviewButton()->isEnabled());
    QVERIFY2(dialog->reviewButton()->toolTip().contains(QLatin1String("decimals")),
             qPrintable(dialog->reviewButton()->toolTip()));

    amount->clear();
    QTest::keyClicks(amount,
                     major(before.figures.refundable.minorUnits() + 1)); // one cent too many
    QVERIFY(!dialog->reviewButton()->isEnabled());
    QVERIFY2(dialog->problem().contains(QLatin1String("more than")), qPrintable(dialog->problem()));
    QVERIFY(dialog->problem().contains(before.figures.refundable.toDisplayString()));

    amount->clear();
    QTest::keyClicks(amount, QStringLiteral("5.25"));
    QVERIFY2(dialog->reviewButton()->isEnabled(), qPrintable(dialog->problem()));
    QCOMPARE(dialog->problem(), QString());
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);
    QVERIFY(dialog->sendButton()->isVisible());
    QSignalSpy submitted(dialog, &RefundDialog::submitted);
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton); // a double click sends once
    QCOMPARE(submitted.count(), 1);

    auto *outcome = dialog->findChild<QLabel *>(QStringLiteral("refundOutcome"));
    QVERIFY(outcome);
    QTRY_VERIFY_WITH_TIMEOUT(plain(outcome->text()).startsWith(QLatin1String("Created")), 30000);
    const QString refundId = plain(outcome->text()).section(QLatin1Char(' '), 1, 1);
    QVERIFY2(refundId.startsWith(QLatin1String("re_")), qPrintable(outcome->text()));
    m_refundId = refundId;
    // The window says so too, for when the dialog is already closed.
    QVERIFY2(m_window->statusBar()->currentMessage().contains(refundId),
             qPrintable(m_window->statusBar()->currentMessage()));

    // The refundable amount drops by exactly what was refunded.
    const Money expected(before.figures.refundable.minorUnits() - 525,
                         before.figures.refundable.currency());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->detail().figures.refundable, expected, 10000);
    auto *label = m_window->detailPane()->findChild<QLabel *>(QStringLiteral("refundableAmount"));
    QVERIFY2(label->text().contains(display::amount(expected.minorUnits(), expected.currency())),
             qPrintable(label->text()));

    // And the refund is in the Refunds view.
    m_window->tabs()->setCurrentIndex(1);
    LazyTableModel *refunds = m_window->refundsView()->model();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < std::min(refunds->rowCount(), 100); ++r) {
                if (refunds->index(r, 0).data(RecordIdRole).toString() == refundId)
                    return refunds->index(r, 0).data(InvoiceIdRole).toString() ==
                           before.invoice.gatewayId;
                refunds->data(refunds->index(r, 0));
            }
            return false;
        }(),
        10000);
    dialog->close();
}

void TestMainWindow::editRefundMetadata()
{
    if (m_refundId.isEmpty())
        QSKIP("needs the refund made by partialRefundFromTheWindow");
    // The invoice of that refund is still highlighted on the Invoices tab; pick the refund in
    // the pane's list.
    m_window->tabs()->setCurrentIndex(0);
    QTRY_VERIFY(m_window->detailPane()->hasInvoice());
    QTreeWidget *list = nullptr;
    for (QTreeWidget *t : m_window->detailPane()->findChildren<QTreeWidget *>()) {
        if (t->accessibleName() == QLatin1String("Refunds of this invoice"))
            list = t;
    }
    QVERIFY(list);
    QTRY_VERIFY(!list->findItems(m_refundId, Qt::MatchExactly, 3).isEmpty());
    list->setCurrentItem(list->findItems(m_refundId, Qt::MatchExactly, 3).first());
    QCOMPARE(m_window->detailPane()->selectedRefundId(), m_refundId);
    QAction *edit = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->text().startsWith(QLatin1String("Edit metadata")))
            edit = a;
    }
    QVERIFY(edit && edit->isEnabled());
    edit->trigger();
    RefundMetadataDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<RefundMetadataDialog *>()) != nullptr);
    const int before = dialog->table()->rowCount();
    for (QPushButton *b : dialog->findChildren<QPushButton *>()) {
        if (b->text().contains(QLatin1String("Add entry")))
            QTest::mouseClick(b, Qt::LeftButton);
    }
    QCOMPARE(dialog->table()->rowCount(), before + 1);
    dialog->table()->item(before, 0)->setText(QStringLiteral("ticket"));
    dialog->table()->item(before, 1)->setText(QStringLiteral("T-42"));
    QVERIFY(dialog->reviewButton()->isEnabled());
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);
    QCOMPARE(dialog->currentPage(), int(OperationDialog::ConfirmPage));
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        plain(dialog->outcomeTitleLabel()->text()).contains(QLatin1String("accepted")), 30000);
    // The cache holds what the gateway now has.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const Refund &r : m_window->detailPane()->detail().refunds) {
                if (r.gatewayId == m_refundId)
                    return r.metadata.value(QStringLiteral("ticket")) == QLatin1String("T-42");
            }
            return false;
        }(),
        10000);
    dialog->close();
}

void TestMainWindow::rejectedRefundShowsTheGatewayMessage()
{
    const int row = findInvoice(m_stripe, 1000, true);
    QVERIFY2(row >= 0, "no unrefunded Stripe invoice left");
    QVERIFY(selectInvoice(row));
    const InvoiceDetail detail = m_window->detailPane()->detail();
    const QJsonObject direct =
        stripeRefundDirectly(detail.invoice.gatewayId, detail.figures.refundable.minorUnits());
    QVERIFY2(direct.value(QStringLiteral("id")).toString().startsWith(QLatin1String("re_")),
             QJsonDocument(direct).toJson().constData());

    RefundDialog *dialog = m_window->openRefundDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->amountField(), QStringLiteral("1.00"));
    QVERIFY2(dialog->reviewButton()->isEnabled(),
             qPrintable(dialog->problem())); // the cache is stale
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);
    // The re-read of the invoice before sending would count the direct refund and refuse
    // locally; with that read failing, the gateway's own rejection must reach the clerk.
    QVERIFY(m_sandbox.armFaults(QJsonObject{{QStringLiteral("malformed"), 1},
                                            {QStringLiteral("method"), QStringLiteral("GET")}}));
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    auto *outcome = dialog->findChild<QLabel *>(QStringLiteral("refundOutcome"));
    QTRY_VERIFY_WITH_TIMEOUT(plain(outcome->text()).contains(QLatin1String("What to do next")),
                             30000);
    QVERIFY(m_sandbox.clearFaults());

    // What the gateway says to the same request, asked directly.
    const QJsonObject again = stripeRefundDirectly(detail.invoice.gatewayId, 100);
    const QString message =
        again.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(!message.isEmpty(), QJsonDocument(again).toJson().constData());
    QVERIFY2(plain(outcome->text()).contains(message), qPrintable(plain(outcome->text())));
    QVERIFY(plain(outcome->text()).contains(QLatin1String("Nothing was refunded")));
    dialog->close();
}

void TestMainWindow::lostAnswerStaysInTheOutbox()
{
    const int row = findInvoice(m_intasend, 500, true);
    QVERIFY2(row >= 0, "no IntaSend invoice to file a chargeback request on");
    QVERIFY(selectInvoice(row));
    const QString invoiceId = m_window->detailPane()->detail().invoice.gatewayId;
    QAction *chargeback = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->text().contains(QLatin1String("chargeback")))
            chargeback = a;
    }
    QVERIFY(chargeback && chargeback->isEnabled());
    chargeback->trigger();
    ChargebackDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ChargebackDialog *>()) != nullptr);
    QTest::keyClicks(dialog->amountField(), QStringLiteral("2.00"));
    QVERIFY2(dialog->reviewButton()->isEnabled(), qPrintable(dialog->problem()));
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);

    QVERIFY(
        m_sandbox.armFaults(QJsonObject{{QStringLiteral("drop_after_commit"), 1},
                                        {QStringLiteral("dialect"), QStringLiteral("intasend")}}));
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (QLabel *l : dialog->findChildren<QLabel *>()) {
                if (l->accessibleName() == QLatin1String("Outcome") &&
                    plain(l->text()).contains(QLatin1String("No definite answer")))
                    return true;
            }
            return false;
        }(),
        60000);
    QVERIFY(m_sandbox.clearFaults());

    m_window->tabs()->setCurrentIndex(3);
    LazyTableModel *outbox = m_window->outboxView()->model();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < outbox->rowCount(); ++r) {
                const QModelIndex state = outbox->index(r, OutboxTableModel::State);
                outbox->data(state);
                if (state.data(InvoiceIdRole).toString() == invoiceId &&
                    state.data(RawValueRole).toString() == QLatin1String("unknown"))
                    return state.data().toString() == QLatin1String("Outcome unknown");
            }
            return false;
        }(),
        10000);
    dialog->close();
}

void TestMainWindow::offlineRefusesToSend()
{
    const int row = findInvoice(m_stripe, 100, false);
    QVERIFY(row >= 0);
    QVERIFY(selectInvoice(row));
    m_window->connectivity()->setForcedOffline(true);
    RefundDialog *dialog = m_window->openRefundDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->amountField(), QStringLiteral("1.00"));
    QVERIFY(!dialog->reviewButton()->isEnabled());
    QVERIFY2(dialog->problem().contains(QLatin1String("offline")), qPrintable(dialog->problem()));
    auto *banner = m_window->findChild<QWidget *>(QStringLiteral("offlineBanner"));
    QVERIFY(banner && banner->isVisible());
    // One switch, whichever way it was thrown; Sync and Refund say why they are off.
    QVERIFY(m_window->offlineAction()->isChecked());
    QVERIFY(!m_window->syncAction()->isEnabled());
    QVERIFY2(m_window->syncAction()->toolTip().contains(QLatin1String("Work offline")),
             qPrintable(m_window->syncAction()->toolTip()));
    QVERIFY(!m_window->refundAction()->isEnabled());
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QLatin1String("Working offline")));
    dialog->close();
    // The banner's button turns it off again, and everything follows.
    QPushButton *online = nullptr;
    for (QPushButton *b : banner->findChildren<QPushButton *>())
        online = b;
    QVERIFY(online && online->text() == QLatin1String("&Work online"));
    QTest::mouseClick(online, Qt::LeftButton);
    QVERIFY(!m_window->connectivity()->isForcedOffline());
    QVERIFY(!m_window->offlineAction()->isChecked());
    QVERIFY(m_window->syncAction()->isEnabled());
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QLatin1String("Working online")));
    QVERIFY(!banner->isVisible());
}

void TestMainWindow::syncShowsProgressAndCancels()
{
    // Slow gateways, so the sync is still running when Cancel is pressed.
    QVERIFY(m_sandbox.armFaults(QJsonObject{{QStringLiteral("latency_ms"), 400}}));
    QSignalSpy synced(m_window.get(), &MainWindow::syncFinished);
    QVERIFY(m_window->syncAction()->isEnabled());
    m_window->syncAction()->trigger();
    QProgressBar *progress = nullptr;
    QToolButton *cancel = nullptr;
    for (QWidget *w : m_window->statusBar()->findChildren<QWidget *>()) {
        if (w->accessibleName() == QLatin1String("Sync progress"))
            progress = qobject_cast<QProgressBar *>(w);
        if (w->accessibleName() == QLatin1String("Cancel sync"))
            cancel = qobject_cast<QToolButton *>(w);
    }
    QVERIFY(progress && cancel);
    QTRY_VERIFY(progress->isVisible());
    QVERIFY(!m_window->syncAction()->isEnabled()); // one sync at a time
    // The tables stay usable while it runs.
    LazyTableModel *invoices = m_window->invoicesView()->model();
    QVERIFY(invoices->rowCount() > 0);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(synced.wait(30000));
    QVERIFY(m_sandbox.clearFaults());
    QVERIFY(!progress->isVisible());
    QVERIFY(m_window->syncAction()->isEnabled());
    QVERIFY(invoices->rowCount() > 0); // a canceled sync loses nothing already cached
}

void TestMainWindow::accountSelectorAndSearchFilterTheTables()
{
    m_window->tabs()->setCurrentIndex(0);
    LazyTableModel *invoices = m_window->invoicesView()->model();
    auto *selector = m_window->findChild<AccountSelector *>();
    QVERIFY(selector);
    auto *account = selector->findChild<QComboBox *>();
    QVERIFY(account);
    QCOMPARE(account->accessibleName(), QStringLiteral("Account"));
    const int all = invoices->rowCount();
    account->setCurrentIndex(
        account->findText(QStringLiteral("Test IntaSend"), Qt::MatchStartsWith));
    QTRY_VERIFY(invoices->rowCount() > 0 && invoices->rowCount() < all);
    for (int row = 0; row < std::min(invoices->rowCount(), 50); ++row) {
        const QModelIndex i = invoices->index(row, 0);
        invoices->data(i);
        QTRY_VERIFY(i.data(AccountIdRole).isValid());
        QCOMPARE(i.data(AccountIdRole).toLongLong(), m_intasend);
    }

    // Ctrl+F goes to the search field; typing an invoice id finds that invoice.
    const QString wanted = invoices->index(0, InvoiceTableModel::InvoiceId).data().toString();
    account->setCurrentIndex(0); // all accounts again
    QTRY_COMPARE(invoices->rowCount(), all);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    auto *search = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(search);
    QCOMPARE(search->accessibleName(), QStringLiteral("Search"));
    QTest::keyClicks(search, wanted);
    QTRY_COMPARE(invoices->rowCount(), 1);
    QTRY_COMPARE(invoices->index(0, InvoiceTableModel::InvoiceId).data().toString(), wanted);
    search->clear();
    QTRY_COMPARE(invoices->rowCount(), all);
}

void TestMainWindow::cancelRequiresActionRefund()
{
    // The sandbox seeds Stripe refunds waiting in requires_action; the cache has them.
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT gateway_id, invoice_id FROM refunds WHERE account_id = ? "
                             "AND status = 'requires_action' ORDER BY created_at DESC LIMIT 1"));
    q.addBindValue(m_stripe);
    QVERIFY(q.exec());
    QVERIFY2(q.next(), "the seeded Stripe account has no refund in requires_action");
    const QString refundId = q.value(0).toString();
    const QString invoiceId = q.value(1).toString();
    q.finish(); // an unfinished SELECT would pin this connection to an old snapshot

    // Find the invoice with the search box and select it.
    m_window->tabs()->setCurrentIndex(0);
    LazyTableModel *invoices = m_window->invoicesView()->model();
    QLineEdit *search = nullptr;
    for (QLineEdit *e : m_window->findChildren<QLineEdit *>()) {
        if (e->accessibleName() == QLatin1String("Search"))
            search = e;
    }
    QVERIFY(search);
    search->setText(invoiceId);
    QTRY_COMPARE(invoices->rowCount(), 1);
    QTRY_COMPARE(invoices->index(0, InvoiceTableModel::InvoiceId).data(RecordIdRole).toString(),
                 invoiceId);
    QVERIFY(selectInvoice(0));

    QTreeWidget *list = nullptr;
    for (QTreeWidget *t : m_window->detailPane()->findChildren<QTreeWidget *>()) {
        if (t->accessibleName() == QLatin1String("Refunds of this invoice"))
            list = t;
    }
    QVERIFY(list);
    QTRY_VERIFY(!list->findItems(refundId, Qt::MatchExactly, 3).isEmpty());
    list->setCurrentItem(list->findItems(refundId, Qt::MatchExactly, 3).first());
    QCOMPARE(m_window->detailPane()->selectedRefundId(), refundId);

    QAction *cancel = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->text() == QLatin1String("Cancel refund"))
            cancel = a;
    }
    QVERIFY(cancel);
    QVERIFY(cancel->isEnabled());
    cancel->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>()) != nullptr);
    QVERIFY(box->text().contains(refundId));
    QVERIFY(box->button(QMessageBox::Yes));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);

    // The gateway canceled it, the window says so, and the cache holds the gateway's answer.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusBar()->currentMessage().contains(
                                 QStringLiteral("Refund %1 canceled.").arg(refundId)),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QSqlQuery s(m_db.connection());
            s.prepare(QStringLiteral("SELECT status FROM refunds WHERE account_id = ? AND "
                                     "gateway_id = ?"));
            s.addBindValue(m_stripe);
            s.addBindValue(refundId);
            return s.exec() && s.next() && s.value(0).toString() == QLatin1String("canceled");
        }(),
        10000);
    search->clear();
}

void TestMainWindow::searchFindsNamesTypedWithoutMarks_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("shown"); // the customer's name as the sandbox spells it
    QTest::newRow("soren") << "soren" << QStringLiteral("Søren");
    QTest::newRow("lukasz") << "lukasz" << QStringLiteral("Łukasz");
    QTest::newRow("muller") << "muller" << QStringLiteral("Müller");
}

void TestMainWindow::searchFindsNamesTypedWithoutMarks()
{
    // What the clerk types in the search box, without the marks, finds the names with them:
    // every row shown carries the name, and the cache holds no other row that does.
    QFETCH(QString, typed);
    QFETCH(QString, shown);
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE customer LIKE ? OR email "
                             "LIKE ? OR description LIKE ?"));
    const QString like = QLatin1Char('%') + shown + QLatin1Char('%');
    q.addBindValue(like);
    q.addBindValue(like);
    q.addBindValue(like);
    QVERIFY(q.exec() && q.next());
    const int expected = q.value(0).toInt();
    if (expected == 0)
        QSKIP(qPrintable(QStringLiteral("the seeded sandbox has no customer named %1").arg(shown)));
    m_window->tabs()->setCurrentIndex(0);
    LazyTableModel *invoices = m_window->invoicesView()->model();
    QLineEdit *search = searchField();
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM invoices")) && q.next());
    const int all = q.value(0).toInt();
    search->clear();
    QTRY_COMPARE_WITH_TIMEOUT(invoices->rowCount(), all, 10000); // the unfiltered table first
    QTest::keyClicks(search, typed);
    QTRY_VERIFY_WITH_TIMEOUT(!invoices->isLoading() && invoices->rowCount() < all, 10000);
    QVERIFY(invoices->rowCount() >= expected);
    for (int row = 0; row < invoices->rowCount(); ++row) {
        const QModelIndex customer = invoices->index(row, InvoiceTableModel::Customer);
        invoices->data(customer);
        QTRY_VERIFY(!invoices->isLoading());
        QVERIFY2(customer.data().toString().contains(shown, Qt::CaseInsensitive) ||
                     invoices->index(row, InvoiceTableModel::Email)
                         .data()
                         .toString()
                         .contains(typed, Qt::CaseInsensitive),
                 qPrintable(customer.data().toString()));
    }
    search->clear();
    QTRY_VERIFY(!invoices->isLoading());
}

void TestMainWindow::backupIsAConsistentCopy()
{
    // File > Back up cache… while the window has the cache open: a checked, complete copy.
    const QString target = m_dir.filePath(QStringLiteral("backup/copy.sqlite3"));
    QVERIFY(QDir().mkpath(QFileInfo(target).path()));
    QSignalSpy done(m_window.get(), &MainWindow::backupFinished);
    m_window->startBackup(target);
    QVERIFY(done.wait(30000));
    QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
    QVERIFY(m_window->backupAction()->isEnabled());
    Database copy;
    QString error;
    QVERIFY2(copy.open(target, Database::OpenMode::ReadOnly, &error), qPrintable(error));
    QSqlQuery q(copy.connection());
    QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
    QSqlQuery original(m_db.connection());
    QVERIFY(original.exec(QStringLiteral("SELECT COUNT(*) FROM invoices")) && original.next());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM invoices")) && q.next());
    QCOMPARE(q.value(0).toLongLong(), original.value(0).toLongLong());
    q.finish();
    copy.close();

    // The cache itself is never a backup target.
    done.clear();
    m_window->startBackup(m_db.path());
    QVERIFY(done.wait(30000));
    QVERIFY(!done.at(0).at(0).toBool());
    for (QMessageBox *box : m_window->findChildren<QMessageBox *>())
        box->close();
}

void TestMainWindow::readOnlyCacheRefusesToSend()
{
    // The same cache opened read-only (as another user's file or a read-only share would be):
    // browsable, and every action that writes says why it cannot.
    Database readOnly;
    QString error;
    QVERIFY2(readOnly.open(m_db.path(), Database::OpenMode::ReadOnly, &error), qPrintable(error));
    QVERIFY(readOnly.isReadOnly());
    MainWindow window(readOnly);
    QVERIFY(window.windowTitle().contains(QLatin1String("read-only")));
    QVERIFY(!window.syncAction()->isEnabled());
    QVERIFY2(window.syncAction()->toolTip().contains(QLatin1String("read-only")),
             qPrintable(window.syncAction()->toolTip()));
    QVERIFY(!window.accountsAction()->isEnabled());
    QVERIFY(!window.refundAction()->isEnabled());
    QVERIFY(window.backupAction()->isEnabled());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
