// refunddesk-cli approvals list|approve|reject: the maker-checker queue. A refund or chargeback
// above its account's approval threshold waits here until another person approves it (then it
// is sent exactly once, like refund) or rejects it (nothing is sent).
#include "cli.h"
#include "operationsupport.h"

#include "ops/approvals.h"
#include "ops/refundservice.h"
#include "store/actinguser.h"
#include "store/approvalrepository.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace rd {

namespace {

QString approvalsUsage()
{
    return QStringLiteral(
        "Usage:\n"
        "  refunddesk-cli approvals list [--format table|json]\n"
        "  refunddesk-cli approvals approve ID\n"
        "  refunddesk-cli approvals reject ID --why TEXT\n"
        "\n"
        "A refund or chargeback above its account's approval threshold (accounts set NAME\n"
        "--approval-above AMOUNT) is recorded, not sent, and the refund command exits 8 with\n"
        "the request's id. list shows the requests awaiting approval; json fields: id, account,\n"
        "invoice_id, amount, currency, reason, requested_by, requested_at. approve sends the\n"
        "request exactly once, after checking the refundable amount again; its exit codes are\n"
        "those of refund (3 also when the acting user made the request). reject records why;\n"
        "nothing is sent.\n"
        "\n"
        "The acting user is REFUNDDESK_USER when set, else the OS user. On a local (SQLite)\n"
        "cache every user may approve other people's requests; nobody approves their own.\n");
}

bool parse(CliContext &ctx, QCommandLineParser &parser, const QStringList &args, int *code)
{
    return parseCommandArgs(ctx, parser, args, approvalsUsage(), QStringLiteral("approvals --help"),
                            code);
}

// The one positional ID of approve and reject.
bool requestId(CliContext &ctx, const QString &sub, const QStringList &positional, qint64 *id,
               int *code)
{
    bool ok = false;
    if (positional.size() == 1)
        *id = positional.first().toLongLong(&ok);
    if (!ok || *id <= 0) {
        *code = ctx.fail(ExitUsage, QStringLiteral("approvals %1 needs one request ID (a number "
                                                   "from approvals list).")
                                        .arg(sub));
        return false;
    }
    return true;
}

int list(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("format"), QStringLiteral("table or json."),
                      QStringLiteral("FORMAT"), QStringLiteral("table")});
    int code = ExitOk;
    if (!parse(ctx, parser, args, &code))
        return code;
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("table") && format != QLatin1String("json"))
        return ctx.fail(ExitUsage, QStringLiteral("--format is table or json."));
    if (!parser.positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("approvals list takes no arguments."));
    if (!ctx.openDatabase(CacheAccess::Read))
        return ExitFailure;
    const auto requests = ApprovalRepository(*ctx.db).awaiting();
    if (!requests)
        return ctx.fail(ExitFailure, requests.error());
    if (format == QLatin1String("json")) {
        QJsonArray rows;
        for (const ApprovalRequest &r : *requests) {
            rows.append(QJsonObject{
                {QStringLiteral("id"), r.id},
                {QStringLiteral("account"), r.account},
                {QStringLiteral("invoice_id"), r.invoiceId},
                {QStringLiteral("amount"), r.amount.toDecimalString()},
                {QStringLiteral("currency"), r.amount.currency()},
                {QStringLiteral("reason"), r.reason},
                {QStringLiteral("requested_by"), r.requestedBy},
                {QStringLiteral("requested_at"), r.requestedAt.toString(Qt::ISODate)},
            });
        }
        ctx.out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (requests->isEmpty()) {
        ctx.out << "no requests awaiting approval" << Qt::endl;
        return ExitOk;
    }
    ctx.out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
                   .arg(QStringLiteral("ID").rightJustified(5),
                        QStringLiteral("ACCOUNT").leftJustified(12),
                        QStringLiteral("INVOICE").leftJustified(16),
                        QStringLiteral("AMOUNT").rightJustified(16),
                        QStringLiteral("REQUESTED BY").leftJustified(14),
                        QStringLiteral("REQUESTED AT (UTC)").leftJustified(20),
                        QStringLiteral("REASON"))
            << Qt::endl;
    for (const ApprovalRequest &r : *requests) {
        ctx.out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
                       .arg(QString::number(r.id).rightJustified(5), r.account.leftJustified(12),
                            r.invoiceId.leftJustified(16),
                            r.amount.toDisplayString().rightJustified(16),
                            r.requestedBy.leftJustified(14),
                            r.requestedAt.toString(Qt::ISODate).leftJustified(20), r.reason)
                << Qt::endl;
    }
    return ExitOk;
}

int approve(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    int code = ExitOk;
    if (!parse(ctx, parser, args, &code))
        return code;
    qint64 id = 0;
    if (!requestId(ctx, QStringLiteral("approve"), parser.positionalArguments(), &id, &code))
        return code;
    if (!ctx.openDatabase(CacheAccess::Write))
        return ExitFailure;
    // Refused here already when it cannot be approved by this user, before any gateway is
    // opened; RefundService checks again under the write lock.
    const auto request = decidableRequest(*ctx.db, id, actingUser(*ctx.db), true);
    if (!request) {
        const bool unreadable = request.error().startsWith(QLatin1String("Cannot"));
        return ctx.fail(unreadable ? ExitFailure : ExitRefusedLocally,
                        QStringLiteral("refused, nothing was sent: %1").arg(request.error()));
    }
    return runOperation(ctx, request->account, [id](RefundService &s) { s.approve(id); });
}

int reject(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("why"), QStringLiteral("Why it is rejected (required)."),
                      QStringLiteral("TEXT")});
    int code = ExitOk;
    if (!parse(ctx, parser, args, &code))
        return code;
    qint64 id = 0;
    if (!requestId(ctx, QStringLiteral("reject"), parser.positionalArguments(), &id, &code))
        return code;
    if (parser.value(QStringLiteral("why")).trimmed().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("approvals reject needs --why TEXT saying why."));
    if (!ctx.openDatabase(CacheAccess::Write))
        return ExitFailure;
    const auto rejected = rejectApproval(*ctx.db, id, parser.value(QStringLiteral("why")));
    if (!rejected) {
        const bool unreadable = rejected.error().startsWith(QLatin1String("Cannot"));
        return ctx.fail(unreadable ? ExitFailure : ExitRefusedLocally, rejected.error());
    }
    ctx.out << "rejected approval request " << id << " (" << rejected->amount.toDisplayString()
            << " on invoice " << rejected->invoiceId << " of " << rejected->account
            << "); nothing was sent" << Qt::endl;
    return ExitOk;
}

} // namespace

int approvalsCommand(CliContext &ctx, const QStringList &args)
{
    if (args.isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("approvals needs list, approve or reject; see "
                                                  "approvals --help."));
    if (args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        ctx.out << approvalsUsage();
        return ExitOk;
    }
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("list"))
        return list(ctx, rest);
    if (sub == QLatin1String("approve"))
        return approve(ctx, rest);
    if (sub == QLatin1String("reject"))
        return reject(ctx, rest);
    return ctx.fail(
        ExitUsage,
        QStringLiteral("unknown approvals command \"%1\"; see approvals --help.").arg(sub));
}

} // namespace rd
