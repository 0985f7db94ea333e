// End-to-end sync against the sandbox (a separate process, real HTTP over loopback), in three
// figures, each printed as a ROW line for bench/run.sh:
// - sync_objects_per_s: one account's first sync (N invoices with their refunds and disputes),
//   beside the sandbox alone serving the same lists to a plain HTTP client (walked side by
//   side, only the last item of a page parsed, nothing stored): the sandbox's own ceiling in
//   the same run. The sandbox's CPU seconds for both are printed too, as the wall-clock
//   figures of a busy machine say more about the machine than about the sandbox.
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
#include <unistd.h>

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

// User + system CPU seconds a process has used (from /proc), or -1 when unknown: what the
// sandbox spent, whatever else the machine was doing.
double cpuSecondsOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the command name (which may hold spaces) in parentheses; utime and stime
    // are fields 14 and 15 of the line, 12 and 13 after it.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    return (fields[11].toDouble() + fields[12].toDouble()) / ticks;
}

// What a plain client needs from a Stripe list page without parsing it all: how many items
// "data" holds, the last one's id and has_more. A scan that only tracks strings and nesting
// finds the items; only the last is parsed. False when the page is not such a list.
bool scanStripePage(const QByteArray &body, qint64 *items, QString *lastId, bool *hasMore)
{
    static const QByteArray head = QByteArrayLiteral("{\"data\":[");
    if (!body.startsWith(head))
        return false;
    const char *p = body.constData() + head.size();
    const char *const end = body.constData() + body.size();
    const char *lastStart = nullptr;
    int depth = 0; // inside the data array
    bool inString = false;
    *items = 0;
    for (; p != end; ++p) {
        const char c = *p;
        if (inString) {
            if (c == '\\')
                ++p;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (depth == 0) {
                lastStart = p;
                ++*items;
            }
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                break; // the end of the data array
            --depth;
        }
    }
    if (p == end)
        return false;
    if (lastStart) {
        const QJsonObject last =
            QJsonDocument::fromJson(QByteArray(lastStart, p - lastStart)).object();
        *lastId = last.value(QStringLiteral("id")).toString();
    }
    *hasMore = QByteArrayView(p, end - p).contains("\"has_more\":true");
    return true;
}

// The sandbox alone: a plain client walks the Stripe charge, refund and dispute lists side by
// side (100 a page, cursor = last id), reading bodies but parsing only the last item.
// Returns {objects, milliseconds}, objects -1 when a page was not a list.
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
    bool failed = false;
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
            qint64 items = 0;
            QString lastId;
            bool hasMore = false;
            if (!scanStripePage(reply->readAll(), &items, &lastId, &hasMore)) {
                failed = true;
                hasMore = false;
            }
            objects += items;
            if (hasMore && !lastId.isEmpty()) {
                walks[i].after = lastId;
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
    return {failed ? -1 : objects, std::max<qint64>(1, timer.elapsed())};
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
        const double cpuAtStart = cpuSecondsOf(sandbox.pid());
        const double clientAtStart = cpuSecondsOf(QCoreApplication::applicationPid());
        const auto [served, serveMs] = serveStripeLists(sandbox);
        const double clientCpu = cpuSecondsOf(QCoreApplication::applicationPid()) - clientAtStart;
        if (served < 0) {
            error = QStringLiteral("a list page was not a Stripe list");
            return die("reading the lists");
        }
        const double cpuServed = cpuSecondsOf(sandbox.pid());
        const double serveRate = double(served) * 1000.0 / double(serveMs);
        out() << "sandbox alone: " << served << " objects in " << serveMs / 1000.0 << " s, "
              << cpuServed - cpuAtStart << " s of the sandbox's CPU ("
              << qint64(double(served) / std::max(0.01, cpuServed - cpuAtStart))
              << " objects per CPU second), " << clientCpu << " s of the client's" << Qt::endl;
        const double rssBefore = rdbench::peakRssMiB();
        const QString path = dir.filePath(QStringLiteral("throughput.sqlite3"));
        const qint64 ms = syncOnce(sandbox, stripe, path, true, 0, &error);
        if (ms < 0)
            return die("syncing");
        const double cpuSynced = cpuSecondsOf(sandbox.pid());
        const double rss = rdbench::peakRssMiB();
        const qint64 objects = objectsIn(path);
        const double rate = double(objects) * 1000.0 / double(ms);
        out() << "sync: " << objects << " objects in " << ms / 1000.0 << " s, "
              << cpuSynced - cpuServed << " s of them in the sandbox's CPU" << Qt::endl;
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
