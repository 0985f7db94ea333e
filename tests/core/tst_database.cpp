// The SQLite cache on real files: pragmas, migrations from an older schema, refusal of a newer
// one, constraints, the append-only audit log and record upserts.
#include "domain/records.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "store/recordrepository.h"
#include "store/schema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void freshFileHasLatestSchemaAndPragmas();
    void definitionsReadFromTheStepsMatchTheSchema();
    void reopenKeepsData();
    void migratesOlderSchema();
    void refusesNewerSchemaUntouched();
    void refusesNonDatabaseFile();
    void accountValidation_data();
    void accountValidation();
    void duplicateAccountNameRefused();
    void auditLogIsAppendOnly();
    void upsertReplacesByGatewayId();
    void removingAccountCascades();
    void boundParametersSurviveHostileText();

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

static Invoice sampleInvoice(const QString &id, qint64 amount, const QString &customer)
{
    Invoice inv;
    inv.gatewayId = id;
    inv.customer = customer;
    inv.email = QStringLiteral("a@example.com");
    inv.amount = Money(amount, u"USD");
    inv.amountRefunded = Money(0, u"USD");
    inv.gatewayStatus = QStringLiteral("succeeded");
    inv.status = CommonStatus::Succeeded;
    inv.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    return inv;
}

void TestDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// What a first sync's bulk load drops and puts back (store/bulkload.h) is read from the
// migration steps: for a cache made by the steps, it is exactly what the cache has.
void TestDatabase::definitionsReadFromTheStepsMatchTheSchema()
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

void TestDatabase::freshFileHasLatestSchemaAndPragmas()
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

void TestDatabase::reopenKeepsData()
{
    {
        Database db;
        QString error;
        QVERIFY2(db.open(path(), &error), qPrintable(error));
        QVERIFY(AccountRepository(db).add(QStringLiteral("shop"), Dialect::Stripe,
                                          QStringLiteral("https://api.stripe.com"), &error));
    }
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    const auto accounts = AccountRepository(db).list().value();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.first().name, QStringLiteral("shop"));
    QCOMPARE(accounts.first().dialect, Dialect::Stripe);
    QVERIFY(!accounts.first().lastSyncAt.isValid());
}

void TestDatabase::migratesOlderSchema()
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

void TestDatabase::refusesNewerSchemaUntouched()
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

void TestDatabase::refusesNonDatabaseFile()
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

void TestDatabase::accountValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("ok https") << QStringLiteral("EU shop")
                              << QStringLiteral("https://api.stripe.com") << QString();
    QTest::newRow("ok loopback http")
        << QStringLiteral("demo") << QStringLiteral("http://127.0.0.1:8080/stripe") << QString();
    QTest::newRow("ok localhost http")
        << QStringLiteral("demo2") << QStringLiteral("http://localhost:1/x") << QString();
    QTest::newRow("empty name") << QString() << QStringLiteral("https://a.b")
                                << QStringLiteral("needs a name");
    QTest::newRow("padded name") << QStringLiteral(" x ") << QStringLiteral("https://a.b")
                                 << QStringLiteral("spaces");
    QTest::newRow("control char") << QStringLiteral("a\nb") << QStringLiteral("https://a.b")
                                  << QStringLiteral("control");
    QTest::newRow("remote http") << QStringLiteral("x") << QStringLiteral("http://api.stripe.com")
                                 << QStringLiteral("loopback");
    QTest::newRow("ftp") << QStringLiteral("x") << QStringLiteral("ftp://a.b")
                         << QStringLiteral("https://");
    QTest::newRow("garbage url") << QStringLiteral("x") << QStringLiteral("not a url")
                                 << QStringLiteral("not a valid URL");
}

void TestDatabase::accountValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, errorPart);
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    const auto account = AccountRepository(db).add(name, Dialect::Stripe, url, &error);
    if (errorPart.isEmpty()) {
        QVERIFY2(account.has_value(), qPrintable(error));
    } else {
        QVERIFY(!account.has_value());
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QCOMPARE(AccountRepository(db).list().value().size(), 0);
    }
}

