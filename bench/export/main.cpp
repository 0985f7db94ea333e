// Export benchmark, two figures (ROW lines, see bench/common/benchrow.h):
//  - the refunds report of N refunds (default 1,000,000) against `sqlite3 -csv` running the
//    equivalent SELECT (same columns, formatted by SQLite) on the same file;
//  - the invoices report (with its refundable column) of M invoices (default 100,000, with
//    refunds, chargebacks and open outbox entries) against a `sqlite3 -csv` dump of the
//    invoices table.
// Both caches are built through the core repositories. Each export runs in a child process of
// this program (so its peak RSS is its own); after one warm-up pass each contender runs three
// times and the best wall time counts. `--small` runs 10,000 of each.
#include "domain/records.h"
#include "report/reportexporter.h"
#include "report/reportoptions.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include "benchrow.h"

#include <cstdio>

using namespace rd;
using rdbench::bestOf;
using rdbench::out;
using rdbench::Run;
using rdbench::runTimed;

namespace {

const QDateTime &firstRefundAt()
{
    static const QDateTime t(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    return t;
}

// Refunds 30 s apart in three currencies, with the text a real cache holds: notes with commas
// and quotes, and now and then one a spreadsheet would evaluate.
bool generate(const QString &path, qint64 rows, QString *error)
{
    Database db;
    if (!db.open(path, error))
        return false;
    const auto account = AccountRepository(db).add(QStringLiteral("Bench Stripe"), Dialect::Stripe,
                                                   QStringLiteral("https://bench.example"), error);
    if (!account)
        return false;
    const QStringList currencies{QStringLiteral("USD"), QStringLiteral("JPY"),
                                 QStringLiteral("KWD")};
    const QStringList reasons{QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
                              QStringLiteral("requested_by_customer"), QString()};
    RecordRepository records(db);
    constexpr qint64 Batch = 20000;
    for (qint64 start = 0; start < rows; start += Batch) {
        QList<Refund> batch;
        batch.reserve(Batch);
        for (qint64 i = start; i < std::min(rows, start + Batch); ++i) {
            Refund r;
            r.gatewayId = QStringLiteral("re_%1").arg(i, 10, 10, QLatin1Char('0'));
            r.invoiceId = QStringLiteral("ch_%1").arg(i / 3, 10, 10, QLatin1Char('0'));
            r.amount = Money(100 + (i * 7919) % 500000, currencies.at(int(i % 3)));
            r.reason = reasons.at(int(i % 4));
            r.gatewayReason = r.reason.isEmpty() ? QStringLiteral("other") : r.reason;
            r.status = i % 10 == 0 ? CommonStatus::Failed : CommonStatus::Succeeded;
            r.note = i % 1000 == 0 ? QStringLiteral("=HYPERLINK(\"x\",\"y\")")
                                   : QStringLiteral("order %1, customer said \"late\"").arg(i);
            r.failureReason = i % 10 == 0 ? QStringLiteral("expired_or_canceled_card") : QString();
            r.createdAt = firstRefundAt().addSecs(i * 30);
            batch << r;
        }
        if (!db.beginImmediate(error))
            return false;
        if (!records.upsertRefunds(account->id, batch, error)) {
            db.rollback();
            return false;
        }
        if (!db.commit(error))
            return false;
    }
    return true;
}

// Invoices in three dialects (so the refundable rule's dialect cases all run), a third with
// refunds, some with chargebacks, a few with open outbox operations.
bool generateInvoices(const QString &path, qint64 count, QString *error)
{
    Database db;
    if (!db.open(path, error))
        return false;
    QList<qint64> accounts;
    const QList<std::pair<const char *, Dialect>> specs{{"Bench Stripe", Dialect::Stripe},
                                                        {"Bench Chargebee", Dialect::Chargebee},
                                                        {"Bench IntaSend", Dialect::IntaSend}};
    for (const auto &[name, dialect] : specs) {
        const auto a = AccountRepository(db).add(QString::fromLatin1(name), dialect,
                                                 QStringLiteral("https://bench.example"), error);
        if (!a)
            return false;
        accounts << a->id;
    }
    const QStringList currencies{QStringLiteral("USD"), QStringLiteral("JPY"),
                                 QStringLiteral("KWD")};
    RecordRepository records(db);
    constexpr qint64 Batch = 20000;
    for (qint64 start = 0; start < count; start += Batch) {
        QMap<qint64, QList<Invoice>> invoices;
        QMap<qint64, QList<Refund>> refunds;
        QMap<qint64, QList<Chargeback>> chargebacks;
        for (qint64 i = start; i < std::min(count, start + Batch); ++i) {
            const qint64 account = accounts.at(int(i % accounts.size()));
            Invoice inv;
            inv.gatewayId = QStringLiteral("in_%1").arg(i, 10, 10, QLatin1Char('0'));
            inv.customer = i % 997 == 0 ? QStringLiteral("=cmd|' /C calc'!A0")
                                        : QStringLiteral("Customer %1, \"VIP\"").arg(i % 5003);
            inv.email = QStringLiteral("c%1@example.com").arg(i % 5003);
            inv.amount = Money(500 + (i * 7919) % 250000, currencies.at(int(i / 3 % 3)));
            inv.amountRefunded =
                Money(i % 7 == 0 ? inv.amount.minorUnits() / 2 : 0, inv.amount.currency());
            inv.status = i % 10 == 9 ? CommonStatus::Failed : CommonStatus::Succeeded;
            inv.disputed = i % 101 == 0;
            inv.createdAt = firstRefundAt().addSecs(i * 30);
            invoices[account] << inv;
            if (i % 3 == 0) {
                Refund r;
                r.gatewayId = QStringLiteral("re_%1").arg(i, 10, 10, QLatin1Char('0'));
                r.invoiceId = inv.gatewayId;
                r.amount = Money(inv.amount.minorUnits() / 5, inv.amount.currency());
                r.status = i % 2 ? CommonStatus::Succeeded : CommonStatus::Pending;
                r.createdAt = inv.createdAt.addSecs(3600);
                refunds[account] << r;
            }
            if (i % 50 == 0) {
                Chargeback c;
                c.gatewayId = QStringLiteral("cb_%1").arg(i, 10, 10, QLatin1Char('0'));
                c.invoiceId = inv.gatewayId;
                c.amount = Money(inv.amount.minorUnits() / 4, inv.amount.currency());
                c.status = CommonStatus::Succeeded;
                c.createdAt = inv.createdAt.addSecs(7200);
                chargebacks[account] << c;
            }
        }
        if (!db.beginImmediate(error))
            return false;
        for (const qint64 account : std::as_const(accounts)) {
            if (!records.upsertInvoices(account, invoices.value(account), error) ||
                !records.upsertRefunds(account, refunds.value(account), error) ||
                !records.upsertChargebacks(account, chargebacks.value(account), error)) {
                db.rollback();
                return false;
            }
        }
        if (!db.commit(error))
            return false;
    }
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral(
            "INSERT INTO outbox (operation_id, account_id, kind, invoice_id, amount, currency, "
            "idempotency_key, state, created_at, updated_at) SELECT 'op_' || id, account_id, "
            "'refund', gateway_id, 1, currency, 'key_' || id, 'unknown', 0, 0 FROM invoices "
            "WHERE id % 1000 = 1"))) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

// Child mode: one export, then its own figures on stdout.
int exportOnly(const QString &dbPath, const QString &outPath, const QString &report,
               const QString &to)
{
    Database db;
    QString error;
    if (!db.open(dbPath, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    ExportRequest request;
    request.report = reportFromName(report).value_or(ReportKind::Refunds);
    if (!to.isEmpty())
        request.filter.to = QDate::fromString(to, Qt::ISODate);
    QElapsedTimer timer;
    timer.start();
    const ExportResult result = ReportExporter(db).exportToFile(request, outPath);
    const qint64 ms = timer.elapsed();
    if (!result.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(result.error));
        return 1;
    }
    out() << "rows=" << result.rows << " ms=" << ms << " peak_kib=" << rdbench::rssKiB(true)
          << Qt::endl;
    return 0;
}

struct ExportFigures
{
    qint64 rows = -1;
    qint64 peakKiB = -1;
};

ExportFigures parseFigures(const QByteArray &output)
{
    static const QRegularExpression figures(
        QStringLiteral("rows=(\\d+) ms=(\\d+) peak_kib=(-?\\d+)"));
    const auto m = figures.match(QString::fromLatin1(output));
    ExportFigures f;
    if (m.hasMatch()) {
        f.rows = m.captured(1).toLongLong();
        f.peakKiB = m.captured(3).toLongLong();
    }
    return f;
}

qint64 countOf(const QString &dbPath, const QString &table)
{
    if (!QFileInfo::exists(dbPath))
        return -1;
    Database db;
    QString error;
    if (!db.open(dbPath, &error))
        return -1;
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) && q.next()
               ? q.value(0).toLongLong()
               : -1;
}

// The same rows and columns as the refunds report, formatted by SQLite itself (it has no
// formula guard, and every amount here is positive).
QString sqliteEquivalentSelect()
{
    return QStringLiteral(
        "SELECT a.name AS account, a.gateway AS gateway, t.gateway_id AS refund_id, "
        "t.invoice_id AS invoice_id, "
        "strftime('%Y-%m-%dT%H:%M:%SZ', t.created_at, 'unixepoch') AS created_at, "
        "CASE t.currency WHEN 'JPY' THEN printf('%d', t.amount) "
        "WHEN 'KWD' THEN printf('%d.%03d', t.amount / 1000, t.amount % 1000) "
        "ELSE printf('%d.%02d', t.amount / 100, t.amount % 100) END AS amount, "
        "t.currency AS currency, COALESCE(NULLIF(t.reason, ''), t.gateway_reason) AS reason, "
        "t.status AS status, t.note AS note, t.failure_reason AS failure_reason "
        "FROM refunds t JOIN accounts a ON a.id = t.account_id ORDER BY t.created_at, t.id;");
}

// Generates (or, with --dir, reuses) a cache of `rows` rows of `table`.
bool prepareCache(const QString &dbPath, const QString &table, qint64 rows, bool reuse,
                  bool (*generator)(const QString &, qint64, QString *))
{
    if (reuse && countOf(dbPath, table) == rows) {
        out() << "reusing " << dbPath << " (" << rows << " " << table << ")" << Qt::endl;
        return true;
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath + suffix);
    out() << "generating " << rows << " " << table << " in " << dbPath << " ..." << Qt::endl;
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!generator(dbPath, rows, &error)) {
        std::fprintf(stderr, "generation failed: %s\n", qPrintable(error));
        return false;
    }
    out() << "generated in " << QString::number(double(timer.elapsed()) / 1000, 'f', 1) << " s"
          << Qt::endl;
    return true;
}

