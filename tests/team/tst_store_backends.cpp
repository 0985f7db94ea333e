// The store on both backends, row by row: the same calls against a real SQLite file and a real
// PostgreSQL database give the same answers — schema and reopening, the refundable rule's SQL
// against its C++ twin, folded search, the append-only audit log (stamped with the database
// user and client address on PostgreSQL), and the outbox's JSON updates. PostgreSQL rows skip
// with the reason when no test server runs.
#include "pgtestdb.h"

#include "domain/records.h"
#include "report/chartdata.h"
#include "store/accountrepository.h"
#include "store/auditlog.h"
#include "store/bulkload.h"
#include "store/changelistener.h"
#include "store/database.h"
#include "store/outboxrepository.h"
#include "store/recordfilter.h"
#include "store/recordrepository.h"
#include "store/refundable.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using namespace rdtest;

class TestStoreBackends : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void opensMigratesAndReopens_data() { backendRows(); }
    void opensMigratesAndReopens();
    void refundableSqlAgreesWithTheRule_data() { backendRows(); }
    void refundableSqlAgreesWithTheRule();
    void searchFoldsLetters_data() { backendRows(); }
    void searchFoldsLetters();
    void auditLogIsAppendOnly_data() { backendRows(); }
    void auditLogIsAppendOnly();
    void outboxOwnerAndTransitions_data() { backendRows(); }
    void outboxOwnerAndTransitions();
    void chartsReadTheSamePeriods_data() { backendRows(); }
    void chartsReadTheSamePeriods();
    void writePathsStoreTheSameRows_data() { backendRows(); }
    void writePathsStoreTheSameRows();
    void addressWithPasswordRefused();
    void sslmodeFromTheAddressIsHonoured();
    void readOnlyOpenWritesNothing();
    void otherDesktopsHearOfChanges();

private:
    static void backendRows()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    // The store's address for the current row: a file, or a fresh PostgreSQL database.
    QString address()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("sqlite"))
            return m_dir->filePath(QStringLiteral("cache.sqlite3"));
        QString error;
        if (!m_pg->create(&error))
            qWarning("cannot create a test database: %s", qPrintable(error));
        return m_pg->address();
    }
    bool skipWithoutServer()
    {
        QFETCH(QString, backend);
        return backend == QLatin1String("postgresql") && PgTestDatabase::serverAddress().isEmpty();
    }
    Account addAccount(Database &db, const QString &name = QStringLiteral("Main"))
    {
        QString error;
        const auto a = AccountRepository(db).add(name, Dialect::Stripe,
                                                 QStringLiteral("https://api.stripe.com"), &error);
        if (!a)
            qWarning("account: %s", qPrintable(error));
        return a.value_or(Account());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PgTestDatabase> m_pg;
};

#define BACKEND_OR_SKIP()                                                                          \
    do {                                                                                           \
        if (skipWithoutServer())                                                                   \
            QSKIP("REFUNDDESK_TEST_PG is not set: no PostgreSQL test server (scripts/test.sh "     \
                  "starts one through scripts/pg-test-server.sh)");                                \
    } while (false)

void TestStoreBackends::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_pg = std::make_unique<PgTestDatabase>();
}

void TestStoreBackends::cleanup()
{
    m_pg.reset();
    m_dir.reset();
}

static Invoice invoice(const QString &id, qint64 amount, const QString &customer)
{
    Invoice inv;
    inv.gatewayId = id;
    inv.customer = customer;
    inv.email = QStringLiteral("someone@example.com");
    inv.description = QStringLiteral("Order %1").arg(id);
    inv.amount = Money(amount, u"EUR");
    inv.amountRefunded = Money(0, u"EUR");
    inv.gatewayStatus = QStringLiteral("succeeded");
    inv.status = CommonStatus::Succeeded;
    inv.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    return inv;
}

