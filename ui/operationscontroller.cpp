#include "operationscontroller.h"

#include "gateway/gatewayfactory.h"
#include "ops/reconciler.h"
#include "ops/refundservice.h"
#include "secretsource.h"
#include "store/database.h"

#include <QPointer>

#include <memory>

namespace rd {

namespace {

OperationOutcome refused(const QString &message)
{
    OperationOutcome o;
    o.state = OperationState::Refused;
    o.message = message;
    return o;
}

} // namespace

OperationsController::OperationsController(Database &db, SecretSource *secrets, QObject *parent)
    : QObject(parent), m_db(db), m_secrets(secrets)
{}

OperationsController::~OperationsController() = default;

QStringList OperationsController::dialectReasons(const Account &account)
{
    // An adapter without a secret never sends anything; it only answers what it accepts.
    const auto gateway = createGateway(account, QString());
    return gateway ? gateway->refundReasons() : QStringList();
}

void OperationsController::withService(qint64 accountId, Done done, Work work)
{
    QString error;
    const auto account = AccountRepository(m_db).findById(accountId, &error);
    if (!account) {
        done(refused(error.isEmpty() ? tr("The account no longer exists.") : error));
        return;
    }
    QPointer<OperationsController> self(this);
    m_secrets->fetch({*account}, [self, account = *account, done,
                                  work](const QHash<qint64, QString> &secrets,
                                        const QStringList &missing) {
        if (!self)
            return;
        if (!secrets.contains(account.id)) {
            done(refused(
                missing.value(0, tr("%1 has no secret: add it in Accounts.").arg(account.name))));
            return;
        }
        // One holder per operation: the adapter and the service live until it has finished.
        auto *holder = new QObject(self);
        Gateway *gateway = createGateway(account, secrets.value(account.id), holder).release();
        if (!gateway) {
            delete holder;
            done(refused(tr("RefundDesk has no adapter for this account's gateway.")));
            return;
        }
        auto *service = new RefundService(self->m_db, account, gateway, holder);
        connect(service, &RefundService::finished, self,
                [self, holder, done](const OperationOutcome &outcome) {
                    done(outcome);
                    holder->deleteLater();
                    if (self)
                        Q_EMIT self->cacheChanged();
                });
        work(service);
    });
}

void OperationsController::submitRefund(const RefundDraft &draft, Done done)
{
    withService(draft.accountId, std::move(done),
                [draft](RefundService *service) { service->submit(draft); });
}

void OperationsController::cancelRefund(qint64 accountId, const QString &refundId, Done done)
{
    withService(accountId, std::move(done),
                [refundId](RefundService *service) { service->cancelRefund(refundId); });
}

void OperationsController::updateRefundMetadata(const RefundMetadataDraft &draft, Done done)
{
    withService(draft.accountId, std::move(done), [draft](RefundService *service) {
        service->updateRefundMetadata(draft.refundId, draft.metadata);
    });
}

void OperationsController::reconcile(const QList<qint64> &accountIds)
{
    if (m_reconciling)
        return;
    QList<Account> accounts;
    for (const Account &a : AccountRepository(m_db).list()) {
        if (accountIds.isEmpty() || accountIds.contains(a.id))
            accounts << a;
    }
    if (accounts.isEmpty())
        return;
    m_reconciling = true;
    QPointer<OperationsController> self(this);
    m_secrets->fetch(accounts, [self](const QHash<qint64, QString> &secrets, const QStringList &) {
        if (!self)
            return;
        auto *holder = new QObject(self);
        auto provider = [holder, secrets](const Account &a, QString *error) -> Gateway * {
            if (!secrets.contains(a.id)) {
                *error = tr("%1 has no secret.").arg(a.name);
                return nullptr;
            }
            return createGateway(a, secrets.value(a.id), holder).release();
        };
        auto *reconciler = new Reconciler(self->m_db, provider, holder);
        connect(reconciler, &Reconciler::finished, self, [self, holder](const ReconcileSummary &s) {
            holder->deleteLater();
            if (!self)
                return;
            self->m_reconciling = false;
            if (s.examined > 0)
                Q_EMIT self->reconciled(tr("Outbox checked: %1 settled, %2 refused, %3 still open.")
                                            .arg(s.succeeded)
                                            .arg(s.rejected)
                                            .arg(s.stillOpen));
            Q_EMIT self->cacheChanged();
        });
        reconciler->reconcile(secrets.keys());
    });
}

} // namespace rd
