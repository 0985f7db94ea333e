// End-to-end sync against the sandbox (a separate process, real HTTP over loopback), in three
// figures, each printed as a ROW line for bench/run.sh:
// - sync_objects_per_s: one account's first sync (N invoices with their refunds and disputes),
//   beside the sandbox alone serving the same lists to a plain HTTP client (walked side by
//   side, nothing parsed or stored): the sandbox's own ceiling in the same run.
// - sync_peak_rss_mib: this process's peak resident set over that sync (the sync runs here).
// - rate_limited_requests_per_s: with 100 ms added to every request and a ceiling of 50
//   requests a second on the account, requests per second of the side-by-side sync, beside a
//   one-at-a-time sync of the same data in the same run (which must store the same objects).
//   Each run's client CPU time and the floor the ceiling sets are printed beside it, so a
//   figure held down by a busy machine or a slow sandbox can be told from one the client
//   holds down.
// Not a test: bench/run_sync.sh runs it at full size; ctest runs a small size.
#include "benchrow.h"
#include "sandboxprocess.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <cstdio>
#include <sys/resource.h>

using namespace rd;
using rdtest::SandboxProcess;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// User + system time of this process so far (the sync runs on a thread of it; the sandbox is
// another process): what a sync costs the client, whatever the machine's load.
double selfCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

qint64 objectsIn(const QString &path)
{
    Database db;
    QString error;
    if (!db.open(path, &error))
        return -1;
    qint64 n = 0;
    for (const char *table : {"invoices", "refunds", "chargebacks"}) {
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))) ||
            !q.next())
            return -1;
        n += q.value(0).toLongLong();
    }
    return n;
}

// A first sync of `dialect` into a new cache at `path`; milliseconds, or -1 with a reason.
// `cpuSeconds`, when given, receives the client's CPU time over the sync.
qint64 syncOnce(SandboxProcess &sandbox, const QString &dialect, const QString &path,
                bool sideBySide, int maxRps, QString *error, double *cpuSeconds = nullptr)
{
    qint64 id = 0;
    {
        Database db;
        if (!db.open(path, error))
            return -1;
        AccountRepository accounts(db);
        const auto account =
            accounts.add(dialect, *dialectFromName(dialect), sandbox.baseUrl(dialect), error);
        if (!account || (maxRps > 0 && !accounts.setMaxRps(account->id, maxRps, error)))
            return -1;
        id = account->id;
    }
    SyncEngine engine(path);
    engine.setSideBySide(sideBySide);
    QString failure;
    QObject::connect(&engine, &SyncEngine::accountFinished, &engine,
                     [&failure](qint64, bool ok, const QString &message, int) {
                         if (!ok)
                             failure = message;
                     });
    QElapsedTimer timer;
    const double cpuBefore = selfCpuSeconds();
    timer.start();
    const bool ok = engine.runBlocking({id}, false, {{id, SandboxProcess::secret(dialect)}});
    const qint64 ms = std::max<qint64>(1, timer.elapsed());
    if (cpuSeconds)
        *cpuSeconds = selfCpuSeconds() - cpuBefore;
    if (!ok) {
        *error = QStringLiteral("sync failed: %1").arg(failure);
        return -1;
    }
    return ms;
}

