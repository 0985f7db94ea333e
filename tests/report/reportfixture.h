// Shared by the report tests: a cache seeded through RecordRepository with hostile text in
// three currencies of different exponents, an independent CSV reader (Python's csv module)
// and an independent oracle for what each cell must contain.
#pragma once

#include "domain/records.h"
#include "ops/refundcontext.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "store/recordrepository.h"
#include "store/refundable.h"
#include "testbackend.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <memory>

namespace rdtest {

// A device that accepts `capacity` bytes and then fails, as a full disk does.
class FullDevice final : public QIODevice
{
public:
    explicit FullDevice(qint64 capacity) : m_capacity(capacity) {}
    qint64 accepted() const { return m_accepted; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        if (m_accepted >= m_capacity) {
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        const qint64 n = std::min(len, m_capacity - m_accepted);
        m_accepted += n;
        return n;
    }

private:
    qint64 m_capacity;
    qint64 m_accepted = 0;
};

// Text a spreadsheet or a CSV parser could trip on. Each is stored in the cache verbatim.
inline QStringList hostileTexts()
{
    return {QStringLiteral("=HYPERLINK(\"http://evil.example/x\",\"click\")"),
            QStringLiteral("+1"),
            QStringLiteral("-2"),
            QStringLiteral("@x"),
            QStringLiteral("say \"hi\", then go"),
            QStringLiteral("line one\nline two"),
            QStringLiteral("cr\r\nlf"),
            QStringLiteral("refund \U0001F600\U0001F44D\U0001F3FD"),
            QStringLiteral("\u0627\u0633\u062A\u0631\u062F\u0627\u062F \u05D4\u05D7\u05D6\u05E8"),
            QStringLiteral("\tTAB first"),
            QStringLiteral("\rCR first"),
            QStringLiteral("a,b"),
            QStringLiteral(" =space first"),
            QStringLiteral("'already quoted"),
            QStringLiteral(""),
            QStringLiteral("plain")};
}

// The spreadsheet guard, written independently of the product's writer.
inline QString guarded(const QString &s)
{
    static const QString starters = QStringLiteral("=+-@\t\r");
    return !s.isEmpty() && starters.contains(s.at(0)) ? QLatin1Char('\'') + s : s;
}

// Major units with exactly `exponent` decimals, by integer arithmetic only.
inline QString major(qint64 minor, int exponent)
{
    qint64 scale = 1;
    for (int i = 0; i < exponent; ++i)
        scale *= 10;
    const QString sign = minor < 0 ? QStringLiteral("-") : QString();
    const qint64 m = minor < 0 ? -minor : minor;
    if (exponent == 0)
        return sign + QString::number(m);
    return sign + QString::number(m / scale) + QLatin1Char('.') +
           QString::number(m % scale).rightJustified(exponent, QLatin1Char('0'));
}

inline int testExponent(const QString &currency)
{
    if (currency == QLatin1String("JPY"))
        return 0;
    if (currency == QLatin1String("KWD"))
        return 3;
    return 2;
}

struct SeededCache
{
    qint64 stripe = 0;    // "EU Stripe", USD + JPY, synced
    qint64 chargebee = 0; // =Kuwait "KW", Chargebee: KWD + USD + GBP, never synced
    QDateTime stripeSyncedAt;
};

inline QDateTime at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2024, 5, day), QTime(hour, minute, 7), Qt::UTC);
}

