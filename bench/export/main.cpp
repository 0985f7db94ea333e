// Export benchmark: builds a cache with N refunds (default 1,000,000) through the core
// repositories, then times `refunddesk` exporting the refunds report against `sqlite3 -csv`
// running the equivalent SELECT on the same file, and reports the export's peak memory.
// The export runs in a child process of this program so its peak RSS is its own.
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
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <sys/resource.h>

using namespace rd;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// Peak resident set size of this process in KiB (VmHWM), or -1.
qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression hwm(QStringLiteral("^VmHWM:\\s+(\\d+) kB"),
                                        QRegularExpression::MultilineOption);
    const auto m = hwm.match(QString::fromLatin1(status.readAll()));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

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

// Child mode: one export, then its own figures on stdout.
int exportOnly(const QString &dbPath, const QString &outPath, const QString &to)
{
    Database db;
    QString error;
    if (!db.open(dbPath, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    ExportRequest request;
    request.report = ReportKind::Refunds;
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
    out() << "rows=" << result.rows << " ms=" << ms << " peak_kib=" << peakRssKiB() << Qt::endl;
    return 0;
}

// Durations are display figures, not money: doubles are fine here.
struct Run
{
    double wallSeconds = 0;
    double cpuSeconds = 0; // user + system of the child: what it cost, whatever the load
    QByteArray output;
};

double childrenCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Runs a program to completion; false with its stderr printed when it fails.
bool runTimed(const QString &program, const QStringList &args, const QString &stdoutFile, Run *run)
{
    QProcess p;
    if (!stdoutFile.isEmpty())
        p.setStandardOutputFile(stdoutFile);
    const double cpuBefore = childrenCpuSeconds();
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program),
                     p.readAllStandardError().constData());
        return false;
    }
    run->wallSeconds = double(timer.nsecsElapsed()) / 1e9;
    run->cpuSeconds = childrenCpuSeconds() - cpuBefore;
    run->output = p.readAllStandardOutput();
    return true;
}

// The best of `times` runs (the one least disturbed by other work on the machine).
bool bestOf(int times, const QString &program, const QStringList &args, const QString &stdoutFile,
            Run *best)
{
    for (int i = 0; i < times; ++i) {
        Run run;
        if (!runTimed(program, args, stdoutFile, &run))
            return false;
        if (i == 0 || run.wallSeconds < best->wallSeconds)
            *best = run;
    }
    return true;
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

qint64 refundCount(const QString &dbPath)
{
    if (!QFileInfo::exists(dbPath))
        return -1;
    Database db;
    QString error;
    if (!db.open(dbPath, &error))
        return -1;
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM refunds")) && q.next()
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
    const QCommandLineOption dirOption(QStringLiteral("dir"),
                                       QStringLiteral("Work folder (default: a temporary one)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption exportOnlyOption(QStringLiteral("export-only"),
                                              QStringLiteral("Internal: export one file."),
                                              QStringLiteral("DB"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Internal."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption toOption(QStringLiteral("to"), QStringLiteral("Internal."),
                                      QStringLiteral("DAY"));
    parser.addOptions({rowsOption, dirOption, exportOnlyOption, outOption, toOption});
    parser.process(app);
    if (parser.isSet(exportOnlyOption))
        return exportOnly(parser.value(exportOnlyOption), parser.value(outOption),
                          parser.value(toOption));

    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3.isEmpty()) {
        std::fprintf(stderr, "sqlite3 is not installed; it is the baseline of this benchmark.\n");
        return 1;
    }
    bool ok = false;
    const qint64 rows = parser.value(rowsOption).toLongLong(&ok);
    if (!ok || rows <= 0) {
        std::fprintf(stderr, "--rows needs a positive number.\n");
        return 2;
    }
    QTemporaryDir temp;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : temp.path();
    const QString dbPath = dir + QStringLiteral("/bench.sqlite3");
    QElapsedTimer timer;
    timer.start();
    if (parser.isSet(dirOption) && refundCount(dbPath) == rows) {
        out() << "reusing " << dbPath << " (" << rows << " refunds)" << Qt::endl;
    } else {
        QFile::remove(dbPath);
        QFile::remove(dbPath + QStringLiteral("-wal"));
        QFile::remove(dbPath + QStringLiteral("-shm"));
        out() << "generating " << rows << " refunds in " << dbPath << " ..." << Qt::endl;
        QString error;
        if (!generate(dbPath, rows, &error)) {
            std::fprintf(stderr, "generation failed: %s\n", qPrintable(error));
            return 1;
        }
        out() << "generated in " << QString::number(double(timer.elapsed()) / 1000, 'f', 1) << " s"
              << Qt::endl;
    }

    // A first, untimed pass warms the page cache for both contenders alike; then each runs
    // three times and the best run counts.
    const QString self = QCoreApplication::applicationFilePath();
    const QString rdOut = dir + QStringLiteral("/refunddesk.csv");
    const QStringList exportArgs{QStringLiteral("--export-only"), dbPath, QStringLiteral("--out"),
                                 rdOut};
    Run warm;
    Run full;
    Run sqlite;
    if (!runTimed(self, exportArgs, QString(), &warm) ||
        !bestOf(3, self, exportArgs, QString(), &full) ||
        !bestOf(
            3, sqlite3,
            {QStringLiteral("-csv"), QStringLiteral("-header"), dbPath, sqliteEquivalentSelect()},
            dir + QStringLiteral("/sqlite3.csv"), &sqlite))
        return 1;
    // About a tenth of the rows, to show that memory does not grow with the export.
    Run tenth;
    const QString tenthDay = firstRefundAt().addSecs(rows * 30 / 10).date().toString(Qt::ISODate);
    if (!runTimed(self,
                  {QStringLiteral("--export-only"), dbPath, QStringLiteral("--out"),
                   dir + QStringLiteral("/tenth.csv"), QStringLiteral("--to"), tenthDay},
                  QString(), &tenth))
        return 1;
    const ExportFigures fullFigures = parseFigures(full.output);
    const ExportFigures tenthFigures = parseFigures(tenth.output);

    const auto seconds = [](double s) { return QString::number(s, 'f', 2); };
    out() << "rows exported: " << fullFigures.rows << " ("
          << QFileInfo(rdOut).size() / (1024 * 1024) << " MiB; sqlite3 wrote "
          << QFileInfo(dir + QStringLiteral("/sqlite3.csv")).size() / (1024 * 1024) << " MiB)"
          << Qt::endl;
    out() << "CPU time (user+sys): refunddesk " << seconds(full.cpuSeconds) << " s, sqlite3 "
          << seconds(sqlite.cpuSeconds) << " s, ratio "
          << seconds(full.cpuSeconds / sqlite.cpuSeconds) << Qt::endl;
    out() << "peak RSS exporting " << tenthFigures.rows << " rows: " << tenthFigures.peakKiB / 1024
          << " MiB" << Qt::endl;
    out() << "refunddesk export: " << seconds(full.wallSeconds)
          << " s, sqlite3 -csv: " << seconds(sqlite.wallSeconds)
          << " s, ratio X/Y = " << seconds(full.wallSeconds / sqlite.wallSeconds)
          << ", peak RSS = " << fullFigures.peakKiB / 1024 << " MiB" << Qt::endl;
    return 0;
}
