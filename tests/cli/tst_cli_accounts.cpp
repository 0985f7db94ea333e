// refunddesk-cli's bones, run as a real process: help, version, accounts and exit codes.
#include "clirunner.h"
#include "store/accountrepository.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using rdtest::CliRunner;

namespace {

// `accounts add NAME --gateway stripe --base-url https://api.stripe.com`; the exit code.
int addStripeAccount(CliRunner &cli, const QString &name)
{
    return cli
        .run({QStringLiteral("accounts"), QStringLiteral("add"), name, QStringLiteral("--gateway"),
              QStringLiteral("stripe"), QStringLiteral("--base-url"),
              QStringLiteral("https://api.stripe.com")})
        .exitCode;
}

} // namespace

class TestCliAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void helpAndVersionOnAllExecutables_data();
    void helpAndVersionOnAllExecutables();
    void addAndList();
    void setMaxRps();
    void envSelectsDatabase();
    void bareCommandPrintsStartGuide();
    void usageErrors_data();
    void usageErrors();
    void newerSchemaRefused();
    void secretNeverReachesTheDatabase();

private:
    QString db() const { return m_dir->filePath(QStringLiteral("c.sqlite3")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliAccounts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliAccounts::helpAndVersionOnAllExecutables_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("expected");
    for (const auto &[name, path] :
         {std::pair{"cli", RD_CLI_PATH}, {"sandbox", RD_SANDBOX_PATH}, {"gui", RD_GUI_PATH}}) {
        QTest::addRow("%s --help", name)
            << QString::fromUtf8(path) << QStringLiteral("--help") << QStringLiteral("Usage:");
        QTest::addRow("%s --version", name)
            << QString::fromUtf8(path) << QStringLiteral("--version") << QStringLiteral("0.1.0");
    }
}

void TestCliAccounts::helpAndVersionOnAllExecutables()
{
    QFETCH(QString, program);
    QFETCH(QString, flag);
    QFETCH(QString, expected);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(program, {flag});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.contains(expected), qPrintable(out));
}