void TestDatabase::duplicateAccountNameRefused()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    AccountRepository repo(db);
    QVERIFY(repo.add(QStringLiteral("a"), Dialect::Stripe, QStringLiteral("https://x.y"), &error));
    QVERIFY(
        !repo.add(QStringLiteral("a"), Dialect::WooshPay, QStringLiteral("https://x.y"), &error));
    QVERIFY(error.contains(QLatin1String("already exists")));
    QCOMPARE(repo.list().value().size(), 1);
}

void TestDatabase::auditLogIsAppendOnly()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO audit_log (at, os_user, account, action) "
                                  "VALUES (1, 'u', 'a', 'refund.requested')")));
    QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET action = 'x'")));
    QVERIFY(q.lastError().text().contains(QLatin1String("append-only")));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
    QCOMPARE(scalar(db, QStringLiteral("SELECT action FROM audit_log")).toString(),
             QStringLiteral("refund.requested"));
}

void TestDatabase::upsertReplacesByGatewayId()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    const auto account = AccountRepository(db).add(QStringLiteral("s"), Dialect::Stripe,
                                                   QStringLiteral("https://x.y"), &error);
    QVERIFY(account);
    RecordRepository records(db);
    Invoice inv = sampleInvoice(QStringLiteral("ch_1"), 1000, QStringLiteral("A"));
    QVERIFY(records.upsertInvoices(account->id, {inv}, &error));
    inv.amountRefunded = Money(400, u"USD");
    inv.customer = QStringLiteral("B");
    QVERIFY(records.upsertInvoices(account->id, {inv}, &error));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM invoices")).toInt(), 1);
    const auto back = records.invoice(account->id, QStringLiteral("ch_1")).value();
    QVERIFY(back);
    QCOMPARE(back->amountRefunded.minorUnits(), qint64(400));
    QCOMPARE(back->customer, QStringLiteral("B"));
    // The search index follows the update.
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM invoices_fts WHERE invoices_fts "
                                       "MATCH 'customer:B'"))
                 .toInt(),
             1);

    Refund r;
    r.gatewayId = QStringLiteral("re_1");
    r.invoiceId = QStringLiteral("ch_1");
    r.amount = Money(400, u"USD");
    r.status = CommonStatus::Succeeded;
    r.metadata.insert(QStringLiteral("refunddesk_operation"), QStringLiteral("op-1"));
    r.createdAt = QDateTime::currentDateTimeUtc();
    QVERIFY(records.upsertRefunds(account->id, {r, r}, &error));
    const auto refunds = records.refundsOf(account->id, QStringLiteral("ch_1")).value();
    QCOMPARE(refunds.size(), 1);
    QCOMPARE(refunds.first().metadata.value(QStringLiteral("refunddesk_operation")),
             QStringLiteral("op-1"));
}

void TestDatabase::removingAccountCascades()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    AccountRepository accounts(db);
    const auto account =
        accounts.add(QStringLiteral("s"), Dialect::Stripe, QStringLiteral("https://x.y"), &error);
    QVERIFY(account);
    QVERIFY(RecordRepository(db).upsertInvoices(
        account->id, {sampleInvoice(QStringLiteral("ch_1"), 1, QStringLiteral("A"))}, &error));
    QVERIFY2(accounts.remove(account->id, &error), qPrintable(error));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM invoices")).toInt(), 0);
    // A foreign key to a missing account is refused.
    QVERIFY(!RecordRepository(db).upsertInvoices(
        999, {sampleInvoice(QStringLiteral("ch_2"), 1, QStringLiteral("A"))}, &error));
    QVERIFY(error.contains(QLatin1String("FOREIGN KEY")));
}

void TestDatabase::boundParametersSurviveHostileText()
{
    Database db;
    QString error;
    QVERIFY2(db.open(path(), &error), qPrintable(error));
    const QString hostile =
        QStringLiteral("Robert'); DROP TABLE invoices;-- \"=1+1\" 🙂 עברית");
    const auto account =
        AccountRepository(db).add(hostile, Dialect::Stripe, QStringLiteral("https://x.y"), &error);
    QVERIFY2(account, qPrintable(error));
    QVERIFY2(RecordRepository(db).upsertInvoices(account->id, {sampleInvoice(hostile, 1, hostile)},
                                                 &error),
             qPrintable(error));
    QCOMPARE(AccountRepository(db).findByName(hostile)->name, hostile);
    QCOMPARE(RecordRepository(db).invoice(account->id, hostile).value()->customer, hostile);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