static Refund refund(const QString &id, const QString &invoiceId, qint64 amount, CommonStatus s)
{
    Refund r;
    r.gatewayId = id;
    r.invoiceId = invoiceId;
    r.amount = Money(amount, u"EUR");
    r.status = s;
    r.gatewayStatus = commonStatusName(s);
    r.createdAt = QDateTime::fromSecsSinceEpoch(1700000100, Qt::UTC);
    return r;
}

void TestStoreBackends::opensMigratesAndReopens()
{
    BACKEND_OR_SKIP();
    const QString where = address();
    {
        Database db;
        QString error;
        QVERIFY2(db.open(where, Database::OpenMode::Create, &error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), schema::latestVersion());
        QCOMPARE(db.isPostgres(), where.startsWith(QLatin1String("postgresql://")));
        QVERIFY(addAccount(db).id > 0);
    }
    Database again;
    QString error;
    QVERIFY2(again.open(where, Database::OpenMode::Existing, &error), qPrintable(error));
    QCOMPARE(again.schemaVersion(), schema::latestVersion());
    const auto accounts = AccountRepository(again).list();
    QVERIFY2(accounts, qPrintable(accounts.error()));
    QCOMPARE(accounts->size(), 1);
    QCOMPARE(accounts->first().name, QStringLiteral("Main"));
    QVERIFY(!again.databaseUser().isEmpty());
}

void TestStoreBackends::refundableSqlAgreesWithTheRule()
{
    BACKEND_OR_SKIP();
    Database db;
    QString error;
    QVERIFY2(db.open(address(), Database::OpenMode::Create, &error), qPrintable(error));
    const Account a = addAccount(db);
    RecordRepository records(db);
    Invoice big = invoice(QStringLiteral("ch_big"), 9000000000000LL, QStringLiteral("Big"));
    big.amountRefunded = Money(1000, u"EUR");
    const QList<Invoice> invoices{invoice(QStringLiteral("ch_1"), 10000, QStringLiteral("A")), big};
    QVERIFY2(records.upsertInvoices(a.id, invoices, &error), qPrintable(error));
    const QList<Refund> refunds{
        refund(QStringLiteral("re_1"), QStringLiteral("ch_1"), 2500, CommonStatus::Succeeded),
        refund(QStringLiteral("re_2"), QStringLiteral("ch_1"), 1000, CommonStatus::Pending),
        refund(QStringLiteral("re_3"), QStringLiteral("ch_1"), 700, CommonStatus::Failed)};
    QVERIFY2(records.upsertRefunds(a.id, refunds, &error), qPrintable(error));
    OutboxEntry open;
    open.operationId = OutboxRepository::newId(u"rdop_");
    open.idempotencyKey = OutboxRepository::newId(u"rdkey_");
    open.accountId = a.id;
    open.invoiceId = QStringLiteral("ch_1");
    open.amount = Money(500, u"EUR");
    QVERIFY2(OutboxRepository(db).insert(open, &error), qPrintable(error));

    QSqlQuery q(db.connection());
    QVERIFY2(q.exec(QStringLiteral("SELECT i.gateway_id, %1, %2 FROM invoices i JOIN accounts a "
                                   "ON a.id = i.account_id ORDER BY i.gateway_id")
                        .arg(refundablesql::refundable(QStringLiteral("i"), QStringLiteral("a")),
                             refundablesql::refunded(QStringLiteral("i"), QStringLiteral("a")))),
             qPrintable(q.lastError().text()));
    QHash<QString, QPair<qint64, qint64>> sql;
    while (q.next())
        sql.insert(q.value(0).toString(), {q.value(1).toLongLong(), q.value(2).toLongLong()});
    // 10000 - 2500 succeeded - 1000 pending - 500 in the outbox; the failed refund counts not.
    const RefundableFigures one =
        refundableFigures(Dialect::Stripe, invoices.at(0), refunds, {}, Money(500, u"EUR"));
    QCOMPARE(one.refundable.minorUnits(), 6000);
    QCOMPARE(sql.value(QStringLiteral("ch_1")).first, one.refundable.minorUnits());
    QCOMPARE(sql.value(QStringLiteral("ch_1")).second, one.refunded.minorUnits());
    // Beyond 32 bits and exact: no double on the way.
    QCOMPARE(sql.value(QStringLiteral("ch_big")).first, 9000000000000LL - 1000);
}

