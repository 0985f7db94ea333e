// What is only about the SQLite cache file, so it has no PostgreSQL counterpart: the pragmas of
// a fresh file (and the one transaction whose flush waits for the next commit), migrating a file
// from schema 1 (its full-text index built on the way), refusing a file of a newer schema
// untouched, and refusing a file that is no database. The store's behaviour on both backends is in
// tst_database.
#include "store/accountrepository.h"
#include "store/bulkload.h"
#include "store/database.h"
#include "store/schema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestCacheFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void freshFileHasLatestSchemaAndPragmas();
    void deferredFlushIsForOneTransactionOnly();
    void definitionsReadFromTheStepsMatchTheSchema();
    void openPutsBackWhatACutShortBulkLoadLeftOut_data();
    void openPutsBackWhatACutShortBulkLoadLeftOut();
    void migratesOlderSchema();
    void refusesNewerSchemaUntouched();
    void refusesNonDatabaseFile();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("cache.sqlite3")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

static QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return QVariant();
    return q.value(0);
}

void TestCacheFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCacheFile::freshFileHasLatestSchemaAndPragmas()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), schema::latestVersion());
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    // 2 = FULL: a commit survives a power cut, not only a crash of the process.
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 2);
    for (const char *table : {"accounts", "invoices", "refunds", "chargebacks", "sync_state",
                              "outbox", "audit_log", "invoices_fts", "refunds_fts"}) {
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = '%1'")
                                .arg(QString::fromLatin1(table)))
                     .toInt(),
                 1);
    }
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
}

void TestCacheFile::deferredFlushIsForOneTransactionOnly()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    // 1 = NORMAL while the deferred transaction runs: its commit is flushed by the next one.
    QVERIFY2(db.beginImmediate(&error, Database::Sync::WithNextCommit), qPrintable(error));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 1);
    QSqlQuery insert(db.connection());
    QVERIFY2(insert.exec(QStringLiteral("INSERT INTO accounts (name, gateway, base_url, "
                                        "created_at) VALUES ('d', 'stripe', 'http://x', 1)")),
             qPrintable(insert.lastError().text()));
    QVERIFY2(db.commit(&error), qPrintable(error));
    // Every transaction after it is flushed at its commit again, whoever begins it.
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 2);
    QVERIFY2(db.beginImmediate(&error, Database::Sync::WithNextCommit), qPrintable(error));
    db.rollback();
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 2);
    QVERIFY2(db.beginImmediate(&error), qPrintable(error));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 2);
    QVERIFY2(db.commit(&error), qPrintable(error));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM accounts WHERE name = 'd'")).toInt(),
             1);
}

// What a first sync's bulk load drops and puts back (store/bulkload.h) is read from the
// migration steps: for a cache made by the steps, it is exactly what the cache has.
void TestCacheFile::definitionsReadFromTheStepsMatchTheSchema()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    for (const QString &table :
         {QStringLiteral("invoices"), QStringLiteral("refunds"), QStringLiteral("chargebacks")}) {
        QHash<QString, QString> actual;
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type IN "
                                      "('index', 'trigger') AND sql IS NOT NULL AND tbl_name = "
                                      "'%1'")
                           .arg(table)));
        while (q.next())
            actual.insert(q.value(0).toString(), q.value(1).toString());
        const QHash<QString, QString> defined = schema::sqliteDefinitionsOn(table);
        QVERIFY(defined.size() >= 4);
        QCOMPARE(QStringList(defined.keys()).size(), actual.size());
        for (auto it = actual.cbegin(); it != actual.cend(); ++it)
            QCOMPARE(defined.value(it.key()), it.value());
    }
    // The search triggers of schema 3 replaced schema 2's, under the same names.
    QVERIFY(schema::sqliteDefinitionsOn(QStringLiteral("invoices"))
                .value(QStringLiteral("invoices_fts_ai"))
                .contains(QLatin1String("search_extra")));
}

// A bulk load cut short leaves some of the schema's indexes and triggers missing, on any of the
// record tables; the next writable open notices and puts them back (store/bulkload.h).
void TestCacheFile::openPutsBackWhatACutShortBulkLoadLeftOut_data()
{
    QTest::addColumn<QString>("drop");
    QTest::addColumn<QString>("name");
    QTest::newRow("invoices index") << QStringLiteral("INDEX") << QStringLiteral("invoices_email");
    QTest::newRow("refunds trigger")
        << QStringLiteral("TRIGGER") << QStringLiteral("refunds_fts_au");
    QTest::newRow("chargebacks index")
        << QStringLiteral("INDEX") << QStringLiteral("chargebacks_created");
}

