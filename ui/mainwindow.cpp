#include "mainwindow.h"

#include "accountselector.h"
#include "approvalsview.h"
#include "chargebacksview.h"
#include "chartsview.h"
#include "connectivity.h"
#include "currencylistloader.h"
#include "filterbar.h"
#include "helpmenu.h"
#include "invoicedetail.h"
#include "invoicedetailpane.h"
#include "invoicesview.h"
#include "lazytablemodel.h"
#include "modelroles.h"
#include "offlinebanner.h"
#include "operationscontroller.h"
#include "outboxview.h"
#include "refundsview.h"
#include "savedviews.h"
#include "secretsource.h"
#include "secretstore.h"
#include "store/changelistener.h"
#include "store/database.h"
#include "store/teamroles.h"
#include "synccontroller.h"
#include "syncstatusbar.h"
#include "tablecopy.h"
#include "thememenu.h"
#include "welcomepanel.h"

#include <QAction>
#include <QClipboard>
#include <QCloseEvent>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

MainWindow::MainWindow(Database &db, QWidget *parent)
    : QMainWindow(parent), m_db(db), m_store(new SecretStore(this)),
      m_secrets(new SecretSource(m_store, this)), m_connectivity(new Connectivity(this)),
      m_sync(new SyncController(db.path(), m_secrets, this)),
      m_ops(new OperationsController(db, m_secrets, this)), m_selector(new AccountSelector(this)),
      m_filters(new FilterBar(this)), m_invoices(new InvoicesView(db.path(), this)),
      m_refunds(new RefundsView(db.path(), this)),
      m_chargebacks(new ChargebacksView(db.path(), this)),
      m_outbox(new OutboxView(db.path(), this)), m_charts(new ChartsView(db, this)),
      m_tabs(new QTabWidget(this)), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_detail(new InvoiceDetailPane(this)),
      m_detailLoader(new InvoiceDetailLoader(db.path(), this)),
      m_currencies(new CurrencyListLoader(db.path(), this)),
      m_status(new SyncStatusBar(m_connectivity, this)),
      m_banner(new OfflineBanner(m_connectivity, this)), m_welcome(new WelcomePanel(this))
{
    m_readOnly = db.isReadOnly();
    setWindowTitle(m_readOnly ? tr("RefundDesk (read-only)") : tr("RefundDesk"));
    setObjectName(QStringLiteral("mainWindow"));
    createActions();

    m_tabs->setObjectName(QStringLiteral("views"));
    m_tabs->addTab(m_invoices, tr("&Invoices"));
    m_tabs->addTab(m_refunds, tr("&Refunds"));
    m_tabs->addTab(m_chargebacks, tr("C&hargebacks"));
    m_tabs->addTab(m_outbox, tr("&Outbox"));
    m_tabs->addTab(m_charts, tr("Char&ts"));
    setUpApprovals();
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(createToolbarRow());
    layout->addWidget(m_welcome);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    setStatusBar(m_status);

    connect(m_selector, &AccountSelector::accountChanged, this, &MainWindow::applyFilter);
    connect(m_selector, &AccountSelector::accountChanged, this,
            [this](qint64 id) { m_status->setAccounts(m_selector->accounts(), id); });
    connect(m_filters, &FilterBar::filterChanged, this, &MainWindow::applyFilter);
    connect(m_currencies, &CurrencyListLoader::loaded, m_filters, &FilterBar::setCurrencies);
    // A clicked bar of the charts narrows the tables to its period and currency (what the bar
    // adds up) and shows its refunds; the other filters stay as they were.
    connect(m_charts, &ChartsView::periodClicked, this, [this](const QDate &from, const QDate &to) {
        QVariantMap state = m_filters->state();
        state.insert(QStringLiteral("from"), from.toString(Qt::ISODate));
        state.insert(QStringLiteral("to"), to.toString(Qt::ISODate));
        if (!m_charts->data().currency.isEmpty())
            state.insert(QStringLiteral("currency"), m_charts->data().currency);
        m_filters->setState(state);
        m_tabs->setCurrentWidget(m_refunds);
    });
    // One current record per window: the pane and every action follow the visible table.
    for (RecordTableView *view : recordViews()) {
        connect(view, &RecordTableView::currentRecordChanged, this, [this, view] {
            if (view == currentView())
                showCurrentRecord();
        });
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::showCurrentRecord);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateDetailPaneVisibility);
    // The loader delivers only its latest request's answer, and clear() drops the one in
    // flight, so whatever arrives while an invoice is current is that invoice.
    connect(m_detailLoader, &InvoiceDetailLoader::loaded, this, [this](const InvoiceDetail &d) {
        if (!m_detailInvoice.isEmpty())
            m_detail->showDetail(d);
    });
    connect(m_detail, &InvoiceDetailPane::refundSelectionChanged, this, &MainWindow::updateActions);
    connect(m_connectivity, &Connectivity::changed, this, &MainWindow::onConnectivityChanged);
    connect(m_banner, &OfflineBanner::retryRequested, this, [this] {
        if (m_connectivity->isForcedOffline())
            m_offlineAction->setChecked(false);
        else
            startSync();
    });
    connect(m_status, &SyncStatusBar::cancelRequested, m_sync, &SyncController::cancel);
    connect(m_sync, &SyncController::started, m_status, &SyncStatusBar::syncStarted);
    connect(m_sync, &SyncController::progress, m_status, &SyncStatusBar::syncProgress);
    connect(m_sync, &SyncController::accountFinished, this, [this] { refreshAll(); });
    connect(m_sync, &SyncController::finished, this, &MainWindow::onSyncFinished);
    connect(m_ops, &OperationsController::cacheChanged, this, &MainWindow::refreshAll);
    connect(m_ops, &OperationsController::reconciled, this, &MainWindow::showStatus);
    for (RecordTableView *view : recordViews()) {
        connect(view->model(), &LazyTableModel::errorOccurred, this, &MainWindow::showStatus);
        connect(view, &RecordTableView::clearFiltersRequested, m_filters, &FilterBar::clear);
    }

    connect(m_welcome, &WelcomePanel::addAccountRequested, this, &MainWindow::openAccountsDialog);
    connect(m_welcome, &WelcomePanel::demoRequested, this, [this] {
        launch({QStringLiteral("--demo")}, tr("The demo is starting in a new window."));
    });
    connect(m_welcome, &WelcomePanel::openCacheRequested, this, &MainWindow::openOtherCache);

    if (db.isPostgres())
        watchTeamDatabase();

    setUpKeyboard();
    reloadAccounts();
    restoreLayout();
    showCurrentRecord();
    updateActions();
    // Operations left open by an earlier run (no answer, a crash) are settled first.
    // A viewer's desktop leaves them to the desktops that may write.
    if (teamRoleMayWrite())
        QTimer::singleShot(0, this, [this] { m_ops->reconcile({}); });
}