// The sandbox alone: a plain client walks the Stripe charge, refund and dispute lists side by
// side (100 a page, cursor = last id), reading bodies but parsing only the last id.
// Returns {objects, milliseconds}.
std::pair<qint64, qint64> serveStripeLists(SandboxProcess &sandbox)
{
    QNetworkAccessManager nam;
    struct Walk
    {
        QString path;
        QString after;
        bool done = false;
    };
    QList<Walk> walks = {{QStringLiteral("/v1/charges"), {}, false},
                         {QStringLiteral("/v1/refunds"), {}, false},
                         {QStringLiteral("/v1/disputes"), {}, false}};
    qint64 objects = 0;
    int open = int(walks.size());
    QEventLoop loop;
    std::function<void(int)> next = [&](int i) {
        QUrl url(sandbox.baseUrl(QStringLiteral("stripe")) + walks[i].path);
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
        if (!walks[i].after.isEmpty())
            q.addQueryItem(QStringLiteral("starting_after"), walks[i].after);
        url.setQuery(q);
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer sk_test_sandbox");
        QNetworkReply *reply = nam.get(request);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, i, reply] {
            reply->deleteLater();
            const QJsonObject page = QJsonDocument::fromJson(reply->readAll()).object();
            const QJsonArray data = page.value(QStringLiteral("data")).toArray();
            objects += data.size();
            if (page.value(QStringLiteral("has_more")).toBool() && !data.isEmpty()) {
                walks[i].after = data.last().toObject().value(QStringLiteral("id")).toString();
                next(i);
            } else if (--open == 0) {
                loop.quit();
            }
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < walks.size(); ++i)
        next(i);
    loop.exec();
    return {objects, std::max<qint64>(1, timer.elapsed())};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sync benchmarks against the sandbox."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("invoices"),
                      QStringLiteral("Invoices in the sandbox's Stripe account (default 100000)."),
                      QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("limited-invoices"),
                      QStringLiteral("Invoices for the rate-limited figure (default 3000)."),
                      QStringLiteral("N"), QStringLiteral("3000")});
    parser.addOption({QStringLiteral("only"),
                      QStringLiteral("throughput or rate-limited (default both)."),
                      QStringLiteral("FIGURE")});
    parser.process(app);
    const QString only = parser.value(QStringLiteral("only"));
    QTemporaryDir dir;
    QString error;
    auto die = [&error](const char *what) {
        std::fprintf(stderr, "bench_sync: %s: %s\n", what, qPrintable(error));
        return 1;
    };
    const QString stripe = QStringLiteral("stripe");

    if (only.isEmpty() || only == QLatin1String("throughput")) {
        SandboxProcess sandbox;
        if (!sandbox.start({QStringLiteral("--invoices"), parser.value(QStringLiteral("invoices"))},
                           &error))
            return die("starting the sandbox");
        const auto [served, serveMs] = serveStripeLists(sandbox);
        const double serveRate = double(served) * 1000.0 / double(serveMs);
        out() << "sandbox alone: " << served << " objects in " << serveMs / 1000.0 << " s"
              << Qt::endl;
        const double rssBefore = rdbench::peakRssMiB();
        const QString path = dir.filePath(QStringLiteral("throughput.sqlite3"));
        const qint64 ms = syncOnce(sandbox, stripe, path, true, 0, &error);
        if (ms < 0)
            return die("syncing");
        const double rss = rdbench::peakRssMiB();
        const qint64 objects = objectsIn(path);
        const double rate = double(objects) * 1000.0 / double(ms);
        out() << "sync: " << objects << " objects in " << ms / 1000.0 << " s" << Qt::endl;
        rdbench::printRow(out(), QStringLiteral("sync_objects_per_s"), rate, serveRate,
                          rate / serveRate, QStringLiteral(">=25000"), rate >= 25000);
        rdbench::printRow(out(), QStringLiteral("sync_peak_rss_mib"), rss, rssBefore,
                          rss / std::max(1.0, rssBefore), QStringLiteral("<200"), rss < 200);
    }

    if (only.isEmpty() || only == QLatin1String("rate-limited")) {
        SandboxProcess sandbox;
        if (!sandbox.start(
                {QStringLiteral("--invoices"), parser.value(QStringLiteral("limited-invoices"))},
                &error))
            return die("starting the sandbox");
        if (!sandbox.armFaults({{QStringLiteral("latency_ms"), 100}}))
            return die("arming latency");
        // One at a time: the reference, in the same run.
        sandbox.resetStats();
        const QString serialPath = dir.filePath(QStringLiteral("serial.sqlite3"));
        double serialCpu = 0;
        const qint64 serialMs =
            syncOnce(sandbox, stripe, serialPath, false, 50, &error, &serialCpu);
        if (serialMs < 0)
            return die("syncing one at a time");
        const qint64 serialRequests = sandbox.stats().value(QStringLiteral("total")).toInteger();
        sandbox.resetStats();
        const QString parallelPath = dir.filePath(QStringLiteral("parallel.sqlite3"));
        double parallelCpu = 0;
        const qint64 parallelMs =
            syncOnce(sandbox, stripe, parallelPath, true, 50, &error, &parallelCpu);
        if (parallelMs < 0)
            return die("syncing side by side");
        const qint64 parallelRequests = sandbox.stats().value(QStringLiteral("total")).toInteger();
        const qint64 serialObjects = objectsIn(serialPath);
        const qint64 parallelObjects = objectsIn(parallelPath);
        if (serialObjects != parallelObjects || serialObjects <= 0) {
            error = QStringLiteral("%1 objects one at a time, %2 side by side")
                        .arg(serialObjects)
                        .arg(parallelObjects);
            return die("comparing");
        }
        const double serialRps = double(serialRequests) * 1000.0 / double(serialMs);
        const double parallelRps = double(parallelRequests) * 1000.0 / double(parallelMs);
        out() << "100 ms per request, ceiling 50/s: " << serialObjects << " objects; one at a time "
              << serialRequests << " requests in " << serialMs / 1000.0 << " s (client CPU "
              << serialCpu << " s), side by side " << parallelRequests << " requests in "
              << parallelMs / 1000.0 << " s (client CPU " << parallelCpu
              << " s); floor at the ceiling: " << (double(parallelRequests) / 50.0 + 0.1) << " s"
              << Qt::endl;
        rdbench::printRow(out(), QStringLiteral("rate_limited_requests_per_s"), parallelRps,
                          serialRps, parallelRps / serialRps, QStringLiteral(">=40"),
                          parallelRps >= 40);
    }
    return 0;
}
