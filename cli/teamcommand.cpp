// refunddesk-cli team init | grant USER ROLE | revoke USER ROLE | members: the roles of a
// PostgreSQL team database (store/teamroles.h), run by the database's owner; and
// team set-password | forget-password: this user's password for it in the OS keychain.
#include "cli.h"

#include "secretstore.h"
#include "store/database.h"
#include "store/teamroles.h"

#include <QCommandLineParser>
#include <QUrl>

namespace rd {

namespace {

// Keeps the password read from standard input in the keychain entry of the address --db names,
// which every later run (and the desktop) on that address reads. Nothing is connected to: the
// next command says whether the server takes it.
int setPassword(CliContext &ctx)
{
    const std::optional<QString> password = readStandardInputLine(ctx);
    if (!password)
        return ExitFailure;
    if (password->isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("no password on standard input; pipe it in, "
                                                  "for example: printf %s \"$PASSWORD\" | "
                                                  "refunddesk-cli --db ADDRESS team "
                                                  "set-password"));
    const SecretStore::Result r =
        ctx.secrets->writeBlocking(SecretStore::teamDatabaseKey(ctx.dbPath), *password);
    if (r.source != SecretStore::Source::Keychain)
        return ctx.fail(ExitFailure, QStringLiteral("no system keychain could store the password "
                                                    "(%1). Keep it in ~/.pgpass or PGPASSWORD "
                                                    "instead.")
                                         .arg(r.error));
    ctx.out << "stored the password for " << ctx.dbPath << " in the system keychain" << Qt::endl;
    return ExitOk;
}

int forgetPassword(CliContext &ctx)
{
    const SecretStore::Result r =
        ctx.secrets->removeBlocking(SecretStore::teamDatabaseKey(ctx.dbPath));
    if (!r.error.isEmpty())
        return ctx.fail(ExitFailure, QStringLiteral("the system keychain could not remove the "
                                                    "password (%1).")
                                         .arg(r.error));
    ctx.out << "the system keychain keeps no password for " << ctx.dbPath
            << "; ~/.pgpass or PGPASSWORD give it now" << Qt::endl;
    return ExitOk;
}

} // namespace

int teamCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli")} + args))
        return ctx.fail(ExitUsage, parser.errorText() + QStringLiteral("; see team --help."));
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << "Usage: refunddesk-cli --db postgresql://USER@HOST[:PORT]/DBNAME team "
                   "SUBCOMMAND\n"
                   "\n"
                   "  init               create or update the schema and the roles "
                   "refunddesk_viewer,\n"
                   "                     refunddesk_clerk and refunddesk_approver (run by the "
                   "database owner)\n"
                   "  grant USER ROLE    make USER a viewer, clerk or approver (creates USER as "
                   "a login\n"
                   "                     role without a password when missing)\n"
                   "  revoke USER ROLE   take the role away again\n"
                   "  members            list who has which role\n"
                   "  set-password       keep this user's password for the address in the "
                   "system\n"
                   "                     keychain, read from standard input:\n"
                   "                     printf %s \"$PASSWORD\" | refunddesk-cli --db ADDRESS "
                   "team set-password\n"
                   "  forget-password    remove it from the keychain again\n"
                   "\n"
                   "The password comes from the system keychain (set-password, or the desktop's "
                   "File >\n"
                   "Open team database…), else from ~/.pgpass or PGPASSWORD; never from the "
                   "command line.\n";
        return ExitOk;
    }
    const QStringList words = parser.positionalArguments();
    const QString sub = words.value(0);
    const int expected = (sub == QLatin1String("grant") || sub == QLatin1String("revoke")) ? 3 : 1;
    static const QStringList known{
        QStringLiteral("init"),         QStringLiteral("grant"),
        QStringLiteral("revoke"),       QStringLiteral("members"),
        QStringLiteral("set-password"), QStringLiteral("forget-password")};
    if (!known.contains(sub))
        return ctx.fail(ExitUsage, QStringLiteral("team needs init, grant USER ROLE, revoke USER "
                                                  "ROLE, members, set-password or "
                                                  "forget-password; see team --help."));
    if (words.size() != expected)
        return ctx.fail(ExitUsage, QStringLiteral("team %1 takes %2; see team --help.")
                                       .arg(sub, expected == 3 ? QStringLiteral("USER ROLE")
                                                               : QStringLiteral("no arguments")));
    if (!Database::isServerAddress(ctx.dbPath))
        return ctx.fail(ExitUsage, QStringLiteral("team works on a PostgreSQL team database: "
                                                  "give --db postgresql://USER@HOST/DBNAME."));
    if (sub.endsWith(QLatin1String("-password"))) {
        const QUrl url(ctx.dbPath, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2)
            return ctx.fail(ExitUsage, QStringLiteral("team %1 needs a whole team database "
                                                      "address: --db "
                                                      "postgresql://USER@HOST/DBNAME.")
                                           .arg(sub));
        if (!url.password().isEmpty())
            return ctx.fail(ExitUsage, QStringLiteral("the address carries a password; give it "
                                                      "without one and the password on "
                                                      "standard input."));
        return sub == QLatin1String("set-password") ? setPassword(ctx) : forgetPassword(ctx);
    }
    if (expected == 3 && team::roleFromName(words.at(2)).isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("%1 is no team role; use viewer, clerk or "
                                                  "approver.")
                                       .arg(words.at(2)));
    if (!ctx.openDatabase(sub == QLatin1String("members") ? CacheAccess::Read
                                                          : CacheAccess::Create))
        return ExitFailure;
    if (sub == QLatin1String("init")) {
        if (const auto r = team::init(*ctx.db); !r)
            return ctx.fail(ExitFailure, QStringLiteral("team init failed: %1").arg(r.error()));
        ctx.out << "team database ready: schema " << ctx.db->schemaVersion() << "; roles "
                << team::roleNames().join(QStringLiteral(", ")) << Qt::endl;
        return ExitOk;
    }
    if (sub == QLatin1String("members")) {
        const auto list = team::members(*ctx.db);
        if (!list)
            return ctx.fail(ExitFailure, list.error());
        for (const team::Member &m : *list)
            ctx.out << m.user << '\t' << m.role << '\n';
        ctx.out.flush();
        return ExitOk;
    }
    const QString user = words.at(1);
    const QString role = team::roleFromName(words.at(2));
    const auto r = sub == QLatin1String("grant") ? team::grant(*ctx.db, user, role)
                                                 : team::revoke(*ctx.db, user, role);
    if (!r)
        return ctx.fail(ExitFailure, r.error());
    ctx.out << (sub == QLatin1String("grant") ? "granted " : "revoked ") << role
            << (sub == QLatin1String("grant") ? " to " : " from ") << user << Qt::endl;
    return ExitOk;
}

} // namespace rd