void TestStoreBackends::searchFoldsLetters()
{
    BACKEND_OR_SKIP();
    Database db;
    QString error;
    QVERIFY2(db.open(address(), Database::OpenMode::Create, &error), qPrintable(error));
    const Account a = addAccount(db);
    QVERIFY2(RecordRepository(db).upsertInvoices(
                 a.id,
                 {invoice(QStringLiteral("ch_A1"), 100, QStringLiteral("Søren Müller")),
                  invoice(QStringLiteral("ch_B2"), 100, QStringLiteral("Łukasz Straße")),
                  invoice(QStringLiteral("ch_C3"), 100, QStringLiteral("John 100% Smith"))},
                 &error),
             qPrintable(error));
    const auto count = [&](const QString &search) {
        RecordFilter f;
        f.search = search;
        const SqlWhere w = buildWhere(RecordKind::Invoices, f, QStringLiteral("t"), db.backend());
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM invoices t ") + w.clause);
        for (int i = 0; i < w.binds.size(); ++i)
            q.bindValue(i, w.binds.at(i));
        if (!q.exec() || !q.next()) {
            qWarning("%s", qPrintable(q.lastError().text()));
            return -1;
        }
        return q.value(0).toInt();
    };
    QCOMPARE(count(QStringLiteral("soren")), 1);
    QCOMPARE(count(QStringLiteral("MULL")), 1);
    QCOMPARE(count(QStringLiteral("lukasz strasse")), 1);
    QCOMPARE(count(QStringLiteral("ch_b2")), 1);
    QCOMPARE(count(QStringLiteral("order")), 3);
    QCOMPARE(count(QStringLiteral("uller")), 0); // word starts only
    QCOMPARE(count(QStringLiteral("nobody")), 0);
    QCOMPARE(count(QStringLiteral("*")), 0); // nothing to look for finds nothing, not all
}

void TestStoreBackends::auditLogIsAppendOnly()
{
    BACKEND_OR_SKIP();
    Database db;
    QString error;
    QVERIFY2(db.open(address(), Database::OpenMode::Create, &error), qPrintable(error));
    AuditEntry e;
    e.account = QStringLiteral("Main");
    e.invoiceId = QStringLiteral("ch_1");
    e.action = QStringLiteral("queue");
    e.amount = Money(1250, u"EUR");
    QVERIFY2(AuditLog(db).append(e, &error), qPrintable(error));
    QSqlQuery q(db.connection());
    QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET action = 'forged'")));
    QVERIFY2(q.lastError().text().contains(QLatin1String("append-only")),
             qPrintable(q.lastError().text()));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
    QVERIFY(q.lastError().text().contains(QLatin1String("append-only")));
    const auto rows = AuditLog(db).forInvoice(QStringLiteral("Main"), QStringLiteral("ch_1"));
    QVERIFY2(rows, qPrintable(rows.error()));
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->first().action, QStringLiteral("queue"));
    QCOMPARE(rows->first().amount->minorUnits(), 1250);
    if (db.isPostgres()) {
        QVERIFY(!q.exec(QStringLiteral("TRUNCATE audit_log")));
        // The server stamps who wrote the row and from where, whatever the client says.
        QVERIFY(q.exec(QStringLiteral("INSERT INTO audit_log (at, os_user, account, action, "
                                      "db_user, client_host) VALUES (1, 'x', 'Main', 'forge', "
                                      "'someone_else', '10.9.9.9')")));
        QVERIFY(q.exec(QStringLiteral("SELECT db_user, client_host, current_user FROM audit_log "
                                      "ORDER BY id")));
        while (q.next()) {
            QCOMPARE(q.value(0).toString(), q.value(2).toString());
            QCOMPARE(q.value(1).toString(), QStringLiteral("127.0.0.1"));
        }
    }
}