MainWindow::~MainWindow() = default;

void MainWindow::setUpApprovals()
{
    // Maker-checker: a tab with a count, an action to reach it, and who is deciding.
    m_approvals = new ApprovalsView(m_db, m_ops, this);
    const int tab = m_tabs->addTab(m_approvals, QString());
    const auto label = [this, tab](int count) {
        // No Alt+letter: every letter of the word is taken in this window; View > Approvals
        // reaches the tab from the keyboard.
        m_tabs->setTabText(tab, count > 0 ? tr("Approvals (%1)").arg(count) : tr("Approvals"));
        m_tabs->setTabToolTip(tab, tr("%n refund request(s) awaiting approval", nullptr, count));
    };
    label(m_approvals->count());
    connect(m_approvals, &ApprovalsView::countChanged, this, label);
    connect(m_approvals, &ApprovalsView::status, this, &MainWindow::showStatus);
    connect(m_approvalsAction, &QAction::triggered, this,
            [this] { m_tabs->setCurrentWidget(m_approvals); });
    // A team database's window names its database user already (watchTeamDatabase()).
    if (m_db.isPostgres())
        return;
    auto *user = new QLabel(tr("User: %1").arg(m_approvals->currentUser()), this);
    user->setObjectName(QStringLiteral("currentUser"));
    user->setToolTip(tr("Who requests and approves refunds in this window"));
    m_status->addPermanentWidget(user);
}