// Seeds two accounts with invoices, refunds (every hostile text in note, reason and failure
// reason), chargebacks and open outbox operations. Amounts in USD, JPY and KWD.
inline bool seedHostileCache(rd::Database &db, SeededCache *out, QString *error)
{
    using namespace rd;
    AccountRepository accounts(db);
    const auto a = accounts.add(QStringLiteral("EU Stripe"), Dialect::Stripe,
                                QStringLiteral("https://stripe.example"), error);
    const auto b = accounts.add(QStringLiteral("=Kuwait \"KW\", Chargebee"), Dialect::Chargebee,
                                QStringLiteral("https://chargebee.example"), error);
    if (!a || !b)
        return false;
    out->stripe = a->id;
    out->chargebee = b->id;
    out->stripeSyncedAt = QDateTime(QDate(2024, 6, 1), QTime(8, 15, 0), Qt::UTC);
    if (!accounts.setLastSync(a->id, out->stripeSyncedAt, error))
        return false;

    const QStringList hostile = hostileTexts();
    const QList<CommonStatus> statuses{CommonStatus::Succeeded, CommonStatus::Pending,
                                       CommonStatus::Failed, CommonStatus::RequiresAction,
                                       CommonStatus::Canceled};
    struct Plan
    {
        qint64 account;
        QString currency;
        QList<qint64> amounts;
    };
    const QList<Plan> plans{
        {a->id, QStringLiteral("USD"), {125000, 5, 123456789012, 999}},
        {a->id, QStringLiteral("JPY"), {100000, 1000, 7}},
        {b->id, QStringLiteral("KWD"), {125000, 1250, 7}},
        {b->id, QStringLiteral("USD"), {40000}},
    };
    RecordRepository records(db);
    int serial = 0;
    for (const Plan &p : plans) {
        QList<Invoice> invoices;
        QList<Refund> refunds;
        QList<Chargeback> chargebacks;
        for (const qint64 amount : p.amounts) {
            const int n = serial++;
            Invoice inv;
            inv.gatewayId = QStringLiteral("inv_%1").arg(n);
            inv.customer = hostile.at(n % hostile.size());
            inv.amount = Money(amount, p.currency);
            inv.amountRefunded = Money(amount / 4, p.currency);
            inv.status = statuses.at(n % 3 == 2 ? 2 : 0); // mostly succeeded, some failed
            inv.createdAt = at(1 + n % 28, n % 24);
            invoices << inv;
            for (int k = 0; k < 3; ++k) {
                const int m = n * 3 + k;
                Refund r;
                r.gatewayId =
                    k == 2 ? QStringLiteral("-re_%1").arg(m) : QStringLiteral("re_%1").arg(m);
                r.invoiceId = inv.gatewayId;
                r.amount = Money(amount / 10 + k, p.currency);
                r.reason = k == 0 ? QStringLiteral("duplicate") : QString();
                r.gatewayReason = hostile.at((m + 1) % hostile.size());
                r.status = statuses.at(m % statuses.size());
                r.gatewayStatus = QStringLiteral("gw_status");
                r.note = hostile.at(m % hostile.size());
                r.failureReason = hostile.at((m + 5) % hostile.size());
                r.createdAt = at(1 + m % 28, m % 24, m % 60);
                refunds << r;
            }
            Chargeback c;
            c.gatewayId = QStringLiteral("cb_%1").arg(n);
            c.invoiceId = inv.gatewayId;
            c.amount = Money(amount / 5, p.currency);
            c.reason = hostile.at((n + 3) % hostile.size());
            c.reasonDetails = hostile.at((n + 7) % hostile.size());
            c.status = statuses.at(n % statuses.size());
            c.resolution = hostile.at((n + 9) % hostile.size());
            c.createdAt = at(2 + n % 27, n % 24);
            chargebacks << c;
        }
        if (!records.upsertInvoices(p.account, invoices, error) ||
            !records.upsertRefunds(p.account, refunds, error) ||
            !records.upsertChargebacks(p.account, chargebacks, error))
            return false;
    }
    // A refund of an invoice the cache does not hold gives a negative net, which must stay
    // an unguarded number.
    Refund orphan;
    orphan.gatewayId = QStringLiteral("re_orphan");
    orphan.invoiceId = QStringLiteral("inv_elsewhere");
    orphan.amount = Money(1250, u"GBP");
    orphan.status = CommonStatus::Succeeded;
    orphan.note = QStringLiteral("-12.50");
    orphan.createdAt = at(15, 12);
    if (!records.upsertRefunds(b->id, {orphan}, error))
        return false;
    // Open and closed outbox operations, which the invoices report's refundable must honour.
    QSqlQuery q(db.connection());
    const char *const states[] = {"pending", "unknown", "succeeded", "rejected"};
    for (int i = 0; i < 4; ++i) {
        q.prepare(QStringLiteral(
            "INSERT INTO outbox (operation_id, account_id, kind, invoice_id, amount, currency, "
            "idempotency_key, state, created_at, updated_at) VALUES (?, ?, 'refund', 'inv_0', "
            "?, 'USD', ?, ?, 0, 0)"));
        q.addBindValue(QStringLiteral("op_%1").arg(i));
        q.addBindValue(a->id);
        q.addBindValue(qint64(100 * (i + 1)));
        q.addBindValue(QStringLiteral("key_%1").arg(i));
        q.addBindValue(QString::fromLatin1(states[i]));
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

// Every invoice's id with its refundable amount by the per-invoice SQL form and by the grouped
// form (store/refundable.h), for tests that prove the two agree.
inline QString refundableBothWaysSql()
{
    using namespace rd;
    const QString t = QStringLiteral("t");
    const QString a = QStringLiteral("a");
    const QString p = QStringLiteral("p");
    return QStringLiteral("SELECT t.gateway_id, ") + refundablesql::refundable(t, a) +
           QStringLiteral(", ") + refundablesql::refundableFromParts(t, a, p) +
           QStringLiteral(" FROM invoices t JOIN accounts a ON a.id = t.account_id LEFT JOIN ") +
           refundablesql::partsByInvoice() + QStringLiteral(" p ON ") +
           refundablesql::partsJoin(t, p) + QStringLiteral(" ORDER BY t.id");
}

// Opens a fresh cache file in `dir` and seeds it as above.
inline bool openSeededCache(const QString &dir, rd::Database &db, SeededCache *seed, QString *error)
{
    return db.open(dir + QStringLiteral("/cache.sqlite3"), error) &&
           seedHostileCache(db, seed, error);
}

// The same on the store's backend: a fresh file, or a fresh PostgreSQL database. `name`
// tells a test's stores apart.
inline bool openSeededCache(TestStore &store, rd::Database &db, SeededCache *seed, QString *error,
                            const QString &name = QStringLiteral("cache"))
{
    const QString address = store.address(name, error);
    return !address.isEmpty() && db.open(address, error) && seedHostileCache(db, seed, error);
}

// One seeded cache per backend for a suite whose rows run on both: made on the first test of
// each backend's row and kept for the others, as initTestCase() would for one backend.
class SeededCaches
{
public:
    struct Entry
    {
        explicit Entry(Backend backend) : store(backend) {}
        TestStore store;
        rd::Database db;
        SeededCache seed;
        QString address;
    };

    // The current row's cache; nullptr with the reason in `error` when it could not be made.
    Entry *current(QString *error)
    {
        const Backend backend = currentBackend();
        auto &slot = m_entries[int(backend)];
        if (!slot) {
            auto entry = std::make_unique<Entry>(backend);
            entry->address = entry->store.address(QStringLiteral("cache"), error);
            if (entry->address.isEmpty() || !entry->db.open(entry->address, error) ||
                !seedHostileCache(entry->db, &entry->seed, error))
                return nullptr;
            slot = std::move(entry);
        }
        return slot.get();
    }

private:
    std::unique_ptr<Entry> m_entries[2];
};

// `count` succeeded EUR refunds of one invoice, in one transaction: enough rows that an
// export is large (for size limits) or still running when canceled.
inline bool addBulkRefunds(rd::Database &db, qint64 accountId, int count, QString *error)
{
    using namespace rd;
    QList<Refund> bulk;
    for (int i = 0; i < count; ++i) {
        Refund r;
        r.gatewayId = QStringLiteral("re_bulk_%1").arg(i);
        r.invoiceId = QStringLiteral("inv_bulk");
        r.amount = Money(100 + i, u"EUR");
        r.status = CommonStatus::Succeeded;
        r.note = QStringLiteral("bulk refund number %1").arg(i);
        r.createdAt = at(28, 23);
        bulk << r;
    }
    if (!db.beginImmediate(error))
        return false;
    if (!RecordRepository(db).upsertRefunds(accountId, bulk, error)) {
        db.rollback();
        return false;
    }
    return db.commit(error);
}

struct CsvReadBack
{
    bool ok = false;
    QString error;
    QList<QStringList> rows; // header included
    bool bom = false;
    bool crlfOnly = false; // every record ends in CRLF, no bare CR or LF outside quotes
};

// Reads a CSV file with Python's csv module (strict), so the product's writer is checked by
// a reader it shares no code with.
inline CsvReadBack readCsvIndependently(const QString &path)
{

    CsvReadBack r;
    QProcess p;
    p.start(QStringLiteral("python3"),
            {QStringLiteral(RD_SOURCE_DIR "/tests/report/csvread.py"), path});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        r.error = QStringLiteral("python3 csv reader failed: %1")
                      .arg(QString::fromUtf8(p.readAllStandardError()));
        return r;
    }
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    for (const QJsonValue &row : o.value(QStringLiteral("rows")).toArray()) {
        QStringList cells;
        for (const QJsonValue &cell : row.toArray())
            cells << cell.toString();
        r.rows << cells;
    }
    r.bom = o.value(QStringLiteral("bom")).toBool();
    r.crlfOnly = o.value(QStringLiteral("crlf")).toBool();
    r.ok = true;
    return r;
}

inline QString isoUtc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

// What each report must contain, read from the cache with the test's own SQL and formatted
// with the test's own helpers. `where` is an SQL condition on the record table `t` (or "TRUE",
// which both backends read as a condition).
inline QList<QStringList> expectedRows(rd::Database &db, const QString &report,
                                       const QString &where = QStringLiteral("TRUE"))
{
    QList<QStringList> rows;
    QSqlQuery q(db.connection());
    if (report == QLatin1String("reconciliation")) {
        // Sum each table on its own and merge: an oracle that shares no SQL with the report.
        QMap<QPair<QString, QString>, QList<qint64>> sums;
        const QStringList parts{
            QStringLiteral(
                "SELECT a.name, t.currency, SUM(t.amount) FROM invoices t JOIN accounts a ON a.id "
                "= t.account_id WHERE t.status = 'succeeded' AND %1 GROUP BY 1, 2"),
            QStringLiteral(
                "SELECT a.name, t.currency, SUM(t.amount) FROM refunds t JOIN accounts a ON a.id = "
                "t.account_id WHERE t.status = 'succeeded' AND %1 GROUP BY 1, 2"),
            QStringLiteral("SELECT a.name, t.currency, SUM(t.amount) FROM chargebacks t JOIN "
                           "accounts a ON a.id = t.account_id WHERE t.status NOT IN ('failed', "
                           "'canceled') AND %1 GROUP BY 1, 2")};
        for (int i = 0; i < parts.size(); ++i) {
            if (!q.exec(parts.at(i).arg(where)))
                qFatal("oracle query failed: %s", qPrintable(q.lastError().text()));
            while (q.next()) {
                auto &s = sums[{q.value(0).toString(), q.value(1).toString()}];
                s.resize(3);
                s[i] = q.value(2).toLongLong();
            }
        }
        for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
            QList<qint64> s = it.value();
            s.resize(3);
            const int e = testExponent(it.key().second);
            rows << QStringList{guarded(it.key().first), it.key().second,
                                major(s[0], e),          major(s[1], e),
                                major(s[2], e),          major(s[0] - s[1] - s[2], e)};
        }
        return rows;
    }
    QString sql;
    if (report == QLatin1String("refunds"))
        sql = QStringLiteral(
            "SELECT a.name, a.gateway, t.gateway_id, t.invoice_id, t.created_at, t.amount, "
            "t.currency, CASE WHEN t.reason = '' THEN t.gateway_reason ELSE t.reason END, "
            "t.status, t.note, t.failure_reason FROM refunds t JOIN accounts a ON a.id = "
            "t.account_id WHERE %1 ORDER BY t.created_at, t.id");
    else if (report == QLatin1String("chargebacks"))
        sql = QStringLiteral(
            "SELECT a.name, a.gateway, t.gateway_id, t.invoice_id, t.created_at, t.amount, "
            "t.currency, t.reason, t.reason_details, t.status, t.resolution FROM chargebacks t "
            "JOIN accounts a ON a.id = t.account_id WHERE %1 ORDER BY t.created_at, t.id");
    else
        sql = QStringLiteral(
            "SELECT a.name, a.gateway, t.gateway_id, t.customer, t.created_at, t.amount, "
            "t.amount_refunded, t.currency, t.status, t.id, t.account_id FROM invoices t JOIN "
            "accounts a ON a.id = t.account_id WHERE %1 ORDER BY t.created_at, t.id");
    if (!q.exec(sql.arg(where)))
        qFatal("oracle query failed: %s", qPrintable(q.lastError().text()));
    while (q.next()) {
        QStringList cells;
        if (report == QLatin1String("invoices")) {
            const QString currency = q.value(7).toString();
            const int e = testExponent(currency);
            // refundable, from the C++ form of the one rule over separately read records: the
            // export's SQL form must agree with it on every row.
            const auto context = rd::readRefundContext(
                db, q.value(10).toLongLong(),
                rd::dialectFromName(q.value(1).toString()).value_or(rd::Dialect::Stripe),
                q.value(2).toString());
            if (!context || !context->invoice)
                qFatal("oracle could not read invoice %s", qPrintable(q.value(2).toString()));
            const qint64 refundable = rd::refundableOf(*context).refundable.minorUnits();
            cells << guarded(q.value(0).toString()) << guarded(q.value(1).toString())
                  << guarded(q.value(2).toString()) << guarded(q.value(3).toString())
                  << isoUtc(q.value(4).toLongLong()) << major(q.value(5).toLongLong(), e)
                  << major(q.value(6).toLongLong(), e) << currency << guarded(q.value(8).toString())
                  << major(refundable, e);
        } else {
            const QString currency = q.value(6).toString();
            for (int i = 0; i < 11; ++i) {
                if (i == 4)
                    cells << isoUtc(q.value(i).toLongLong());
                else if (i == 5)
                    cells << major(q.value(i).toLongLong(), testExponent(currency));
                else
                    cells << guarded(q.value(i).toString());
            }
        }
        rows << cells;
    }
    return rows;
}

} // namespace rdtest
