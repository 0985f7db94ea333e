// `refunddesk --demo` ended by a signal, as a logout, `kill` or a crash would: no sandbox gateway
// may be left running, and the demo cache must still be a sound SQLite database.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace {

// The process's parent and state letter from /proc/PID/stat; state 0 when it does not exist.
struct ProcStat
{
    qint64 parent = 0;
    char state = 0;
};

ProcStat procStat(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = file.readAll();
    // "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses, so split after the last
    // ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 2 || fields.at(0).isEmpty())
        return {};
    return {fields.at(1).toLongLong(), fields.at(0).at(0)};
}

// A zombie has released its port and memory; only its exit status waits to be collected.
bool running(qint64 pid)
{
    const char state = procStat(pid).state;
    return state != 0 && state != 'Z' && state != 'X';
}

// The refunddesk-sandbox child of `parent`, 0 when there is none (yet).
qint64 sandboxChildOf(qint64 parent)
{
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok || procStat(pid).parent != parent)
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly) &&
            cmdline.readAll().split('\0').value(0).endsWith("refunddesk-sandbox"))
            return pid;
    }
    return 0;
}

// One query on its own short-lived connection, so the test never holds the app's cache open.
QVariant queryValue(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("demoprocess-check");
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace

class TestDemoProcess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signalLeavesNothingBehind_data();
    void signalLeavesNothingBehind();
};

void TestDemoProcess::signalLeavesNothingBehind_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<bool>("graceful");
    QTest::newRow("SIGTERM (logout, kill)") << int(SIGTERM) << true;
    QTest::newRow("SIGINT (Ctrl+C)") << int(SIGINT) << true;
    QTest::newRow("SIGHUP (terminal closed)") << int(SIGHUP) << true;
    QTest::newRow("SIGKILL (no chance to clean up)") << int(SIGKILL) << false;
}

void TestDemoProcess::signalLeavesNothingBehind()
{
    QFETCH(int, signalNumber);
    QFETCH(bool, graceful);

    // The demo cache lives under AppDataLocation, i.e. $XDG_DATA_HOME/<organization>/<app>.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString cache =
        home.filePath(QStringLiteral("data/RefundDesk/RefundDesk/refunddesk-demo.sqlite3"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));

    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(QStringLiteral(RD_GUI_PATH), {QStringLiteral("--demo")});
    QVERIFY2(app.waitForStarted(), qPrintable(app.errorString()));
    const qint64 appPid = app.processId();

    qint64 sandbox = 0;
    // Make sure nothing outlives a failed check either.
    auto cleanup = qScopeGuard([&] {
        if (app.state() != QProcess::NotRunning) {
            app.kill();
            app.waitForFinished();
        }
        if (sandbox > 0 && running(sandbox))
            ::kill(pid_t(sandbox), SIGKILL);
    });

    // Up: the sandbox answered (its banner gave the demo the port) and the five demo accounts are
    // in the cache; the first sync is typically still writing when the signal arrives.
    QTRY_VERIFY_WITH_TIMEOUT((sandbox = sandboxChildOf(appPid)) > 0, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(
        queryValue(cache, QStringLiteral("SELECT COUNT(*) FROM accounts")).toInt(), 5, 60000);
    QVERIFY(running(sandbox));

    QCOMPARE(::kill(pid_t(appPid), signalNumber), 0);
    QVERIFY(app.waitForFinished(60000));
    if (graceful) {
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
    } else {
        QCOMPARE(app.exitStatus(), QProcess::CrashExit);
    }

    // The sandbox ends on its own (death signal, or its parent check): there is nothing left to
    // stop it otherwise, so a leak shows here as a timeout.
    QTRY_VERIFY_WITH_TIMEOUT(!running(sandbox), 30000);

    QCOMPARE(queryValue(cache, QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
    QCOMPARE(queryValue(cache, QStringLiteral("SELECT COUNT(*) FROM accounts")).toInt(), 5);
}

QTEST_GUILESS_MAIN(TestDemoProcess)
#include "tst_demoprocess.moc"
