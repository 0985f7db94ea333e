// RefundDesk in German, as LANG=de_DE.UTF-8 starts it: the compiled-in translation is found and
// used by real widgets, labels built outside tr() are translated, amounts and dates follow the
// locale (digits still exact), and the bundled icons are there for desktops without a theme.
#include "appresources.h"
#include "displayformat.h"
#include "mainwindow.h"
#include "store/database.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace rd;

class TestGerman : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void statusLabels_data();
    void statusLabels();
    void amounts_data();
    void amounts();
    void timestamps();
    void mainWindow();
    void icons();
    void englishPlurals();

private:
    QTemporaryDir m_dir;
};

void TestGerman::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // window layouts go to a throwaway settings file
    // What the system locale does for a German desktop; UTC keeps the expected times fixed.
    qputenv("TZ", "UTC");
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    resources::installTranslators(*qApp);
    QVERIFY(m_dir.isValid());
}

void TestGerman::statusLabels_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("label");
    QTest::newRow("pending") << "pending"
                             << "Ausstehend";
    QTest::newRow("requires_action") << "requires_action"
                                     << "Aktion erforderlich";
    QTest::newRow("succeeded") << "succeeded"
                               << "Erfolgreich";
    QTest::newRow("failed") << "failed"
                            << "Fehlgeschlagen";
    QTest::newRow("canceled") << "canceled"
                              << "Storniert";
    QTest::newRow("unknown stays as stored") << "chargeable"
                                             << "chargeable";
}

void TestGerman::statusLabels()
{
    QFETCH(QString, status);
    QFETCH(QString, label);
    QCOMPARE(display::statusLabel(status), label);
}

void TestGerman::amounts_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("text");
    QTest::newRow("grouping and decimal comma") << qint64(125000) << "EUR"
                                                << "1.250,00 EUR";
    QTest::newRow("millions") << qint64(123456789) << "USD"
                              << "1.234.567,89 USD";
    QTest::newRow("negative") << qint64(-125000) << "USD"
                              << "-1.250,00 USD";
    QTest::newRow("small") << qint64(5) << "EUR"
                           << "0,05 EUR";
    QTest::newRow("zero-decimal currency") << qint64(100000) << "JPY"
                                           << "100.000 JPY";
    QTest::newRow("three decimals") << qint64(1250) << "KWD"
                                    << "1,250 KWD";
    QTest::newRow("beyond double precision") << qint64(9007199254740993) << "JPY"
                                             << "9.007.199.254.740.993 JPY";
}

void TestGerman::amounts()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, text);
    QCOMPARE(display::amount(minor, currency), text);
}

void TestGerman::timestamps()
{
    // 2024-05-07T06:32:00Z: German short date with the year in full.
    QCOMPARE(display::timestamp(1715063520), QStringLiteral("07.05.2024 06:32"));
    QCOMPARE(display::timestamp(0), QString());
}

void TestGerman::mainWindow()
{
    Database db;
    QString error;
    QVERIFY2(db.open(m_dir.filePath(QStringLiteral("cache.sqlite3")), &error), qPrintable(error));
    MainWindow window(db);
    QCOMPARE(window.syncAction()->text(), QStringLiteral("&Synchronisieren"));
    QCOMPARE(window.refundAction()->text(), QStringLiteral("&Erstatten…"));
    QCOMPARE(window.accountsAction()->text(), QStringLiteral("&Konten…"));
    QStringList menus;
    for (QAction *menu : window.menuBar()->actions())
        menus << menu->text();
    QCOMPARE(menus, (QStringList{QStringLiteral("&Datei"), QStringLiteral("Rech&nung"),
                                 QStringLiteral("&Ansicht"), QStringLiteral("&Hilfe")}));
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("&Rechnungen"));
    // The toolbar's actions carry icons (bundled ones: there is no icon theme offscreen).
    QVERIFY(!window.syncAction()->icon().isNull());
    QVERIFY(!window.refundAction()->icon().isNull());
}

void TestGerman::icons()
{
    const QIcon app = resources::applicationIcon();
    QVERIFY(!app.isNull());
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
        QVERIFY2(app.availableSizes().contains(QSize(size, size)),
                 qPrintable(QString::number(size)));
    using resources::ActionIcon;
    for (ActionIcon icon : {ActionIcon::Sync, ActionIcon::Refund, ActionIcon::Export,
                            ActionIcon::Search, ActionIcon::Accounts, ActionIcon::Offline}) {
        const QPixmap pixmap = resources::actionIcon(icon).pixmap(24, 24);
        QVERIFY(!pixmap.isNull());
        QCOMPARE(pixmap.size(), QSize(24, 24));
    }
}

void TestGerman::englishPlurals()
{
    // English reads "1 account" and "5 accounts", not "account(s)": the plural forms come from
    // refunddesk_en, which every locale loads beneath its own translation.
    QTranslator english;
    QVERIFY(english.load(QStringLiteral("refunddesk_en"), QStringLiteral(":/i18n")));
    const char *source = "Sync finished: %n account(s) up to date.";
    QCOMPARE(english.translate("rd::SyncController", source, nullptr, 1),
             QStringLiteral("Sync finished: %n account up to date."));
    QCOMPARE(english.translate("rd::SyncController", source, nullptr, 5),
             QStringLiteral("Sync finished: %n accounts up to date."));
    // German, installed above it, still wins.
    QVERIFY(!QCoreApplication::translate("rd::SyncController", source, nullptr, 5)
                 .contains(QLatin1String("account")));
}

QTEST_MAIN(TestGerman)
#include "tst_german.moc"
