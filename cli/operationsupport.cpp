#include "operationsupport.h"

#include "secretstore.h"

#include "gateway/gatewayfactory.h"
#include "ops/refundrules.h"
#include "ops/refundservice.h"
#include "store/database.h"

#include <QEventLoop>

namespace rd {

CliGateways::~CliGateways() = default;

Gateway *CliGateways::gatewayFor(const Account &account, QString *error, bool *authProblem)
{
    if (const auto it = m_gateways.constFind(account.id); it != m_gateways.constEnd())
        return it->get();
    const SecretStore::Result secret = m_ctx.secrets->readBlocking(account.name);
    if (secret.secret.isEmpty()) {
        if (authProblem)
            *authProblem = true;
        *error = QStringLiteral("no secret for account %1; set %2 or run refunddesk-cli accounts "
                                "set-secret %1%3")
                     .arg(account.name, SecretStore::environmentVariable(account.name),
                          secret.error.isEmpty() ? QString()
                                                 : QStringLiteral(" (%1)").arg(secret.error));
        return nullptr;
    }
    std::unique_ptr<Gateway> gateway = createGateway(account, secret.secret);
    if (!gateway) {
        *error = QStringLiteral("cannot open the %1 gateway of account %2 (base URL %3)")
                     .arg(dialectDisplayName(account.dialect), account.name, account.baseUrl);
        return nullptr;
    }
    std::shared_ptr<Gateway> shared(gateway.release());
    m_gateways.insert(account.id, shared);
    return shared.get();
}

Reconciler::GatewayProvider CliGateways::provider()
{
    return [this](const Account &account, QString *error) { return gatewayFor(account, error); };
}

std::optional<Account> findAccount(CliContext &ctx, const QString &name, int *code)
{
    // Commands that write open the cache for writing first; the rest only read here.
    if (!ctx.openDatabase(CacheAccess::Read)) {
        *code = ExitFailure;
        return std::nullopt;
    }
    const auto account = AccountRepository(*ctx.db).findByName(name);
    if (!account) {
        // A failed read is the cache's problem (exit 1), not a wrong name (exit 2).
        const bool unreadable = account.error().startsWith(QLatin1String("Cannot read"));
        *code = unreadable ? ctx.fail(ExitFailure, account.error())
                           : ctx.fail(ExitUsage, QStringLiteral("no account named \"%1\"; see "
                                                                "refunddesk-cli accounts list.")
                                                     .arg(name));
        return std::nullopt;
    }
    return *account;
}

OperationOutcome waitForOutcome(RefundService &service, const std::function<void()> &start)
{
    QEventLoop loop;
    std::optional<OperationOutcome> result;
    QObject::connect(&service, &RefundService::finished, &loop, [&](const OperationOutcome &o) {
        result = o;
        loop.quit();
    });
    start();
    if (!result)
        loop.exec();
    return *result;
}

namespace {
// "…answering." + ". Next sentence" would print two full stops.
QString sentence(QString text)
{
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}
} // namespace

int reportOutcome(CliContext &ctx, const Account &account, const OperationOutcome &o)
{
    switch (o.state) {
    case OperationState::Succeeded:
        ctx.out << o.gatewayId << Qt::endl;
        return ExitOk;
    case OperationState::Refused:
        return ctx.fail(ExitRefusedLocally,
                        QStringLiteral("refused, nothing was sent: %1").arg(o.message));
    case OperationState::Rejected:
        if (o.error.kind == GatewayError::Kind::Auth)
            return ctx.fail(ExitAuth, QStringLiteral("authentication failed for account %1: %2; "
                                                     "check its secret (%3).")
                                          .arg(account.name, sentence(o.error.describe()),
                                               SecretStore::environmentVariable(account.name)));
        return ctx.fail(ExitRejected, QStringLiteral("%1 (operation %2 is closed; nothing was "
                                                     "refunded).")
                                          .arg(o.message, o.operationId));
    case OperationState::NotSent:
        if (o.approvalId > 0)
            return ctx.fail(
                ExitUnreachable,
                QStringLiteral("gateway unreachable, nothing was sent: %1. Operation %2 "
                               "is closed and the refund waits for approval again "
                               "as request %3; approve it when %4 answers.")
                    .arg(sentence(o.error.describe()), o.operationId)
                    .arg(o.approvalId)
                    .arg(account.baseUrl));
        return ctx.fail(ExitUnreachable,
                        QStringLiteral("gateway unreachable, nothing was sent: %1. Operation %2 is "
                                       "closed; run the command again when %3 answers.")
                            .arg(sentence(o.error.describe()), o.operationId, account.baseUrl));
    case OperationState::Unknown:
        return ctx.fail(ExitUnknown,
                        QStringLiteral("outcome unknown: %1. Operation %2 stays in the outbox; "
                                       "refunddesk-cli reconcile (also run on the next start) "
                                       "finds it at the gateway or resends it with the same "
                                       "idempotency key and operation id. Do not issue it "
                                       "again.")
                            .arg(sentence(o.message), o.operationId));
    case OperationState::AwaitingApproval:
        // The id on stdout, as for a created refund, so a script can hand it to an approver.
        ctx.out << o.approvalId << Qt::endl;
        return ctx.fail(ExitAwaitingApproval,
                        QStringLiteral("waiting for approval; nothing sent: %1 Another person "
                                       "approves it with refunddesk-cli approvals approve %2 "
                                       "(or rejects it with approvals reject %2 --why TEXT).")
                            .arg(o.message)
                            .arg(o.approvalId));
    case OperationState::Failed:
        break;
    }
    return ctx.fail(ExitFailure, o.message);
}

int runOperation(CliContext &ctx, const QString &accountName,
                 const std::function<void(RefundService &)> &start)
{
    if (!ctx.openDatabase(CacheAccess::Write))
        return ExitFailure;
    int code = ExitOk;
    const auto account = findAccount(ctx, accountName, &code);
    if (!account)
        return code;
    CliGateways gateways(ctx);
    QString error;
    bool auth = false;
    Gateway *gateway = gateways.gatewayFor(*account, &error, &auth);
    if (!gateway)
        return ctx.fail(auth ? ExitAuth : ExitFailure, error);
    RefundService service(*ctx.db, *account, gateway);
    const OperationOutcome outcome = waitForOutcome(service, [&] { start(service); });
    return reportOutcome(ctx, *account, outcome);
}

int dryRunOperation(CliContext &ctx, const QString &accountName, const RefundDraft &draft)
{
    int code = ExitOk;
    const auto account = findAccount(ctx, accountName, &code);
    if (!account)
        return code;
    // The adapter answers what the dialect allows (reasons, operations); it never sends here,
    // so no secret is needed.
    const std::unique_ptr<Gateway> gateway = createGateway(*account, QString());
    if (!gateway)
        return ctx.fail(
            ExitFailure,
            QStringLiteral("cannot open the %1 gateway of account %2 (base URL %3)")
                .arg(dialectDisplayName(account->dialect), account->name, account->baseUrl));
    RefundService service(*ctx.db, *account, gateway.get());
    const Validation v = service.validate(draft);
    if (!v.ok)
        return ctx.fail(ExitRefusedLocally,
                        QStringLiteral("would be refused, nothing was sent: %1").arg(v.message));
    const OperationKind kind = effectiveKind(account->dialect, draft.kind);
    const Money after =
        Money(v.refundable.minorUnits() - v.amount.minorUnits(), v.refundable.currency());
    ctx.out << QStringLiteral("would send: %1 of %2 on invoice %3 of account %4 (%5)")
                   .arg(kind == OperationKind::Chargeback ? QStringLiteral("chargeback request")
                                                          : QStringLiteral("refund"),
                        v.amount.toDisplayString(), draft.invoiceId, account->name,
                        dialectDisplayName(account->dialect))
            << Qt::endl;
    const QString reason = v.dialectReason.isEmpty() ? v.reason : v.dialectReason;
    if (!reason.isEmpty())
        ctx.out << QStringLiteral("reason: %1").arg(reason) << Qt::endl;
    if (!draft.note.isEmpty())
        ctx.out << QStringLiteral("note: %1").arg(draft.note) << Qt::endl;
    ctx.out << QStringLiteral("refundable now %1, after it %2")
                   .arg(v.refundable.toDisplayString(), after.toDisplayString())
            << Qt::endl;
    ctx.out << QStringLiteral("dry run: nothing was sent or recorded.") << Qt::endl;
    return ExitOk;
}

ReconcileSummary reconcileAndWait(CliContext &ctx, CliGateways &gateways,
                                  const QList<qint64> &accountIds)
{
    Reconciler reconciler(*ctx.db, gateways.provider());
    QEventLoop loop;
    ReconcileSummary summary;
    QObject::connect(&reconciler, &Reconciler::finished, &loop, [&](const ReconcileSummary &s) {
        summary = s;
        loop.quit();
    });
    reconciler.reconcile(accountIds);
    loop.exec();
    return summary;
}

} // namespace rd
