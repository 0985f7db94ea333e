// The Help menu on a real window over a real cache, offscreen: the shortcuts dialog lists every
// action that has a key (read from the window, so a new action with a key must show up), the
// user guide action points at the file the build installs, About names the versions and the
// cache, and the diagnostics copied to the clipboard name accounts and outbox counts but never a
// secret, neither one from the environment nor one held for the session.
#include "aboutdialog.h"
#include "helpmenu.h"
#include "mainwindow.h"
#include "secretsource.h"
#include "shortcutsdialog.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "store/outboxrepository.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace rd;

namespace {

const char *const envSecret = "sk_live_ENV_MARKER_4711";
const char *const sessionSecret = "key_SESSION_MARKER_0815";

template <typename T> T *openTopLevel()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *found = qobject_cast<T *>(w); found && found->isVisible())
            return found;
    }
    return nullptr;
}

} // namespace

class TestHelpMenu : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void menuHoldsTheHelpActions();
    void shortcutsDialogListsEveryActionWithAKey();
    void userGuideIsTheInstalledFile();
    void aboutNamesVersionsAndCache();
    void diagnosticsHoldNoSecret();

private:
    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<MainWindow> m_window;
};

void TestHelpMenu::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The build tree keeps the guide under share/doc/refunddesk, as an installation does.
    qputenv("XDG_DATA_DIRS", QByteArray(RD_BINARY_DIR "/share"));
    qputenv("REFUNDDESK_SECRET_EU_STRIPE", envSecret);
    QString error;
    QVERIFY2(m_db.open(m_dir.filePath(QStringLiteral("cache.sqlite3")), &error), qPrintable(error));
    AccountRepository accounts(m_db);
    const auto stripe = accounts.add(QStringLiteral("EU Stripe"), Dialect::Stripe,
                                     QStringLiteral("https://api.stripe.com"), &error);
    QVERIFY2(stripe, qPrintable(error));
    QVERIFY2(accounts.add(QStringLiteral("Shop Chargebee"), Dialect::Chargebee,
                          QStringLiteral("https://acme.chargebee.com/api/v2"), &error),
             qPrintable(error));
    QVERIFY(accounts.setLastSync(stripe->id, QDateTime(QDate(2026, 5, 7), QTime(6, 32), Qt::UTC),
                                 &error));
    // A closed entry: the window's start-up reconcile leaves it alone and sends nothing.
    OutboxRepository outbox(m_db);
    OutboxEntry entry;
    entry.operationId = OutboxRepository::newId(u"op");
    entry.idempotencyKey = OutboxRepository::newId(u"key");
    entry.accountId = stripe->id;
    entry.invoiceId = QStringLiteral("ch_1");
    entry.amount = Money(1250, u"EUR");
    QVERIFY2(outbox.insert(entry, &error), qPrintable(error));
    QVERIFY2(outbox.transition(entry.operationId, OutboxState::Rejected, {},
                               QStringLiteral("declined"), &error),
             qPrintable(error));

    m_window = std::make_unique<MainWindow>(m_db);
    m_window->secrets()->setSessionSecret(QStringLiteral("Shop Chargebee"),
                                          QString::fromLatin1(sessionSecret));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestHelpMenu::cleanupTestCase()
{
    m_window.reset();
}

void TestHelpMenu::menuHoldsTheHelpActions()
{
    HelpMenu *help = m_window->helpMenu();
    QVERIFY(help);
    QVERIFY(m_window->menuBar()->actions().contains(help->menuAction()));
    const QList<QAction *> inMenu = help->actions();
    for (QAction *a : {help->shortcutsAction(), help->userGuideAction(), help->diagnosticsAction(),
                       help->aboutAction()})
        QVERIFY2(inMenu.contains(a), qPrintable(a->text()));
}

