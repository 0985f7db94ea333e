// The main window: composes the account selector, filter bar, table views, detail pane and
// status bar, and connects actions to the dialogs and controllers. No business logic here.
#pragma once

#include <QMainWindow>

#include <functional>

class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;

namespace rd {

class AccountSelector;
class ApprovalsView;
class BulkRefundDialog;
struct BulkRefundRow;
class ChargebacksView;
class ChartsView;
class CurrencyListLoader;
class Connectivity;
class ChangeListener;
class Database;
class FilterBar;
class HelpMenu;
class InvoiceDetailLoader;
class InvoiceDetailPane;
class InvoicesView;
class SavedViewsMenu;
class OfflineBanner;
class OperationsController;
class OutboxView;
class RecordTableView;
class RefundDialog;
class RefundsView;
class SecretSource;
class SecretStore;
class SyncController;
class SyncStatusBar;
class WelcomePanel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Database &db, QWidget *parent = nullptr);
    ~MainWindow() override;

    SecretSource *secrets() const { return m_secrets; }
    Connectivity *connectivity() const { return m_connectivity; }
    InvoicesView *invoicesView() const { return m_invoices; }
    RefundsView *refundsView() const { return m_refunds; }
    ChargebacksView *chargebacksView() const { return m_chargebacks; }
    OutboxView *outboxView() const { return m_outbox; }
    ChartsView *chartsView() const { return m_charts; }
    SyncStatusBar *syncStatusBar() const { return m_status; }
    // View > Columns (the table in view) and View > Saved views.
    QMenu *columnsMenu() const { return m_columnsMenu; }
    SavedViewsMenu *savedViewsMenu() const { return m_savedViews; }
    ApprovalsView *approvalsView() const { return m_approvals; }
    InvoiceDetailPane *detailPane() const { return m_detail; }
    FilterBar *filterBar() const { return m_filters; }
    QTabWidget *tabs() const { return m_tabs; }
    QAction *refundAction() const { return m_refundAction; }
    QAction *bulkRefundAction() const { return m_bulkRefundAction; }
    QAction *importRefundsAction() const { return m_importRefundsAction; }
    QAction *syncAction() const { return m_syncAction; }
    QAction *chargebackAction() const { return m_chargebackAction; }
    QAction *cancelRefundAction() const { return m_cancelRefundAction; }
    QAction *metadataAction() const { return m_metadataAction; }
    QAction *offlineAction() const { return m_offlineAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *accountsAction() const { return m_accountsAction; }
    QAction *backupAction() const { return m_backupAction; }
    QAction *teamDatabaseAction() const { return m_teamAction; }
    QLabel *databaseUserLabel() const { return m_databaseUser; }
    QAction *detailPaneAction() const { return m_detailPaneAction; }
    QAction *copyRowsAction() const { return m_copyRowsAction; }
    QAction *approvalsAction() const { return m_approvalsAction; }
    HelpMenu *helpMenu() const { return m_help; }
    WelcomePanel *welcomePanel() const { return m_welcome; }
    // Starts another RefundDesk with `arguments` (the welcome panel's demo and Open a cache);
    // tests replace it to see the arguments without opening a second window.
    using Launcher = std::function<bool(const QStringList &arguments)>;
    void setLauncher(Launcher launcher) { m_launch = std::move(launcher); }

    // Re-reads the accounts (after the Accounts dialog or the demo registered some).
    void reloadAccounts();
    void startSync(bool full = false);
    // Opens the refund dialog for the invoice in the detail pane; null when there is none.
    RefundDialog *openRefundDialog();
    // The bulk refund dialog for `rows` (selected invoices, or a refund list read from
    // `fileName`); see mainwindowbulk.cpp.
    BulkRefundDialog *openBulkRefundDialog(const QList<BulkRefundRow> &rows,
                                           const QString &fileName = QString());
    // The invoices selected in the Invoices table, as rows without amounts.
    QList<BulkRefundRow> selectedInvoiceRows() const;
    // Re-reads every table and the detail pane, keeping what is shown until fresh rows arrive.
    void refreshAll();
    // A line in the status bar (the demo reports its progress here).
    void showStatus(const QString &message);
    // Copies the cache to `target` on a worker thread (File > Back up cache… asks for it);
    // backupFinished() reports the outcome.
    void startBackup(const QString &target);

Q_SIGNALS:
    void syncFinished(); // a sync has ended and the tables are being refreshed
    void backupFinished(bool ok, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool event(QEvent *event) override;

private:
    void createActions();
    void setActionIcons();
    QWidget *createToolbarRow();
    void applyFilter();
    // The table of the tab in view; null on the Charts tab.
    RecordTableView *currentView() const;
    QList<RecordTableView *> recordViews() const;
    // Shows the invoice of the current tab's current row in the detail pane, or nothing.
    void showCurrentRecord();
    void updateActions();
    void openChargebackDialog();
    void createBulkActions();
    void importRefundList();
    void cancelSelectedRefund();
    void editSelectedRefundMetadata();
    void openAccountsDialog();
    void launch(const QStringList &arguments, const QString &what);
    void openOtherCache();
    void openTeamDatabase();
    // A team database: the user in the status bar, and a listener for other desktops' changes.
    void watchTeamDatabase();
    void openExportDialog();
    void askForBackup();
    bool teamRoleMayWrite() const;
    QString sendBlocker() const;
    // Why each action cannot work on the current record right now; empty when it can.
    QString refundBlocker() const;
    QString chargebackBlocker() const;
    QString cancelRefundBlocker() const;
    QString metadataBlocker() const;
    void onConnectivityChanged();
    void onSyncFinished(bool anyReached, const QString &summary, const QString &lastFailure);
    void setUpKeyboard();
    void restoreLayout();
    // The pane shows when the person wants it and a table is in view (not on Charts).
    void updateDetailPaneVisibility();
    void copySelectedRows();
    void saveLayout() const;
    void setUpApprovals();

    Database &m_db;
    SecretStore *m_store;
    SecretSource *m_secrets;
    Connectivity *m_connectivity;
    SyncController *m_sync;
    OperationsController *m_ops;
    AccountSelector *m_selector;
    FilterBar *m_filters;
    InvoicesView *m_invoices;
    RefundsView *m_refunds;
    ChargebacksView *m_chargebacks;
    OutboxView *m_outbox;
    ChartsView *m_charts;
    ApprovalsView *m_approvals;
    QTabWidget *m_tabs;
    QSplitter *m_splitter;
    InvoiceDetailPane *m_detail;
    InvoiceDetailLoader *m_detailLoader;
    CurrencyListLoader *m_currencies;
    SyncStatusBar *m_status;
    OfflineBanner *m_banner;
    bool m_wasForcedOffline = false;
    // The cache cannot be written (another user's file, a read-only share, an archived year):
    // everything is browsable, nothing is sent or synced.
    bool m_readOnly = false;
    // On a team database: the user's team role (store/teamroles.h); empty on a SQLite cache.
    QString m_teamRole;
    qint64 m_detailAccount = 0;
    QString m_detailInvoice;

    QAction *m_refundAction = nullptr;
    QAction *m_bulkRefundAction = nullptr;
    QAction *m_importRefundsAction = nullptr;
    QAction *m_chargebackAction = nullptr;
    QAction *m_cancelRefundAction = nullptr;
    QAction *m_metadataAction = nullptr;
    QAction *m_syncAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_accountsAction = nullptr;
    QAction *m_offlineAction = nullptr;
    QAction *m_backupAction = nullptr;
    QAction *m_teamAction = nullptr;
    ChangeListener *m_listener = nullptr;
    QLabel *m_databaseUser = nullptr;
    bool m_accountsChanged = false;
    QAction *m_detailPaneAction = nullptr;
    QAction *m_copyRowsAction = nullptr;
    QAction *m_approvalsAction = nullptr;
    HelpMenu *m_help = nullptr;
    QMenu *m_columnsMenu = nullptr;
    SavedViewsMenu *m_savedViews = nullptr;
    WelcomePanel *m_welcome;
    Launcher m_launch;
    // Set while the Accounts dialog that adds the cache's first account is open: its saved
    // secret starts the first sync, so a new user gets a filled table without finding F5.
    bool m_firstSyncPending = false;
};

} // namespace rd