void TestCliAccounts::addAndList()
{
    CliRunner cli(db());
    // Listing reads: without a cache it fails and creates none; only accounts add creates one.
    auto r = cli.run({QStringLiteral("accounts"), QStringLiteral("list")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("no cache at")), qPrintable(r.err));
    QVERIFY(!QFile::exists(db()));

    r = cli.run({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("EU Stripe"),
                 QStringLiteral("--gateway"), QStringLiteral("stripe"),
                 QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:9/stripe/")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("REFUNDDESK_SECRET_EU_STRIPE")), qPrintable(r.out));
    r = cli.run({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("ke"),
                 QStringLiteral("--gateway"), QStringLiteral("intasend"),
                 QStringLiteral("--base-url"), QStringLiteral("https://sandbox.intasend.com")});
    QCOMPARE(r.exitCode, 0);

    r = cli.run({QStringLiteral("accounts"), QStringLiteral("list")});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(1).startsWith(QLatin1String("EU Stripe")));
    QVERIFY(lines.at(1).contains(QLatin1String("stripe")));
    QVERIFY(lines.at(1).contains(QLatin1String("never")));
    // The trailing slash is not kept, so paths join cleanly later.
    QVERIFY(lines.at(1).endsWith(QLatin1String("http://127.0.0.1:9/stripe")));
    QVERIFY(lines.at(2).startsWith(QLatin1String("ke")));
}

void TestCliAccounts::setMaxRps()
{
    CliRunner cli(db());
    QCOMPARE(addStripeAccount(cli, QStringLiteral("s")), 0);
    const auto stored = [this] {
        rd::Database cache;
        QString error;
        if (!cache.open(db(), rd::Database::OpenMode::ReadOnly, &error))
            return -1;
        const auto account = rd::AccountRepository(cache).findByName(QStringLiteral("s"));
        return account ? account->maxRps : -1;
    };
    QCOMPARE(stored(), 0); // the gateway's default
    auto r = cli.run({QStringLiteral("accounts"), QStringLiteral("set"), QStringLiteral("s"),
                      QStringLiteral("--max-rps"), QStringLiteral("40")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("40 requests per second")), qPrintable(r.out));
    QCOMPARE(stored(), 40);
    for (const QString &bad :
         {QStringLiteral("-1"), QStringLiteral("fast"), QStringLiteral("2.5")}) {
        r = cli.run({QStringLiteral("accounts"), QStringLiteral("set"), QStringLiteral("s"),
                     QStringLiteral("--max-rps"), bad});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("--max-rps")), qPrintable(r.err));
    }
    r = cli.run({QStringLiteral("accounts"), QStringLiteral("set"), QStringLiteral("nobody"),
                 QStringLiteral("--max-rps"), QStringLiteral("5")});
    QCOMPARE(r.exitCode, 2);
    r = cli.run({QStringLiteral("accounts"), QStringLiteral("set"), QStringLiteral("s"),
                 QStringLiteral("--max-rps"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(stored(), 0);
}

void TestCliAccounts::envSelectsDatabase()
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REFUNDDESK_DB"), db());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RD_CLI_PATH),
            {QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("x"),
             QStringLiteral("--gateway"), QStringLiteral("chargebee"), QStringLiteral("--base-url"),
             QStringLiteral("https://acme-test.chargebee.com/api/v2")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(QFile::exists(db()));
    CliRunner cli(db());
    QVERIFY(cli.run({QStringLiteral("accounts"), QStringLiteral("list")})
                .out.contains(QLatin1String("chargebee")));
}

void TestCliAccounts::bareCommandPrintsStartGuide()
{
    // Run exactly as a person would type it: no argument at all. The home and data folders
    // point into the test's folder so the check that nothing was created means something.
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("REFUNDDESK_DB"));
    env.insert(QStringLiteral("HOME"), m_dir->path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RD_CLI_PATH), QStringList());
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QCOMPARE(QString::fromUtf8(p.readAllStandardError()), QString());
    for (const char *step : {"accounts add", "set-secret", "refunddesk-cli sync", "list invoices",
                             "--help", "refunddesk --demo"})
        QVERIFY2(out.contains(QLatin1String(step)), qPrintable(out));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestCliAccounts::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("errorPart");
    // CliRunner always passes --db: options without a command are a script's mistake.
    QTest::newRow("options but no command") << QStringList{} << QStringLiteral("no command");
    QTest::newRow("unknown command")
        << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("unknown command");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--nope"), QStringLiteral("accounts")}
        << QStringLiteral("unknown option");
    QTest::newRow("unknown gateway")
        << QStringList{QStringLiteral("accounts"),   QStringLiteral("add"),
                       QStringLiteral("x"),          QStringLiteral("--gateway"),
                       QStringLiteral("paypal"),     QStringLiteral("--base-url"),
                       QStringLiteral("https://a.b")}
        << QStringLiteral("unknown gateway");
    QTest::newRow("missing url") << QStringList{QStringLiteral("accounts"), QStringLiteral("add"),
                                                QStringLiteral("x"), QStringLiteral("--gateway"),
                                                QStringLiteral("stripe")}
                                 << QStringLiteral("--base-url");
    QTest::newRow("remote http refused") << QStringList{QStringLiteral("accounts"),
                                                        QStringLiteral("add"),
                                                        QStringLiteral("x"),
                                                        QStringLiteral("--gateway"),
                                                        QStringLiteral("stripe"),
                                                        QStringLiteral("--base-url"),
                                                        QStringLiteral("http://api.stripe.com")}
                                         << QStringLiteral("loopback");
    QTest::newRow("unknown sub") << QStringList{QStringLiteral("accounts"), QStringLiteral("zap")}
                                 << QStringLiteral("unknown accounts command");
}

void TestCliAccounts::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, errorPart);
    const auto r = CliRunner(db()).run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(errorPart), qPrintable(r.err));
}

void TestCliAccounts::newerSchemaRefused()
{
    CliRunner cli(db());
    QCOMPARE(addStripeAccount(cli, QStringLiteral("a")), 0);
    {
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(db());
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=999")));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    const auto r = cli.run({QStringLiteral("accounts"), QStringLiteral("list")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("newer RefundDesk")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
}

void TestCliAccounts::secretNeverReachesTheDatabase()
{
    CliRunner cli(db());
    QCOMPARE(addStripeAccount(cli, QStringLiteral("s")), 0);
    const QByteArray secret = "sk_test_never_in_the_cache_4242";
    const auto r =
        cli.run({QStringLiteral("accounts"), QStringLiteral("set-secret"), QStringLiteral("s")},
                secret + '\n');
    if (r.exitCode == 0) {
        QVERIFY(r.out.contains(QLatin1String("keychain")));
    } else {
        // No Secret Service on this machine: the person is told what to do instead.
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("REFUNDDESK_SECRET_S")), qPrintable(r.err));
    }
    QVERIFY(!r.out.contains(QString::fromLatin1(secret)));
    QVERIFY(!r.err.contains(QString::fromLatin1(secret)));
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile f(db() + suffix);
        if (f.open(QIODevice::ReadOnly))
            QVERIFY(!f.readAll().contains(secret));
    }
}

QTEST_GUILESS_MAIN(TestCliAccounts)
#include "tst_cli_accounts.moc"