QWidget *MainWindow::createToolbarRow()
{
    auto *toolbar = new QToolBar(tr("Main"), this);
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_syncAction);
    toolbar->addSeparator();
    toolbar->addAction(m_refundAction);
    toolbar->addAction(m_chargebackAction);
    toolbar->addSeparator();
    toolbar->addAction(m_exportAction);
    toolbar->addAction(m_accountsAction);
    addToolBar(toolbar);

    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_selector);
    layout->addSpacing(12);
    layout->addWidget(m_filters, 1);
    return row;
}

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const QKeySequence &key, const QString &tip) {
        auto *a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        a->setShortcutContext(Qt::WindowShortcut);
        return a;
    };
    m_syncAction = make(tr("&Sync"), QKeySequence(Qt::Key_F5),
                        tr("Fetch new invoices, refunds and chargebacks (F5)"));
    m_refundAction = make(tr("&Refund…"), QKeySequence(Qt::CTRL | Qt::Key_R),
                          tr("Refund the selected invoice (Ctrl+R)"));
    m_chargebackAction = make(tr("File &chargeback…"), {},
                              tr("File a chargeback (refund request) for the selected invoice"));
    m_cancelRefundAction = make(tr("Cancel refund"), {}, tr("Cancel the selected pending refund"));
    m_metadataAction = make(tr("Edit metadata…"), {}, tr("Edit the selected refund's metadata"));
    m_exportAction = make(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                          tr("Export a CSV report (Ctrl+E)"));
    m_findAction = make(tr("&Find"), QKeySequence::Find, tr("Search (Ctrl+F)"));
    m_accountsAction = make(tr("&Accounts…"), {}, tr("Add, edit or remove gateway accounts"));
    m_offlineAction =
        make(tr("Work &offline"), {}, tr("Browse the cache without contacting gateways"));
    m_offlineAction->setCheckable(true);
    m_teamAction = make(tr("Open &team database…"), {},
                        tr("Open a shared PostgreSQL team database in a new window"));
    m_teamAction->setObjectName(QStringLiteral("openTeamDatabase"));
    connect(m_teamAction, &QAction::triggered, this, &MainWindow::openTeamDatabase);
    m_backupAction = make(tr("&Back up cache…"), {},
                          tr("Save a consistent copy of the cache, even while it is in use"));
    m_detailPaneAction = make(tr("&Details pane"), QKeySequence(Qt::Key_F9),
                              tr("Show or hide the invoice details beside the tables (F9)"));
    m_detailPaneAction->setCheckable(true);
    m_detailPaneAction->setChecked(true);
    m_copyRowsAction = make(tr("&Copy selected rows"), QKeySequence::Copy,
                            tr("Copy the selected rows as tab-separated text (Ctrl+C)"));
    auto *quit = make(tr("&Quit"), QKeySequence::Quit, tr("Quit RefundDesk"));
    m_approvalsAction =
        make(tr("&Approvals"), {}, tr("Show the refunds awaiting another person's approval"));

    connect(m_syncAction, &QAction::triggered, this, [this] { startSync(); });
    connect(m_refundAction, &QAction::triggered, this, [this] { openRefundDialog(); });
    connect(m_chargebackAction, &QAction::triggered, this, &MainWindow::openChargebackDialog);
    connect(m_cancelRefundAction, &QAction::triggered, this, &MainWindow::cancelSelectedRefund);
    connect(m_metadataAction, &QAction::triggered, this, &MainWindow::editSelectedRefundMetadata);
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::openExportDialog);
    connect(m_backupAction, &QAction::triggered, this, &MainWindow::askForBackup);
    connect(m_findAction, &QAction::triggered, m_filters, &FilterBar::focusSearch);
    connect(m_accountsAction, &QAction::triggered, this, &MainWindow::openAccountsDialog);
    connect(m_offlineAction, &QAction::toggled, m_connectivity, &Connectivity::setForcedOffline);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    connect(m_detailPaneAction, &QAction::toggled, this, &MainWindow::updateDetailPaneVisibility);
    connect(m_copyRowsAction, &QAction::triggered, this, &MainWindow::copySelectedRows);

    createBulkActions();
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_importRefundsAction);
    file->addAction(m_exportAction);
    file->addAction(m_backupAction);
    file->addAction(m_accountsAction);
    file->addSeparator();
    file->addAction(m_teamAction);
    file->addSeparator();
    file->addAction(m_offlineAction);
    file->addSeparator();
    file->addAction(quit);
    // Alt+I is the Invoices tab; the menu takes the next letter.
    QMenu *invoice = menuBar()->addMenu(tr("I&nvoice"));
    invoice->addAction(m_refundAction);
    invoice->addAction(m_bulkRefundAction);
    invoice->addAction(m_chargebackAction);
    invoice->addSeparator();
    invoice->addAction(m_cancelRefundAction);
    invoice->addAction(m_metadataAction);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_findAction);
    view->addAction(m_copyRowsAction);
    view->addAction(m_syncAction);
    view->addSeparator();
    view->addAction(m_detailPaneAction);
    // The columns of the table in view; the same menu as its header's context menu.
    m_columnsMenu = view->addMenu(tr("C&olumns"));
    m_columnsMenu->setObjectName(QStringLiteral("columnsMenu"));
    connect(m_columnsMenu, &QMenu::aboutToShow, this, [this] {
        m_columnsMenu->clear();
        if (RecordTableView *table = currentView())
            table->fillColumnMenu(m_columnsMenu);
        else
            m_columnsMenu->addAction(tr("Charts have no columns"))->setEnabled(false);
    });
    m_savedViews = new SavedViewsMenu(
        [this] {
            SavedView saved;
            saved.filters = m_filters->state();
            for (const RecordTableView *table : recordViews())
                saved.columns.insert(table->settingsKey(), table->columnState());
            saved.tab = m_tabs->currentIndex();
            return saved;
        },
        [this](const SavedView &saved) {
            for (RecordTableView *table : recordViews()) {
                if (saved.columns.contains(table->settingsKey()))
                    table->setColumnState(saved.columns.value(table->settingsKey()));
            }
            m_filters->setState(saved.filters);
            if (saved.tab >= 0 && saved.tab < m_tabs->count())
                m_tabs->setCurrentIndex(saved.tab);
        },
        this);
    addAction(m_savedViews->saveAction()); // Ctrl+Shift+S works with the menu closed
    connect(m_savedViews, &SavedViewsMenu::status, this, &MainWindow::showStatus);
    view->addMenu(m_savedViews);
    view->addSeparator();
    view->addAction(m_approvalsAction);
    view->addMenu(new ThemeMenu(this));
    m_help = new HelpMenu(m_db, this);
    menuBar()->addMenu(m_help);
    connect(m_help, &HelpMenu::status, this, &MainWindow::showStatus);

    m_detail->setInvoiceActions({m_refundAction, m_chargebackAction});
    m_detail->setRefundActions({m_cancelRefundAction, m_metadataAction});
    setActionIcons();
}

