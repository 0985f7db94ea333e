// The export's SQLite lane (report/sqlitereportstream.*) against the way every export was
// written before it: ReportExporter::forEachRow() rows through CsvWriter::writeRow(). Both run
// on the same hostile cache, plus values only a hand-edited cache holds (invalid UTF-8, blobs,
// reals and text in number columns, lower-case and non-ASCII currencies, years outside
// 1..9999); every report, with and without filters and BOM, must come out byte for byte the
// same, and a row that cannot be written must fail both ways alike. On PostgreSQL, where the
// export has only the QSqlQuery lane, the same seed must give the very bytes the SQLite lane
// writes for a SQLite cache (rows only SQLite can hold aside).

#include "reportfixture.h"

#include "report/chartdata.h"
#include "report/reportexporter.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

// The bytes exportToDevice() wrote before the SQLite lane existed.
ExportResult exportTheOldWay(Database &db, const ExportRequest &request, QByteArray *bytes)
{
    QBuffer buffer(bytes);
    buffer.open(QIODevice::WriteOnly);
    const ReportDefinition def(request.report);
    CsvWriter writer(&buffer, def.cellKinds());
    if (request.byteOrderMark)
        writer.writeBom();
    writer.writeRow(def.columnNames());
    ExportResult result = ReportExporter(db).forEachRow(
        request, [&writer](const QStringList &cells) { return writer.writeRow(cells); });
    if (result.ok())
        writer.flush();
    return result;
}

ExportResult exportTheNewWay(Database &db, const ExportRequest &request, QByteArray *bytes)
{
    QBuffer buffer(bytes);
    buffer.open(QIODevice::WriteOnly);
    return ReportExporter(db).exportToDevice(request, &buffer);
}

bool exec(Database &db, const QString &sql, QString *why)
{
    QSqlQuery q(db.connection());
    if (q.exec(sql))
        return true;
    *why = q.lastError().text() + QStringLiteral(" in ") + sql;
    return false;
}

