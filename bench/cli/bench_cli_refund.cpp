// One refund through `refunddesk-cli refund` against the sandbox, against `curl` sending the
// same POST (same gateway, same amount, its own invoices) to the same sandbox. The CLI does
// everything a real refund does: opens the cache (migrations check), reads the secret, checks
// the refundable amount, writes the outbox and audit entries, sends, stores the refund. Best of
// N runs of each; `refunddesk-cli accounts list` (start-up and cache open, no network) is
// printed beside them as the start-up floor.
//
//   bench_cli_refund [--runs N (7)] [--small (3 runs)]
#include "benchrow.h"
#include "sandboxprocess.h"

#include "domain/money.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace rd;
using rdbench::out;
using rdbench::Run;

namespace {

struct Target
{
    QString id;
    QString amount; // one minor unit, in major units of its currency
};

QList<Target> refundableInvoices(const QString &dbPath, QString *error)
{
    Database db;
    QList<Target> targets;
    if (!db.open(dbPath, Database::OpenMode::ReadOnly, error))
        return targets;
    QSqlQuery q(db.connection());
    // Paid, undisputed and untouched: nothing refunded or disputed at the gateway or here.
    q.exec(QStringLiteral(
        "SELECT gateway_id, currency FROM invoices i WHERE status = 'succeeded' AND disputed = 0 "
        "AND offline = 0 AND amount_refunded = 0 AND amount > 100 AND NOT EXISTS (SELECT 1 FROM "
        "refunds r WHERE r.account_id = i.account_id AND r.invoice_id = i.gateway_id) AND NOT "
        "EXISTS (SELECT 1 FROM chargebacks c WHERE c.account_id = i.account_id AND c.invoice_id "
        "= i.gateway_id) ORDER BY id"));
    while (q.next())
        targets << Target{q.value(0).toString(), Money(1, q.value(1).toString()).toDecimalString()};
    return targets;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs of each."),
                                     QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption smallOpt(QStringLiteral("small"), QStringLiteral("3 runs of each."));
    parser.addOptions({runsOpt, smallOpt});
    parser.process(app);
    const int runs = parser.isSet(smallOpt) && !parser.isSet(runsOpt)
                         ? 3
                         : std::max(1, parser.value(runsOpt).toInt());
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty()) {
        std::fprintf(stderr, "curl is not installed; it is the baseline of this benchmark.\n");
        return 1;
    }

    rdtest::SandboxProcess sandbox;
    QString error;
    if (!sandbox.start({QStringLiteral("--invoices"), QString::number(8 * runs + 80)}, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cache.sqlite3"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REFUNDDESK_DB"), db);
    env.insert(QStringLiteral("REFUNDDESK_SECRET_BENCH"),
               rdtest::SandboxProcess::secret(QStringLiteral("stripe")));
    const QString cli = QStringLiteral(RD_CLI_PATH);
    Run setup;
    if (!rdbench::runTimed(cli,
                           {QStringLiteral("accounts"), QStringLiteral("add"),
                            QStringLiteral("bench"), QStringLiteral("--gateway"),
                            QStringLiteral("stripe"), QStringLiteral("--base-url"),
                            sandbox.baseUrl(QStringLiteral("stripe"))},
                           QString(), &setup, env) ||
        !rdbench::runTimed(cli, {QStringLiteral("sync")}, QString(), &setup, env))
        return 1;
    const QList<Target> targets = refundableInvoices(db, &error);
    if (targets.size() < 2 * runs + 2) {
        std::fprintf(stderr, "only %d refundable invoices in the sandbox (%s)\n",
                     int(targets.size()), qPrintable(error));
        return 1;
    }

    // Warm-up of each, then alternate so both see the same machine.
    Run floor;
    double cliBest = -1;
    double curlBest = -1;
    double floorBest = -1;
    const QString refundsUrl =
        sandbox.baseUrl(QStringLiteral("stripe")) + QStringLiteral("/v1/refunds");
    for (int i = -1; i < runs; ++i) {
        const Target &mine = targets.at(2 * (i + 1));
        const Target &theirs = targets.at(2 * (i + 1) + 1);
        Run ours;
        Run plain;
        if (!rdbench::runTimed(cli,
                               {QStringLiteral("refund"), QStringLiteral("--account"),
                                QStringLiteral("bench"), QStringLiteral("--invoice"), mine.id,
                                QStringLiteral("--amount"), mine.amount},
                               QString(), &ours, env) ||
            !rdbench::runTimed(
                curl,
                {QStringLiteral("-sS"), QStringLiteral("-f"), QStringLiteral("-o"),
                 QStringLiteral("/dev/null"), QStringLiteral("-H"),
                 QStringLiteral("Authorization: Bearer ") +
                     rdtest::SandboxProcess::secret(QStringLiteral("stripe")),
                 QStringLiteral("-H"), QStringLiteral("Idempotency-Key: bench-curl-%1").arg(i + 1),
                 QStringLiteral("-d"),
                 (theirs.id.startsWith(QLatin1String("pi_")) ? QStringLiteral("payment_intent=")
                                                             : QStringLiteral("charge=")) +
                     theirs.id,
                 QStringLiteral("-d"), QStringLiteral("amount=1"), refundsUrl},
                QString(), &plain) ||
            !rdbench::runTimed(cli, {QStringLiteral("accounts"), QStringLiteral("list")}, QString(),
                               &floor, env))
            return 1;
        if (i < 0)
            continue;
        if (cliBest < 0 || ours.wallSeconds < cliBest)
            cliBest = ours.wallSeconds;
        if (curlBest < 0 || plain.wallSeconds < curlBest)
            curlBest = plain.wallSeconds;
        if (floorBest < 0 || floor.wallSeconds < floorBest)
            floorBest = floor.wallSeconds;
    }
    out() << "refund through the CLI: best " << rdbench::millis(cliBest * 1000) << " of " << runs
          << "; curl POST: " << rdbench::millis(curlBest * 1000)
          << "; CLI start-up floor (accounts list): " << rdbench::millis(floorBest * 1000)
          << Qt::endl;
    rdbench::row(QStringLiteral("one refund through the CLI against the sandbox"),
                 rdbench::millis(cliBest * 1000),
                 rdbench::millis(curlBest * 1000) + QStringLiteral(" (curl POST)"),
                 cliBest / curlBest, 2.0);
    return 0;
}
