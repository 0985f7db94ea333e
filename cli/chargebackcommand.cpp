// refunddesk-cli chargeback: an IntaSend chargeback (refund) request, exactly once
#include "cli.h"
#include "operationsupport.h"

#include "ops/refundservice.h"

#include <QCommandLineParser>

namespace rd {

int chargebackCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("account"), QStringLiteral("The account."), QStringLiteral("NAME")});
    parser.addOption(
        {QStringLiteral("invoice"), QStringLiteral("The invoice id."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("amount"), QStringLiteral("Amount in major units."),
                      QStringLiteral("DECIMAL")});
    parser.addOption({QStringLiteral("reason"), QStringLiteral("Why."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("details"), QStringLiteral("More about the reason."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("dry-run"),
                      QStringLiteral("Validate and show what would be sent; send nothing.")});
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli")} + args))
        return ctx.fail(ExitUsage, parser.errorText() + QStringLiteral("; see chargeback --help."));
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << "Usage: refunddesk-cli chargeback --account NAME --invoice ID --amount DECIMAL"
                   " --reason TEXT [--details TEXT] [--dry-run]\n"
                   "Files an IntaSend chargeback request exactly once and prints its id.\n";
        return ExitOk;
    }
    const QStringList required{QStringLiteral("account"), QStringLiteral("invoice"),
                               QStringLiteral("amount"), QStringLiteral("reason")};
    for (const QString &name : required) {
        if (parser.value(name).trimmed().isEmpty())
            return ctx.fail(ExitUsage, QStringLiteral("chargeback needs --%1; see chargeback "
                                                      "--help.")
                                           .arg(name));
    }
    if (!parser.positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("unexpected argument \"%1\".")
                                       .arg(parser.positionalArguments().first()));
    RefundDraft draft;
    draft.kind = OperationKind::Chargeback;
    draft.invoiceId = parser.value(QStringLiteral("invoice"));
    draft.amountText = parser.value(QStringLiteral("amount"));
    draft.reason = parser.value(QStringLiteral("reason"));
    draft.note = parser.value(QStringLiteral("details"));
    if (parser.isSet(QStringLiteral("dry-run")))
        return dryRunOperation(ctx, parser.value(QStringLiteral("account")), draft);
    return runOperation(ctx, parser.value(QStringLiteral("account")),
                        [&](RefundService &s) { s.submit(draft); });
}

} // namespace rd
