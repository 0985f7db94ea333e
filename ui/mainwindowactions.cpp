// MainWindow's action handlers: each opens a dialog, passes what it returns to a controller and
// hands the outcome back to the dialog. Kept apart from the window's composition.
#include "mainwindow.h"

#include "accountsdialog.h"
#include "accountselector.h"
#include "appresources.h"
#include "chargebackdialog.h"
#include "connectivity.h"
#include "exportdialog.h"
#include "filterbar.h"
#include "invoicedetailpane.h"
#include "operationscontroller.h"
#include "refunddialog.h"
#include "refundmetadatadialog.h"
#include "secretsource.h"
#include "synccontroller.h"
#include "syncstatusbar.h"

#include <QAction>
#include <QMessageBox>
#include <QPointer>

namespace rd {

QString MainWindow::sendBlocker() const
{
    if (m_connectivity->isOffline())
        return tr("RefundDesk is offline, so nothing can be sent. %1 Sync (F5) or choose "
                  "File > Work online when a gateway can be reached.")
            .arg(m_connectivity->reason());
    return m_ops->unavailableReason();
}

// Toolbar and menu icons: the desktop theme's where it has them, bundled ones otherwise.
void MainWindow::setActionIcons()
{
    using resources::ActionIcon;
    m_syncAction->setIcon(resources::actionIcon(ActionIcon::Sync));
    m_refundAction->setIcon(resources::actionIcon(ActionIcon::Refund));
    m_exportAction->setIcon(resources::actionIcon(ActionIcon::Export));
    m_findAction->setIcon(resources::actionIcon(ActionIcon::Search));
    m_accountsAction->setIcon(resources::actionIcon(ActionIcon::Accounts));
    m_offlineAction->setIcon(resources::actionIcon(ActionIcon::Offline));
}

void MainWindow::updateActions()
{
    const bool invoice = m_detail->hasInvoice();
    const Dialect dialect = m_detail->detail().account.dialect;
    m_refundAction->setEnabled(invoice);
    m_chargebackAction->setEnabled(invoice && OperationsController::canFileChargebacks(dialect));
    const bool refund = invoice && !m_detail->selectedRefundId().isEmpty();
    m_cancelRefundAction->setEnabled(refund && OperationsController::canCancelRefunds(dialect));
    m_metadataAction->setEnabled(refund && OperationsController::canEditRefundMetadata(dialect));
    if (invoice && !OperationsController::canFileChargebacks(dialect))
        m_chargebackAction->setToolTip(
            tr("%1 does not take chargebacks from RefundDesk.").arg(dialectDisplayName(dialect)));

    const QString syncBlocker = m_sync->unavailableReason();
    const bool accounts = !m_selector->accounts().isEmpty();
    m_syncAction->setEnabled(syncBlocker.isEmpty() && accounts && !m_sync->isRunning());
    m_syncAction->setToolTip(!syncBlocker.isEmpty() ? syncBlocker
                             : accounts ? tr("Fetch new invoices, refunds and chargebacks (F5)")
                                        : tr("Add an account first (Accounts…)."));
}

void MainWindow::startSync(bool full)
{
    const QString blocker = m_sync->unavailableReason();
    if (!blocker.isEmpty()) {
        showStatus(blocker);
        return;
    }
    if (m_connectivity->isForcedOffline()) {
        showStatus(tr("Working offline: choose File > Work offline again to sync."));
        return;
    }
    if (m_sync->isRunning())
        return;
    QList<Account> accounts;
    const qint64 only = m_selector->currentAccountId();
    for (const Account &a : m_selector->accounts()) {
        if (only == 0 || a.id == only)
            accounts << a;
    }
    if (accounts.isEmpty()) {
        showStatus(tr("No accounts to sync: add one with Accounts…"));
        return;
    }
    m_sync->start(accounts, full);
    updateActions();
}

void MainWindow::onSyncFinished(bool anyReached, const QString &summary, const QString &lastFailure)
{
    m_connectivity->reportSync(anyReached, lastFailure);
    m_status->syncFinished(summary);
    reloadAccounts();
    refreshAll();
    updateActions();
    // Unknown outcomes are settled after every sync (DESIGN: exactly-once refunds, step 5).
    if (anyReached)
        m_ops->reconcile({});
    Q_EMIT syncFinished();
}

RefundDialog *MainWindow::openRefundDialog()
{
    if (!m_detail->hasInvoice()) {
        showStatus(tr("Select an invoice to refund first."));
        return nullptr;
    }
    InvoiceDetail detail = m_detail->detail();
    detail.context.dialectReasons = OperationsController::dialectReasons(detail.account);
    auto *dialog = new RefundDialog(detail, sendBlocker(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RefundDialog> guard(dialog);
    connect(dialog, &RefundDialog::submitted, this, [this, guard](const RefundDraft &draft) {
        m_ops->submitRefund(draft, [this, guard](const OperationOutcome &outcome) {
            if (outcome.state == OperationState::Succeeded ||
                outcome.state == OperationState::Rejected)
                m_connectivity->reportReached();
            if (guard)
                guard->showOutcome(outcome);
            refreshAll();
        });
    });
    dialog->open();
    return dialog;
}

void MainWindow::openChargebackDialog()
{
    if (!m_detail->hasInvoice())
        return;
    InvoiceDetail detail = m_detail->detail();
    detail.context.dialectReasons = OperationsController::dialectReasons(detail.account);
    auto *dialog = new ChargebackDialog(detail, sendBlocker(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<ChargebackDialog> guard(dialog);
    connect(dialog, &ChargebackDialog::submitted, this, [this, guard](const RefundDraft &d) {
        m_ops->submitRefund(d, [this, guard](const OperationOutcome &outcome) {
            if (guard)
                guard->showOutcome(outcome);
            refreshAll();
        });
    });
    dialog->open();
}

void MainWindow::cancelSelectedRefund()
{
    const QString refundId = m_detail->selectedRefundId();
    if (refundId.isEmpty())
        return;
    const qint64 account = m_detail->detail().account.id;
    const QString blocker = sendBlocker();
    if (!blocker.isEmpty()) {
        showStatus(blocker);
        return;
    }
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Cancel refund"),
                        tr("Ask %1 to cancel refund %2? Only a refund that has not "
                           "completed can be canceled.")
                            .arg(dialectDisplayName(m_detail->detail().account.dialect), refundId),
                        QMessageBox::Yes | QMessageBox::No, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, account, refundId] {
        m_ops->cancelRefund(account, refundId, [this, refundId](const OperationOutcome &o) {
            showStatus(o.state == OperationState::Succeeded
                           ? tr("Refund %1 canceled.").arg(refundId)
                           : tr("Refund %1 was not canceled: %2").arg(refundId, o.message));
            refreshAll();
        });
    });
    box->open();
}

void MainWindow::editSelectedRefundMetadata()
{
    const QString refundId = m_detail->selectedRefundId();
    const InvoiceDetail &d = m_detail->detail();
    Refund refund;
    for (const Refund &r : d.refunds) {
        if (r.gatewayId == refundId)
            refund = r;
    }
    if (refund.gatewayId.isEmpty())
        return;
    auto *dialog = new RefundMetadataDialog(d.account.id, refund, sendBlocker(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RefundMetadataDialog> guard(dialog);
    connect(dialog, &RefundMetadataDialog::submitted, this,
            [this, guard](const RefundMetadataDraft &draft) {
                m_ops->updateRefundMetadata(draft, [this, guard](const OperationOutcome &o) {
                    if (guard)
                        guard->showOutcome(o);
                    refreshAll();
                });
            });
    dialog->open();
}

void MainWindow::openExportDialog()
{
    auto *dialog = new ExportDialog(m_db, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    RecordFilter filter = m_filters->filter();
    filter.accountId = m_selector->currentAccountId();
    dialog->setTableFilter(filter);
    const int tab = m_tabs->currentIndex();
    dialog->setReport(tab == 1   ? ReportKind::Refunds
                      : tab == 2 ? ReportKind::Chargebacks
                      : tab == 0 ? ReportKind::Invoices
                                 : ReportKind::Reconciliation);
    dialog->open();
}

void MainWindow::openAccountsDialog()
{
    auto *dialog = new AccountsDialog(m_db, m_secrets->store(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AccountsDialog::accountsChanged, this, &MainWindow::reloadAccounts);
    dialog->open();
}

} // namespace rd
