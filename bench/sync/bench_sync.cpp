// Sync throughput: objects per second that the sync engine moves from a sandbox seeded with
// N invoices per dialect (and their refunds and chargebacks) into an empty cache, printed
// beside the time the sqlite3 shell takes to import the same number of rows from a CSV file
// on this machine, as a ratio. Not a test: run it through bench/run_sync.sh.
#include "sandboxprocess.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
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

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

// Writes `rows` invoice-shaped rows and times `sqlite3` importing them into a table with the
// cache's unique key. Returns milliseconds, or -1 with a reason.
qint64 sqliteImportMs(const QTemporaryDir &dir, qint64 rows, QString *error)
{
    const QString csvPath = dir.filePath(QStringLiteral("rows.csv"));
    QFile csv(csvPath);
    if (!csv.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1").arg(csvPath);
        return -1;
    }
    {
        QTextStream s(&csv);
        for (qint64 i = 0; i < rows; ++i)
            s << (i % 5 + 1) << ",ch_" << i << ",pi_" << i << ",Customer " << i << ",customer" << i
              << "@example.com,Order " << i << ',' << (1000 + i % 9000)
              << ",0,USD,succeeded,succeeded,0,0," << (1700000000 + i) << ",1700000000\n";
    }
    csv.close();
    const QString dbPath = dir.filePath(QStringLiteral("baseline.sqlite3"));
    const QByteArray script =
        "PRAGMA journal_mode=WAL;\n"
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, "
        "gateway_id TEXT NOT NULL, payment_intent TEXT, customer TEXT, email TEXT, "
        "description TEXT, amount INTEGER NOT NULL, amount_refunded INTEGER, currency TEXT, "
        "status TEXT, gateway_status TEXT, disputed INTEGER, offline INTEGER, "
        "created_at INTEGER, synced_at INTEGER, UNIQUE (account_id, gateway_id));\n"
        "CREATE TEMP TABLE staging (account_id, gateway_id, payment_intent, customer, email, "
        "description, amount, amount_refunded, currency, status, gateway_status, disputed, "
        "offline, created_at, synced_at);\n"
        ".mode csv\n"
        ".import '" +
        csvPath.toUtf8() +
        "' staging\n"
        "INSERT INTO invoices (account_id, gateway_id, payment_intent, customer, email, "
        "description, amount, amount_refunded, currency, status, gateway_status, disputed, "
        "offline, created_at, synced_at) SELECT * FROM staging;\n"
        "SELECT COUNT(*) FROM invoices;\n";
    QProcess sqlite;
    QElapsedTimer timer;
    timer.start();
    sqlite.start(QStringLiteral("sqlite3"), {dbPath});
    if (!sqlite.waitForStarted()) {
        *error = QStringLiteral("cannot run sqlite3: %1").arg(sqlite.errorString());
        return -1;
    }
    sqlite.write(script);
    sqlite.closeWriteChannel();
    sqlite.waitForFinished(-1);
    const qint64 ms = timer.elapsed();
    const QByteArray answer = sqlite.readAllStandardOutput().trimmed();
    if (!answer.endsWith(QByteArray::number(rows))) {
        *error = QStringLiteral("sqlite3 imported %1 rows, expected %2: %3")
                     .arg(QString::fromUtf8(answer))
                     .arg(rows)
                     .arg(QString::fromUtf8(sqlite.readAllStandardError()));
        return -1;
    }
    return ms;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sync throughput benchmark."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("invoices"),
                      QStringLiteral("Invoices seeded per dialect (default 100000)."),
                      QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("dialects"),
                      QStringLiteral("Comma-separated dialects to sync (default all five)."),
                      QStringLiteral("LIST"),
                      QStringLiteral("stripe,wooshpay,chargebee,processout,intasend")});
    parser.process(app);
    const QString invoices = parser.value(QStringLiteral("invoices"));
    const QStringList dialects =
        parser.value(QStringLiteral("dialects")).split(QLatin1Char(','), Qt::SkipEmptyParts);

    QTemporaryDir dir;
    rdtest::SandboxProcess sandbox;
    QString error;
    QElapsedTimer seedTimer;
    seedTimer.start();
    if (!sandbox.start({QStringLiteral("--invoices"), invoices}, &error)) {
        std::fprintf(stderr, "bench_sync: %s\n", qPrintable(error));
        return 1;
    }
    out() << "sandbox seeded with " << invoices << " invoices per dialect in "
          << seedTimer.elapsed() / 1000.0 << " s" << Qt::endl;

    const QString dbPath = dir.filePath(QStringLiteral("cache.sqlite3"));
    Database db;
    if (!db.open(dbPath, &error)) {
        std::fprintf(stderr, "bench_sync: %s\n", qPrintable(error));
        return 1;
    }
    QList<qint64> ids;
    QHash<qint64, QString> secrets;
    for (const QString &d : dialects) {
        const auto dialect = dialectFromName(d);
        const auto account =
            dialect ? AccountRepository(db).add(d, *dialect, sandbox.baseUrl(d), &error)
                    : std::nullopt;
        if (!account) {
            std::fprintf(stderr, "bench_sync: cannot add %s: %s\n", qPrintable(d),
                         qPrintable(error));
            return 1;
        }
        ids << account->id;
        secrets.insert(account->id, rdtest::SandboxProcess::secret(d));
    }

    SyncEngine engine(dbPath);
    bool allOk = true;
    QObject::connect(&engine, &SyncEngine::accountFinished, &engine,
                     [&](qint64, bool ok, const QString &message, int) {
                         allOk = allOk && ok;
                         if (!ok)
                             std::fprintf(stderr, "bench_sync: %s\n", qPrintable(message));
                     });
    QElapsedTimer syncTimer;
    syncTimer.start();
    engine.runBlocking(ids, false, secrets);
    const qint64 syncMs = std::max<qint64>(1, syncTimer.elapsed());
    if (!allOk)
        return 1;

    qint64 objects = 0;
    for (const QString &table :
         {QStringLiteral("invoices"), QStringLiteral("refunds"), QStringLiteral("chargebacks")}) {
        const qint64 n = scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
        out() << "  " << table << ": " << n << Qt::endl;
        objects += n;
    }
    const qint64 requests = sandbox.stats().value(QStringLiteral("total")).toInteger();
    out() << "sync: " << objects << " objects (" << requests << " requests, " << dialects.size()
          << " accounts side by side) in " << syncMs / 1000.0
          << " s = " << qint64(objects * 1000 / syncMs) << " objects/s" << Qt::endl;

    const qint64 importMs = sqliteImportMs(dir, objects, &error);
    if (importMs < 0) {
        std::fprintf(stderr, "bench_sync: %s\n", qPrintable(error));
        return 1;
    }
    out() << "sqlite3 CSV import of " << objects << " rows: " << importMs / 1000.0
          << " s = " << qint64(objects * 1000 / std::max<qint64>(1, importMs)) << " rows/s"
          << Qt::endl;
    out() << "ratio (sync time / sqlite3 import time): "
          << QString::number(double(syncMs) / double(std::max<qint64>(1, importMs)), 'f', 1)
          << Qt::endl;
    return 0;
}
