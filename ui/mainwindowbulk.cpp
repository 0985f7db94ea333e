// MainWindow's bulk refunds: Invoice > Refund selected… and File > Import refund list…. Kept
// apart from mainwindow.cpp so the window stays a composer of actions and dialogs.
#include "mainwindow.h"

#include "bulkrefunddialog.h"
#include "invoicesview.h"
#include "modelroles.h"
#include "operationscontroller.h"

#include "store/accountrepository.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QPointer>
#include <QTableView>

#include <algorithm>

namespace rd {

namespace {
// The preview reads each invoice from the cache on the window's thread; a few hundred reads
// stay well under a second.
constexpr int maxBulkRows = 500;
} // namespace

void MainWindow::createBulkActions()
{
    m_bulkRefundAction = new QAction(tr("Refund &selected…"), this);
    m_bulkRefundAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_bulkRefundAction->setShortcutContext(Qt::WindowShortcut);
    const QString tip = tr("Refund the selected invoices: in full, a percentage or a fixed "
                           "amount each (Ctrl+Shift+R)");
    m_bulkRefundAction->setToolTip(tip);
    m_bulkRefundAction->setStatusTip(tip);
    m_importRefundsAction = new QAction(tr("&Import refund list…"), this);
    const QString importTip = tr("Refund the rows of a CSV file: account, invoice_id, amount, "
                                 "reason, note");
    m_importRefundsAction->setToolTip(importTip);
    m_importRefundsAction->setStatusTip(importTip);
    connect(m_bulkRefundAction, &QAction::triggered, this, [this] {
        const QList<BulkRefundRow> rows = selectedInvoiceRows();
        if (rows.isEmpty())
            showStatus(tr("Select the invoices to refund first (Ctrl+click or Shift+click)."));
        else if (rows.size() > maxBulkRows)
            showStatus(tr("Select at most %1 invoices to refund at once, or import a refund "
                          "list (File > Import refund list…).")
                           .arg(maxBulkRows));
        else
            openBulkRefundDialog(rows);
    });
    connect(m_importRefundsAction, &QAction::triggered, this, &MainWindow::importRefundList);
}

QList<BulkRefundRow> MainWindow::selectedInvoiceRows() const
{
    QList<BulkRefundRow> rows;
    QHash<qint64, QString> names;
    for (const Account &a : AccountRepository(m_db).list().valueOr({}))
        names.insert(a.id, a.name);
    QModelIndexList selected = m_invoices->table()->selectionModel()->selectedRows();
    // In the table's order, not the order of the clicks.
    std::sort(selected.begin(), selected.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : selected) {
        BulkRefundRow row;
        row.account = names.value(index.data(AccountIdRole).toLongLong());
        row.invoiceId = index.data(RecordIdRole).toString();
        if (!row.account.isEmpty() && !row.invoiceId.isEmpty())
            rows << row; // a row still loading has no ids yet
    }
    return rows;
}

BulkRefundDialog *MainWindow::openBulkRefundDialog(const QList<BulkRefundRow> &rows,
                                                   const QString &fileName)
{
    QPointer<OperationsController> ops(m_ops);
    auto submit = [ops](const Account &, const RefundDraft &draft, BulkRefundRun::Done done) {
        if (ops)
            ops->submitRefund(draft, std::move(done));
    };
    auto *dialog = new BulkRefundDialog(m_db, rows, fileName, sendBlocker(), submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BulkRefundDialog::runFinished, this, [this] { refreshAll(); });
    dialog->open();
    return dialog;
}

void MainWindow::importRefundList()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import refund list"), QDir::homePath(), tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    const auto rows = readBulkRefundFile(path);
    QString problem = rows ? QString() : rows.error();
    if (rows && rows->isEmpty())
        problem = tr("The file has a header but no rows.");
    if (!problem.isEmpty()) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Import refund list"),
                                    tr("%1 cannot be imported: %2. Nothing was sent.")
                                        .arg(QDir::toNativeSeparators(path), problem),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    openBulkRefundDialog(*rows, path);
}

} // namespace rd
