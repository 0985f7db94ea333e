#include "cli.h"

#include "secretstore.h"
#include "store/database.h"

#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

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
        {"backup", "write an online, consistent copy of the cache", backupCommand},
        {"team", "a PostgreSQL team database: roles, members, its password in the keychain",
         teamCommand},
        {"approvals", "list, approve or reject refunds awaiting approval", approvalsCommand},
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
        "  --db PATH      the cache file (default: $REFUNDDESK_DB, else the GUI's cache); only\n"
        "                 accounts add creates it, in a folder that exists; or a team database,\n"
        "                 postgresql://USER@HOST[:PORT]/DBNAME (its password from the keychain,\n"
        "                 see team set-password, else from ~/.pgpass or PGPASSWORD)\n"
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
        "6 authentication failed; 7 gateway unreachable. Every failure prints one line on\n"
        "standard error starting with \"refunddesk-cli:\".\n");
    return text;
}

// What a person who typed the bare command needs next: the four steps from nothing to a list,
// and where the rest is explained. Kept short: --help has the whole reference.
QString startGuide()
{
    return QStringLiteral(
        "RefundDesk on the command line: refunds, chargebacks and reports across gateways.\n"
        "\n"
        "Getting started (the cache is $REFUNDDESK_DB, or --db PATH, else the GUI's cache):\n"
        "  1. Add a gateway account:\n"
        "       refunddesk-cli accounts add \"EU Stripe\" --gateway stripe \\\n"
        "           --base-url https://api.stripe.com\n"
        "     (gateways: stripe, wooshpay, chargebee, processout, intasend)\n"
        "  2. Give it its secret API key (read from standard input into the keychain; or set\n"
        "     REFUNDDESK_SECRET_EU_STRIPE in the environment):\n"
        "       printf %s \"$KEY\" | refunddesk-cli accounts set-secret \"EU Stripe\"\n"
        "  3. Fetch its invoices, refunds and chargebacks:\n"
        "       refunddesk-cli sync\n"
        "  4. Look at them:\n"
        "       refunddesk-cli list invoices --search \"müller\"\n"
        "\n"
        "To try it without a gateway, run the bundled sandbox (refunddesk-sandbox) or the\n"
        "desktop demo (refunddesk --demo).\n"
        "\n"
        "Help: refunddesk-cli --help lists every command; refunddesk-cli COMMAND --help shows\n"
        "a command's options; man refunddesk-cli has the whole reference.\n");
}

} // namespace

CliContext::CliContext(QTextStream &o, QTextStream &e)
    : out(o), err(e), secrets(std::make_unique<SecretStore>()), stderrIsTerminal(isatty(2) == 1)
{}

CliContext::~CliContext() = default;

bool CliContext::openDatabase(CacheAccess access)
{
    if (m_openFailed)
        return false;
    if (!db) {
        const bool server = Database::isServerAddress(dbPath);
        if (access != CacheAccess::Create && !server && !QFileInfo::exists(dbPath)) {
            m_openFailed = true;
            fail(ExitFailure, QStringLiteral("no cache at %1; check --db or REFUNDDESK_DB, or "
                                             "create one with refunddesk-cli accounts add NAME "
                                             "--gateway G --base-url URL.")
                                  .arg(dbPath));
            return false;
        }
        // A path someone typed is taken as it is; the default cache's folder is RefundDesk's
        // own data folder, created as the GUI would.
        const Database::OpenMode create =
            usingDefaultPath ? Database::OpenMode::CreateWithFolder : Database::OpenMode::Create;
        const Database::OpenMode mode = access == CacheAccess::Create ? create
                                        : access == CacheAccess::Write
                                            ? Database::OpenMode::Existing
                                            : Database::OpenMode::ReadOnly;
        if (server && !m_teamPasswordRead) {
            // A password kept in the keychain (team set-password, or the desktop's File > Open
            // team database…) comes first. Without one, or on a machine with no keychain
            // service, libpq looks in ~/.pgpass and PGPASSWORD as always. A cache file never
            // asks the keychain: its commands start without that round trip.
            m_teamPasswordRead = true;
            m_teamPasswordFromKeychain = !secrets->useTeamDatabasePassword(dbPath).secret.isEmpty();
        }
        auto opened = std::make_unique<Database>();
        QString error;
        if (!opened->open(dbPath, mode, &error)) {
            m_openFailed = true;
            fail(ExitFailure, server ? withPasswordHint(error) : error);
            return false;
        }
        db = std::move(opened);
    }
    if (access != CacheAccess::Read && db->isReadOnly()) {
        // Opened read-only for an earlier step, or this user cannot write the file. On a team
        // database what this user may write is the database's to say, statement by statement.
        if (!db->isPostgres() && !Database::isWritable(dbPath)) {
            m_openFailed = true;
            fail(ExitFailure,
                 QStringLiteral("the cache %1 is read-only for this user and this command "
                                "writes to it; list, export, outbox and backup still work, or "
                                "copy the cache somewhere writable.")
                     .arg(dbPath));
            return false;
        }
        db.reset();
        return openDatabase(access);
    }
    return true;
}