void TestCacheFile::openPutsBackWhatACutShortBulkLoadLeftOut()
{
    QFETCH(QString, drop);
    QFETCH(QString, name);
    const QString count =
        QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = '%1'").arg(name);
    QString error;
    {
        Database db;
        QVERIFY2(db.open(path(), &error), qPrintable(error));
        bool pending = true;
        QVERIFY2(bulkload::pending(db, &pending, &error), qPrintable(error));
        QVERIFY(!pending);
        QCOMPARE(scalar(db, count).toInt(), 1);
        QSqlQuery q(db.connection());
        QVERIFY2(q.exec(QStringLiteral("DROP %1 %2").arg(drop, name)),
                 qPrintable(q.lastError().text()));
        QVERIFY2(bulkload::pending(db, &pending, &error), qPrintable(error));
        QVERIFY(pending);
    }
    Database db;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    QCOMPARE(scalar(db, count).toInt(), 1);
    bool pending = true;
    QVERIFY2(bulkload::pending(db, &pending, &error), qPrintable(error));
    QVERIFY(!pending);
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
}

void TestCacheFile::migratesOlderSchema()
{
    QString error;
    {
        Database v1;
        QVERIFY2(v1.open(path(), &error, 1), qPrintable(error));
        QCOMPARE(v1.schemaVersion(), 1);
        QCOMPARE(scalar(v1, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                           "'invoices_fts'"))
                     .toInt(),
                 0);
        // Written as schema 1 had it: today's repositories use columns that came later.
        QSqlQuery q(v1.connection());
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO accounts (id, name, gateway, base_url, "
                                       "created_at) VALUES (7, 'old', 'chargebee', "
                                       "'https://x.chargebee.com', 1700000000)")),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO invoices (account_id, gateway_id, customer, "
                                       "amount, currency, status, created_at) VALUES (7, "
                                       "'inv_1', 'Zoë Ångström', 500, 'USD', 'succeeded', "
                                       "1700000000)")),
                 qPrintable(q.lastError().text()));
    }
    Database db;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), schema::latestVersion());
    // Rows written under schema 1 are searchable after the migration built the index.
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM invoices_fts WHERE invoices_fts "
                                       "MATCH 'angstrom'"))
                 .toInt(),
             1);
    QCOMPARE(scalar(db, QStringLiteral("SELECT customer FROM invoices")).toString(),
             QStringLiteral("Zoë Ångström"));
    // An account from before request-rate ceilings uses its gateway's default (0).
    const auto account = AccountRepository(db).findByName(QStringLiteral("old"));
    QVERIFY2(account, qPrintable(account.error()));
    QCOMPARE(account->maxRps, 0);
    QVERIFY2(AccountRepository(db).setMaxRps(account->id, 40, &error), qPrintable(error));
    QCOMPARE(AccountRepository(db).findByName(QStringLiteral("old"))->maxRps, 40);
    QVERIFY(!AccountRepository(db).setMaxRps(account->id, -1, &error));
}

void TestCacheFile::refusesNewerSchemaUntouched()
{
    QString error;
    {
        Database db;
        QVERIFY2(db.open(path(), &error), qPrintable(error));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=%1").arg(schema::latestVersion() + 5)));
        QVERIFY(AccountRepository(db).add(QStringLiteral("keep"), Dialect::IntaSend,
                                          QStringLiteral("https://sandbox.intasend.com"), &error));
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    QFile f(path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    f.close();

    Database db;
    QVERIFY(!db.open(path(), &error));
    QVERIFY2(error.contains(QLatin1String("newer RefundDesk")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("Nothing was changed")), qPrintable(error));
    QVERIFY(!db.isOpen());

    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256), before);
}

void TestCacheFile::refusesNonDatabaseFile()
{
    QFile f(path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("this is not a database, it is a note\n").repeated(200));
    f.close();
    Database db;
    QString error;
    QVERIFY(!db.open(path(), &error));
    // Said as damage, with what to do about it.
    QVERIFY2(error.contains(QLatin1String("is damaged (file is not a database)")),
             qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("refunddesk-cli backup")), qPrintable(error));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().startsWith("this is not a database"));
}

QTEST_GUILESS_MAIN(TestCacheFile)
#include "tst_cachefile.moc"
