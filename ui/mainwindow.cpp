#include "mainwindow.h"

#include "accountlistmodel.h"
#include "store/accountrepository.h"
#include "store/database.h"

#include <QComboBox>
#include <QLabel>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace rd {

MainWindow::MainWindow(Database &db, QWidget *parent) : QMainWindow(parent), m_db(db)
{
    setWindowTitle(tr("RefundDesk"));
    m_accounts = new AccountListModel(this);
    m_accounts->setAccounts(AccountRepository(m_db).list());

    auto *toolbar = addToolBar(tr("Accounts"));
    toolbar->setObjectName(QStringLiteral("accountsToolbar"));
    auto *selector = new QComboBox(toolbar);
    selector->setAccessibleName(tr("Account"));
    selector->setModel(m_accounts);
    toolbar->addWidget(new QLabel(tr("Account: "), toolbar));
    toolbar->addWidget(selector);

    auto *tabs = new QTabWidget(this);
    for (const QString &title : {tr("Invoices"), tr("Refunds"), tr("Chargebacks"), tr("Outbox")}) {
        auto *empty = new QLabel(m_accounts->accounts().isEmpty()
                                     ? tr("No accounts yet. Add a gateway account to see its "
                                          "invoices, refunds and chargebacks here.")
                                     : tr("Nothing synced yet."),
                                 tabs);
        empty->setAlignment(Qt::AlignCenter);
        empty->setWordWrap(true);
        tabs->addTab(empty, title);
    }
    setCentralWidget(tabs);
    statusBar()->showMessage(tr("Cache: %1").arg(m_db.path()));
    resize(1100, 700);
}

} // namespace rd
