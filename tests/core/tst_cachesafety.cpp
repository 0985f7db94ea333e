// The store's safety rules on real files: how a cache is opened (create, existing, read-only),
// account names that would share a secret, base URLs with credentials, the online backup
// (consistent and intact while another connection writes), and the damaged-cache message.
#include "backgroundwriter.h"
#include "store/accountrepository.h"
#include "store/cachebackup.h"
#include "store/cachefiles.h"
#include "store/database.h"
#include "store/schema.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestCacheSafety : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void openModes_data();
    void openModes();
    void readOnlyModeNeverWrites();
    void nameConflicts_data();
    void nameConflicts();
    void renameIntoConflictRefused();
    void credentialsInBaseUrlRefused_data();
    void credentialsInBaseUrlRefused();
    void secretVariableMatchesTheStore();
    void backupIsConsistentWhileWriting();
    void backupRefusesTheCache_data();
    void backupRefusesTheCache();
    void damageIsExplained_data();
    void damageIsExplained();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("cache.sqlite3")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return QVariant();
    return q.value(0);
}

bool addRawAccount(Database &db, const QString &name, QString *error)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO accounts (name, gateway, base_url, created_at) "
                             "VALUES (?, 'stripe', 'https://api.stripe.com', 0)"));
    q.bindValue(0, name);
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

} // namespace

void TestCacheSafety::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCacheSafety::openModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<QString>("createdFile"); // what exists afterwards, relative ("" = nothing)
    using M = Database::OpenMode;
    QTest::newRow("existing, missing file")
        << int(M::Existing) << QStringLiteral("no.sqlite3") << false << QString();
    QTest::newRow("read-only, missing file in missing folder")
        << int(M::ReadOnly) << QStringLiteral("nope/no.sqlite3") << false << QString();
    QTest::newRow("create, missing folder")
        << int(M::Create) << QStringLiteral("nope/new.sqlite3") << false << QString();
    QTest::newRow("create, existing folder")
        << int(M::Create) << QStringLiteral("new.sqlite3") << true << QStringLiteral("new.sqlite3");
    QTest::newRow("create with folder")
        << int(M::CreateWithFolder) << QStringLiteral("made/new.sqlite3") << true
        << QStringLiteral("made/new.sqlite3");
    QTest::newRow("a folder is not a cache")
        << int(M::Existing) << QStringLiteral(".") << false << QString();
}

void TestCacheSafety::openModes()
{
    QFETCH(int, mode);
    QFETCH(QString, relativePath);
    QFETCH(bool, opens);
    QFETCH(QString, createdFile);
    Database db;
    QString error;
    const QString target = m_dir->filePath(relativePath);
    QCOMPARE(db.open(target, Database::OpenMode(mode), &error), opens);
    if (opens) {
        QCOMPARE(db.schemaVersion(), schema::latestVersion());
        QVERIFY(!db.isReadOnly());
        QVERIFY(QFile::exists(m_dir->filePath(createdFile)));
    } else {
        QVERIFY(!error.isEmpty());
        // Nothing is left behind: no file, no folder.
        if (relativePath != QLatin1String("."))
            QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                     QStringList());
    }
}

void TestCacheSafety::readOnlyModeNeverWrites()
{
    QString error;
    {
        Database db;
        QVERIFY2(db.open(path(), &error), qPrintable(error));
        QVERIFY(addRawAccount(db, QStringLiteral("a"), &error));
    }
    Database ro;
    QVERIFY2(ro.open(path(), Database::OpenMode::ReadOnly, &error), qPrintable(error));
    QVERIFY(ro.isReadOnly());
    QCOMPARE(AccountRepository(ro).list().value().size(), 1);
    QVERIFY(!addRawAccount(ro, QStringLiteral("b"), &error));
    QVERIFY2(error.contains(QLatin1String("readonly"), Qt::CaseInsensitive), qPrintable(error));
    QVERIFY(!AccountRepository(ro).add(QStringLiteral("c"), Dialect::Stripe,
                                       QStringLiteral("https://api.stripe.com"), &error));
    QCOMPARE(AccountRepository(ro).list().value().size(), 1);
    // A writable cache is a cache this user can write.
    QVERIFY(Database::isWritable(path()));
    QVERIFY(!Database::isWritable(m_dir->filePath(QStringLiteral("missing.sqlite3"))));
}