void TestStoreBackends::outboxOwnerAndTransitions()
{
    BACKEND_OR_SKIP();
    Database db;
    QString error;
    QVERIFY2(db.open(address(), Database::OpenMode::Create, &error), qPrintable(error));
    const Account a = addAccount(db);
    OutboxRepository outbox(db);
    OutboxEntry e;
    e.operationId = OutboxRepository::newId(u"rdop_");
    e.idempotencyKey = OutboxRepository::newId(u"rdkey_");
    e.accountId = a.id;
    e.invoiceId = QStringLiteral("ch_1");
    e.amount = Money(300, u"EUR");
    e.params.insert(QStringLiteral("keep"), QStringLiteral("me"));
    QVERIFY2(outbox.insert(e, &error), qPrintable(error));
    QVERIFY(e.id > 0);
    const QJsonObject owner{{QStringLiteral("host"), QStringLiteral("desk-1")},
                            {QStringLiteral("pid"), 42},
                            {QStringLiteral("sending"), true}};
    QVERIFY2(outbox.recordAttempt(e.operationId, owner, &error), qPrintable(error));
    auto found = outbox.find(e.operationId);
    QVERIFY2(found && *found, qPrintable(found.error()));
    QCOMPARE((*found)->attempts, 1);
    QCOMPARE((*found)->params.value(QStringLiteral("keep")).toString(), QStringLiteral("me"));
    QCOMPARE((*found)->params.value(QStringLiteral("owner")).toObject(), owner);
    bool locked = false;
    QVERIFY(db.beginImmediate(&error));
    QVERIFY2(db.tryLockOutboxEntry(e.operationId, &locked, &error), qPrintable(error));
    QVERIFY(locked);
    QVERIFY2(outbox.transition(e.operationId, OutboxState::Unknown, QString(),
                               QStringLiteral("no answer"), &error),
             qPrintable(error));
    QVERIFY(db.commit(&error));
    QVERIFY2(outbox.transition(e.operationId, OutboxState::Succeeded, QStringLiteral("re_9"),
                               QString(), &error),
             qPrintable(error));
    QVERIFY(!outbox.transition(e.operationId, OutboxState::Rejected, QString(), QString(), &error));
    const auto open = outbox.openEntries();
    QVERIFY2(open, qPrintable(open.error()));
    QCOMPARE(open->size(), 0);
}

void TestStoreBackends::chartsReadTheSamePeriods()
{
    BACKEND_OR_SKIP();
    Database db;
    QString error;
    QVERIFY2(db.open(address(), Database::OpenMode::Create, &error), qPrintable(error));
    const Account a = addAccount(db);
    QVERIFY(RecordRepository(db).upsertInvoices(
        a.id, {invoice(QStringLiteral("ch_1"), 10000, QStringLiteral("A"))}, &error));
    // 2023-11-14 22:13 UTC, a Tuesday.
    QVERIFY(RecordRepository(db).upsertRefunds(
        a.id,
        {refund(QStringLiteral("re_1"), QStringLiteral("ch_1"), 2500, CommonStatus::Succeeded)},
        &error));
    const auto data = ChartQueries(db).load(0, QStringLiteral("EUR"));
    QVERIFY2(data, qPrintable(data.error()));
    QCOMPARE(data->weeks.size(), 1);
    QCOMPARE(data->weeks.first().start, QDate(2023, 11, 13));
    QCOMPARE(data->weeks.first().refunds, 2500);
    QCOMPARE(data->months.size(), 1);
    QCOMPARE(data->months.first().start, QDate(2023, 11, 1));
    QCOMPARE(data->rates.size(), 1);
    QCOMPARE(data->rates.first().accountName, QStringLiteral("Main"));
}

