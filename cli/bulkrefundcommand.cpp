// refunddesk-cli refund --from-csv FILE [--dry-run] [--out RESULTS.csv]: every row of the file
// is a single refund sent through the same RefundService and outbox, one after another; each
// row's stable key keeps a second run of the file from sending a row again.
#include "cli.h"
#include "operationsupport.h"

#include "ops/bulkrefund.h"
#include "ops/refundservice.h"
#include "report/csvwriter.h"
#include "store/cachefiles.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>

#include <map>
#include <memory>

namespace rd {

namespace {

QString bulkUsage()
{
    return QStringLiteral(
        "Usage: refunddesk-cli refund --from-csv FILE [--dry-run] [--out RESULTS.csv]\n"
        "\n"
        "Issues one refund per row of FILE: UTF-8 CSV with a header row naming, in any order,\n"
        "account, invoice_id, amount (major units with '.', or full) and optionally reason and\n"
        "note. Each row is checked like refund --account --invoice, counting the rows before it,\n"
        "and sent exactly once through the outbox, in file order. RESULTS.csv (standard output\n"
        "without --out) repeats each row with currency, outcome (ok, would-send, refused,\n"
        "rejected, unknown, awaiting-approval), refund_id and message.\n"
        "\n"
        "A row above its account's approval threshold (accounts set --approval-above) is not\n"
        "sent: it is recorded as an approval request, outcome awaiting-approval, and the\n"
        "message names the request; it is sent once another person approves it\n"
        "(approvals approve ID). Running the file again files no second request for a row\n"
        "whose request awaits a decision or was approved.\n"
        "\n"
        "Running the same file again, also after fixing or adding rows or after an interrupted\n"
        "run, sends only the rows not sent yet: a row is known by its content and how many\n"
        "identical rows come before it. To refund the same invoice the same amount again on\n"
        "purpose, make the row differ (for example its note).\n"
        "\n"
        "--dry-run checks every row from the cache alone and sends or records nothing.\n"
        "Exit codes: 0 every row ok (or would be), otherwise the most serious row: 5 unknown\n"
        "over 4 rejected over 3 refused over 8 awaiting approval; 1 the cache or RESULTS.csv\n"
        "could not be opened, 2 usage (the file cannot be read as a bulk refund file; nothing\n"
        "was sent).\n");
}

// Writes the results row by row, so an interrupted run leaves the rows it finished.
class ResultsSink final
{
public:
    ResultsSink(CliContext &ctx, QFile *file) : m_ctx(ctx), m_file(file), m_csv(&m_buffer, kinds())
    {
        m_buffer.open(QIODevice::WriteOnly);
    }
    Q_DISABLE_COPY_MOVE(ResultsSink)

    bool write(const QStringList &cells)
    {
        if (!m_csv.writeRow(cells) || !m_csv.flush())
            return false;
        const QByteArray bytes = m_buffer.data();
        m_buffer.buffer().clear();
        m_buffer.seek(0);
        if (!m_file) {
            m_ctx.out << QString::fromUtf8(bytes);
            m_ctx.out.flush();
            return true;
        }
        return m_file->write(bytes) == bytes.size() && m_file->flush();
    }

private:
    static QList<CsvWriter::CellKind> kinds()
    {
        // The amount column repeats the input as written ("full", or a hostile cell), so every
        // column is text and guarded.
        return QList<CsvWriter::CellKind>(bulkResultColumns().size(), CsvWriter::CellKind::Text);
    }

    CliContext &m_ctx;
    QFile *m_file;
    QBuffer m_buffer;
    CsvWriter m_csv;
};

// Sends through one RefundService per account, the single-refund path.
class CliSender final
{
public:
    explicit CliSender(CliContext &ctx) : m_ctx(ctx), m_gateways(ctx) {}
    Q_DISABLE_COPY_MOVE(CliSender)

