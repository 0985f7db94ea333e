// refunddesk-cli reconcile: resolves pending and unknown operations (see ops/reconciler.h).
// The same pass runs quietly at the start of every command that talks to a gateway.
#include "cli.h"
#include "operationsupport.h"

#include "store/database.h"
#include "store/outboxrepository.h"

#include <QCommandLineParser>

namespace rd {

namespace {

void printSummary(CliContext &ctx, QTextStream &to, const ReconcileSummary &s)
{
    for (const OperationOutcome &o : s.outcomes) {
        to << o.operationId << "  " << operationStateName(o.state);
        if (!o.gatewayId.isEmpty())
            to << "  " << o.gatewayId;
        if (!o.message.isEmpty())
            to << "  " << o.message;
        to << Qt::endl;
    }
    Q_UNUSED(ctx)
    to << "reconciled " << s.examined << " open operation(s): " << s.succeeded << " succeeded, "
       << s.rejected << " rejected, " << s.stillOpen << " still open, " << s.busy
       << " being sent by another process" << Qt::endl;
}

} // namespace

int reconcileCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("account"), QStringLiteral("Only this account."), QStringLiteral("NAME")});
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli")} + args))
        return ctx.fail(ExitUsage, parser.errorText() + QStringLiteral("; see reconcile --help."));
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << "Usage: refunddesk-cli reconcile [--account NAME]\n"
                   "Resolves operations whose outcome is pending or unknown: finds them at the\n"
                   "gateway by operation id, or resends them with the same idempotency key.\n"
                   "Exit 0 when nothing is left open, 5 when some outcome is still unknown.\n";
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("reconcile takes no arguments."));
    if (!ctx.openDatabase(CacheAccess::Write))
        return ExitFailure;
    QList<qint64> accountIds;
    if (parser.isSet(QStringLiteral("account"))) {
        int code = ExitOk;
        const auto account = findAccount(ctx, parser.value(QStringLiteral("account")), &code);
        if (!account)
            return code;
        accountIds << account->id;
    }
    CliGateways gateways(ctx);
    const ReconcileSummary summary = reconcileAndWait(ctx, gateways, accountIds);
    printSummary(ctx, ctx.out, summary);
    // Details, not failures: the one failure line (if any) follows.
    for (const QString &problem : summary.problems)
        ctx.err << problem << Qt::endl;
    if (summary.stillOpen > 0 || summary.busy > 0)
        return ctx.fail(ExitUnknown, QStringLiteral("%1 operation(s) are still open; see "
                                                    "refunddesk-cli outbox.")
                                         .arg(summary.stillOpen + summary.busy));
    return ExitOk;
}

void reconcileOpenOperations(CliContext &ctx)
{
    // Quiet unless there is something open: no network, no secrets otherwise.
    if (!ctx.openDatabase(CacheAccess::Write))
        return;
    // A failed read is no reason to skip the reconcile: it reports the problem itself.
    const auto open = OutboxRepository(*ctx.db).openEntries();
    if (open && open->isEmpty())
        return;
    CliGateways gateways(ctx);
    const ReconcileSummary summary = reconcileAndWait(ctx, gateways, {});
    if (summary.examined > summary.busy)
        printSummary(ctx, ctx.err, summary);
}

} // namespace rd
