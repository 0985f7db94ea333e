// What the refund, chargeback, outbox and reconcile commands share: finding the account,
// opening its gateway with the secret from the environment or keychain, waiting for an
// operation, and turning its outcome into an exit code and one line on stderr.
#pragma once

#include "cli.h"

#include "ops/operation.h"
#include "ops/reconciler.h"
#include "store/accountrepository.h"

#include <QHash>

#include <functional>
#include <memory>
#include <optional>

namespace rd {

class RefundService;

// Gateways of the accounts a command touches, opened on first use and kept for the command.
class CliGateways final
{
public:
    explicit CliGateways(CliContext &ctx) : m_ctx(ctx) {}
    ~CliGateways();
    Q_DISABLE_COPY_MOVE(CliGateways)

    // nullptr with a reason (and `authProblem` set when the secret is missing).
    Gateway *gatewayFor(const Account &account, QString *error, bool *authProblem = nullptr);
    Reconciler::GatewayProvider provider();

private:
    CliContext &m_ctx;
    QHash<qint64, std::shared_ptr<Gateway>> m_gateways;
};

// Looks the account up by name; prints the problem and sets `code` when it cannot.
std::optional<Account> findAccount(CliContext &ctx, const QString &name, int *code);

// Opens the account, its gateway and a RefundService, runs `start` on the service, waits for
// the outcome and reports it; returns the exit code.
int runOperation(CliContext &ctx, const QString &accountName,
                 const std::function<void(RefundService &)> &start);

// Validates `draft` exactly as a refund or chargeback would be, from the cache alone, and
// prints what would be sent: 0 when it would be sent, 3 when it would be refused. Nothing is
// sent, queued or written to the audit log.
int dryRunOperation(CliContext &ctx, const QString &accountName, const RefundDraft &draft);

// Runs `start` (which calls submit/cancel/update on `service`) and waits for finished().
OperationOutcome waitForOutcome(RefundService &service, const std::function<void()> &start);

// 0 and the created id on stdout on success; otherwise one line on stderr and the exit code.
int reportOutcome(CliContext &ctx, const Account &account, const OperationOutcome &outcome);

// Reconciles the open outbox entries of `accountIds` (all when empty) and waits.
ReconcileSummary reconcileAndWait(CliContext &ctx, CliGateways &gateways,
                                  const QList<qint64> &accountIds);

} // namespace rd