    void submit(const Account &account, const RefundDraft &draft, BulkRefundRun::Done done)
    {
        QString error;
        bool auth = false;
        Gateway *gateway = m_gateways.gatewayFor(account, &error, &auth);
        if (!gateway) {
            OperationOutcome o;
            o.state = OperationState::Refused;
            o.message = error;
            done(o);
            return;
        }
        auto &service = m_services[account.id];
        if (!service) {
            service = std::make_unique<RefundService>(*m_ctx.db, account, gateway);
            QObject::connect(service.get(), &RefundService::finished, service.get(),
                             [this](const OperationOutcome &o) {
                                 const BulkRefundRun::Done now = std::move(m_done);
                                 m_done = nullptr;
                                 if (now)
                                     now(o);
                             });
        }
        m_done = std::move(done);
        service->submit(draft);
    }

private:
    CliContext &m_ctx;
    CliGateways m_gateways;
    std::map<qint64, std::unique_ptr<RefundService>> m_services;
    BulkRefundRun::Done m_done; // the one row in flight
};

} // namespace

int bulkRefundCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    const QCommandLineOption from(QStringLiteral("from-csv"), QStringLiteral("The rows."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The results."),
                                 QStringLiteral("RESULTS.csv"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Send nothing."));
    parser.addOptions({from, out, dryRun});
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli")} + args))
        return ctx.fail(ExitUsage,
                        parser.errorText() + QStringLiteral("; refund --from-csv takes only "
                                                            "--dry-run and --out; see refund "
                                                            "--from-csv --help."));
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << bulkUsage();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("unexpected argument \"%1\"; see refund "
                                                  "--from-csv --help.")
                                       .arg(parser.positionalArguments().first()));
    const QString input = parser.value(from);
    const QString output = parser.value(out);
    if (input.isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("refund --from-csv needs a FILE."));
    if (parser.isSet(out)) {
        if (output.isEmpty())
            return ctx.fail(ExitUsage, QStringLiteral("--out needs a file name."));
        const QFileInfo in(input), res(output);
        if (res.exists() && in.exists() && in.canonicalFilePath() == res.canonicalFilePath())
            return ctx.fail(ExitUsage, QStringLiteral("--out %1 is the input file; the results "
                                                      "go to another file.")
                                           .arg(output));
        if (const QString why = refuseCacheAsTarget(output, ctx.dbPath); !why.isEmpty())
            return ctx.fail(ExitUsage, why);
    }
    const auto rows = readBulkRefundFile(input);
    if (!rows)
        return ctx.fail(ExitUsage,
                        QStringLiteral("%1: %2; nothing was sent.").arg(input, rows.error()));
    const bool dry = parser.isSet(dryRun);
    if (!ctx.openDatabase(dry ? CacheAccess::Read : CacheAccess::Write))
        return ExitFailure;

    QFile file(output);
    if (!output.isEmpty() && !file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return ctx.fail(ExitFailure, QStringLiteral("cannot write %1: %2; nothing was sent.")
                                         .arg(output, file.errorString()));
    ResultsSink sink(ctx, output.isEmpty() ? nullptr : &file);
    bool written = sink.write(bulkResultColumns());

    BulkOutcome worst = BulkOutcome::Ok;
    QMap<BulkOutcome, int> counts;
    const auto record = [&](int index, const BulkRowResult &result) {
        const BulkRefundRow &row = rows->at(index);
        written = sink.write(bulkResultCells(row, result)) && written;
        if (bulkOutcomeRank(result.outcome) > bulkOutcomeRank(worst))
            worst = result.outcome;
        ++counts[result.outcome];
        if (ctx.stderrIsTerminal)
            ctx.err << QStringLiteral("[%1/%2] line %3, invoice %4: %5 %6")
                           .arg(index + 1)
                           .arg(rows->size())
                           .arg(row.line)
                           .arg(row.invoiceId, bulkOutcomeName(result.outcome),
                                result.refundId.isEmpty() ? result.message : result.refundId)
                    << Qt::endl;
    };

    if (dry) {
        const QList<BulkRowResult> results = previewBulkRefund(*ctx.db, *rows);
        for (int i = 0; i < results.size(); ++i)
            record(i, results.at(i));
    } else {
        CliSender sender(ctx);
        BulkRefundRun run(
            *ctx.db, [&sender](const Account &a, const RefundDraft &d, BulkRefundRun::Done done) {
                sender.submit(a, d, std::move(done));
            });
        QEventLoop loop;
        QObject::connect(&run, &BulkRefundRun::rowFinished, &loop, record);
        QObject::connect(&run, &BulkRefundRun::finished, &loop, &QEventLoop::quit);
        run.start(*rows);
        loop.exec();
    }

    QStringList summary;
    for (BulkOutcome o :
         {BulkOutcome::Ok, BulkOutcome::WouldSend, BulkOutcome::Refused, BulkOutcome::Rejected,
          BulkOutcome::Unknown, BulkOutcome::AwaitingApproval}) {
        if (counts.value(o))
            summary << QStringLiteral("%1 %2").arg(counts.value(o)).arg(bulkOutcomeName(o));
    }
    const QString where = output.isEmpty() ? QStringLiteral("the results above") : output;
    const QString line =
        QStringLiteral("%1 of %2 rows%3")
            .arg(summary.isEmpty() ? QStringLiteral("none") : summary.join(QStringLiteral(", ")))
            .arg(rows->size())
            .arg(dry ? QStringLiteral(" (dry run: nothing was sent or recorded)") : QString());
    if (!written)
        return ctx.fail(ExitFailure,
                        QStringLiteral("%1; the results could not all be written to %2 (%3). Run "
                                       "the file again: rows already sent are not sent again.")
                            .arg(line, where, file.errorString()));
    const int code = bulkOutcomeExitCode(worst);
    if (code == ExitAwaitingApproval)
        return ctx.fail(code,
                        QStringLiteral("%1; waiting for approval, nothing was sent for those rows: "
                                       "another person approves them (refunddesk-cli approvals "
                                       "list); see the message column of %2. Running the file "
                                       "again files no second request.")
                            .arg(line, where));
    if (code != ExitOk)
        return ctx.fail(code, QStringLiteral("%1; see the message column of %2. Running the "
                                             "file again sends only the rows not sent yet.")
                                  .arg(line, where));
    if (!output.isEmpty())
        ctx.out << QStringLiteral("%1; results in %2").arg(line, output) << Qt::endl;
    return ExitOk;
}

} // namespace rd
