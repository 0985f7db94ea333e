#include "operationscontroller.h"

#include "cacheworker.h"
#include "gateway/gatewayfactory.h"
#include "ops/approvals.h"
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
    : QObject(parent), m_db(db), m_secrets(secrets),
      m_worker(std::make_unique<CacheWorker>(db.path(), QStringLiteral("operations")))
{}

OperationsController::~OperationsController()
{
    // Operations still in flight are abandoned here; their outbox entries stay open and the
    // next start reconciles them. Their objects go on the thread they live on.
    m_worker->post([this](Database *, const QString &) {
        delete m_root;
        m_root = nullptr;
    });
    m_worker.reset();
}

QStringList OperationsController::dialectReasons(const Account &account)
{
    // An adapter without a secret never sends anything; it only answers what it accepts.
    const auto gateway = createGateway(account, QString());
    return gateway ? gateway->refundReasons() : QStringList();
}

QObject *OperationsController::holderOnWorker()
{
    if (!m_root)
        m_root = new QObject; // created on the worker thread, so it lives there
    return new QObject(m_root);
}

void OperationsController::deliver(const Done &done, const OperationOutcome &outcome)
{
    QMetaObject::invokeMethod(
        this,
        [this, done, outcome] {
            done(outcome);
            Q_EMIT cacheChanged();
        },
        Qt::QueuedConnection);
}

void OperationsController::withService(qint64 accountId, Done done, Work work)
{
    const auto account = AccountRepository(m_db).findById(accountId);
    if (!account) {
        done(refused(account.error()));
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
        // The service writes the outbox and waits for the gateway on the worker thread, with
        // the worker's own connection: the window never waits for a write lock or a reply.
        OperationsController *that = self;
        that->m_worker->post([that, account, secret = secrets.value(account.id), done,
                              work](Database *db, const QString &openError) {
            if (!db) {
                that->deliver(done, refused(openError));
                return;
            }
            // One holder per operation: the adapter and the service live until it has ended.
            QObject *holder = that->holderOnWorker();
            Gateway *gateway = createGateway(account, secret, holder).release();
            if (!gateway) {
                delete holder;
                that->deliver(done,
                              refused(tr("RefundDesk has no adapter for this account's gateway.")));
                return;
            }
            auto *service = new RefundService(*db, account, gateway, holder);
            connect(service, &RefundService::finished, holder,
                    [that, holder, done](const OperationOutcome &outcome) {
                        holder->deleteLater();
                        that->deliver(done, outcome);
                    });
            work(service);
        });
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

void OperationsController::approveRequest(qint64 accountId, qint64 approvalId, Done done)
{
    withService(accountId, std::move(done),
                [approvalId](RefundService *service) { service->approve(approvalId); });
}

void OperationsController::rejectRequest(qint64 approvalId, const QString &why,
                                         std::function<void(const QString &)> done)
{
    m_worker->post([this, approvalId, why, done](Database *db, const QString &openError) {
        const QString error = db ? rejectApproval(*db, approvalId, why).error() : openError;
        QMetaObject::invokeMethod(
            this,
            [this, done, error] {
                done(error);
                Q_EMIT cacheChanged();
            },
            Qt::QueuedConnection);
    });
}

void OperationsController::reconcile(const QList<qint64> &accountIds)
{
    if (m_reconciling)
        return;
    QList<Account> accounts;
    for (const Account &a : AccountRepository(m_db).list().valueOr({})) {
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
        OperationsController *that = self;
        that->m_worker->post([that, secrets](Database *db, const QString &) {
            const auto finish = [that](const QString &summary) {
                QMetaObject::invokeMethod(
                    that,
                    [that, summary] {
                        that->m_reconciling = false;
                        if (!summary.isEmpty())
                            Q_EMIT that->reconciled(summary);
                        Q_EMIT that->cacheChanged();
                    },
                    Qt::QueuedConnection);
            };
            if (!db) {
                finish(QString());
                return;
            }
            QObject *holder = that->holderOnWorker();
            auto provider = [holder, secrets](const Account &a, QString *error) -> Gateway * {
                if (!secrets.contains(a.id)) {
                    *error = tr("%1 has no secret.").arg(a.name);
                    return nullptr;
                }
                return createGateway(a, secrets.value(a.id), holder).release();
            };
            auto *reconciler = new Reconciler(*db, provider, holder);
            connect(reconciler, &Reconciler::finished, holder,
                    [holder, finish](const ReconcileSummary &s) {
                        holder->deleteLater();
                        finish(s.examined == 0
                                   ? QString()
                                   : tr("Outbox checked: %1 settled, %2 refused, %3 still open.")
                                         .arg(s.succeeded)
                                         .arg(s.rejected)
                                         .arg(s.stillOpen));
                    });
            reconciler->reconcile(secrets.keys());
        });
    });
}

} // namespace rd