// How a batch reaches the store: QSqlQuery (PostgreSQL's path, on any backend), SQLite's C API
// through the staging table, or SQLite's C API during a sync's first bulk load (no indexes or
// search triggers until bulkload::finish()).
enum class WritePath { Portable, Staged, BulkLoad };

// Two batches per account, the second updating most of the first (new names, amounts and
// notes, one id twice, later one wins) and adding rows: non-ASCII words the search folds, text
// that was bad UTF-8 (U+FFFD), emoji, quotes, a very long description, metadata.
static bool writeSample(Database &db, WritePath path, QString *error)
{
    RecordRepository records(db);
    records.setPortableWrites(path == WritePath::Portable);
    db.setBulkLoad(path == WritePath::BulkLoad);
    const QStringList names = {QStringLiteral("Søren Kierkegaard"),
                               QStringLiteral("Łukasz Straße"),
                               QStringLiteral("Ærøskøbing \u00e9t\u00e9 caf\u0065\u0301"),
                               QStringLiteral("broken \ufffd bytes"),
                               QStringLiteral("O'Brien \"quoted\" 😀"),
                               QStringLiteral("plain ascii")};
    for (const QString &accountName : {QStringLiteral("Main"), QStringLiteral("Other")}) {
        const auto account = AccountRepository(db).add(
            accountName, Dialect::Stripe, QStringLiteral("https://api.stripe.com"), error);
        if (!account)
            return false;
        for (int batch = 0; batch < 2; ++batch) {
            QList<Invoice> invoices;
            QList<Refund> refunds;
            QList<Chargeback> chargebacks;
            for (int i = batch * 30; i < 60 + batch * 20; ++i) {
                const QString id = QStringLiteral("ch_%1").arg(i);
                Invoice inv =
                    invoice(id, 1000 + i * 7 + batch, names.at((i + batch) % names.size()));
                inv.email = QStringLiteral("P%1@Example.com").arg(i);
                inv.description = i == 7 ? QString(20000, QChar(u'ü')) : names.at(i % 3);
                inv.paymentIntent = i % 2 ? QStringLiteral("pi_%1").arg(i) : QString();
                inv.disputed = i % 5 == 0;
                inv.offline = i % 7 == 0;
                inv.amountRefunded = Money(i % 4 == 0 ? 100 : 0, u"EUR");
                invoices << inv;
                Refund r =
                    refund(QStringLiteral("re_%1").arg(i), id, 50 + i, CommonStatus::Pending);
                r.note = names.at((i + 2 * batch) % names.size());
                r.metadata.insert(QStringLiteral("k%1").arg(i % 3), names.at(i % names.size()));
                r.operationId = i % 3 ? QString() : QStringLiteral("op-%1").arg(i);
                refunds << r;
                if (i % 4 == 0) {
                    Chargeback c;
                    c.gatewayId = QStringLiteral("dp_%1").arg(i);
                    c.invoiceId = id;
                    c.amount = Money(10 + i + batch, u"EUR");
                    c.status = CommonStatus::Pending;
                    c.reason = names.at(i % names.size());
                    c.createdAt = QDateTime::fromSecsSinceEpoch(1700000200 + i, Qt::UTC);
                    chargebacks << c;
                }
            }
            Invoice twice = invoices.first();
            twice.customer = QStringLiteral("Zoë the later one");
            invoices << twice;
            if (!db.beginImmediate(error))
                return false;
            if (!records.upsertInvoices(account->id, invoices, error) ||
                !records.upsertRefunds(account->id, refunds, error) ||
                !records.upsertChargebacks(account->id, chargebacks, error) || !db.commit(error)) {
                db.rollback();
                return false;
            }
        }
    }
    bool pendingBefore = false;
    if (!bulkload::pending(db, &pendingBefore, error))
        return false;
    if (pendingBefore != (path == WritePath::BulkLoad && !db.isPostgres())) {
        *error = QStringLiteral("the bulk load was %1 under way")
                     .arg(pendingBefore ? QLatin1String("") : QLatin1String("not"));
        return false;
    }
    bool pendingAfter = true;
    if (!bulkload::finish(db, error) || !bulkload::pending(db, &pendingAfter, error))
        return false;
    if (pendingAfter) {
        *error = QStringLiteral("indexes or search triggers still missing after finish()");
        return false;
    }
    return true;
}

