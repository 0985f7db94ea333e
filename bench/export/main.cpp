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
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

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

struct ChildFigures
{
    qint64 rows = -1;
    qint64 inProcessMs = -1;
    qint64 peakKiB = -1;
    double wallSeconds = 0; // display only: a duration, not money
};

bool runExportChild(const QString &dbPath, const QString &outPath, const QString &to,
                    ChildFigures *f)
{
    QProcess p;
    QStringList args{QStringLiteral("--export-only"), dbPath, QStringLiteral("--out"), outPath};
    if (!to.isEmpty())
        args << QStringLiteral("--to") << to;
    QElapsedTimer timer;
    timer.start();
    p.start(QCoreApplication::applicationFilePath(), args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "export failed: %s\n", p.readAllStandardError().constData());
        return false;
    }
    f->wallSeconds = double(timer.nsecsElapsed()) / 1e9;
    static const QRegularExpression figures(
        QStringLiteral("rows=(\\d+) ms=(\\d+) peak_kib=(-?\\d+)"));
    const auto m = figures.match(QString::fromLatin1(p.readAllStandardOutput()));
    if (!m.hasMatch())
        return false;
    f->rows = m.captured(1).toLongLong();
    f->inProcessMs = m.captured(2).toLongLong();
    f->peakKiB = m.captured(3).toLongLong();
    return true;
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
    QFile::remove(dbPath);
    QFile::remove(dbPath + QStringLiteral("-wal"));
    QFile::remove(dbPath + QStringLiteral("-shm"));

    out() << "generating " << rows << " refunds in " << dbPath << " ..." << Qt::endl;
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!generate(dbPath, rows, &error)) {
        std::fprintf(stderr, "generation failed: %s\n", qPrintable(error));
        return 1;
    }
    out() << "generated in " << QString::number(double(timer.elapsed()) / 1000, 'f', 1) << " s"
          << Qt::endl;

    // A first, untimed pass warms the page cache for both contenders alike.
    ChildFigures warm;
    const QString rdOut = dir + QStringLiteral("/refunddesk.csv");
    if (!runExportChild(dbPath, rdOut, QString(), &warm))
        return 1;

    ChildFigures full;
    if (!runExportChild(dbPath, rdOut, QString(), &full))
        return 1;
    // A tenth of the rows, to show that memory does not grow with the export.
    ChildFigures tenth;
    const QString tenthDay = firstRefundAt().addSecs(rows * 30 / 10).date().toString(Qt::ISODate);
    if (!runExportChild(dbPath, dir + QStringLiteral("/tenth.csv"), tenthDay, &tenth))
        return 1;

    const QString sqliteOut = dir + QStringLiteral("/sqlite3.csv");
    QProcess sq;
    sq.setStandardOutputFile(sqliteOut);
    timer.restart();
    sq.start(sqlite3,
             {QStringLiteral("-csv"), QStringLiteral("-header"), dbPath, sqliteEquivalentSelect()});
    if (!sq.waitForFinished(-1) || sq.exitCode() != 0) {
        std::fprintf(stderr, "sqlite3 failed: %s\n", sq.readAllStandardError().constData());
        return 1;
    }
    const double sqliteSeconds = double(timer.nsecsElapsed()) / 1e9;

    out() << "rows exported: " << full.rows << " (" << QFileInfo(rdOut).size() / (1024 * 1024)
          << " MiB; sqlite3 wrote " << QFileInfo(sqliteOut).size() / (1024 * 1024) << " MiB)"
          << Qt::endl;
    out() << "refunddesk export in-process: " << QString::number(full.inProcessMs / 1000.0, 'f', 2)
          << " s" << Qt::endl;
    out() << "peak RSS exporting " << tenth.rows << " rows: " << tenth.peakKiB / 1024 << " MiB"
          << Qt::endl;
    out() << "refunddesk export: " << QString::number(full.wallSeconds, 'f', 2)
          << " s, sqlite3 -csv: " << QString::number(sqliteSeconds, 'f', 2)
          << " s, ratio X/Y = " << QString::number(full.wallSeconds / sqliteSeconds, 'f', 2)
          << ", peak RSS = " << full.peakKiB / 1024 << " MiB" << Qt::endl;
    return 0;
}