// Rows no gateway sends but a cache edited by hand (or a future bug) could hold. `portable`
// rows are valid on both backends; the others only SQLite takes (invalid UTF-8, blobs, a real
// and text in integer columns).
QStringList oddRows(const rdtest::SeededCache &seed, bool portable)
{
    const QString stripe = QString::number(seed.stripe);
    const QString chargebee = QString::number(seed.chargebee);
    if (!portable)
        return {
            // Invalid UTF-8 (a lone continuation byte, an overlong slash, a UTF-8 surrogate).
            QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                           "currency, status, note, created_at) VALUES (%1, 're_bad_utf8', "
                           "CAST(X'8061' AS TEXT), 700, 'USD', 'succeeded', CAST(X'3DC0AF' AS "
                           "TEXT) || CAST(X'EDA080' AS TEXT), 1714000000)")
                .arg(stripe),
            // A blob and a number where text belongs; a real and text where minor units belong.
            QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                           "currency, status, note, failure_reason, created_at) VALUES (%1, "
                           "'re_blob', X'2D626C6F62', 12.75, 'usd', 'failed', 42, X'C3A9', "
                           "1714000100)")
                .arg(stripe),
            QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                           "currency, status, note, created_at) VALUES (%1, 're_text_amount', "
                           "'x', '17abc', 'jpy', 'pending', '', '1714000200')")
                .arg(stripe),
            // An invoice whose customer starts like a formula once its bytes are read.
            QStringLiteral("INSERT INTO invoices (account_id, gateway_id, customer, amount, "
                           "amount_refunded, currency, status, created_at) VALUES (%1, "
                           "'inv_odd', CAST(X'2BFF' AS TEXT), 900, 100, 'usd', 'succeeded', "
                           "1714000300)")
                .arg(stripe),
            // For the invoices report's refundable, which the SQLite lane works out itself: an
            // amount that is text on an invoice's own refund, a real where minor units belong, and
            // an invoice and its refund keyed by a blob.
            QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                           "currency, status, created_at) VALUES (%1, 're_text_own', 'inv_1', "
                           "'8abc', 'USD', 'pending', 1714000400)")
                .arg(stripe),
            QStringLiteral("INSERT INTO invoices (account_id, gateway_id, amount, amount_refunded, "
                           "currency, status, created_at) VALUES (%1, 'inv_real', 1000, 250.5, "
                           "'USD', 'succeeded', 1714000500)")
                .arg(stripe),
            QStringLiteral(
                "INSERT INTO invoices (account_id, gateway_id, amount, currency, status, "
                "created_at) VALUES (%1, X'696E765F626C6F62', 5000, 'USD', 'succeeded', "
                "1714000600)")
                .arg(stripe),
            QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                           "currency, status, created_at) VALUES (%1, 're_blob_key', "
                           "X'696E765F626C6F62', 300, 'USD', 'pending', 1714000700)")
                .arg(stripe),
            // The lane asks SQL once per account, status and flags whether an invoice is
            // blocked: flags that are text or a real, and a status that is not text (a blob
            // of the very bytes of 'succeeded'), are asked per invoice instead.
            QStringLiteral("INSERT INTO invoices (account_id, gateway_id, amount, currency, "
                           "status, offline, disputed, created_at) VALUES (%1, 'inv_text_flag', "
                           "4000, 'USD', 'succeeded', 'yes', 0, 1714000900), (%1, "
                           "'inv_real_dispute', 4000, 'USD', 'succeeded', 0, 0.5, 1714000901), "
                           "(%2, 'inv_real_flag', 4000, 'USD', 'succeeded', 0.25, 0, "
                           "1714000902), (%1, 'inv_blob_status', 4000, 'USD', "
                           "CAST('succeeded' AS BLOB), 0, 0, 1714000903)")
                .arg(stripe, chargebee),
            QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                           "currency, status, created_at) VALUES (%1, 're_text_flag', "
                           "'inv_text_flag', 100, 'USD', 'succeeded', 1714000904), (%1, "
                           "'re_real_dispute', 'inv_real_dispute', 100, 'USD', 'succeeded', "
                           "1714000905)")
                .arg(stripe),
            // An account whose name is not UTF-8 (its cells are written once per account).
            QStringLiteral("INSERT INTO accounts (name, gateway, base_url, created_at) VALUES "
                           "(CAST(X'3D4F6464C0AF' AS TEXT), 'intasend', 'https://odd.example', "
                           "0)"),
            QStringLiteral("INSERT INTO invoices (account_id, gateway_id, amount, currency, "
                           "status, disputed, created_at) SELECT id, 'inv_odd_account', 6000, "
                           "'KES', 'succeeded', 1, 1714001000 FROM accounts WHERE gateway = "
                           "'intasend' AND base_url = 'https://odd.example'"),
            QStringLiteral("INSERT INTO chargebacks (account_id, gateway_id, invoice_id, amount, "
                           "currency, status, created_at) SELECT id, 'cb_odd_account', "
                           "'inv_odd_account', 1500, 'KES', 'succeeded', 1714001001 FROM "
                           "accounts WHERE base_url = 'https://odd.example'"),
        };
    return {
        // Before year 1 and after 9999, a negative amount, and currencies in lower or mixed
        // case.
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_ancient', 'x', -1234, "
                       "'KWD', 'succeeded', -62198755200)")
            .arg(chargebee),
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_far', 'x', 5, 'kwd', "
                       "'succeeded', 253402300800)")
            .arg(chargebee),
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_year_one', 'x', 5, 'Usd', "
                       "'succeeded', -62135596800)")
            .arg(chargebee),
        QStringLiteral("INSERT INTO invoices (account_id, gateway_id, customer, amount, "
                       "amount_refunded, currency, status, created_at) VALUES (%1, "
                       "'inv_lower', '+plus', 900, 100, 'usd', 'succeeded', 1714000300)")
            .arg(stripe),
        // For the invoices report's refundable: a refund in another currency than its invoice,
        // and requests awaiting approval and rejected.
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) VALUES (%1, 're_other_currency', 'inv_0', "
                       "700, 'EUR', 'succeeded', 1714000800)")
            .arg(stripe),
        QStringLiteral("INSERT INTO approvals (account_id, kind, invoice_id, amount, currency, "
                       "state, requested_by, requested_at) VALUES (%1, 'refund', 'inv_0', 450, "
                       "'USD', 'awaiting', 'maker', 0), (%1, 'refund', 'inv_0', 9000, 'USD', "
                       "'awaiting', 'maker', 0)")
            .arg(stripe),
        QStringLiteral("UPDATE approvals SET state = 'rejected', decided_by = 'checker', "
                       "decided_at = 0 WHERE amount = 9000"),
        // An account whose name needs quoting and the formula guard, with invoices of every
        // case the blocked rule tells apart: offline (Chargebee), disputed (which blocks
        // Chargebee), neither, and not paid; each with a refund.
        QStringLiteral("INSERT INTO accounts (name, gateway, base_url, created_at) VALUES "
                       "('=Shop, \"West\"', 'chargebee', 'https://west.example', 0)"),
        QStringLiteral("INSERT INTO invoices (account_id, gateway_id, amount, currency, status, "
                       "offline, disputed, created_at) SELECT id, 'inv_west_' || v.n, 3000, "
                       "'EUR', v.status, v.offline, v.disputed, 1714001100 + v.n FROM accounts, "
                       "(SELECT 1 AS n, 'succeeded' AS status, 1 AS offline, 0 AS disputed "
                       "UNION ALL SELECT 2, 'succeeded', 0, 1 UNION ALL SELECT 3, 'succeeded', "
                       "0, 0 UNION ALL SELECT 4, 'failed', 0, 0) AS v WHERE base_url = "
                       "'https://west.example'"),
        QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, amount, "
                       "currency, status, created_at) SELECT account_id, 're_' || gateway_id, "
                       "gateway_id, 400, 'EUR', 'succeeded', created_at + 60 FROM invoices "
                       "WHERE gateway_id LIKE 'inv_west_%'"),
    };
}

} // namespace

class TestReportStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void init();
    void sameBytes_data();
    void sameBytes();
    void unknownCurrencyFailsAlike();
    void cancelStopsAlike();
    void groupedRefundableAgrees();
    void textOrderDoesNotFollowTheServerLocale();

private:
    // A seeded cache with the odd rows its backend can hold; `everyOddRow` false leaves out
    // those only SQLite takes, as the reference for PostgreSQL's bytes.
    struct Cache
    {
        explicit Cache(rdtest::Backend backend) : store(backend) {}
        rdtest::TestStore store;
        Database db;
        rdtest::SeededCache seed;
    };
    static std::unique_ptr<Cache> makeCache(rdtest::Backend backend, bool everyOddRow,
                                            QString *why);
    Database &db() { return m_current->db; }
    const rdtest::SeededCache &seed() const { return m_current->seed; }

    std::unique_ptr<Cache> m_sqlite;
    std::unique_ptr<Cache> m_postgres;
    std::unique_ptr<Cache> m_sqliteReference; // portable odd rows only
    Cache *m_current = nullptr;
};

std::unique_ptr<TestReportStream::Cache> TestReportStream::makeCache(rdtest::Backend backend,
                                                                     bool everyOddRow, QString *why)
{
    auto cache = std::make_unique<Cache>(backend);
    if (!rdtest::openSeededCache(cache->store, cache->db, &cache->seed, why))
        return nullptr;
    QStringList odd = oddRows(cache->seed, true);
    if (everyOddRow)
        odd = oddRows(cache->seed, false) + odd;
    for (const QString &sql : std::as_const(odd)) {
        if (!exec(cache->db, sql, why))
            return nullptr;
    }
    return cache;
}

void TestReportStream::init()
{
    BACKEND_OR_SKIP();
    const rdtest::Backend backend = rdtest::currentBackend();
    auto &slot = backend == rdtest::Backend::Postgres ? m_postgres : m_sqlite;
    QString why;
    if (!slot) {
        slot = makeCache(backend, backend == rdtest::Backend::Sqlite, &why);
        QVERIFY2(slot, qPrintable(why));
    }
    m_current = slot.get();
}

void TestReportStream::sameBytes_data()
{
    QTest::addColumn<int>("report");
    QTest::addColumn<bool>("bom");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("oneAccount");
    QTest::addColumn<bool>("days");
    for (const ReportKind kind : allReports()) {
        const QByteArray name = reportName(kind).toLatin1();
        QTest::newRow(name + " all")
            << int(kind) << false << QString() << QString() << false << false;
        QTest::newRow(name + " bom, one account, days")
            << int(kind) << true << QString() << QString() << true << true;
        if (kind != ReportKind::Reconciliation) {
            QTest::newRow(name + " search")
                << int(kind) << false << QStringLiteral("re") << QString() << false << false;
            QTest::newRow(name + " status")
                << int(kind) << false << QString() << QStringLiteral("succeeded") << false << false;
            QTest::newRow(name + " invoice state")
                << int(kind) << false << QString() << QStringLiteral("partly_refunded") << false
                << false;
        }
    }
}