// Every stored value but the row ids and synced_at, one line per row in a fixed order.
static QStringList storedRows(Database &db)
{
    static const QHash<QString, QString> columns = {
        {QStringLiteral("invoices"),
         QStringLiteral("gateway_id, payment_intent, customer, email, description, amount, "
                        "amount_refunded, currency, status, gateway_status, disputed, offline, "
                        "created_at, search_extra")},
        {QStringLiteral("refunds"),
         QStringLiteral("gateway_id, invoice_id, amount, currency, reason, gateway_reason, "
                        "status, gateway_status, note, failure_reason, operation_id, metadata, "
                        "created_at, search_extra")},
        {QStringLiteral("chargebacks"),
         QStringLiteral("gateway_id, invoice_id, amount, currency, reason, reason_details, "
                        "status, gateway_status, resolution, operation_id, created_at")}};
    QStringList out;
    for (const QString &table :
         {QStringLiteral("invoices"), QStringLiteral("refunds"), QStringLiteral("chargebacks")}) {
        QSqlQuery q(db.connection());
        const QString list =
            QStringLiteral("t.") +
            columns.value(table).split(QStringLiteral(", ")).join(QStringLiteral(", t."));
        if (!q.exec(QStringLiteral("SELECT a.name, %1 FROM %2 t JOIN accounts a ON a.id = "
                                   "t.account_id ORDER BY a.name, t.gateway_id")
                        .arg(list, table))) {
            out << q.lastError().text();
            continue;
        }
        const int n = int(columns.value(table).count(QLatin1Char(','))) + 2;
        while (q.next()) {
            QStringList values{table};
            for (int c = 0; c < n; ++c)
                values << q.value(c).toString();
            out << values.join(QChar(0x1f));
        }
    }
    return out;
}

// What the application's search finds (RecordFilter, as the table and the CLI use it).
static QStringList searchResults(Database &db)
{
    QStringList out;
    for (const RecordKind kind : {RecordKind::Invoices, RecordKind::Refunds}) {
        for (const QString &search :
             {QStringLiteral("soren"), QStringLiteral("lukasz strasse"), QStringLiteral("aerosk"),
              QStringLiteral("ete cafe"), QStringLiteral("zoe later"), QStringLiteral("ch_7"),
              QStringLiteral("p12@example.com"), QStringLiteral("broken"), QStringLiteral("brien"),
              QStringLiteral("ascii"), QStringLiteral("uuuu")}) {
            RecordFilter f;
            f.search = search;
            const SqlWhere w = buildWhere(kind, f, QStringLiteral("t"), db.backend());
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("SELECT a.name, t.gateway_id FROM %1 t JOIN accounts a ON "
                                     "a.id = t.account_id %2 ORDER BY a.name, t.gateway_id")
                          .arg(tableName(kind), w.clause));
            for (int i = 0; i < w.binds.size(); ++i)
                q.bindValue(i, w.binds.at(i));
            if (!q.exec()) {
                out << q.lastError().text();
                continue;
            }
            QStringList found;
            while (q.next())
                found << q.value(0).toString() + QLatin1Char('/') + q.value(1).toString();
            out << QStringLiteral("%1 \"%2\": %3")
                       .arg(tableName(kind), search, found.join(QLatin1Char(' ')));
        }
    }
    return out;
}