QString CliContext::withPasswordHint(const QString &error) const
{
    // libpq's own words say which password problem it was; the hint says where to fix it.
    const QString store =
        QStringLiteral("printf %s \"$PASSWORD\" | refunddesk-cli --db %1 team set-password")
            .arg(dbPath);
    const QString said =
        error.trimmed() +
        (error.trimmed().endsWith(QLatin1Char('.')) ? QStringLiteral(" ") : QStringLiteral(". "));
    if (m_teamPasswordFromKeychain &&
        error.contains(QLatin1String("password authentication failed"), Qt::CaseInsensitive))
        return said + QStringLiteral("The password came from the system keychain (entry "
                                     "\"%1\"); store the right one with: %2")
                          .arg(SecretStore::teamDatabaseKey(dbPath), store);
    if (!m_teamPasswordFromKeychain &&
        error.contains(QLatin1String("no password supplied"), Qt::CaseInsensitive))
        return said + QStringLiteral("No password was found for this address: keep it in the "
                                     "system keychain with: %1; or in ~/.pgpass or PGPASSWORD.")
                          .arg(store);
    return error;
}

std::optional<QString> readStandardInputLine(CliContext &ctx)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        ctx.fail(ExitFailure, QStringLiteral("cannot read standard input."));
        return std::nullopt;
    }
    QByteArray line = in.readLine(64 * 1024);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

int CliContext::fail(int code, const QString &message)
{
    if (m_failed)
        return code;
    m_failed = true;
    QString line = code == ExitFailure ? Database::explainDamage(dbPath, message) : message;
    static const QRegularExpression breaks(QStringLiteral("[\\r\\n]+"));
    line.replace(breaks, QStringLiteral(" "));
    err << "refunddesk-cli: " << line.trimmed() << Qt::endl;
    return code;
}

bool parseCommandArgs(CliContext &ctx, QCommandLineParser &parser, const QStringList &args,
                      const QString &usage, const QString &hint, int *code)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli")} + args)) {
        *code = ctx.fail(ExitUsage, parser.errorText() + QStringLiteral("; see %1.").arg(hint));
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << usage;
        *code = ExitOk;
        return false;
    }
    return true;
}

int runCli(const QStringList &argsIn, QTextStream &out, QTextStream &err)
{
    // The bare command is a person asking where to start, like --help: the guide on stdout,
    // exit 0. A script that passes options but forgets the command still gets the usage
    // error below (exit 2, one line on stderr), as the exit-code contract promises.
    if (argsIn.isEmpty()) {
        out << startGuide();
        return ExitOk;
    }
    CliContext ctx(out, err);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // An empty path must not fall back to the default cache: `--db "$DB"` with DB unset in a
    // script would then quietly work on the person's real cache.
    ctx.dbPath = env.value(QStringLiteral("REFUNDDESK_DB"));
    bool emptyEnvironment = env.contains(QStringLiteral("REFUNDDESK_DB")) && ctx.dbPath.isEmpty();

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
        if (opt == QLatin1String("--db") || opt.startsWith(QLatin1String("--db="))) {
            if (opt == QLatin1String("--db") && args.isEmpty())
                return ctx.fail(ExitUsage, QStringLiteral("--db needs a PATH; see --help."));
            ctx.dbPath = opt == QLatin1String("--db") ? args.takeFirst() : opt.mid(5);
            emptyEnvironment = false;
            if (ctx.dbPath.isEmpty())
                return ctx.fail(ExitUsage, QStringLiteral("--db is empty; give the cache file's "
                                                          "path, or leave --db out to use the "
                                                          "default cache."));
        } else {
            return ctx.fail(ExitUsage, QStringLiteral("unknown option %1; see --help.").arg(opt));
        }
    }
    if (emptyEnvironment)
        return ctx.fail(ExitUsage, QStringLiteral("REFUNDDESK_DB is set but empty; set it to the "
                                                  "cache file's path, or unset it to use the "
                                                  "default cache."));
    if (ctx.dbPath.isEmpty()) {
        ctx.dbPath = Database::defaultPath();
        ctx.usingDefaultPath = true;
    }
    if (args.isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("no command given; see --help."));
    const QString name = args.takeFirst();
    // Every start reconciles what earlier runs left open, except where that would be
    // surprising: account setup, help, reconcile itself, and the read-only commands (outbox,
    // list, export), which work from the cache alone so reports run offline and print only
    // what they are asked for. A sync reconciles when it is done, with what it has fetched.
    static const QStringList quiet{QStringLiteral("accounts"),  QStringLiteral("outbox"),
                                   QStringLiteral("reconcile"), QStringLiteral("sync"),
                                   QStringLiteral("list"),      QStringLiteral("export"),
                                   QStringLiteral("backup"),    QStringLiteral("team")};
    // A dry run sends nothing at all, so it does not reconcile either.
    // Of the approvals commands only approve sends; list and reject work from the cache.
    const bool noReconcile =
        args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h")) ||
        args.contains(QLatin1String("--dry-run")) ||
        (name == QLatin1String("approvals") && args.value(0) != QLatin1String("approve"));
    for (const Command &c : commands()) {
        if (name != QLatin1String(c.name))
            continue;
        if (!quiet.contains(name) && !noReconcile)
            reconcileOpenOperations(ctx);
        const int code = c.run(ctx, args);
        if (name == QLatin1String("sync") && !noReconcile && code != ExitFailure)
            reconcileOpenOperations(ctx);
        // The contract is one line on every failure; a command that forgot says so plainly.
        if (code != ExitOk && !ctx.hasFailed())
            ctx.fail(code, QStringLiteral("%1 failed (exit %2).").arg(name).arg(code));
        return code;
    }
    return ctx.fail(ExitUsage, QStringLiteral("unknown command \"%1\"; see --help.").arg(name));
}

} // namespace rd
