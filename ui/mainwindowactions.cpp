// MainWindow's action handlers: each opens a dialog, passes what it returns to a controller and
// hands the outcome back to the dialog. Kept apart from the window's composition.
#include "mainwindow.h"

#include "accountsdialog.h"
#include "accountselector.h"
#include "appresources.h"
#include "approvalsview.h"
#include "chargebackdialog.h"
#include "connectivity.h"
#include "displayformat.h"
#include "exportdialog.h"
#include "filterbar.h"
#include "invoicedetailpane.h"
#include "operationscontroller.h"
#include "ops/refundrules.h"
#include "refunddialog.h"
#include "refundmetadatadialog.h"
#include "secretsource.h"
#include "secretstore.h"
#include "store/cachebackup.h"
#include "store/database.h"
#include "synccontroller.h"
#include "syncstatusbar.h"
#include "teamdatabasedialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QThread>

namespace rd {

namespace {

// A disabled action says why in its tooltip and in the status bar when hovered; an enabled one
// says what it does.
void explain(QAction *action, const QString &blocker, const QString &whatItDoes)
{
    action->setEnabled(blocker.isEmpty());
    const QString tip = blocker.isEmpty() ? whatItDoes : blocker;
    action->setToolTip(tip);
    action->setStatusTip(tip);
}

} // namespace

bool MainWindow::teamRoleMayWrite() const
{
    // On a file cache there is no team role; on a team database a viewer (or a user with no
    // team role) reads and exports only, and the database would refuse the write anyway.
    return m_teamRole.isEmpty() ||
           (m_teamRole != QLatin1String("viewer") && m_teamRole != QLatin1String("none"));
}

QString MainWindow::sendBlocker() const
{
    if (m_readOnly)
        return tr("This cache is read-only for you, so nothing can be sent: open a copy you can "
                  "write (File > Back up cache… makes one), or ask the file's owner.");
    if (!teamRoleMayWrite())
        return tr("Your role on this team database (%1) may read and export, not send. The "
                  "database owner can make you a clerk: team grant %2 clerk.")
            .arg(m_teamRole, m_db.databaseUser());
    if (m_connectivity->isForcedOffline())
        return tr("RefundDesk is working offline, so nothing can be sent. Turn off File > Work "
                  "offline first.");
    if (m_connectivity->isOffline())
        return tr("No gateway could be reached, so nothing can be sent. %1 Sync (F5) to try "
                  "again.")
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
    m_chargebackAction->setIcon(resources::actionIcon(ActionIcon::Chargeback));
    m_copyRowsAction->setIcon(resources::actionIcon(ActionIcon::Copy));
    m_detailPaneAction->setIcon(resources::actionIcon(ActionIcon::DetailsPane));
    m_backupAction->setIcon(resources::actionIcon(ActionIcon::Backup));
}

QString MainWindow::refundBlocker() const
{
    if (!m_detail->hasInvoice())
        return tr("Select an invoice to refund first.");
    const InvoiceDetail &d = m_detail->detail();
    if (d.account.dialect == Dialect::IntaSend)
        return tr("IntaSend has no refunds: file a chargeback (refund request) instead.");
    // The refund rules judge a full refund of what is left: the same check the dialog runs.
    RefundContext context = d.context;
    context.dialectReasons = OperationsController::dialectReasons(d.account);
    RefundDraft draft;
    draft.accountId = d.account.id;
    draft.invoiceId = d.invoice.gatewayId;
    draft.full = true;
    // WooshPay refunds a disputed payment with the reason that settles the dispute.
    if (d.account.dialect == Dialect::WooshPay && d.invoice.disputed)
        draft.reason = QStringLiteral("resolved_dispute");
    const Validation v = validateDraft(draft, context);
    if (!v.ok)
        return v.message;
    return sendBlocker();
}

QString MainWindow::chargebackBlocker() const
{
    if (!m_detail->hasInvoice())
        return tr("Select an invoice first.");
    const InvoiceDetail &d = m_detail->detail();
    if (!OperationsController::canFileChargebacks(d.account.dialect))
        return tr("%1 does not take chargebacks from RefundDesk; use Refund… instead.")
            .arg(dialectDisplayName(d.account.dialect));
    RefundDraft draft;
    draft.accountId = d.account.id;
    draft.kind = OperationKind::Chargeback;
    draft.invoiceId = d.invoice.gatewayId;
    draft.full = true;
    const Validation v = validateDraft(draft, d.context);
    if (!v.ok)
        return v.message;
    return sendBlocker();
}

QString MainWindow::cancelRefundBlocker() const
{
    const std::optional<Refund> refund = m_detail->selectedRefund();
    if (!refund)
        return tr("Select a refund in the invoice's Refunds list first.");
    const Dialect dialect = m_detail->detail().account.dialect;
    if (!OperationsController::canCancelRefunds(dialect))
        return tr("%1 refunds cannot be canceled from RefundDesk.")
            .arg(dialectDisplayName(dialect));
    // Stripe cancels only a refund that is waiting for an action; a pending one is on its way.
    if (refund->status != CommonStatus::RequiresAction)
        return tr("Only a refund that requires action can be canceled; refund %1 is %2.")
            .arg(refund->gatewayId,
                 display::statusLabel(commonStatusName(refund->status)).toLower());
    return sendBlocker();
}

QString MainWindow::metadataBlocker() const
{
    if (!m_detail->selectedRefund())
        return tr("Select a refund in the invoice's Refunds list first.");
    const Dialect dialect = m_detail->detail().account.dialect;
    if (!OperationsController::canEditRefundMetadata(dialect))
        return tr("%1 refunds carry no metadata that RefundDesk can edit.")
            .arg(dialectDisplayName(dialect));
    return sendBlocker();
}

void MainWindow::updateActions()
{
    explain(m_refundAction, refundBlocker(), tr("Refund the selected invoice (Ctrl+R)"));
    explain(m_chargebackAction, chargebackBlocker(),
            tr("File a chargeback (refund request) for the selected invoice"));
    explain(m_cancelRefundAction, cancelRefundBlocker(),
            tr("Ask the gateway to cancel the selected refund that requires action"));
    explain(m_metadataAction, metadataBlocker(), tr("Edit the selected refund's metadata"));
    m_approvals->setSendBlocker(sendBlocker());

    QString syncBlocker = m_readOnly ? tr("This cache is read-only for you, so a sync cannot "
                                          "store anything.")
                                     : m_sync->unavailableReason();
    if (syncBlocker.isEmpty() && !teamRoleMayWrite())
        syncBlocker = tr("Your role on this team database (%1) may read and export, not sync: "
                         "a clerk's or approver's desktop syncs for the team.")
                          .arg(m_teamRole);
    if (syncBlocker.isEmpty() && m_connectivity->isForcedOffline())
        syncBlocker = tr("Working offline: turn off File > Work offline to sync.");
    if (syncBlocker.isEmpty() && m_selector->accounts().isEmpty())
        syncBlocker = tr("Add an account first (File > Accounts…).");
    if (syncBlocker.isEmpty() && m_sync->isRunning())
        syncBlocker = tr("A sync is running.");
    explain(m_syncAction, syncBlocker, tr("Fetch new invoices, refunds and chargebacks (F5)"));
    explain(m_accountsAction,
            m_readOnly ? tr("This cache is read-only for you, so accounts cannot be changed.")
                       : QString(),
            tr("Add, edit or remove gateway accounts"));
}

void MainWindow::askForBackup()
{
    const QString suggested = QDir(ExportDialog::defaultFolder())
                                  .filePath(QStringLiteral("refunddesk-backup-%1.sqlite3")
                                                .arg(QDate::currentDate().toString(Qt::ISODate)));
    // The file dialog asks before replacing a file; the backup refuses the cache itself.
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Back up cache"), suggested, tr("RefundDesk cache (*.sqlite3);;All files (*)"));
    if (!target.isEmpty())
        startBackup(target);
}

void MainWindow::startBackup(const QString &target)
{
    m_backupAction->setEnabled(false);
    showStatus(tr("Backing up the cache to %1…").arg(QDir::toNativeSeparators(target)));
    // The copy runs on its own thread and connection, so the window stays usable.
    auto result = std::make_shared<BackupResult>();
    QThread *worker = QThread::create(
        [result, cache = m_db.path(), target] { *result = CacheBackup::run(cache, target); });
    worker->setObjectName(QStringLiteral("backup"));
    connect(worker, &QThread::finished, this, [this, worker, result, target] {
        worker->deleteLater();
        m_backupAction->setEnabled(true);
        const QString message =
            result->ok ? tr("Backed up the cache to %1 (%2 KiB), checked and complete.")
                             .arg(QDir::toNativeSeparators(target))
                             .arg(result->bytes / 1024)
                       : tr("The backup failed: %1").arg(result->error);
        showStatus(message);
        if (!result->ok) {
            // Window-modal and not waited for: the window keeps running behind it.
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Back up cache"), message,
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        Q_EMIT backupFinished(result->ok, message);
    });
    worker->start();
}

void MainWindow::startSync(bool full)
{
    const QString blocker = m_sync->unavailableReason();
    if (!blocker.isEmpty()) {
        showStatus(blocker);
        return;
    }
    if (m_connectivity->isForcedOffline()) {
        showStatus(tr("Working offline: turn off File > Work offline to sync."));
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
    if (anyReached && teamRoleMayWrite())
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
    const QString customer = display::clipped(detail.invoice.customer);
    connect(dialog, &RefundDialog::submitted, this,
            [this, guard, customer](const RefundDraft &draft) {
                m_ops->submitRefund(
                    draft, [this, guard, draft, customer](const OperationOutcome &outcome) {
                        if (outcome.state == OperationState::Succeeded ||
                            outcome.state == OperationState::Rejected)
                            m_connectivity->reportReached();
                        // The window says it too: the dialog may be closed by now.
                        if (outcome.state == OperationState::Succeeded)
                            showStatus(tr("Refunded %1 of invoice %2 (%3): refund %4.")
                                           .arg(display::money(outcome.amount), draft.invoiceId,
                                                customer, outcome.gatewayId));
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
        m_ops->submitRefund(d, [this, guard, d](const OperationOutcome &outcome) {
            if (outcome.state == OperationState::Succeeded)
                showStatus(
                    tr("Refund request for %1 on invoice %2 filed: %3.")
                        .arg(display::money(outcome.amount), d.invoiceId, outcome.gatewayId));
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
    connect(dialog, &ExportDialog::exportFinished, this, [this, dialog](const ExportResult &r) {
        if (r.ok())
            showStatus(
                tr("Exported %n row(s) to %1.", nullptr, int(std::min<qint64>(r.rows, INT_MAX)))
                    .arg(QDir::toNativeSeparators(dialog->outputPath())));
    });
    dialog->open();
}

void MainWindow::openAccountsDialog()
{
    auto *dialog = new AccountsDialog(m_db, m_secrets->store(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AccountsDialog::accountsChanged, this, &MainWindow::reloadAccounts);
    m_firstSyncPending = m_selector->accounts().isEmpty() && !m_readOnly;
    connect(dialog, &AccountsDialog::secretSaved, this, [this](const QString &name) {
        if (!m_firstSyncPending)
            return;
        m_firstSyncPending = false;
        reloadAccounts();
        startSync();
        showStatus(tr("Account \"%1\" saved: fetching its invoices, refunds and chargebacks. "
                      "The tables fill in as they arrive.")
                       .arg(name));
    });
    connect(dialog, &QDialog::finished, this, [this] { m_firstSyncPending = false; });
    dialog->open();
}

void MainWindow::launch(const QStringList &arguments, const QString &what)
{
    const bool started =
        m_launch ? m_launch(arguments)
                 : QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments);
    showStatus(started ? what
                       : tr("RefundDesk could not start a new window (%1).")
                             .arg(QCoreApplication::applicationFilePath()));
}

void MainWindow::openTeamDatabase()
{
    TeamDatabaseDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const TeamDatabaseChoice choice = dialog.choice();
    const auto open = [this, choice] {
        launch({QStringLiteral("--db"), choice.address},
               tr("The team database is opening in a new window."));
    };
    if (choice.password.isEmpty()) {
        open();
        return;
    }
    // The new window reads the password from the keychain; it never travels on a command line.
    m_store->write(SecretStore::teamDatabaseKey(choice.address), choice.password,
                   [this, open](const SecretStore::Result &r) {
                       if (!r.error.isEmpty())
                           showStatus(tr("The password could not be kept in the keychain (%1); "
                                         "keep it in ~/.pgpass instead.")
                                          .arg(r.error));
                       open();
                   });
}

void MainWindow::openOtherCache()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a Cache"), QFileInfo(m_db.path()).absolutePath(),
        tr("RefundDesk caches (*.sqlite3 *.sqlite *.db);;All files (*)"));
    if (path.isEmpty())
        return;
    launch({QStringLiteral("--db"), path},
           tr("%1 is opening in a new window.").arg(QDir::toNativeSeparators(path)));
}

} // namespace rd