// The SQLite write paths store exactly what the portable QSqlQuery path stores, and the search
// finds the same rows through each; on PostgreSQL, the portable path stores the same rows as
// SQLite's bulk load.
void TestStoreBackends::writePathsStoreTheSameRows()
{
    BACKEND_OR_SKIP();
    QFETCH(QString, backend);
    QString error;
    Database bulk;
    QVERIFY2(bulk.open(m_dir->filePath(QStringLiteral("bulk.sqlite3")), &error), qPrintable(error));
    QVERIFY2(writeSample(bulk, WritePath::BulkLoad, &error), qPrintable(error));
    const QStringList bulkRows = storedRows(bulk);
    QVERIFY2(bulkRows.size() == 360, qPrintable(bulkRows.mid(0, 3).join(QLatin1Char('\n'))));
    // The rebuilt search index holds exactly the rows (FTS5 compares it with the table).
    for (const QString &fts : {QStringLiteral("invoices_fts"), QStringLiteral("refunds_fts")}) {
        QSqlQuery check(bulk.connection());
        QVERIFY2(
            check.exec(
                QStringLiteral("INSERT INTO %1(%1, rank) VALUES ('integrity-check', 1)").arg(fts)),
            qPrintable(check.lastError().text()));
    }
    if (backend == QLatin1String("postgresql")) {
        Database pg;
        QVERIFY2(pg.open(address(), Database::OpenMode::Create, &error), qPrintable(error));
        QVERIFY2(writeSample(pg, WritePath::Portable, &error), qPrintable(error));
        QCOMPARE(storedRows(pg), bulkRows);
        return;
    }
    Database portable;
    QVERIFY2(portable.open(m_dir->filePath(QStringLiteral("portable.sqlite3")), &error),
             qPrintable(error));
    QVERIFY2(writeSample(portable, WritePath::Portable, &error), qPrintable(error));
    Database staged;
    QVERIFY2(staged.open(m_dir->filePath(QStringLiteral("staged.sqlite3")), &error),
             qPrintable(error));
    QVERIFY2(writeSample(staged, WritePath::Staged, &error), qPrintable(error));
    const QStringList portableRows = storedRows(portable);
    QCOMPARE(storedRows(staged), portableRows);
    QCOMPARE(bulkRows, portableRows);
    // The folded column is there to be compared: every non-ASCII name folded.
    QVERIFY(portableRows.join(QLatin1Char('\n')).contains(QStringLiteral("soren")));
    const QStringList found = searchResults(portable);
    QVERIFY2(found.filter(QStringLiteral(": Main/")).size() >= 10,
             qPrintable(found.join(QLatin1Char('\n'))));
    QCOMPARE(searchResults(staged), found);
    QCOMPARE(searchResults(bulk), found);
    // Each index and trigger is back as the schema defines it.
    const auto objects = [](Database &db) {
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT type, name, sql FROM sqlite_master WHERE type IN "
                              "('index', 'trigger') ORDER BY name"));
        QStringList out;
        while (q.next())
            out << q.value(0).toString() + q.value(1).toString() + q.value(2).toString();
        return out;
    };
    QCOMPARE(objects(bulk), objects(portable));
}

void TestStoreBackends::addressWithPasswordRefused()
{
    Database db;
    QString error;
    QVERIFY(!db.open(QStringLiteral("postgresql://clerk:hunter2@127.0.0.1:1/refunds"),
                     Database::OpenMode::Existing, &error));
    QVERIFY2(error.contains(QLatin1String("~/.pgpass")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("hunter2")), qPrintable(error));
    QVERIFY(!db.open(QStringLiteral("postgresql://clerk@127.0.0.1:1/refunds?sslmode=maybe"),
                     Database::OpenMode::Existing, &error));
    QVERIFY2(error.contains(QLatin1String("sslmode=maybe")), qPrintable(error));
}

