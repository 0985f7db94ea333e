// refunddesk-cli list invoices|refunds|chargebacks [--account NAME] [--search TEXT] [--status S]
//                     [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format table|csv|json]
#include "cli.h"

#include "report/reportexporter.h"
#include "report/reportoptions.h"
#include "store/database.h"
#include "store/recordfilter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace rd {

namespace {

QString listUsage()
{
    return QStringLiteral(
        "Usage: refunddesk-cli list invoices|refunds|chargebacks [--account NAME] "
        "[--search TEXT]\n"
        "         [--status pending|requires_action|succeeded|failed|canceled]\n"
        "         [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format table|csv|json]\n"
        "\n"
        "Lists records from the local cache (no network). csv has the same columns as the\n"
        "matching export; json is one array of objects keyed by those column names, every value\n"
        "a string (amounts exact, in major units); table (the default) is for people, and\n"
        "standard error then says when each account was last synced.\n");
}

// Cells of a table are one line each and not too wide to read.
constexpr int MaxCellWidth = 40;

QString tableCell(const QString &value)
{
    static const QRegularExpression controls(QStringLiteral("[\\x00-\\x1f\\x7f]+"));
    QString s = value;
    s.replace(controls, QStringLiteral(" "));
    if (s.size() > MaxCellWidth) {
        s.truncate(MaxCellWidth - 1);
        if (s.back().isHighSurrogate())
            s.chop(1); // never half a character
        s += QChar(0x2026);
    }
    return s;
}

// Columns on a terminal: wide East Asian characters and emoji take two, combining marks none.
int displayWidth(const QString &s)
{
    int width = 0;
    for (const char32_t u : s.toUcs4()) {
        const QChar::Category cat = QChar::category(u);
        if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_Enclosing ||
            cat == QChar::Other_Format)
            continue;
        const bool wide = (u >= 0x1100 && u <= 0x115F) || (u >= 0x2E80 && u <= 0xA4CF) ||
                          (u >= 0xAC00 && u <= 0xD7A3) || (u >= 0xF900 && u <= 0xFAFF) ||
                          (u >= 0xFE30 && u <= 0xFE4F) || (u >= 0xFF00 && u <= 0xFF60) ||
                          (u >= 0xFFE0 && u <= 0xFFE6) || (u >= 0x1F300 && u <= 0x1FAFF) ||
                          (u >= 0x20000 && u <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

QString padded(const QString &s, int width, bool right)
{
    const QString fill(std::max(0, width - displayWidth(s)), QLatin1Char(' '));
    return right ? fill + s : s + fill;
}

// The device behind the output stream, so CSV and JSON bytes go out unchanged.
QIODevice *outputDevice(CliContext &ctx, QFile &fallback)
{
    ctx.out.flush();
    if (ctx.out.device())
        return ctx.out.device();
    fallback.open(stdout, QIODevice::WriteOnly);
    return &fallback;
}

int printTable(CliContext &ctx, const ExportRequest &request)
{
    const ReportDefinition def(request.report);
    QList<QStringList> rows;
    const ExportResult result =
        ReportExporter(*ctx.db).forEachRow(request, [&rows](const QStringList &cells) {
            QStringList shown;
            for (const QString &c : cells)
                shown << tableCell(c);
            rows << shown;
            return true;
        });
    if (!result.ok())
        return ctx.fail(ExitFailure, result.error);
    const QList<ReportColumn> &columns = def.columns();
    QList<int> widths;
    for (const ReportColumn &c : columns)
        widths << displayWidth(c.name);
    for (const QStringList &row : rows) {
        for (int i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths.at(i), displayWidth(row.at(i)));
    }
    const auto printRow = [&](const QStringList &cells) {
        QString line;
        for (int i = 0; i < cells.size(); ++i) {
            if (i > 0)
                line += QStringLiteral("  ");
            line += padded(cells.at(i), widths.at(i),
                           columns.at(i).format == ReportColumn::Format::Amount);
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1); // the last column needs no padding
        ctx.out << line << '\n';
    };
    QStringList header;
    for (const ReportColumn &c : columns)
        header << c.name.toUpper();
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
    ctx.out << rows.size() << ' ' << reportName(request.report) << Qt::endl;
    return ExitOk;
}

int printJson(CliContext &ctx, const ExportRequest &request)
{
    QFile stdoutFile;
    QIODevice *device = outputDevice(ctx, stdoutFile);
    const QStringList names = ReportDefinition(request.report).columnNames();
    bool first = true;
    bool writeFailed = false;
    device->write("[");
    const ExportResult result =
        ReportExporter(*ctx.db).forEachRow(request, [&](const QStringList &cells) {
            QJsonObject o;
            for (int i = 0; i < names.size(); ++i)
                o.insert(names.at(i), cells.at(i));
            QByteArray line = first ? "\n" : ",\n";
            line += QJsonDocument(o).toJson(QJsonDocument::Compact);
            first = false;
            writeFailed = device->write(line) != line.size();
            return !writeFailed;
        });
    if (writeFailed)
        return ctx.fail(
            ExitFailure,
            QStringLiteral("cannot write to standard output: %1").arg(device->errorString()));
    if (!result.ok())
        return ctx.fail(ExitFailure, result.error);
    device->write("\n]\n");
    return ExitOk;
}

int printCsv(CliContext &ctx, const ExportRequest &request)
{
    QFile stdoutFile;
    const ExportResult result =
        ReportExporter(*ctx.db).exportToDevice(request, outputDevice(ctx, stdoutFile));
    if (!result.ok())
        return ctx.fail(ExitFailure, result.error);
    return ExitOk;
}

} // namespace

int listCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    addScopeOptions(parser);
    const QCommandLineOption search(QStringLiteral("search"), QStringLiteral("Words to find."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption status(QStringLiteral("status"), QStringLiteral("Common status."),
                                    QStringLiteral("S"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("table|csv|json"),
                                    QStringLiteral("FORMAT"), QStringLiteral("table"));
    parser.addOptions({search, status, format});
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli")} + args))
        return ctx.fail(ExitUsage, parser.errorText() + QStringLiteral("; see list --help."));
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << listUsage();
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    const QStringList kinds{QStringLiteral("invoices"), QStringLiteral("refunds"),
                            QStringLiteral("chargebacks")};
    if (positional.size() != 1 || !kinds.contains(positional.first()))
        return ctx.fail(ExitUsage,
                        QStringLiteral("list needs one of invoices, refunds, chargebacks; see "
                                       "list --help."));
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("table") && fmt != QLatin1String("csv") &&
        fmt != QLatin1String("json"))
        return ctx.fail(ExitUsage,
                        QStringLiteral("unknown format \"%1\"; use table, csv or json.").arg(fmt));
    const QString wantedStatus = parser.value(status);
    if (!wantedStatus.isEmpty() && !commonStatusFromName(wantedStatus))
        return ctx.fail(ExitUsage, QStringLiteral("unknown status \"%1\"; use pending, "
                                                  "requires_action, succeeded, failed or "
                                                  "canceled.")
                                       .arg(wantedStatus));
    // Checked before the cache opens: text that cannot be searched is a usage error, not a list
    // of everything.
    const QString searchError = searchProblem(parser.value(search));
    if (!searchError.isEmpty())
        return ctx.fail(ExitUsage, searchError);
    if (!ctx.openDatabase(CacheAccess::Read))
        return ExitFailure;
    const auto scope = resolveScope(*ctx.db, parser);
    if (!scope)
        return ctx.fail(ExitUsage, scope.error());

    ExportRequest request;
    request.report = *reportFromName(positional.first());
    request.filter = scope->filter;
    request.filter.search = parser.value(search);
    request.filter.status = wantedStatus;
    if (fmt == QLatin1String("csv"))
        return printCsv(ctx, request);
    if (fmt == QLatin1String("json"))
        return printJson(ctx, request);
    for (const QString &line : lastSyncLines(scope->accounts))
        ctx.err << line << Qt::endl;
    return printTable(ctx, request);
}

} // namespace rd