void MainWindow::setUpKeyboard()
{
    // Tab walks the window's parts in reading order: filters, the table in view (one stop),
    // the tab bar, then the detail pane. Hidden tables are skipped by Qt.
    QList<QWidget *> chain{m_filters->lastInTabOrder()};
    for (RecordTableView *view : recordViews())
        chain << view->table();
    chain << m_tabs->tabBar();
    chain << m_detail->focusChain();
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));

    // Ctrl+Tab / Ctrl+PgDn and back, wherever the focus is in the window.
    auto *next = new QAction(tr("Next tab"), this);
    next->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    auto *previous = new QAction(tr("Previous tab"), this);
    previous->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
                            QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    for (QAction *a : {next, previous}) {
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
    }
    connect(next, &QAction::triggered, this,
            [this] { m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count()); });
    connect(previous, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    });
}

void MainWindow::applyFilter()
{
    RecordFilter f = m_filters->filter();
    f.accountId = m_selector->currentAccountId();
    for (RecordTableView *view : recordViews())
        view->model()->setFilter(f);
    m_charts->setAccount(f.accountId);
}

QList<RecordTableView *> MainWindow::recordViews() const
{
    return {m_invoices, m_refunds, m_chargebacks, m_outbox};
}

RecordTableView *MainWindow::currentView() const
{
    return qobject_cast<RecordTableView *>(m_tabs->currentWidget());
}