void TestHelpMenu::shortcutsDialogListsEveryActionWithAKey()
{
    m_window->helpMenu()->shortcutsAction()->trigger();
    auto *dialog = openTopLevel<ShortcutsDialog>();
    QVERIFY(dialog);
    QHash<QString, QString> listed; // keys -> description
    for (int row = 0; row < dialog->table()->rowCount(); ++row)
        listed.insert(dialog->table()->item(row, 0)->text(), dialog->table()->item(row, 1)->text());
    int withKeys = 0;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->shortcuts().isEmpty())
            continue;
        ++withKeys;
        // Every key of the action is listed (Backtab only as the Shift+Tab it stands for).
        for (const QKeySequence &key : a->shortcuts()) {
            if (key[0].key() == Qt::Key_Backtab)
                continue;
            const QString text = key.toString(QKeySequence::NativeText);
            bool found = false;
            for (auto it = listed.cbegin(); it != listed.cend(); ++it)
                found = found || it.key().split(QStringLiteral(", ")).contains(text);
            QVERIFY2(found,
                     qPrintable(QStringLiteral("%1 (%2) is not listed").arg(a->text(), text)));
        }
    }
    // Sync, refund, export, find, next and previous tab and the user guide at least (Quit's
    // standard key depends on the platform's key scheme).
    QVERIFY2(withKeys >= 7, qPrintable(QString::number(withKeys)));
    QCOMPARE(listed.value(QStringLiteral("F5")), QStringLiteral("Sync"));
    QCOMPARE(listed.value(QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText)),
             QStringLiteral("Refund"));
    QCOMPARE(listed.value(QStringLiteral("Alt+I")), QStringLiteral("Show the Invoices tab"));
    QVERIFY(listed.contains(QStringLiteral("Tab, Shift+Tab")));
    dialog->close();
}

void TestHelpMenu::userGuideIsTheInstalledFile()
{
    QAction *guide = m_window->helpMenu()->userGuideAction();
    QVERIFY(guide->isEnabled());
    const QUrl url = guide->data().toUrl();
    QVERIFY2(url.isLocalFile(), qPrintable(url.toString()));
    QCOMPARE(QFileInfo(url.toLocalFile()).fileName(), QStringLiteral("user-guide.html"));
    QVERIFY2(QFileInfo::exists(url.toLocalFile()), qPrintable(url.toLocalFile()));
    QCOMPARE(HelpMenu::userGuidePath(), url.toLocalFile());
    // Every picture the guide shows is there beside it.
    QFile html(url.toLocalFile());
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(html.readAll());
    const QRegularExpression image(QStringLiteral("<img src=\"([^\"]+)\""));
    int images = 0;
    for (auto it = image.globalMatch(text); it.hasNext(); ++images) {
        const QString src = it.next().captured(1);
        QVERIFY2(QFileInfo::exists(QFileInfo(html).dir().filePath(src)), qPrintable(src));
    }
    QVERIFY(images >= 3);
    QCOMPARE(guide->shortcut(), QKeySequence(QKeySequence::HelpContents));
}

void TestHelpMenu::aboutNamesVersionsAndCache()
{
    QSqlQuery q(m_db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next());
    const QString sqlite = q.value(0).toString();
    q.finish();
    m_window->helpMenu()->aboutAction()->trigger();
    auto *about = openTopLevel<AboutDialog>();
    QVERIFY(about);
    QTextDocument doc;
    doc.setHtml(about->textLabel()->text());
    const QString text = doc.toPlainText();
    for (const QString &part : {QStringLiteral(REFUNDDESK_VERSION), QString::fromLatin1(qVersion()),
                                sqlite, m_db.path(), QStringLiteral("LGPL")})
        QVERIFY2(text.contains(part), qPrintable(part + QStringLiteral(" not in ") + text));
    about->close();
}

void TestHelpMenu::diagnosticsHoldNoSecret()
{
    QGuiApplication::clipboard()->clear();
    m_window->helpMenu()->diagnosticsAction()->trigger();
    const QString text = QGuiApplication::clipboard()->text();
    for (const QString &part :
         {QStringLiteral(REFUNDDESK_VERSION), QString::fromLatin1(qVersion()), m_db.path(),
          QStringLiteral("EU Stripe | stripe | https://api.stripe.com | last sync "
                         "2026-05-07T06:32:00Z"),
          QStringLiteral("Shop Chargebee | chargebee | https://acme.chargebee.com/api/v2 | last "
                         "sync never"),
          QStringLiteral("Outbox: rejected 1")})
        QVERIFY2(text.contains(part), qPrintable(part + QStringLiteral(" not in:\n") + text));
    QVERIFY2(!text.contains(QLatin1String(envSecret)), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String(sessionSecret)), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("MARKER")), qPrintable(text));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QLatin1String("clipboard")));
}

QTEST_MAIN(TestHelpMenu)
#include "tst_helpmenu.moc"