void TestCacheSafety::nameConflicts_data()
{
    QTest::addColumn<QString>("existing");
    QTest::addColumn<QString>("candidate");
    QTest::addColumn<QString>("problem"); // empty: accepted
    QTest::newRow("distinct") << QStringLiteral("EU Stripe") << QStringLiteral("US Stripe")
                              << QString();
    QTest::newRow("same name") << QStringLiteral("EU Stripe") << QStringLiteral("EU Stripe")
                               << QStringLiteral("already exists");
    QTest::newRow("case only") << QStringLiteral("EU Stripe") << QStringLiteral("eu stripe")
                               << QStringLiteral("already exists");
    QTest::newRow("punctuation maps alike")
        << QStringLiteral("EU Stripe") << QStringLiteral("eu-stripe")
        << QStringLiteral("REFUNDDESK_SECRET_EU_STRIPE");
    QTest::newRow("dot and space") << QStringLiteral("a.b") << QStringLiteral("A B")
                                   << QStringLiteral("REFUNDDESK_SECRET_A_B");
    QTest::newRow("non-ASCII letters map to _")
        << QStringLiteral("Café") << QStringLiteral("caf!") << QStringLiteral("\"Café\"");
    QTest::newRow("German sharp s upper-cases to SS")
        << QStringLiteral("Straße") << QStringLiteral("STRASSE")
        << QStringLiteral("REFUNDDESK_SECRET_STRASSE");
    QTest::newRow("digits differ")
        << QStringLiteral("shop1") << QStringLiteral("shop2") << QString();
}

void TestCacheSafety::nameConflicts()
{
    QFETCH(QString, existing);
    QFETCH(QString, candidate);
    QFETCH(QString, problem);
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    AccountRepository repo(db);
    QVERIFY2(repo.add(existing, Dialect::Stripe, QStringLiteral("https://api.stripe.com"), &error),
             qPrintable(error));
    // The as-you-type check and add() agree.
    const QString conflict = repo.nameConflict(candidate);
    const auto added =
        repo.add(candidate, Dialect::WooshPay, QStringLiteral("https://evil.example"), &error);
    if (problem.isEmpty()) {
        QVERIFY2(conflict.isEmpty(), qPrintable(conflict));
        QVERIFY2(added.has_value(), qPrintable(error));
        return;
    }
    QVERIFY2(conflict.contains(problem), qPrintable(conflict));
    QVERIFY(!added.has_value());
    QCOMPARE(error, conflict);
    // The other account is named, so a person knows which one is in the way.
    QVERIFY2(error.contains(existing), qPrintable(error));
    QCOMPARE(repo.list().value().size(), 1);
    // The savepoint was released: the connection is not left inside a transaction.
    QVERIFY(repo.add(QStringLiteral("unrelated"), Dialect::Stripe,
                     QStringLiteral("https://api.stripe.com"), &error));
    QVERIFY(db.beginImmediate(&error));
    db.rollback();
}

void TestCacheSafety::renameIntoConflictRefused()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    AccountRepository repo(db);
    QVERIFY(repo.add(QStringLiteral("EU Stripe"), Dialect::Stripe,
                     QStringLiteral("https://api.stripe.com"), &error));
    auto other = repo.add(QStringLiteral("Other"), Dialect::Stripe,
                          QStringLiteral("https://api.stripe.com"), &error);
    QVERIFY(other);
    other->name = QStringLiteral("EU_STRIPE");
    QVERIFY(!repo.update(*other, &error));
    QVERIFY2(error.contains(QLatin1String("EU Stripe")), qPrintable(error));
    // Renaming an account to a new spelling of its own name is fine.
    other->name = QStringLiteral("other");
    QVERIFY2(repo.update(*other, &error), qPrintable(error));
    QCOMPARE(repo.nameConflict(QStringLiteral("OTHER"), other->id), QString());
}

void TestCacheSafety::credentialsInBaseUrlRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("user and password") << QStringLiteral("https://admin:hunter2@api.stripe.com");
    QTest::newRow("user only") << QStringLiteral("https://sk_live_hunter2@api.stripe.com/v1");
    QTest::newRow("loopback http") << QStringLiteral("http://u:hunter2@127.0.0.1:9/stripe");
    QTest::newRow("empty user, password") << QStringLiteral("https://:hunter2@api.stripe.com");
}

void TestCacheSafety::credentialsInBaseUrlRefused()
{
    QFETCH(QString, url);
    const QString problem = AccountRepository::validateBaseUrl(url);
    QVERIFY2(problem.contains(QLatin1String("user name or password")), qPrintable(problem));
    QVERIFY2(!problem.contains(QLatin1String("hunter2")), qPrintable(problem));
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    QVERIFY(!AccountRepository(db).add(QStringLiteral("x"), Dialect::Stripe, url, &error));
    QCOMPARE(AccountRepository(db).list().value().size(), 0);
}

void TestCacheSafety::secretVariableMatchesTheStore()
{
    QCOMPARE(AccountRepository::secretVariableName(QStringLiteral("EU Stripe")),
             QStringLiteral("REFUNDDESK_SECRET_EU_STRIPE"));
    QCOMPARE(AccountRepository::secretVariableName(QStringLiteral("ke-2")),
             QStringLiteral("REFUNDDESK_SECRET_KE_2"));
}

