// refunddesk-cli export refunds|chargebacks|invoices|reconciliation --out FILE [--account NAME]
//                       [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--bom]
#include "cli.h"

#include "report/reportexporter.h"
#include "report/reportoptions.h"
#include "store/cachefiles.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QDir>

namespace rd {

namespace {

QString exportUsage()
{
    return QStringLiteral(
               "Usage: refunddesk-cli export %1 --out FILE\n"
               "                             [--account NAME] [--from YYYY-MM-DD] [--to "
               "YYYY-MM-DD] "
               "[--bom]\n"
               "\n"
               "Writes a CSV report (RFC 4180, UTF-8, CRLF) from the local cache. Dates are "
               "inclusive UTC\n"
               "days. --bom starts the file with a UTF-8 byte order mark, for Excel. The file is "
               "written\n"
               "in full or not at all, never over the cache or its -wal/-shm files (also not "
               "through a\n"
               "link). Standard error says when each account was last synced.\n")
        .arg(reportNames().join(QLatin1Char('|')));
}

} // namespace

int exportCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    addScopeOptions(parser);
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The CSV file."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption bom(QStringLiteral("bom"), QStringLiteral("UTF-8 byte order mark."));
    parser.addOptions({out, bom});
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli")} + args))
        return ctx.fail(ExitUsage, parser.errorText() + QStringLiteral("; see export --help."));
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << exportUsage();
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return ctx.fail(ExitUsage, QStringLiteral("export needs one report: %1; see export --help.")
                                       .arg(reportNames().join(QStringLiteral(", "))));
    const auto report = reportFromName(positional.first());
    if (!report)
        return ctx.fail(ExitUsage,
                        QStringLiteral("unknown report \"%1\"; use one of %2.")
                            .arg(positional.first(), reportNames().join(QStringLiteral(", "))));
    if (parser.value(out).isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("export needs --out FILE."));
    // The exporter refuses it too; here it is told as the usage mistake it is.
    if (const QString why = refuseCacheAsTarget(parser.value(out), ctx.dbPath); !why.isEmpty())
        return ctx.fail(ExitUsage, why);
    if (!ctx.openDatabase(CacheAccess::Read))
        return ExitFailure;
    const auto scope = resolveScope(*ctx.db, parser);
    if (!scope)
        return ctx.fail(ExitUsage, scope.error());

    ExportRequest request;
    request.report = *report;
    request.filter = scope->filter;
    request.byteOrderMark = parser.isSet(bom);
    const QString path = parser.value(out);
    const ExportResult result = ReportExporter(*ctx.db).exportToFile(request, path);
    if (!result.ok())
        return ctx.fail(ExitFailure, result.error);
    // After the export, so a failed one prints its single line and nothing else.
    for (const QString &line : lastSyncLines(scope->accounts))
        ctx.err << line << Qt::endl;
    ctx.out << "exported " << result.rows << ' ' << reportName(*report) << " rows to "
            << QDir::toNativeSeparators(path) << Qt::endl;
    return ExitOk;
}

} // namespace rd