// RefundDesk's export of `report` from `dbPath` against sqlite3 running `sql`, best of `times`
// after a warm-up; prints the figure's ROW line.
bool compare(const QString &figure, const QString &dbPath, const QString &report,
             const QString &sql, const QString &dir, int times, double maxRatio)
{
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    const QString self = QCoreApplication::applicationFilePath();
    const QString rdOut = dir + QStringLiteral("/refunddesk-") + report + QStringLiteral(".csv");
    const QString sqliteOut = dir + QStringLiteral("/sqlite3-") + report + QStringLiteral(".csv");
    const QStringList exportArgs{QStringLiteral("--export-only"), dbPath,
                                 QStringLiteral("--report"),      report,
                                 QStringLiteral("--out"),         rdOut};
    const QStringList sqliteArgs{QStringLiteral("-csv"), QStringLiteral("-header"), dbPath, sql};
    // A first, untimed pass of each warms the page cache for both alike.
    Run warm;
    Run ours;
    Run theirs;
    if (!runTimed(self, exportArgs, QString(), &warm) ||
        !runTimed(sqlite3, sqliteArgs, sqliteOut, &warm) ||
        !bestOf(times, self, exportArgs, QString(), &ours) ||
        !bestOf(times, sqlite3, sqliteArgs, sqliteOut, &theirs))
        return false;
    const ExportFigures f = parseFigures(ours.output);
    out() << figure << ": " << f.rows << " rows, " << QFileInfo(rdOut).size() / 1024
          << " KiB (sqlite3 wrote " << QFileInfo(sqliteOut).size() / 1024
          << " KiB); CPU (user+sys) refunddesk " << rdbench::seconds(ours.cpuSeconds)
          << ", sqlite3 " << rdbench::seconds(theirs.cpuSeconds) << " (ratio "
          << QString::number(ours.cpuSeconds / std::max(1e-9, theirs.cpuSeconds), 'f', 2)
          << "); peak RSS " << f.peakKiB / 1024 << " MiB" << Qt::endl;
    // The ratio is of CPU time (user + system), the cost of the work itself: on a machine
    // shared with other jobs the wall time mostly measures the scheduler. Wall times are shown.
    rdbench::row(figure,
                 rdbench::seconds(ours.cpuSeconds) + QStringLiteral(" CPU (") +
                     rdbench::seconds(ours.wallSeconds) + QStringLiteral(" wall)"),
                 rdbench::seconds(theirs.cpuSeconds) + QStringLiteral(" CPU (") +
                     rdbench::seconds(theirs.wallSeconds) + QStringLiteral(" wall), sqlite3 -csv"),
                 ours.cpuSeconds / std::max(1e-9, theirs.cpuSeconds), maxRatio);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("RefundDesk export benchmark"));
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"),
                                        QStringLiteral("Refunds to generate."), QStringLiteral("N"),
                                        QStringLiteral("1000000"));
    const QCommandLineOption invoicesOption(QStringLiteral("invoices"),
                                            QStringLiteral("Invoices to generate."),
                                            QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption smallOption(QStringLiteral("small"),
                                         QStringLiteral("10,000 of each, one timed run."));
    const QCommandLineOption dirOption(QStringLiteral("dir"),
                                       QStringLiteral("Work folder (default: a temporary one)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption exportOnlyOption(QStringLiteral("export-only"),
                                              QStringLiteral("Internal: export one file."),
                                              QStringLiteral("DB"));
    const QCommandLineOption reportOption(QStringLiteral("report"), QStringLiteral("Internal."),
                                          QStringLiteral("NAME"), QStringLiteral("refunds"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Internal."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption toOption(QStringLiteral("to"), QStringLiteral("Internal."),
                                      QStringLiteral("DAY"));
    parser.addOptions({rowsOption, invoicesOption, smallOption, dirOption, exportOnlyOption,
                       reportOption, outOption, toOption});
    parser.process(app);
    if (parser.isSet(exportOnlyOption))
        return exportOnly(parser.value(exportOnlyOption), parser.value(outOption),
                          parser.value(reportOption), parser.value(toOption));

    if (QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty()) {
        std::fprintf(stderr, "sqlite3 is not installed; it is the baseline of this benchmark.\n");
        return 1;
    }
    const bool small = parser.isSet(smallOption);
    bool ok = false;
    const qint64 rows =
        small && !parser.isSet(rowsOption) ? 10000 : parser.value(rowsOption).toLongLong(&ok);
    const qint64 invoices = small && !parser.isSet(invoicesOption)
                                ? 10000
                                : parser.value(invoicesOption).toLongLong(&ok);
    if (rows <= 0 || invoices <= 0) {
        std::fprintf(stderr, "--rows and --invoices need positive numbers.\n");
        return 2;
    }
    const int times = small ? 1 : 3;
    QTemporaryDir temp;
    const bool reuse = parser.isSet(dirOption);
    const QString dir = reuse ? parser.value(dirOption) : temp.path();
    const QString refundsDb = dir + QStringLiteral("/bench.sqlite3");
    const QString invoicesDb = dir + QStringLiteral("/invoices.sqlite3");
    if (!prepareCache(refundsDb, QStringLiteral("refunds"), rows, reuse, generate) ||
        !prepareCache(invoicesDb, QStringLiteral("invoices"), invoices, reuse, generateInvoices))
        return 1;

    const QLocale c = QLocale::c();
    if (!compare(QStringLiteral("export %1 refunds").arg(c.toString(rows)), refundsDb,
                 QStringLiteral("refunds"), sqliteEquivalentSelect(), dir, times, 0.8) ||
        !compare(QStringLiteral("export %1 invoices (with refundable)").arg(c.toString(invoices)),
                 invoicesDb, QStringLiteral("invoices"), QStringLiteral("SELECT * FROM invoices;"),
                 dir, times, 1.0))
        return 1;

    // About a tenth of the refunds, to show that memory does not grow with the export.
    Run tenth;
    const QString tenthDay = firstRefundAt().addSecs(rows * 30 / 10).date().toString(Qt::ISODate);
    if (!runTimed(QCoreApplication::applicationFilePath(),
                  {QStringLiteral("--export-only"), refundsDb, QStringLiteral("--out"),
                   dir + QStringLiteral("/tenth.csv"), QStringLiteral("--to"), tenthDay},
                  QString(), &tenth))
        return 1;
    const ExportFigures tenthFigures = parseFigures(tenth.output);
    out() << "peak RSS exporting " << tenthFigures.rows
          << " refunds: " << tenthFigures.peakKiB / 1024 << " MiB" << Qt::endl;
    return 0;
}
