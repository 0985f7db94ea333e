// The bulk refund dialog end to end, offscreen, against the real sandbox: select invoices in the
// real main window, choose a percentage, check the preview's figures and totals, confirm once,
// see every row's result, export them; and a stopped run sends nothing after the row in flight.
#include "bulkrefunddialog.h"
#include "displayformat.h"
#include "invoicesview.h"
#include "lazytablemodel.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "sandboxprocess.h"
#include "secretsource.h"

#include "report/csvreader.h"
#include "store/accountrepository.h"
#include "store/approvalrepository.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QAction>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestBulkRefundDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void percentageOfSelectedInvoices();
    void stoppedRunSendsNothingMore();
    void approvalRequestsAreNotCountedAsSent();

private:
    // New sandbox invoices, synced and selected in the Invoices table; the dialog opened on
    // them with Invoice > Refund selected….
    BulkRefundDialog *selectAndOpen(int count, QStringList *ids);
    Invoice cached(const QString &id)
    {
        return RecordRepository(m_db).invoice(m_account, id).value().value_or(Invoice());
    }
    qint64 refundedInCache(const QString &id)
    {
        qint64 total = 0;
        for (const Refund &r : RecordRepository(m_db).refundsOf(m_account, id).value())
            total += r.amount.minorUnits();
        return total;
    }

    rdtest::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_account = 0;
};

void TestBulkRefundDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_sandbox.start({QStringLiteral("--invoices"), QStringLiteral("20")}, &error),
             qPrintable(error));
    QVERIFY2(m_db.open(m_dir.filePath(QStringLiteral("cache.sqlite3")), &error), qPrintable(error));
    m_account = AccountRepository(m_db)
                    .add(QStringLiteral("Bulk Stripe"), Dialect::Stripe,
                         m_sandbox.baseUrl(QStringLiteral("stripe")), &error)
                    ->id;
    m_window = std::make_unique<MainWindow>(m_db);
    m_window->secrets()->setSessionSecret(QStringLiteral("Bulk Stripe"),
                                          rdtest::SandboxProcess::secret(QStringLiteral("stripe")));
    m_window->reloadAccounts();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestBulkRefundDialog::cleanupTestCase()
{
    m_window.reset();
    m_sandbox.stop();
}

BulkRefundDialog *TestBulkRefundDialog::selectAndOpen(int count, QStringList *ids)
{
    *ids = m_sandbox.createInvoices(QStringLiteral("stripe"), count);
    if (ids->size() != count)
        return nullptr;
    QSignalSpy synced(m_window.get(), &MainWindow::syncFinished);
    m_window->startSync();
    if (!synced.wait(120000))
        return nullptr;
    QTableView *table = m_window->invoicesView()->table();
    LazyTableModel *model = m_window->invoicesView()->model();
    QSet<QString> wanted(ids->begin(), ids->end());
    const bool selected = QTest::qWaitFor(
        [&] {
            bool first = true;
            for (int row = 0; row < model->rowCount(); ++row) {
                const QModelIndex index = model->index(row, 0);
                if (!wanted.contains(index.data(RecordIdRole).toString()))
                    continue;
                table->scrollTo(index);
                // A click, then Ctrl+click, as a person adds rows to a selection.
                if (first || !table->selectionModel()->isRowSelected(row, {}))
                    QTest::mouseClick(table->viewport(), Qt::LeftButton,
                                      first ? Qt::NoModifier : Qt::ControlModifier,
                                      table->visualRect(index).center());
                first = false;
            }
            return table->selectionModel()->selectedRows().size() == count;
        },
        20000);
    if (!selected) {
        qWarning("selected %d of %d rows", int(table->selectionModel()->selectedRows().size()),
                 count);
        return nullptr;
    }
    m_window->bulkRefundAction()->trigger();
    return m_window->findChild<BulkRefundDialog *>();
}

