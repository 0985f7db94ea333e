// refunddesk-cli backup --out FILE: an online, consistent copy of the cache (store/cachebackup)
#include "cli.h"

#include "store/cachebackup.h"
#include "store/cachefiles.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QDir>

namespace rd {

int backupCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The copy."),
                                 QStringLiteral("FILE"));
    parser.addOption(out);
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli")} + args))
        return ctx.fail(ExitUsage, parser.errorText() + QStringLiteral("; see backup --help."));
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << "Usage: refunddesk-cli backup --out FILE\n"
                   "\n"
                   "Copies the cache to FILE while RefundDesk and other commands may keep using "
                   "it.\nThe copy is one consistent snapshot, passes SQLite's integrity check "
                   "before it\nreplaces FILE, and is a cache itself: use it with --db FILE, or "
                   "copy it over a\ndamaged cache while RefundDesk is closed. FILE may not be "
                   "the cache itself.\n";
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("backup takes no arguments besides --out "
                                                  "FILE; see backup --help."));
    const QString target = parser.value(out);
    if (target.isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("backup needs --out FILE."));
    // Choosing the cache (or a link to it) as the copy is a usage mistake, told before opening.
    if (const QString why = refuseCacheAsTarget(target, ctx.dbPath); !why.isEmpty())
        return ctx.fail(ExitUsage, why);
    if (!ctx.openDatabase(CacheAccess::Read))
        return ExitFailure;
    const BackupResult result = CacheBackup::run(*ctx.db, target);
    if (!result.ok)
        return ctx.fail(ExitFailure, result.error);
    ctx.out << "backed up " << QDir::toNativeSeparators(ctx.dbPath) << " to "
            << QDir::toNativeSeparators(target) << " (" << result.bytes
            << " bytes, integrity checked)" << Qt::endl;
    return ExitOk;
}

} // namespace rd
