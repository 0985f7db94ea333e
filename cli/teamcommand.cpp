// refunddesk-cli team init | grant USER ROLE | revoke USER ROLE | members: the roles of a
// PostgreSQL team database (store/teamroles.h). Run by the database's owner.
#include "cli.h"

#include "store/database.h"
#include "store/teamroles.h"

#include <QCommandLineParser>

namespace rd {

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
                   "\n"
                   "The password comes from ~/.pgpass or PGPASSWORD, never from the command "
                   "line.\n";
        return ExitOk;
    }
    const QStringList words = parser.positionalArguments();
    const QString sub = words.value(0);
    const int expected = (sub == QLatin1String("grant") || sub == QLatin1String("revoke")) ? 3 : 1;
    if (sub != QLatin1String("init") && sub != QLatin1String("grant") &&
        sub != QLatin1String("revoke") && sub != QLatin1String("members"))
        return ctx.fail(ExitUsage, QStringLiteral("team needs init, grant USER ROLE, revoke USER "
                                                  "ROLE or members; see team --help."));
    if (words.size() != expected)
        return ctx.fail(ExitUsage, QStringLiteral("team %1 takes %2; see team --help.")
                                       .arg(sub, expected == 3 ? QStringLiteral("USER ROLE")
                                                               : QStringLiteral("no arguments")));
    if (!Database::isServerAddress(ctx.dbPath))
        return ctx.fail(ExitUsage, QStringLiteral("team works on a PostgreSQL team database: "
                                                  "give --db postgresql://USER@HOST/DBNAME."));
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
