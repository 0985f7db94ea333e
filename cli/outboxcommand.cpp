// refunddesk-cli outbox: the operations whose outcome is pending or unknown. Read-only and
// offline, so a person can always see what is open.
#include "cli.h"
#include "operationsupport.h"

#include "store/database.h"
#include "store/outboxrepository.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace rd {

namespace {

QList<OutboxEntry> allEntries(Database &db, const QList<qint64> &accountIds)
{
    // Closed entries too, newest last, for --all.
    QList<OutboxEntry> out;
    OutboxRepository repo(db);
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT operation_id, account_id FROM outbox ORDER BY id"));
    while (q.next()) {
        if (!accountIds.isEmpty() && !accountIds.contains(q.value(1).toLongLong()))
            continue;
        const auto e = repo.find(q.value(0).toString());
        if (e && *e)
            out << **e;
    }
    return out;
}

} // namespace

int outboxCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("account"), QStringLiteral("Only this account."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("all"), QStringLiteral("Closed operations too.")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("table or json."),
                      QStringLiteral("FORMAT"), QStringLiteral("table")});
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli")} + args))
        return ctx.fail(ExitUsage, parser.errorText() + QStringLiteral("; see outbox --help."));
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << "Usage: refunddesk-cli outbox [--account NAME] [--all] [--format table|json]\n"
                   "Lists refunds and chargebacks whose outcome is pending or unknown; they are\n"
                   "resolved by refunddesk-cli reconcile (also run on every start).\n";
        return ExitOk;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("table") && format != QLatin1String("json"))
        return ctx.fail(ExitUsage, QStringLiteral("--format is table or json."));
    if (!parser.positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("outbox takes no arguments; see outbox --help."));
    if (!ctx.openDatabase(CacheAccess::Read))
        return ExitFailure;
    QList<qint64> accountIds;
    QHash<qint64, QString> names;
    const auto accounts = AccountRepository(*ctx.db).list();
    if (!accounts)
        return ctx.fail(ExitFailure, accounts.error());
    for (const Account &a : *accounts)
        names.insert(a.id, a.name);
    if (parser.isSet(QStringLiteral("account"))) {
        int code = ExitOk;
        const auto account = findAccount(ctx, parser.value(QStringLiteral("account")), &code);
        if (!account)
            return code;
        accountIds << account->id;
    }
    QList<OutboxEntry> entries;
    if (parser.isSet(QStringLiteral("all"))) {
        entries = allEntries(*ctx.db, accountIds);
    } else {
        auto open = OutboxRepository(*ctx.db).openEntries(accountIds);
        if (!open)
            return ctx.fail(ExitFailure, open.error());
        entries = *open;
    }
    if (format == QLatin1String("json")) {
        QJsonArray rows;
        for (const OutboxEntry &e : entries) {
            rows.append(QJsonObject{
                {QStringLiteral("operation_id"), e.operationId},
                {QStringLiteral("account"), names.value(e.accountId)},
                {QStringLiteral("kind"), operationKindName(e.kind)},
                {QStringLiteral("invoice_id"), e.invoiceId},
                {QStringLiteral("target_id"), e.targetId},
                {QStringLiteral("amount"),
                 e.amount.isValid() ? e.amount.toDecimalString() : QString()},
                {QStringLiteral("currency"), e.amount.currency()},
                {QStringLiteral("state"), outboxStateName(e.state)},
                {QStringLiteral("attempts"), e.attempts},
                {QStringLiteral("result_id"), e.resultId},
                {QStringLiteral("created_at"), e.createdAt.toString(Qt::ISODate)},
                {QStringLiteral("message"), e.message},
            });
        }
        ctx.out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (entries.isEmpty()) {
        ctx.out << "no pending or unknown operations" << Qt::endl;
        return ExitOk;
    }
    ctx.out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8")
                   .arg(QStringLiteral("OPERATION").leftJustified(37),
                        QStringLiteral("ACCOUNT").leftJustified(12),
                        QStringLiteral("KIND").leftJustified(10),
                        QStringLiteral("INVOICE").leftJustified(16),
                        QStringLiteral("AMOUNT").rightJustified(14),
                        QStringLiteral("STATE").leftJustified(9), QStringLiteral("TRIES"),
                        QStringLiteral("MESSAGE"))
            << Qt::endl;
    for (const OutboxEntry &e : entries) {
        ctx.out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8")
                       .arg(e.operationId.leftJustified(37),
                            names.value(e.accountId).leftJustified(12),
                            operationKindName(e.kind).left(10).leftJustified(10),
                            (e.invoiceId.isEmpty() ? e.targetId : e.invoiceId).leftJustified(16),
                            (e.amount.isValid() ? e.amount.toDisplayString() : QString())
                                .rightJustified(14),
                            outboxStateName(e.state).leftJustified(9),
                            QString::number(e.attempts).rightJustified(5), e.message)
                << Qt::endl;
    }
    return ExitOk;
}

} // namespace rd