void TestBulkRefundDialog::percentageOfSelectedInvoices()
{
    QStringList ids;
    BulkRefundDialog *dialog = selectAndOpen(3, &ids);
    QVERIFY(dialog);
    QCOMPARE(dialog->previewTable()->rowCount(), 3);

    QTest::mouseClick(dialog->percentChoice(), Qt::LeftButton);
    QTest::keyClicks(dialog->percentField(), QStringLiteral("12.5"));
    QVERIFY2(dialog->reviewButton()->isEnabled(), qPrintable(dialog->problem()));

    // Each row: refundable is the whole invoice, the amount 12.5 % of it rounded down.
    QMap<QString, qint64> totals;
    QHash<QString, qint64> expected;
    for (int row = 0; row < 3; ++row) {
        const QString id = dialog->previewTable()->item(row, 1)->text();
        QVERIFY(ids.contains(id));
        const Money billed = cached(id).amount;
        const qint64 amount = billed.minorUnits() * 125 / 1000;
        expected.insert(id, amount);
        totals[billed.currency()] += amount;
        QCOMPARE(dialog->previewTable()->item(row, 2)->text(), display::money(billed));
        QCOMPARE(dialog->previewTable()->item(row, 3)->text(),
                 display::amount(amount, billed.currency()));
        QCOMPARE(dialog->previewResults().at(row).outcome, BulkOutcome::WouldSend);
        QVERIFY(dialog->previewTable()->item(row, 4)->text().contains(
            display::amount(amount, billed.currency())));
    }
    for (auto it = totals.cbegin(); it != totals.cend(); ++it)
        QVERIFY2(dialog->totalsLabel()->text().contains(display::amount(it.value(), it.key())),
                 qPrintable(dialog->totalsLabel()->text()));

    // A percentage over 100 is refused before anything can be reviewed.
    QTest::keyClick(dialog->percentField(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(dialog->percentField(), QStringLiteral("150"));
    QVERIFY(!dialog->reviewButton()->isEnabled());
    QTest::keyClick(dialog->percentField(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(dialog->percentField(), QStringLiteral("12.5"));
    QVERIFY(dialog->reviewButton()->isEnabled());

    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);
    QCOMPARE(dialog->currentPage(), int(OperationDialog::ConfirmPage));
    QVERIFY(dialog->sendButton()->text().contains(QLatin1Char('3')));
    // Esc goes back to the form and nothing is sent.
    QTest::keyClick(dialog, Qt::Key_Escape);
    QCOMPARE(dialog->currentPage(), int(OperationDialog::FormPage));
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);

    QSignalSpy finished(dialog, &BulkRefundDialog::runFinished);
    m_sandbox.resetStats();
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton); // a second press sends nothing more
    QCOMPARE(dialog->currentPage(), int(OperationDialog::OutcomePage));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);

    QCOMPARE(dialog->resultsTable()->rowCount(), 3);
    QCOMPARE(dialog->progressBar()->value(), 3);
    for (int row = 0; row < 3; ++row) {
        const BulkRowResult &r = dialog->results().at(row);
        QCOMPARE(r.outcome, BulkOutcome::Ok);
        QVERIFY(!r.refundId.isEmpty());
        QCOMPARE(dialog->resultsTable()->item(row, 4)->text(), r.refundId);
        const QString id = dialog->previewRows().at(row).invoiceId;
        QCOMPARE(r.amount.minorUnits(), expected.value(id));
        QTRY_COMPARE(refundedInCache(id), expected.value(id));
    }
    QVERIFY(dialog->exportButton()->isEnabled());
    QVERIFY(dialog->closeButton()->isEnabled());

    // The export: the refund list's columns and each row's outcome, through the CSV writer.
    const QString path = m_dir.filePath(QStringLiteral("results.csv"));
    QString error;
    QVERIFY2(dialog->exportResults(path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto records = parseCsv(QString::fromUtf8(f.readAll()));
    QVERIFY(records);
    QCOMPARE(records->size(), 4);
    QCOMPARE(records->first().fields, bulkResultColumns());
    for (int row = 1; row < 4; ++row) {
        QCOMPARE(records->at(row).fields.at(6), QStringLiteral("ok"));
        QCOMPARE(records->at(row).fields.at(7), dialog->results().at(row - 1).refundId);
    }
    dialog->close();
}

void TestBulkRefundDialog::stoppedRunSendsNothingMore()
{
    QStringList ids;
    BulkRefundDialog *dialog = selectAndOpen(4, &ids);
    QVERIFY(dialog);
    QVERIFY(dialog->fullChoice()->isChecked());
    QVERIFY2(dialog->reviewButton()->isEnabled(), qPrintable(dialog->problem()));
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);
    QVERIFY(m_sandbox.armFaults(QJsonObject{{QStringLiteral("latency_ms"), 300}}));
    QSignalSpy finished(dialog, &BulkRefundDialog::runFinished);
    QVERIFY(m_sandbox.resetStats());
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    // Stop while the first refund is on its way: it finishes, the others are not sent.
    QTRY_VERIFY(m_sandbox.stats().value(QStringLiteral("total")).toInteger() > 0);
    QVERIFY(dialog->cancelButton()->isVisible());
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY(m_sandbox.clearFaults());
    QCOMPARE(finished.first().first().toBool(), true);
    int sent = 0;
    for (int row = 0; row < 4; ++row) {
        const BulkRowResult &r = dialog->results().at(row);
        const QString id = dialog->previewRows().at(row).invoiceId;
        if (r.outcome == BulkOutcome::Ok) {
            ++sent;
            QCOMPARE(refundedInCache(id), cached(id).amount.minorUnits());
        } else {
            QCOMPARE(r.outcome, BulkOutcome::Refused);
            QVERIFY(r.message.contains(QLatin1String("not sent")));
            QCOMPARE(refundedInCache(id), 0);
        }
    }
    QCOMPARE(sent, 1);
    dialog->close();
}

// Above the account's approval threshold a row becomes a request: the preview and the
// confirmation count and sum it apart, never as money sent.
void TestBulkRefundDialog::approvalRequestsAreNotCountedAsSent()
{
    QString error;
    const auto everything = ApprovalPolicy::parse({QStringLiteral("0")}, &error);
    QVERIFY2(everything, qPrintable(error));
    QVERIFY2(ApprovalRepository(m_db).setPolicy(m_account, *everything, &error), qPrintable(error));
    const auto restore = qScopeGuard([this] {
        QString ignored;
        ApprovalRepository(m_db).setPolicy(m_account, ApprovalPolicy(), &ignored);
    });
    QStringList ids;
    BulkRefundDialog *dialog = selectAndOpen(2, &ids);
    QVERIFY(dialog);
    QTest::mouseClick(dialog->percentChoice(), Qt::LeftButton);
    QTest::keyClicks(dialog->percentField(), QStringLiteral("10"));
    QVERIFY2(dialog->reviewButton()->isEnabled(), qPrintable(dialog->problem()));
    QMap<QString, qint64> requested;
    for (int row = 0; row < 2; ++row) {
        const BulkRowResult &r = dialog->previewResults().at(row);
        QCOMPARE(r.outcome, BulkOutcome::WouldSend);
        QVERIFY(r.needsApproval);
        requested[r.amount.currency()] += r.amount.minorUnits();
    }
    const QString totals = dialog->totalsLabel()->text();
    QVERIFY2(!totals.contains(QLatin1String("Refunds to send")), qPrintable(totals));
    QVERIFY2(totals.contains(QLatin1String("Nothing will be sent.")), qPrintable(totals));
    QVERIFY2(totals.contains(QLatin1String("Approval requests: 2")), qPrintable(totals));
    for (auto it = requested.cbegin(); it != requested.cend(); ++it)
        QVERIFY2(totals.contains(display::amount(it.value(), it.key())), qPrintable(totals));

    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);
    QCOMPARE(dialog->currentPage(), int(OperationDialog::ConfirmPage));
    QVERIFY2(dialog->sendButton()->text().contains(QLatin1String("ask approval for 2")),
             qPrintable(dialog->sendButton()->text()));
    QTest::keyClick(dialog, Qt::Key_Escape);
    dialog->close();
}

QTEST_MAIN(TestBulkRefundDialog)
#include "tst_bulkrefunddialog.moc"