void TestReportStream::sameBytes()
{
    QFETCH(int, report);
    QFETCH(bool, bom);
    QFETCH(QString, search);
    QFETCH(QString, status);
    QFETCH(bool, oneAccount);
    QFETCH(bool, days);
    ExportRequest request;
    request.report = ReportKind(report);
    request.byteOrderMark = bom;
    request.filter.search = search;
    request.filter.status = status;
    if (oneAccount)
        request.filter.accountId = seed().stripe;
    if (days) {
        request.filter.from = QDate(2024, 5, 3);
        request.filter.to = QDate(2024, 5, 20);
    }
    // Amount ranges apply with a currency.
    QByteArray before;
    QByteArray after;
    const ExportResult old = exportTheOldWay(db(), request, &before);
    const ExportResult now = exportTheNewWay(db(), request, &after);
    QVERIFY2(old.ok(), qPrintable(old.error));
    QVERIFY2(now.ok(), qPrintable(now.error));
    QCOMPARE(now.rows, old.rows);
    QVERIFY(old.rows > 0 || !search.isEmpty() || !status.isEmpty());
    QCOMPARE(after, before);

    if (rdtest::currentBackend() == rdtest::Backend::Postgres) {
        // The SQLite lane over a SQLite cache seeded alike: the same bytes.
        QString why;
        if (!m_sqliteReference) {
            m_sqliteReference = makeCache(rdtest::Backend::Sqlite, false, &why);
            QVERIFY2(m_sqliteReference, qPrintable(why));
        }
        if (oneAccount)
            request.filter.accountId = m_sqliteReference->seed.stripe;
        QByteArray reference;
        const ExportResult sqlite = exportTheNewWay(m_sqliteReference->db, request, &reference);
        QVERIFY2(sqlite.ok(), qPrintable(sqlite.error));
        QCOMPARE(now.rows, sqlite.rows);
        QCOMPARE(after, reference);
    }
}

void TestReportStream::unknownCurrencyFailsAlike()
{
    rdtest::TestStore store(rdtest::currentBackend());
    Database db;
    rdtest::SeededCache seed;
    QString why;
    QVERIFY2(rdtest::openSeededCache(store, db, &seed, &why), qPrintable(why));
    QVERIFY2(exec(db,
                  QStringLiteral("INSERT INTO refunds (account_id, gateway_id, invoice_id, "
                                 "amount, currency, status, created_at) VALUES (%1, 're_xyz', "
                                 "'x', 5, 'XYZ', 'succeeded', 1714000000)")
                      .arg(seed.stripe),
                  &why),
             qPrintable(why));
    ExportRequest request;
    request.report = ReportKind::Refunds;
    QByteArray before;
    QByteArray after;
    const ExportResult old = exportTheOldWay(db, request, &before);
    const ExportResult now = exportTheNewWay(db, request, &after);
    QCOMPARE(int(now.status), int(ExportResult::Status::Failed));
    QCOMPARE(int(now.status), int(old.status));
    QCOMPARE(now.rows, old.rows);
    QCOMPARE(now.error, old.error);
    QVERIFY(now.error.contains(QStringLiteral("XYZ")));
}

void TestReportStream::cancelStopsAlike()
{
    rdtest::TestStore store(rdtest::currentBackend());
    Database db;
    rdtest::SeededCache seed;
    QString why;
    QVERIFY2(rdtest::openSeededCache(store, db, &seed, &why), qPrintable(why));
    QVERIFY2(rdtest::addBulkRefunds(db, seed.stripe, 2500, &why), qPrintable(why));
    ExportRequest request;
    request.report = ReportKind::Refunds;
    QList<qint64> seen;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const ExportResult r = ReportExporter(db).exportToDevice(request, &buffer, [&](qint64 rows) {
        seen << rows;
        return rows < 2000;
    });
    QCOMPARE(int(r.status), int(ExportResult::Status::Canceled));
    QCOMPARE(r.rows, qint64(2000));
    QCOMPARE(seen, (QList<qint64>{1000, 2000}));
}

// The invoices report's grouped refundable against the per-invoice form, on every invoice of
// the hostile cache (pending, failed and succeeded refunds, chargebacks, open outbox entries).
void TestReportStream::groupedRefundableAgrees()
{
    QSqlQuery q(db().connection());
    QVERIFY2(q.exec(rdtest::refundableBothWaysSql()), qPrintable(q.lastError().text()));
    int compared = 0;
    int partial = 0;
    while (q.next()) {
        QCOMPARE(q.value(2).toLongLong(), q.value(1).toLongLong());
        partial += q.value(1).toLongLong() > 0 ? 1 : 0;
        ++compared;
    }
    QVERIFY(compared >= 12);
    QVERIFY(partial >= 4);
}