void MainWindow::showCurrentRecord()
{
    const RecordTableView *view = currentView();
    const CurrentRecord record = view ? view->currentRecord() : CurrentRecord();
    if (!record.isValid() || record.invoiceId.isEmpty()) {
        m_detailAccount = 0;
        m_detailInvoice.clear();
        m_detailLoader->clear();
        m_detail->clear();
        updateDetailPaneVisibility();
        return;
    }
    if (record.accountId == m_detailAccount && record.invoiceId == m_detailInvoice)
        return;
    // Until the new invoice is read the pane shows none, so no action can reach the old one.
    m_detail->clear();
    m_detailAccount = record.accountId;
    m_detailInvoice = record.invoiceId;
    m_detailLoader->load(record.accountId, record.invoiceId);
    updateDetailPaneVisibility();
}

void MainWindow::updateDetailPaneVisibility()
{
    // Out of the way until there is an invoice to show: the table has the width meanwhile.
    m_detail->setVisible(m_detailPaneAction->isChecked() && currentView() != nullptr &&
                         !m_detailInvoice.isEmpty());
}

void MainWindow::copySelectedRows()
{
    const RecordTableView *view = currentView();
    const QString text = view ? selectedRowsAsTsv(view->table()) : QString();
    if (text.isEmpty()) {
        showStatus(tr("Select one or more rows of a table to copy them."));
        return;
    }
    QGuiApplication::clipboard()->setText(text);
    showStatus(tr("Rows copied: %1.").arg(text.count(QLatin1Char('\n')) - 1));
}

void MainWindow::onConnectivityChanged()
{
    // One control for working offline: the menu's check box follows however it was changed
    // (menu, the banner's Work online button).
    {
        const QSignalBlocker blocker(m_offlineAction);
        m_offlineAction->setChecked(m_connectivity->isForcedOffline());
    }
    if (m_connectivity->isForcedOffline() != m_wasForcedOffline) {
        m_wasForcedOffline = m_connectivity->isForcedOffline();
        showStatus(m_wasForcedOffline
                       ? tr("Working offline: you can browse and export the cache; nothing is "
                            "sent to a gateway.")
                       : tr("Working online again: refunds can be sent. Sync (F5) to fetch "
                            "what changed."));
    }
    updateActions();
}

void MainWindow::watchTeamDatabase()
{
    // Who this desktop writes as, always in view: the audit log records the same name.
    const QUrl address(m_db.path());
    const auto role = team::currentRole(m_db);
    m_teamRole = role ? *role : QStringLiteral("none");
    m_databaseUser = new QLabel(tr("Team database %1 on %2, as %3 (%4)")
                                    .arg(address.path().mid(1), address.host(), m_db.databaseUser(),
                                         role ? *role : tr("role unknown")),
                                this);
    m_databaseUser->setToolTip(tr("Who this desktop writes as, and the team role that decides "
                                  "what it may do (viewer, clerk, approver or owner)."));
    m_databaseUser->setObjectName(QStringLiteral("databaseUser"));
    m_status->addPermanentWidget(m_databaseUser);
    // Other desktops' refunds and syncs show within a second or two; a burst of changes (a
    // sync's batches) is one refresh.
    auto *later = new QTimer(this);
    later->setSingleShot(true);
    later->setInterval(250);
    connect(later, &QTimer::timeout, this, [this] {
        if (m_accountsChanged)
            reloadAccounts();
        m_accountsChanged = false;
        refreshAll();
    });
    m_listener = new ChangeListener(this);
    connect(m_listener, &ChangeListener::changed, this, [this, later](const QString &table) {
        m_accountsChanged = m_accountsChanged || table == QLatin1String("accounts");
        later->start();
    });
    QString error;
    if (!m_listener->start(m_db.path(), &error))
        showStatus(tr("Changes made on other desktops show after a sync (F5): %1").arg(error));
}

