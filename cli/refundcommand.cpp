// refunddesk-cli refund (issue one, exactly once), refund cancel, refund metadata
#include "cli.h"
#include "operationsupport.h"

#include "ops/refundservice.h"

#include <QCommandLineParser>

namespace rd {

namespace {

QString refundUsage()
{
    return QStringLiteral(
        "Usage:\n"
        "  refunddesk-cli refund --account NAME --invoice ID (--amount DECIMAL | --full)\n"
        "         [--reason duplicate|fraudulent|requested_by_customer|other|DIALECT_REASON]\n"
        "         [--note TEXT] [--metadata KEY=VALUE]...          (Stripe, WooshPay, ProcessOut)\n"
        "         [--credit-note-reason CODE] [--customer-notes TEXT]           (Chargebee)\n"
        "         [--invoice-detail-id ID]...                                  (ProcessOut)\n"
        "         [--dry-run]     validate and show what would be sent; nothing is sent or\n"
        "                         recorded (exit 0 or 3)\n"
        "  refunddesk-cli refund --from-csv FILE [--dry-run] [--out RESULTS.csv]\n"
        "         one refund per row of FILE (see refund --from-csv --help)\n"
        "  refunddesk-cli refund cancel --account NAME --refund ID        (Stripe "
        "requires_action)\n"
        "  refunddesk-cli refund metadata --account NAME --refund ID KEY=VALUE...  (Stripe; an\n"
        "         empty VALUE unsets KEY)\n"
        "\n"
        "--amount is in major units of the invoice's currency with '.' as separator. On an\n"
        "IntaSend account a refund is filed as a chargeback request. Prints the created refund's\n"
        "id. The invoice must be in the cache (refunddesk-cli sync). Before sending, the\n"
        "invoice and its refunds are read again from the gateway, so a refund made elsewhere\n"
        "is counted. Exit codes: 0 done,\n"
        "2 usage, 3 refused locally, 4 rejected, 5 outcome unknown (kept in the outbox),\n"
        "6 authentication failed, 7 gateway unreachable (nothing sent; the operation is "
        "closed),\n"
        "8 waiting for approval: above the account's approval threshold, recorded for another\n"
        "person and nothing sent; the request's id is printed (see approvals --help).\n");
}

bool parse(CliContext &ctx, QCommandLineParser &parser, const QStringList &args, int *code)
{
    return parseCommandArgs(ctx, parser, args, refundUsage(), QStringLiteral("refund --help"),
                            code);
}

bool parsePairs(CliContext &ctx, const QStringList &pairs, QMap<QString, QString> *out, int *code)
{
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *code = ctx.fail(
                ExitUsage,
                QStringLiteral("metadata \"%1\" is not KEY=VALUE; see refund --help.").arg(pair));
            return false;
        }
        out->insert(pair.left(eq), pair.mid(eq + 1));
    }
    return true;
}

int targeted(CliContext &ctx, const QString &sub, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("account"), QStringLiteral("The account."), QStringLiteral("NAME")});
    parser.addOption(
        {QStringLiteral("refund"), QStringLiteral("The refund's id."), QStringLiteral("ID")});
    int code = ExitOk;
    if (!parse(ctx, parser, args, &code))
        return code;
    const QString account = parser.value(QStringLiteral("account"));
    const QString refund = parser.value(QStringLiteral("refund"));
    if (account.isEmpty() || refund.isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("refund %1 needs --account and --refund; see "
                                                  "refund --help.")
                                       .arg(sub));
    if (sub == QLatin1String("cancel")) {
        if (!parser.positionalArguments().isEmpty())
            return ctx.fail(ExitUsage, QStringLiteral("refund cancel takes no other arguments."));
        return runOperation(ctx, account, [&](RefundService &s) { s.cancelRefund(refund); });
    }
    QMap<QString, QString> metadata;
    if (!parsePairs(ctx, parser.positionalArguments(), &metadata, &code))
        return code;
    if (metadata.isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("refund metadata needs at least one KEY=VALUE."));
    return runOperation(ctx, account,
                        [&](RefundService &s) { s.updateRefundMetadata(refund, metadata); });
}

} // namespace

int refundCommand(CliContext &ctx, const QStringList &args)
{
    if (!args.isEmpty() &&
        (args.first() == QLatin1String("cancel") || args.first() == QLatin1String("metadata")))
        return targeted(ctx, args.first(), args.mid(1));
    for (const QString &arg : args) {
        if (arg == QLatin1String("--from-csv") || arg.startsWith(QLatin1String("--from-csv=")))
            return bulkRefundCommand(ctx, args);
    }

    QCommandLineParser parser;
    const auto value = [&parser](const char *name, const char *help, const char *valueName) {
        parser.addOption(
            {QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(valueName)});
    };
    value("account", "The account.", "NAME");
    value("invoice", "The invoice's gateway id.", "ID");
    value("amount", "Amount in major units.", "DECIMAL");
    parser.addOption({QStringLiteral("full"), QStringLiteral("Refund all that remains.")});
    parser.addOption({QStringLiteral("dry-run"),
                      QStringLiteral("Validate and show what would be sent; send nothing.")});
    value("reason", "Refund reason.", "REASON");
    value("note", "Comment carried with the refund.", "TEXT");
    value("metadata", "Metadata KEY=VALUE (repeatable).", "KEY=VALUE");
    value("credit-note-reason", "Chargebee credit-note reason code.", "CODE");
    value("customer-notes", "Chargebee customer notes.", "TEXT");
    value("invoice-detail-id", "ProcessOut invoice detail id (repeatable).", "ID");
    int code = ExitOk;
    if (!parse(ctx, parser, args, &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("unexpected argument \"%1\"; see refund --help.")
                                       .arg(parser.positionalArguments().first()));
    const QString account = parser.value(QStringLiteral("account"));
    if (account.isEmpty() || parser.value(QStringLiteral("invoice")).isEmpty())
        return ctx.fail(ExitUsage,
                        QStringLiteral("refund needs --account and --invoice; see refund --help."));
    const bool full = parser.isSet(QStringLiteral("full"));
    if (full == parser.isSet(QStringLiteral("amount")))
        return ctx.fail(ExitUsage, QStringLiteral("give either --amount DECIMAL or --full."));

    RefundDraft draft;
    draft.kind = OperationKind::Refund;
    draft.invoiceId = parser.value(QStringLiteral("invoice"));
    draft.full = full;
    draft.amountText = parser.value(QStringLiteral("amount"));
    draft.reason = parser.value(QStringLiteral("reason"));
    draft.note = parser.value(QStringLiteral("note"));
    draft.creditNoteReasonCode = parser.value(QStringLiteral("credit-note-reason"));
    draft.customerNotes = parser.value(QStringLiteral("customer-notes"));
    draft.invoiceDetailIds = parser.values(QStringLiteral("invoice-detail-id"));
    if (!parsePairs(ctx, parser.values(QStringLiteral("metadata")), &draft.metadata, &code))
        return code;
    if (parser.isSet(QStringLiteral("dry-run")))
        return dryRunOperation(ctx, account, draft);
    return runOperation(ctx, account, [&](RefundService &s) { s.submit(draft); });
}

} // namespace rd
