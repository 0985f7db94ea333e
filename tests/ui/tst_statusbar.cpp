// The status bar says one sync state and one connectivity state, never two of either: never
// synced, synced, some accounts not synced, offline, and online after a sync, alone and in the
// main window over a seeded cache (one account synced, one never).
#include "../report/reportfixture.h"

#include "connectivity.h"
#include "mainwindow.h"
#include "syncstatusbar.h"

#include <QLabel>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>

using namespace rd;

namespace {

QString plain(const QLabel *label)
{
    return QTextDocumentFragment::fromHtml(label->text()).toPlainText();
}

// The texts of the labels a person sees in the bar that speak of syncing.
QStringList syncStates(const QStatusBar *bar)
{
    static const QRegularExpression sync(QStringLiteral("\\bsync"),
                                         QRegularExpression::CaseInsensitiveOption);
    QStringList states;
    for (const QLabel *label : bar->findChildren<QLabel *>()) {
        if (label->isVisible() && plain(label).contains(sync))
            states << plain(label);
    }
    return states;
}

Account account(qint64 id, const QString &name, const QDateTime &synced)
{
    Account a;
    a.id = id;
    a.name = name;
    a.lastSyncAt = synced;
    return a;
}

} // namespace

class TestStatusBar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void oneSyncStateAndOneConnectivityState_data();
    void oneSyncStateAndOneConnectivityState();
    void mainWindowWithOneAccountNeverSynced();
};

void TestStatusBar::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestStatusBar::oneSyncStateAndOneConnectivityState_data()
{
    QTest::addColumn<bool>("synced");          // the account has been synced before
    QTest::addColumn<int>("network");          // 0 not contacted, 1 reached, 2 unreachable
    QTest::addColumn<QString>("syncText");     // what the sync state must say
    QTest::addColumn<QString>("connectivity"); // what the connectivity state must say
    QTest::newRow("never synced") << false << 0 << QStringLiteral("Shop: never synced")
                                  << QStringLiteral("Gateways not contacted yet");
    QTest::newRow("synced earlier, not contacted since")
        << true << 0 << QStringLiteral("Shop synced")
        << QStringLiteral("Gateways not contacted yet");
    QTest::newRow("synced, online")
        << true << 1 << QStringLiteral("Shop synced") << QStringLiteral("Online");
    QTest::newRow("synced, offline")
        << true << 2 << QStringLiteral("Shop synced") << QStringLiteral("Offline");
    QTest::newRow("never synced, offline")
        << false << 2 << QStringLiteral("Shop: never synced") << QStringLiteral("Offline");
}

void TestStatusBar::oneSyncStateAndOneConnectivityState()
{
    QFETCH(bool, synced);
    QFETCH(int, network);
    QFETCH(QString, syncText);
    QFETCH(QString, connectivity);
    Connectivity net;
    SyncStatusBar bar(&net);
    bar.resize(1000, 30);
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    bar.setAccounts(
        {account(1, QStringLiteral("Shop"),
                 synced ? QDateTime(QDate(2024, 5, 7), QTime(8, 32), Qt::UTC) : QDateTime())},
        0);
    if (network == 1)
        net.reportSync(true, {});
    else if (network == 2)
        net.reportSync(false, QStringLiteral("Connection refused"));

    const QStringList states = syncStates(&bar);
    QCOMPARE(states.size(), 1);
    QVERIFY2(states.first().startsWith(syncText), qPrintable(states.first()));
    const auto *state = bar.findChild<QLabel *>(QStringLiteral("connectivityState"));
    QVERIFY(state);
    QVERIFY(state->isVisible());
    QCOMPARE(plain(state).mid(2), connectivity); // after the coloured dot and a space
    const auto *sync = bar.findChild<QLabel *>(QStringLiteral("syncState"));
    QVERIFY(sync);
    QCOMPARE(plain(sync), states.first());
}

void TestStatusBar::mainWindowWithOneAccountNeverSynced()
{
    QTemporaryDir dir;
    Database db;
    rdtest::SeededCache seed;
    QString error;
    QVERIFY2(rdtest::openSeededCache(dir.path(), db, &seed, &error), qPrintable(error));
    MainWindow window(db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // All accounts in view: one synced, one never. One sentence says both.
    QStringList states = syncStates(window.syncStatusBar());
    QCOMPARE(states.size(), 1);
    QVERIFY2(states.first().contains(QStringLiteral("not synced yet")), qPrintable(states.first()));
    // Offline after a failed sync: still one sync state, and the connectivity says Offline.
    window.connectivity()->reportSync(false, QStringLiteral("Connection refused"));
    states = syncStates(window.syncStatusBar());
    QCOMPARE(states.size(), 1);
    const auto *state =
        window.syncStatusBar()->findChild<QLabel *>(QStringLiteral("connectivityState"));
    QVERIFY(plain(state).endsWith(QStringLiteral("Offline")));
}

QTEST_MAIN(TestStatusBar)
#include "tst_statusbar.moc"
