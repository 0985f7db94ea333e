// A first run, as a new user meets it, on a real empty cache against the real sandbox: the
// welcome panel is there and the tables say there is no account; adding an account from the
// panel leads to a synced table without touching a menu or pressing F5; the demo and another
// cache start in a new window (the launch is captured, not run); a cache with an account that
// never synced says so; a filtered empty table offers "Clear filters", and following it brings
// the rows back.
#include "accountsdialog.h"
#include "filterbar.h"
#include "invoicesview.h"
#include "lazytablemodel.h"
#include "mainwindow.h"
#include "sandboxprocess.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "welcomepanel.h"

#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace rd;

namespace {

QString emptyText(MainWindow *window)
{
    auto *label = window->invoicesView()->findChild<QLabel *>(QStringLiteral("emptyState"));
    return label && label->isVisibleTo(window->invoicesView()) ? label->text() : QString();
}

} // namespace

class TestWelcome : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void welcomeOnAnEmptyCache();
    void demoAndOtherCacheStartANewWindow();
    void firstAccountSyncsByItself();
    void filteredEmptyTableOffersClearFilters();
    void neverSyncedCacheSaysSo();

private:
    QTemporaryDir m_dir;
    rdtest::SandboxProcess m_sandbox;
    Database m_db;
    std::unique_ptr<MainWindow> m_window;
    QList<QStringList> m_launched;
};

void TestWelcome::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
    QVERIFY2(m_db.open(m_dir.filePath(QStringLiteral("cache.sqlite3")), &error), qPrintable(error));
    m_window = std::make_unique<MainWindow>(m_db);
    m_window->setLauncher([this](const QStringList &args) {
        m_launched << args;
        return true;
    });
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWelcome::cleanupTestCase()
{
    m_window.reset();
    m_sandbox.stop();
}

void TestWelcome::welcomeOnAnEmptyCache()
{
    QVERIFY(m_window->welcomePanel()->isVisible());
    QTRY_VERIFY2(emptyText(m_window.get()).contains(QLatin1String("no gateway account")),
                 qPrintable(emptyText(m_window.get())));
    QVERIFY(!m_window->syncAction()->isEnabled());
}

void TestWelcome::demoAndOtherCacheStartANewWindow()
{
    m_launched.clear();
    m_window->welcomePanel()->demoButton()->click();
    QCOMPARE(m_launched, QList<QStringList>{{QStringLiteral("--demo")}});
    QVERIFY(m_window->statusBar()->currentMessage().contains(QLatin1String("demo")));

    // Open a cache: the file dialog is answered as a person would, then a new window opens
    // on the chosen file; this window stays on its own cache.
    const QString other = m_dir.filePath(QStringLiteral("other.sqlite3"));
    {
        Database db;
        QString error;
        QVERIFY2(db.open(other, &error), qPrintable(error));
    }
    bool answered = false;
    QTimer::singleShot(0, this, [&answered, other] {
        QTRY_VERIFY(qobject_cast<QFileDialog *>(QApplication::activeModalWidget()));
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        dialog->selectFile(other);
        QMetaObject::invokeMethod(dialog, "accept");
        answered = true;
    });
    m_window->welcomePanel()->openCacheButton()->click();
    QVERIFY(answered);
    QCOMPARE(m_launched.size(), 2);
    QCOMPARE(m_launched.last(), (QStringList{QStringLiteral("--db"), other}));
    QVERIFY(m_window->welcomePanel()->isVisible());
}

void TestWelcome::firstAccountSyncsByItself()
{
    m_window->welcomePanel()->addAccountButton()->click();
    QTRY_VERIFY(m_window->findChild<AccountsDialog *>());
    auto *dialog = m_window->findChild<AccountsDialog *>();
    QTRY_VERIFY(dialog->isVisible());
    dialog->nameField()->setText(QStringLiteral("My Stripe"));
    dialog->dialectField()->setCurrentIndex(
        dialog->dialectField()->findData(QStringLiteral("stripe")));
    dialog->urlField()->setText(m_sandbox.baseUrl(QStringLiteral("stripe")));
    dialog->secretField()->setText(rdtest::SandboxProcess::secret(QStringLiteral("stripe")));
    QVERIFY2(dialog->saveButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));

    QSignalSpy synced(m_window.get(), &MainWindow::syncFinished);
    dialog->saveButton()->click();
    QVERIFY(synced.wait(120000));
    dialog->close();
    const auto account = AccountRepository(m_db).findByName(QStringLiteral("My Stripe"));
    QVERIFY(account);
    QVERIFY2(account->lastSyncAt.isValid(), qPrintable(m_window->statusBar()->currentMessage()));
    QTRY_VERIFY(m_window->invoicesView()->model()->rowCount() > 0);
    QVERIFY(!m_window->welcomePanel()->isVisible());
    QVERIFY2(!m_window->statusBar()->currentMessage().isEmpty(), "the status bar says nothing");
}

void TestWelcome::filteredEmptyTableOffersClearFilters()
{
    LazyTableModel *invoices = m_window->invoicesView()->model();
    QTRY_VERIFY(invoices->rowCount() > 0);
    const int all = invoices->rowCount();
    auto *search = m_window->filterBar()->findChild<QLineEdit *>();
    QVERIFY(search);
    search->setText(QStringLiteral("zqxnothingmatches"));
    QTRY_COMPARE(invoices->rowCount(), 0);
    QTRY_VERIFY2(emptyText(m_window.get()).contains(QLatin1String("Clear filters")),
                 qPrintable(emptyText(m_window.get())));
    auto *label = m_window->invoicesView()->findChild<QLabel *>(QStringLiteral("emptyState"));
    Q_EMIT label->linkActivated(QStringLiteral("clear"));
    QTRY_COMPARE(invoices->rowCount(), all);
    QVERIFY(search->text().isEmpty());
}

void TestWelcome::neverSyncedCacheSaysSo()
{
    Database db;
    QString error;
    QVERIFY2(db.open(m_dir.filePath(QStringLiteral("unsynced.sqlite3")), &error),
             qPrintable(error));
    QVERIFY2(AccountRepository(db).add(QStringLiteral("Later"), Dialect::Stripe,
                                       m_sandbox.baseUrl(QStringLiteral("stripe")), &error),
             qPrintable(error));
    MainWindow window(db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.welcomePanel()->isVisible());
    QTRY_VERIFY2(emptyText(&window).contains(QLatin1String("no account has been synced")),
                 qPrintable(emptyText(&window)));
}

QTEST_MAIN(TestWelcome)
#include "tst_welcome.moc"