void TestCacheSafety::backupIsConsistentWhileWriting()
{
    QString error;
    Database db;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    for (int i = 0; i < 200; ++i)
        QVERIFY2(addRawAccount(db, QStringLiteral("seed %1").arg(i), &error), qPrintable(error));

    // Another connection (as the GUI's sync would) keeps writing during every backup.
    rdtest::BackgroundWriter writer(path(), [](Database &w, int n) {
        QString why;
        for (int j = 0; j < 20; ++j) {
            if (!addRawAccount(w, QStringLiteral("w %1.%2").arg(n).arg(j), &why))
                return false;
        }
        return true;
    });
    QVERIFY(writer.waitForCommitted(1));
    const QString copy = m_dir->filePath(QStringLiteral("backup.sqlite3"));
    qint64 lastCount = 0;
    for (int round = 0; round < 5; ++round) {
        const qint64 before = 200 + 20 * writer.committed();
        const BackupResult result = CacheBackup::run(db, copy);
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(result.bytes > 0);
        const QString name = QStringLiteral("copy%1").arg(round);
        {
            QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            c.setDatabaseName(copy);
            QVERIFY(c.open());
            QCOMPARE(scalar(c, QStringLiteral("PRAGMA integrity_check")).toString(),
                     QStringLiteral("ok"));
            const qint64 count =
                scalar(c, QStringLiteral("SELECT COUNT(*) FROM accounts")).toLongLong();
            // A whole number of committed batches, never fewer than before the copy began.
            QVERIFY2(count >= before, qPrintable(QStringLiteral("%1 < %2").arg(count).arg(before)));
            QCOMPARE((count - 200) % 20, 0);
            QVERIFY(count >= lastCount);
            lastCount = count;
            QCOMPARE(scalar(c, QStringLiteral("PRAGMA user_version")).toInt(),
                     schema::latestVersion());
            c.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    // Only the copy is left beside the cache: no temporary files.
    const QStringList entries = QDir(m_dir->path()).entryList(QDir::Files);
    for (const QString &e : entries)
        QVERIFY2(!e.endsWith(QLatin1String(".part")), qPrintable(e));
    // The copy is itself a cache RefundDesk opens.
    Database reopened;
    QVERIFY2(reopened.open(copy, Database::OpenMode::ReadOnly, &error), qPrintable(error));
    QCOMPARE(AccountRepository(reopened).list().value().size(), int(lastCount));
}

void TestCacheSafety::backupRefusesTheCache_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<bool>("viaSymlink");
    for (const char *suffix : {"", "-wal", "-shm"}) {
        QTest::addRow("cache%s", suffix) << QString::fromLatin1(suffix) << false;
        QTest::addRow("symlink to cache%s", suffix) << QString::fromLatin1(suffix) << true;
    }
}

void TestCacheSafety::backupRefusesTheCache()
{
    QFETCH(QString, suffix);
    QFETCH(bool, viaSymlink);
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    QVERIFY(addRawAccount(db, QStringLiteral("keep me"), &error));
    QString target = path() + suffix;
    if (viaSymlink) {
        target = m_dir->filePath(QStringLiteral("backup-link.sqlite3"));
        QVERIFY(QFile::link(path() + suffix, target));
    }
    const BackupResult result = CacheBackup::run(db, target);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QLatin1String("choose another file")), qPrintable(result.error));
    QCOMPARE(AccountRepository(db).list().value().size(), 1);
    QCOMPARE(scalar(db.connection(), QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
}

void TestCacheSafety::damageIsExplained_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("what");
    QTest::newRow("not a database") << QByteArray(8192, 'x') << QStringLiteral("not a database");
    QTest::newRow("malformed") << QByteArray() << QStringLiteral("malformed");
}

void TestCacheSafety::damageIsExplained()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, what);
    QString error;
    if (content.isEmpty()) {
        // A real cache whose table pages were overwritten: the header and schema still read.
        {
            Database db;
            QVERIFY2(db.open(path(), &error), qPrintable(error));
            for (int i = 0; i < 300; ++i)
                QVERIFY(addRawAccount(db, QStringLiteral("account %1").arg(i), &error));
        }
        QFile f(path());
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(size > 8 * 4096);
        QVERIFY(f.seek(size - 4 * 4096));
        f.write(QByteArray(4 * 4096, '\xa5'));
    } else {
        QFile f(path());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    Database db;
    if (db.open(path(), Database::OpenMode::ReadOnly, &error)) {
        // Opening reads only the header and schema; the damage shows on the first real read.
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        if (q.exec(QStringLiteral("SELECT name FROM accounts"))) {
            while (q.next()) {
            }
        }
        QVERIFY2(Database::isDamage(q.lastError()), qPrintable(q.lastError().text()));
        error = Database::explainDamage(path(), q.lastError().text());
    }
    QVERIFY2(error.contains(what), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("refunddesk-cli backup --out FILE")), qPrintable(error));
    QVERIFY2(error.contains(path()), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QVERIFY(Database::isDamage(error));
    QCOMPARE(Database::explainDamage(path(), QStringLiteral("disk I/O error")),
             QStringLiteral("disk I/O error"));
}

QTEST_GUILESS_MAIN(TestCacheSafety)
#include "tst_cachesafety.moc"