// Whatever the team database's locale (most servers sort "acme" before "Zeta" and ignore
// case first), accounts, the reconciliation report and the charts list text in code point
// order, as SQLite does. On PostgreSQL the columns take the en-US collation a locale server
// would give them.
void TestReportStream::textOrderDoesNotFollowTheServerLocale()
{
    rdtest::TestStore store(rdtest::currentBackend());
    QString why;
    const QString address = store.address(QStringLiteral("locale"), &why);
    QVERIFY2(!address.isEmpty(), qPrintable(why));
    Database db;
    QVERIFY2(db.open(address, &why), qPrintable(why));
    if (db.isPostgres()) {
        for (const QString &column :
             {QStringLiteral("accounts.name"), QStringLiteral("invoices.currency"),
              QStringLiteral("refunds.currency"), QStringLiteral("refunds.reason"),
              QStringLiteral("chargebacks.currency")}) {
            QVERIFY2(exec(db,
                          QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 TYPE text COLLATE "
                                         "\"en-US-x-icu\"")
                              .arg(column.section(QLatin1Char('.'), 0, 0),
                                   column.section(QLatin1Char('.'), 1)),
                          &why),
                     qPrintable(why));
        }
    }
    const QStringList names{QStringLiteral("acme"), QStringLiteral("\u00C9mile"),
                            QStringLiteral("Zeta"), QStringLiteral("=Kuwait")};
    const QStringList currencies{QStringLiteral("USD"), QStringLiteral("JPY"),
                                 QStringLiteral("EUR")};
    const QStringList reasons{QStringLiteral("apple"), QStringLiteral("Zebra"),
                              QStringLiteral("Banana")};
    AccountRepository accounts(db);
    RecordRepository records(db);
    qint64 acme = 0;
    int n = 0;
    for (const QString &name : names) {
        const auto account =
            accounts.add(name, Dialect::Stripe, QStringLiteral("https://stripe.example"), &why);
        QVERIFY2(account, qPrintable(why));
        if (name == QLatin1String("acme"))
            acme = account->id;
        QList<Invoice> invoices;
        QList<Refund> refunds;
        for (const QString &currency : currencies) {
            Invoice inv;
            inv.gatewayId = QStringLiteral("inv_%1").arg(++n);
            inv.amount = Money(1000, currency);
            inv.amountRefunded = Money(0, currency);
            inv.status = CommonStatus::Succeeded;
            inv.createdAt = rdtest::at(3, 12);
            invoices << inv;
            for (const QString &reason : reasons) {
                Refund r;
                r.gatewayId = QStringLiteral("re_%1").arg(++n);
                r.invoiceId = inv.gatewayId;
                r.amount = Money(100, currency);
                r.reason = reason;
                r.status = CommonStatus::Succeeded;
                r.createdAt = rdtest::at(4, 12);
                refunds << r;
            }
        }
        QVERIFY2(records.upsertInvoices(account->id, invoices, &why), qPrintable(why));
        QVERIFY2(records.upsertRefunds(account->id, refunds, &why), qPrintable(why));
    }
    const auto inCodePoints = [](QStringList list) {
        std::sort(list.begin(), list.end(), [](const QString &a, const QString &b) {
            return QString::compare(a, b, Qt::CaseSensitive) < 0;
        });
        return list;
    };

    QStringList listed;
    for (const Account &a : accounts.list().value())
        listed << a.name;
    QCOMPARE(listed, inCodePoints(names));

    ExportRequest request;
    request.report = ReportKind::Reconciliation;
    QStringList rows;
    QVERIFY(ReportExporter(db)
                .forEachRow(request,
                            [&rows](const QStringList &cells) {
                                rows << cells.at(0) + QLatin1Char('|') + cells.at(1);
                                return true;
                            })
                .ok());
    QStringList expected;
    for (const QString &name : inCodePoints(names)) {
        for (const QString &currency : inCodePoints(currencies))
            expected << name + QLatin1Char('|') + currency;
    }
    QCOMPARE(rows, expected);

    const ChartQueries charts(db);
    QCOMPARE(charts.currencies(acme).value(), inCodePoints(currencies));
    const auto chart = charts.load(acme, QStringLiteral("USD"));
    QVERIFY2(chart.ok(), qPrintable(chart.error()));
    QStringList byReason;
    for (const ReasonTotal &r : chart.value().reasons)
        byReason << r.reason;
    QCOMPARE(byReason, inCodePoints(reasons)); // equal sums: the tie is broken by the text
    const auto all = charts.load(0, QStringLiteral("USD"));
    QVERIFY2(all.ok(), qPrintable(all.error()));
    QStringList rateNames;
    for (const RefundRate &r : all.value().rates)
        rateNames << r.accountName;
    QCOMPARE(rateNames, inCodePoints(names));
}

QTEST_GUILESS_MAIN(TestReportStream)
#include "tst_reportstream.moc"