void MainWindow::refreshAll()
{
    for (RecordTableView *view : recordViews())
        view->model()->refresh();
    if (!m_detailInvoice.isEmpty())
        m_detailLoader->load(m_detailAccount, m_detailInvoice);
    m_currencies->load();
    m_charts->reload();
    m_approvals->refresh();
}

void MainWindow::reloadAccounts()
{
    const auto read = AccountRepository(m_db).list();
    if (!read)
        showStatus(read.error());
    const QList<Account> accounts = read.valueOr({});
    m_selector->setAccounts(accounts);
    m_status->setAccounts(accounts, m_selector->currentAccountId());
    m_currencies->load();
    m_welcome->setVisible(accounts.isEmpty());
    const bool anySynced = std::any_of(accounts.cbegin(), accounts.cend(),
                                       [](const Account &a) { return a.lastSyncAt.isValid(); });
    const auto state = accounts.isEmpty() ? RecordTableView::CacheState::NoAccounts
                       : anySynced        ? RecordTableView::CacheState::Synced
                                          : RecordTableView::CacheState::NeverSynced;
    // The Outbox's own text (nothing waiting) is true whatever the cache holds.
    for (RecordTableView *view :
         {static_cast<RecordTableView *>(m_invoices), static_cast<RecordTableView *>(m_refunds),
          static_cast<RecordTableView *>(m_chargebacks)})
        view->setCacheState(state);
    updateActions();
}

void MainWindow::showStatus(const QString &message)
{
    m_status->showMessage(message, 15000);
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainwindow/geometry")).toByteArray())) {
        // The first window takes most of the screen it opens on; later ones reopen as left.
        if (const QScreen *screen = this->screen()) {
            const QRect available = screen->availableGeometry();
            const QSize size = available.size() * 0.9;
            resize(size);
            move(available.center() - QPoint(size.width() / 2, size.height() / 2));
        } else {
            resize(1280, 760);
        }
    }
    m_detailPaneAction->setChecked(
        settings.value(QStringLiteral("mainwindow/detailPane"), true).toBool());
    restoreState(settings.value(QStringLiteral("mainwindow/state")).toByteArray());
    const QByteArray split = settings.value(QStringLiteral("mainwindow/splitter")).toByteArray();
    if (split.isEmpty() || !m_splitter->restoreState(split))
        m_splitter->setSizes({960, 320});
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("mainwindow/tab"), 0).toInt());
    m_invoices->restoreState();
    m_refunds->restoreState();
    m_chargebacks->restoreState();
    m_outbox->restoreState();
    updateDetailPaneVisibility();
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainwindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainwindow/state"), saveState());
    settings.setValue(QStringLiteral("mainwindow/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("mainwindow/tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("mainwindow/detailPane"), m_detailPaneAction->isChecked());
    m_invoices->saveState();
    m_refunds->saveState();
    m_chargebacks->saveState();
    m_outbox->saveState();
}

bool MainWindow::event(QEvent *event)
{
    // A theme switch reaches the window, not every child: the parts that colour themselves
    // from the semantic colours redraw here.
    if (event->type() == QEvent::ApplicationPaletteChange) {
        m_banner->applyColors();
        m_status->updateConnectivity();
        setActionIcons(); // the bundled ones are drawn in the palette's ink
    }
    return QMainWindow::event(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    m_sync->cancel();
    event->accept();
}

} // namespace rd
