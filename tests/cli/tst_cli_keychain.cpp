// When the real refunddesk-cli asks the OS keychain for a team database's password: only for a
// team database, never for a cache file (its commands start without the session bus), and a
// session bus that answers nothing useful neither stalls nor fails the run: libpq's own places
// are used instead; and the keychain's libraries are loaded only then. The session bus here is
// a socket of this test's that counts who connects and hangs up on them.
#include "clirunner.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace rdtest;

class TestCliKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cacheFileNeverAsksTheKeychain();
    void keychainLibrariesLoadOnlyWhenAsked();
    void teamDatabaseAsksAndCarriesOnWithoutAnAnswer();

private:
    // A CLI whose session bus is m_bus, with no X display to start another one from.
    CliRunner cli(const QString &db) const
    {
        CliRunner r(db);
        r.setEnv(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                 QStringLiteral("unix:path=") + m_bus->fullServerName());
        r.unsetEnv(QStringLiteral("DISPLAY"));
        r.unsetEnv(QStringLiteral("WAYLAND_DISPLAY"));
        return r;
    }
    // Accepts and closes every connection waiting on the bus now; how many there were.
    int hangUpOnWaiting()
    {
        int n = 0;
        while (m_bus->waitForNewConnection(0) && m_bus->hasPendingConnections()) {
            QLocalSocket *s = m_bus->nextPendingConnection();
            s->abort();
            s->deleteLater();
            ++n;
        }
        return n;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QLocalServer> m_bus;
};

void TestCliKeychain::init()
{
    QVERIFY(m_dir.isValid());
    m_bus = std::make_unique<QLocalServer>();
    static int buses = 0;
    QVERIFY2(m_bus->listen(m_dir.filePath(QStringLiteral("bus-%1").arg(++buses))),
             qPrintable(m_bus->errorString()));
}

void TestCliKeychain::cacheFileNeverAsksTheKeychain()
{
    const QString cache = m_dir.filePath(QStringLiteral("cache.sqlite3"));
    const CliRunner r = cli(cache);
    const CliResult added =
        r.run({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("Local"),
               QStringLiteral("--gateway"), QStringLiteral("stripe"), QStringLiteral("--base-url"),
               QStringLiteral("http://127.0.0.1:9")});
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    for (const QStringList &args : {QStringList{QStringLiteral("accounts"), QStringLiteral("list")},
                                    QStringList{QStringLiteral("list"), QStringLiteral("invoices")},
                                    QStringList{QStringLiteral("outbox")}}) {
        const CliResult listed = r.run(args);
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    }
    // The runs are over: a connection any of them made would be waiting here.
    QCOMPARE(hangUpOnWaiting(), 0);
}

void TestCliKeychain::keychainLibrariesLoadOnlyWhenAsked()
{
    // QtKeychain, and QtDBus and libdbus with it, are loaded when a command asks the keychain,
    // not at every start: the dynamic loader's own report of the files it maps says which.
    const QString cache = m_dir.filePath(QStringLiteral("loaded.sqlite3"));
    CliRunner r = cli(cache);
    const CliResult added =
        r.run({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("Local"),
               QStringLiteral("--gateway"), QStringLiteral("stripe"), QStringLiteral("--base-url"),
               QStringLiteral("http://127.0.0.1:9")});
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    r.setEnv(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
    const CliResult listed = r.run({QStringLiteral("accounts"), QStringLiteral("list")});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY2(listed.err.contains(QLatin1String("file=libQt6Core")), "no report from the loader");
    for (const char *library : {"libqt6keychain", "libQt6DBus", "libdbus-1", "refunddesk_keychain"})
        QVERIFY2(!listed.err.contains(QLatin1String(library)), library);
    // Storing a secret asks the keychain: loaded then. (No session bus at that address, so
    // the keychain answers at once that it is not there.)
    r.setEnv(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
             QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-bus")));
    const CliResult stored =
        r.run({QStringLiteral("accounts"), QStringLiteral("set-secret"), QStringLiteral("Local")},
              QByteArrayLiteral("sk_test_local\n"));
    QVERIFY(!stored.crashed);
    for (const char *library : {"refunddesk_keychain", "libqt6keychain", "libQt6DBus"})
        QVERIFY2(stored.err.contains(QLatin1String(library)), library);
}

void TestCliKeychain::teamDatabaseAsksAndCarriesOnWithoutAnAnswer()
{
    // Nothing listens on port 1: after the keychain, the connection itself fails at once.
    const QString address = QStringLiteral("postgresql://nobody@127.0.0.1:1/refunddesk");
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("REFUNDDESK_DB"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=") + m_bus->fullServerName());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RD_CLI_PATH),
            {QStringLiteral("--db"), address, QStringLiteral("accounts"), QStringLiteral("list")});
    QVERIFY(p.waitForStarted());
    int asked = 0;
    while (p.state() != QProcess::NotRunning) {
        if (m_bus->waitForNewConnection(50))
            asked += hangUpOnWaiting();
        p.waitForFinished(50);
    }
    asked += hangUpOnWaiting();
    QVERIFY2(asked > 0, "the team database's password was not looked for in the keychain");
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    // One line, libpq's: the keychain's trouble is not the person's.
    QCOMPARE(err.count(QLatin1Char('\n')), 1);
    QVERIFY2(err.contains(QLatin1String("Cannot open the team database")), qPrintable(err));
    QVERIFY2(!err.contains(QLatin1String("keychain"), Qt::CaseInsensitive), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestCliKeychain)
#include "tst_cli_keychain.moc"