void TestStoreBackends::sslmodeFromTheAddressIsHonoured()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    QString error;
    QVERIFY2(pg.create(&error), qPrintable(error));
    // The test server speaks no TLS: asked to require it, the connection must not fall back.
    Database db;
    QVERIFY(!db.open(pg.address() + QStringLiteral("?sslmode=require"), Database::OpenMode::Create,
                     &error));
    QVERIFY2(error.contains(QLatin1String("SSL"), Qt::CaseInsensitive), qPrintable(error));
    QVERIFY2(db.open(pg.address() + QStringLiteral("?sslmode=disable"), Database::OpenMode::Create,
                     &error),
             qPrintable(error));
}

void TestStoreBackends::readOnlyOpenWritesNothing()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    QString error;
    QVERIFY2(pg.create(&error), qPrintable(error));
    Database fresh;
    // Reading a database with no schema says who creates it, and creates nothing.
    QVERIFY(!fresh.open(pg.address(), Database::OpenMode::ReadOnly, &error));
    QVERIFY2(error.contains(QLatin1String("team init")), qPrintable(error));
    QVERIFY2(fresh.open(pg.address(), Database::OpenMode::Create, &error), qPrintable(error));
    fresh.close();
    Database db;
    QVERIFY2(db.open(pg.address(), Database::OpenMode::ReadOnly, &error), qPrintable(error));
    QVERIFY(db.isReadOnly());
    QString refusal;
    {
        QSqlQuery q(db.connection());
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO accounts (name, gateway, base_url, "
                                       "created_at) VALUES ('x', 'stripe', 'https://x', 1)")));
        refusal = q.lastError().text();
    }
    QVERIFY2(refusal.contains(QLatin1String("read-only")), qPrintable(refusal));
}

void TestStoreBackends::otherDesktopsHearOfChanges()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    QString error;
    QVERIFY2(pg.create(&error), qPrintable(error));
    Database writer;
    QVERIFY2(writer.open(pg.address(), Database::OpenMode::Create, &error), qPrintable(error));
    const Account a = addAccount(writer);
    // The other desktop: its own connection, listening.
    ChangeListener listener;
    QVERIFY2(listener.start(pg.address(), &error), qPrintable(error));
    QVERIFY(listener.isListening());
    QSignalSpy spy(&listener, &ChangeListener::changed);

    QElapsedTimer clock;
    clock.start();
    // One sync batch of many rows is one notification per table, not one per row.
    QVERIFY(writer.beginImmediate(&error));
    QList<Invoice> many;
    for (int n = 0; n < 50; ++n)
        many << invoice(QStringLiteral("ch_%1").arg(n), 100 + n, QStringLiteral("C"));
    QVERIFY2(RecordRepository(writer).upsertInvoices(a.id, many, &error), qPrintable(error));
    QVERIFY2(
        RecordRepository(writer).upsertRefunds(
            a.id,
            {refund(QStringLiteral("re_1"), QStringLiteral("ch_1"), 50, CommonStatus::Succeeded)},
            &error),
        qPrintable(error));
    QVERIFY(writer.commit(&error));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, 2000);
    QVERIFY2(clock.elapsed() < 2000, "heard within two seconds");
    QStringList tables;
    for (const QList<QVariant> &args : std::as_const(spy))
        tables << args.at(0).toString();
    tables.sort();
    QCOMPARE(tables, (QStringList{QStringLiteral("invoices"), QStringLiteral("refunds")}));
    // Nothing is heard of a transaction that was rolled back.
    spy.clear();
    QVERIFY(writer.beginImmediate(&error));
    QVERIFY(RecordRepository(writer).upsertInvoices(
        a.id, {invoice(QStringLiteral("ch_x"), 1, QStringLiteral("X"))}, &error));
    writer.rollback();
    QTest::qWait(300);
    QCOMPARE(spy.size(), 0);
}

QTEST_GUILESS_MAIN(TestStoreBackends)
#include "tst_store_backends.moc"
