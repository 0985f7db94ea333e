// refunddesk-cli accounts add|list|set|set-secret|remove
#include "cli.h"

#include "secretstore.h"
#include "store/accountrepository.h"
#include "store/approvalrepository.h"
#include "store/database.h"

#include <QCommandLineParser>

#include <optional>

namespace rd {

namespace {

QString accountsUsage()
{
    return QStringLiteral(
        "Usage:\n"
        "  refunddesk-cli accounts add NAME --gateway stripe|wooshpay|chargebee|processout|intasend"
        " --base-url URL\n"
        "  refunddesk-cli accounts list\n"
        "  refunddesk-cli accounts set NAME --approval-above AMOUNT[:CUR]|none\n"
        "  refunddesk-cli accounts set NAME --max-rps N   (requests per second; 0 = the "
        "gateway's default)\n"
        "  refunddesk-cli accounts set-secret NAME   (reads the secret from standard input)\n"
        "  refunddesk-cli accounts remove NAME\n"
        "\n"
        "--approval-above: refunds and chargebacks above AMOUNT (major units, every currency of\n"
        "the account) wait for another person's approval (see approvals --help). AMOUNT:CUR\n"
        "overrides one currency; repeat the option for several. The values given replace the\n"
        "account's thresholds; none removes them.\n");
}

bool parseArgs(CliContext &ctx, QCommandLineParser &parser, const QStringList &args, int *code)
{
    return parseCommandArgs(ctx, parser, args, accountsUsage(), QStringLiteral("--help"), code);
}

int add(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("gateway"), QStringLiteral("The dialect."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("base-url"), QStringLiteral("The gateway's base URL."),
                      QStringLiteral("URL")});
    int code = ExitOk;
    if (!parseArgs(ctx, parser, args, &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return ctx.fail(ExitUsage, QStringLiteral("accounts add needs exactly one NAME."));
    if (!parser.isSet(QStringLiteral("gateway")) || !parser.isSet(QStringLiteral("base-url")))
        return ctx.fail(ExitUsage, QStringLiteral("accounts add needs --gateway and --base-url."));
    const auto dialect = dialectFromName(parser.value(QStringLiteral("gateway")));
    if (!dialect)
        return ctx.fail(ExitUsage, QStringLiteral("unknown gateway \"%1\"; use one of %2.")
                                       .arg(parser.value(QStringLiteral("gateway")),
                                            dialectNames().join(QStringLiteral(", "))));
    if (!ctx.openDatabase(CacheAccess::Create))
        return ExitFailure;
    AccountRepository repo(*ctx.db);
    QString error;
    const auto account =
        repo.add(positional.first(), *dialect, parser.value(QStringLiteral("base-url")), &error);
    if (!account)
        return ctx.fail(ExitUsage, error);
    ctx.out << "added account " << account->name << " (" << dialectName(account->dialect) << ", "
            << account->baseUrl << ")" << Qt::endl;
    ctx.out << "set its secret with: refunddesk-cli accounts set-secret " << account->name
            << "  (or the environment variable " << SecretStore::environmentVariable(account->name)
            << ")" << Qt::endl;
    return ExitOk;
}

int list(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    int code = ExitOk;
    if (!parseArgs(ctx, parser, args, &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("accounts list takes no arguments."));
    if (!ctx.openDatabase(CacheAccess::Read))
        return ExitFailure;
    const auto read = AccountRepository(*ctx.db).list();
    if (!read)
        return ctx.fail(ExitFailure, read.error());
    const QList<Account> &accounts = *read;
    if (accounts.isEmpty()) {
        ctx.out << "no accounts; add one with: refunddesk-cli accounts add NAME --gateway G "
                   "--base-url URL"
                << Qt::endl;
        return ExitOk;
    }
    int nameWidth = 4;
    for (const Account &a : accounts)
        nameWidth = std::max(nameWidth, int(a.name.size()));
    ctx.out << QStringLiteral("NAME").leftJustified(nameWidth) << "  "
            << QStringLiteral("GATEWAY").leftJustified(10) << "  "
            << QStringLiteral("LAST SYNC (UTC)").leftJustified(20) << "  BASE URL" << Qt::endl;
    for (const Account &a : accounts) {
        const QString synced =
            a.lastSyncAt.isValid() ? a.lastSyncAt.toString(Qt::ISODate) : QStringLiteral("never");
        ctx.out << a.name.leftJustified(nameWidth) << "  "
                << dialectName(a.dialect).leftJustified(10) << "  " << synced.leftJustified(20)
                << "  " << a.baseUrl << Qt::endl;
    }
    return ExitOk;
}

int set(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("approval-above"),
         QStringLiteral("Approval threshold: AMOUNT, AMOUNT:CUR (repeatable) or none."),
         QStringLiteral("AMOUNT")});
    parser.addOption({QStringLiteral("max-rps"),
                      QStringLiteral("Request-rate ceiling in requests per second (0 = the "
                                     "gateway's documented default)."),
                      QStringLiteral("N")});
    int code = ExitOk;
    if (!parseArgs(ctx, parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return ctx.fail(ExitUsage, QStringLiteral("accounts set needs exactly one NAME."));
    const bool setsApproval = parser.isSet(QStringLiteral("approval-above"));
    const bool setsRate = parser.isSet(QStringLiteral("max-rps"));
    if (!setsApproval && !setsRate)
        return ctx.fail(ExitUsage, QStringLiteral("accounts set needs --approval-above "
                                                  "AMOUNT[:CUR]|none or --max-rps N; see "
                                                  "accounts --help."));
    // Every value is checked before anything is written: a usage error changes nothing.
    QString error;
    std::optional<ApprovalPolicy> policy;
    if (setsApproval) {
        policy = ApprovalPolicy::parse(parser.values(QStringLiteral("approval-above")), &error);
        if (!policy)
            return ctx.fail(ExitUsage, error);
    }
    int maxRps = 0;
    if (setsRate) {
        bool ok = false;
        maxRps = parser.value(QStringLiteral("max-rps")).toInt(&ok);
        if (!ok || maxRps < 0 || maxRps > 10000)
            return ctx.fail(ExitUsage, QStringLiteral("--max-rps must be a whole number from 0 "
                                                      "to 10000 (0 = the gateway's default)."));
    }
    if (!ctx.openDatabase(CacheAccess::Write))
        return ExitFailure;
    AccountRepository repo(*ctx.db);
    const auto account = repo.findByName(parser.positionalArguments().first());
    if (!account)
        return ctx.fail(account.error().startsWith(QLatin1String("Cannot")) ? ExitFailure
                                                                            : ExitUsage,
                        account.error());
    if (!ctx.db->beginImmediate(&error) ||
        (setsApproval && !ApprovalRepository(*ctx.db).setPolicy(account->id, *policy, &error)) ||
        (setsRate && !repo.setMaxRps(account->id, maxRps, &error)) || !ctx.db->commit(&error)) {
        ctx.db->rollback();
        return ctx.fail(ExitFailure, error);
    }
    if (setsApproval && policy->isEmpty()) {
        ctx.out << "account " << account->name << ": no approval needed" << Qt::endl;
    } else if (setsApproval) {
        QStringList parts;
        for (const ApprovalThreshold &t : policy->thresholds())
            parts << (t.currency.isEmpty()
                          ? t.toDisplayString() + QStringLiteral(" (every currency)")
                          : t.toDisplayString());
        ctx.out << "account " << account->name << ": refunds above "
                << parts.join(QStringLiteral(", ")) << " need another person's approval"
                << Qt::endl;
    }
    if (setsRate && maxRps == 0)
        ctx.out << account->name << " now uses its gateway's default request rate" << Qt::endl;
    else if (setsRate)
        ctx.out << account->name << " now sends at most " << maxRps << " requests per second"
                << Qt::endl;
    return ExitOk;
}

int setSecret(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    int code = ExitOk;
    if (!parseArgs(ctx, parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return ctx.fail(ExitUsage, QStringLiteral("accounts set-secret needs exactly one NAME."));
    const QString name = parser.positionalArguments().first();
    if (!ctx.openDatabase(CacheAccess::Read))
        return ExitFailure;
    if (const auto account = AccountRepository(*ctx.db).findByName(name); !account)
        return ctx.fail(ExitUsage, account.error());
    const std::optional<QString> line = readStandardInputLine(ctx);
    if (!line)
        return ExitFailure;
    const QString secret = line->trimmed();
    if (secret.isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("no secret on standard input; pipe it in, "
                                                  "for example: printf %s \"$KEY\" | "
                                                  "refunddesk-cli accounts set-secret NAME"));
    const SecretStore::Result r = ctx.secrets->writeBlocking(name, secret);
    if (r.source != SecretStore::Source::Keychain)
        return ctx.fail(ExitFailure,
                        QStringLiteral("no system keychain could store the secret (%1). Set the "
                                       "environment variable %2 instead.")
                            .arg(r.error, SecretStore::environmentVariable(name)));
    ctx.out << "stored the secret for " << name << " in the system keychain" << Qt::endl;
    return ExitOk;
}

int remove(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    int code = ExitOk;
    if (!parseArgs(ctx, parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return ctx.fail(ExitUsage, QStringLiteral("accounts remove needs exactly one NAME."));
    if (!ctx.openDatabase(CacheAccess::Write))
        return ExitFailure;
    AccountRepository repo(*ctx.db);
    QString error;
    const auto account = repo.findByName(parser.positionalArguments().first());
    if (!account)
        return ctx.fail(ExitUsage, account.error());
    if (!repo.remove(account->id, &error))
        return ctx.fail(ExitRefusedLocally, error);
    ctx.out << "removed account " << account->name << " and its cached history" << Qt::endl;
    return ExitOk;
}

} // namespace

int accountsCommand(CliContext &ctx, const QStringList &args)
{
    if (args.isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("accounts needs add, list, set, set-secret "
                                                  "or remove; see accounts --help."));
    if (args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        ctx.out << accountsUsage();
        return ExitOk;
    }
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("add"))
        return add(ctx, rest);
    if (sub == QLatin1String("list"))
        return list(ctx, rest);
    if (sub == QLatin1String("set"))
        return set(ctx, rest);
    if (sub == QLatin1String("set-secret"))
        return setSecret(ctx, rest);
    if (sub == QLatin1String("remove"))
        return remove(ctx, rest);
    return ctx.fail(
        ExitUsage,
        QStringLiteral("unknown accounts command \"%1\"; see accounts --help.").arg(sub));
}

} // namespace rd
