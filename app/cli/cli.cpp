#include "cli.h"

#include "secretstore.h"
#include "store/database.h"

#include <QProcessEnvironment>

#include <functional>
#include <unistd.h>

namespace rd {

namespace {

struct Command
{
    const char *name;
    const char *summary;
    std::function<int(CliContext &, const QStringList &)> run;
};

const QList<Command> &commands()
{
    static const QList<Command> table = {
        {"accounts", "add, list and set-secret for gateway accounts", accountsCommand},
        {"sync", "fetch invoices, refunds and chargebacks into the cache", syncCommand},
        {"refund", "issue a refund exactly once; cancel or update one (Stripe)", refundCommand},
        {"chargeback", "file an IntaSend chargeback request exactly once", chargebackCommand},
        {"outbox", "operations whose outcome is pending or unknown", outboxCommand},
        {"reconcile", "resolve pending and unknown operations", reconcileCommand},
        {"list", "list cached invoices, refunds or chargebacks (table, csv, json)", listCommand},
        {"export", "write a CSV report: refunds, chargebacks, invoices, reconciliation",
         exportCommand},
    };
    return table;
}

QString usage()
{
    QString text = QStringLiteral(
        "Usage: refunddesk-cli [--db PATH] COMMAND ...\n"
        "\n"
        "RefundDesk on the command line: refunds, chargebacks and reports across gateways.\n"
        "\n"
        "Options:\n"
        "  --db PATH      the cache file (default: $REFUNDDESK_DB, else the GUI's cache)\n"
        "  -h, --help     show this help; COMMAND --help shows a command's options\n"
        "  -v, --version  show the version\n"
        "\n"
        "Commands:\n");
    for (const Command &c : commands())
        text +=
            QStringLiteral("  %1 %2\n")
                .arg(QString::fromLatin1(c.name).leftJustified(13), QString::fromLatin1(c.summary));
    text += QStringLiteral(
        "\nExit codes: 0 done; 1 cache error; 2 usage; 3 refused locally (nothing sent);\n"
        "4 rejected by the gateway; 5 outcome unknown (kept in the outbox);\n"
        "6 authentication failed; 7 gateway unreachable.\n");
    return text;
}

} // namespace

CliContext::CliContext(QTextStream &o, QTextStream &e)
    : out(o), err(e), secrets(std::make_unique<SecretStore>()), stderrIsTerminal(isatty(2) == 1)
{}

CliContext::~CliContext() = default;

bool CliContext::openDatabase()
{
    if (db)
        return true;
    auto opened = std::make_unique<Database>();
    QString error;
    if (!opened->open(dbPath, &error)) {
        fail(ExitFailure, error);
        return false;
    }
    db = std::move(opened);
    return true;
}

int CliContext::fail(int code, const QString &message)
{
    err << "refunddesk-cli: " << message << Qt::endl;
    return code;
}

int runCli(const QStringList &argsIn, QTextStream &out, QTextStream &err)
{
    CliContext ctx(out, err);
    ctx.dbPath = QProcessEnvironment::systemEnvironment().value(QStringLiteral("REFUNDDESK_DB"));

    QStringList args = argsIn;
    while (!args.isEmpty() && args.first().startsWith(QLatin1Char('-'))) {
        const QString opt = args.takeFirst();
        if (opt == QLatin1String("-h") || opt == QLatin1String("--help")) {
            out << usage();
            return ExitOk;
        }
        if (opt == QLatin1String("-v") || opt == QLatin1String("--version")) {
            out << "refunddesk-cli " << REFUNDDESK_VERSION << Qt::endl;
            return ExitOk;
        }
        if (opt == QLatin1String("--db") && !args.isEmpty()) {
            ctx.dbPath = args.takeFirst();
        } else if (opt.startsWith(QLatin1String("--db="))) {
            ctx.dbPath = opt.mid(5);
        } else {
            return ctx.fail(ExitUsage, QStringLiteral("unknown option %1; see --help.").arg(opt));
        }
    }
    if (ctx.dbPath.isEmpty())
        ctx.dbPath = Database::defaultPath();
    if (args.isEmpty()) {
        err << usage();
        return ExitUsage;
    }
    const QString name = args.takeFirst();
    // Every start reconciles what earlier runs left open, except where that would be
    // surprising: account setup, help, reconcile itself, and the read-only commands (outbox,
    // list, export), which work from the cache alone so reports run offline and print only
    // what they are asked for. A sync reconciles when it is done, with what it has fetched.
    static const QStringList quiet{QStringLiteral("accounts"),  QStringLiteral("outbox"),
                                   QStringLiteral("reconcile"), QStringLiteral("sync"),
                                   QStringLiteral("list"),      QStringLiteral("export")};
    // A dry run sends nothing at all, so it does not reconcile either.
    const bool noReconcile = args.contains(QLatin1String("--help")) ||
                             args.contains(QLatin1String("-h")) ||
                             args.contains(QLatin1String("--dry-run"));
    for (const Command &c : commands()) {
        if (name != QLatin1String(c.name))
            continue;
        if (!quiet.contains(name) && !noReconcile)
            reconcileOpenOperations(ctx);
        const int code = c.run(ctx, args);
        if (name == QLatin1String("sync") && !noReconcile)
            reconcileOpenOperations(ctx);
        return code;
    }
    return ctx.fail(ExitUsage, QStringLiteral("unknown command \"%1\"; see --help.").arg(name));
}

} // namespace rd
