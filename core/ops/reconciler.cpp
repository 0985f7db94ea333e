#include "reconciler.h"

#include "operationexecutor.h"

#include "store/database.h"
#include "store/outboxrepository.h"

#include <QSqlQuery>
#include <QTimer>

namespace rd {

namespace {

// Enough pages for any one invoice's refunds; a runaway cursor must not loop forever.
constexpr int maxPages = 50;
// A refund created this long before its outbox entry cannot be the entry's refund.
constexpr qint64 clockSlackSecs = 600;

bool carries(const QString &operationId, const QString &found, const QString &text,
             const QMap<QString, QString> &metadata)
{
    if (found == operationId)
        return true;
    if (!found.isEmpty())
        return false;
    if (text.contains(operationId))
        return true;
    for (const QString &v : metadata) {
        if (v == operationId)
            return true;
    }
    return false;
}

bool plausibleByAmountAndTime(const OutboxEntry &e, const Money &amount, const QDateTime &created,
                              const QString &foundOperationId)
{
    return foundOperationId.isEmpty() && amount == e.amount && created.isValid() &&
           created.toSecsSinceEpoch() >= e.createdAt.toSecsSinceEpoch() - clockSlackSecs;
}

QString textOf(const Refund &r)
{
    return r.note;
}
QString textOf(const Chargeback &c)
{
    return c.reasonDetails;
}
QMap<QString, QString> metadataOf(const Refund &r)
{
    return r.metadata;
}
QMap<QString, QString> metadataOf(const Chargeback &)
{
    return {};
}

// The listed refund or chargeback that is `e`'s, with how it was recognised.
template <typename T>
std::optional<std::pair<T, QString>> matchOperation(const OutboxEntry &e, const QList<T> &items,
                                                    const QStringList &claimed)
{
    QList<T> byAmount;
    bool gatewayEchoesIds = false;
    for (const T &x : items) {
        if (!x.invoiceId.isEmpty() && x.invoiceId != e.invoiceId)
            continue;
        if (carries(e.operationId, x.operationId, textOf(x), metadataOf(x)))
            return std::make_pair(x, QStringLiteral("found %1 by operation id").arg(x.gatewayId));
        gatewayEchoesIds = gatewayEchoesIds || !x.operationId.isEmpty();
        if (plausibleByAmountAndTime(e, x.amount, x.createdAt, x.operationId) &&
            !claimed.contains(x.gatewayId))
            byAmount << x;
    }
    // Amount and time only where the gateway does not echo operation ids: where it does, a
    // refund without one was made elsewhere (a dashboard), not by this operation.
    if (!gatewayEchoesIds && byAmount.size() == 1)
        return std::make_pair(
            byAmount.first(),
            QStringLiteral("found %1 by amount and time").arg(byAmount.first().gatewayId));
    return std::nullopt;
}

} // namespace

Reconciler::Reconciler(Database &db, GatewayProvider provider, QObject *parent)
    : QObject(parent), m_db(db), m_provider(std::move(provider))
{}

Reconciler::~Reconciler() = default;

void Reconciler::reconcile(const QList<qint64> &accountIds)
{
    const auto open = OutboxRepository(m_db).openEntries(accountIds);
    for (const OutboxEntry &e : open ? *open : QList<OutboxEntry>()) {
        bool queued = false;
        for (const OutboxEntry &q : std::as_const(m_queue))
            queued = queued || q.operationId == e.operationId;
        if (!queued)
            m_queue.append(e);
    }
    if (!m_running) {
        m_running = true;
        m_summary = ReconcileSummary();
        QTimer::singleShot(0, this, &Reconciler::next);
    }
    if (!open)
        m_summary.problems << open.error();
}

OperationExecutor *Reconciler::executorFor(const Account &account, Gateway *gateway)
{
    auto &slot = m_executors[account.id];
    if (!slot)
        slot = std::make_shared<OperationExecutor>(m_db, account, gateway);
    return slot.get();
}

bool Reconciler::claim(const OutboxEntry &entry, OutboxEntry *claimed)
{
    QString error;
    if (!m_db.beginImmediate(&error)) {
        m_summary.problems
            << QStringLiteral("%1: cannot lock the cache: %2").arg(entry.operationId, error);
        return false;
    }
    // Another desktop claiming the same entry right now holds its row: skip it, as busy.
    bool locked = true;
    if (!m_db.tryLockOutboxEntry(entry.operationId, &locked, &error) || !locked) {
        m_db.rollback();
        if (!error.isEmpty())
            m_summary.problems << QStringLiteral("%1: %2").arg(entry.operationId, error);
        else
            ++m_summary.busy;
        return false;
    }
    OutboxRepository outbox(m_db);
    const auto found = outbox.find(entry.operationId);
    if (!found)
        m_summary.problems << QStringLiteral("%1: %2").arg(entry.operationId, found.error());
    const std::optional<OutboxEntry> current = found ? *found : std::nullopt;
    if (!current || !current->isOpen()) {
        m_db.rollback();
        return false;
    }
    if (OperationExecutor::isBeingSent(*current)) {
        m_db.rollback();
        ++m_summary.busy;
        return false;
    }
    bool ok = outbox.setOwner(current->operationId, OperationExecutor::ownerStamp(), &error);
    *claimed = *current;
    claimed->params.insert(QStringLiteral("owner"), OperationExecutor::ownerStamp());
    if (ok && claimed->state == OutboxState::Pending && claimed->attempts > 0) {
        // Its sender stopped between sending and recording the answer.
        const QString why = QStringLiteral("the process sending it stopped before recording "
                                           "the answer");
        ok = outbox.transition(claimed->operationId, OutboxState::Unknown, QString(), why, &error);
        if (ok) {
            claimed->state = OutboxState::Unknown;
            claimed->message = why;
            if (const auto account = AccountRepository(m_db).findById(claimed->accountId)) {
                OperationExecutor(m_db, *account, nullptr)
                    .audit(*claimed, QStringLiteral("orphaned"), outboxStateName(claimed->state),
                           why);
            }
        }
    }
    if (!ok || !m_db.commit(&error)) {
        m_db.rollback();
        m_summary.problems << QStringLiteral("%1: %2").arg(entry.operationId, error);
        return false;
    }
    // Another Reconciler in this process must not take it while this one lists or resends.
    OperationExecutor::setInFlight(claimed->operationId, true);
    return true;
}

void Reconciler::release(const QString &operationId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET params = json_set(params, '$.owner.sending', "
                             "json('false')) WHERE operation_id = ?"));
    q.bindValue(0, operationId);
    q.exec();
}

void Reconciler::next()
{
    if (m_queue.isEmpty()) {
        m_running = false;
        m_executors.clear();
        const ReconcileSummary summary = m_summary;
        Q_EMIT finished(summary);
        return;
    }
    const OutboxEntry queued = m_queue.takeFirst();
    ++m_summary.examined;
    OutboxEntry entry;
    const qsizetype problemsBefore = m_summary.problems.size();
    if (!claim(queued, &entry)) {
        // One that could not be claimed for a problem (the database refused, a lock failed)
        // is still open: the summary must not count it as checked.
        if (m_summary.problems.size() > problemsBefore)
            ++m_summary.stillOpen;
        QTimer::singleShot(0, this, &Reconciler::next);
        return;
    }
    QString error;
    const auto account = AccountRepository(m_db).findById(entry.accountId);
    if (!account)
        error = account.error();
    Gateway *gateway = account ? m_provider(*account, &error) : nullptr;
    if (!account || !gateway) {
        leaveOpen(entry,
                  QStringLiteral("cannot reach account %1: %2")
                      .arg(account ? account->name : QString::number(entry.accountId), error));
        return;
    }
    OperationExecutor *executor = executorFor(*account, gateway);
    executor->audit(entry, QStringLiteral("reconcile"), outboxStateName(entry.state),
                    QStringLiteral("reconciling after %1 attempt(s)").arg(entry.attempts));
    const bool creates =
        entry.kind == OperationKind::Refund || entry.kind == OperationKind::Chargeback;
    if (creates && entry.attempts > 0) {
        m_foundRefunds.clear();
        m_foundChargebacks.clear();
        listAndMatch(entry, executor, *account, gateway, QString(), 0);
    } else {
        // Never sent (attempts 0), or an update that the same key makes safe to repeat.
        resend(entry, executor);
    }
}

void Reconciler::listAndMatch(const OutboxEntry &entry, OperationExecutor *executor,
                              const Account &account, Gateway *gateway, const QString &cursor,
                              int pages)
{
    ListRequest request;
    request.invoiceId = entry.invoiceId;
    request.cursor = cursor;
    auto onPage = [this, entry, executor, account, gateway, pages](const GatewayError &error,
                                                                   const QString &nextCursor) {
        if (error.isError()) {
            leaveOpen(entry,
                      QStringLiteral("could not list %1's %2: %3")
                          .arg(entry.invoiceId,
                               entry.kind == OperationKind::Refund ? QStringLiteral("refunds")
                                                                   : QStringLiteral("chargebacks"),
                               error.describe()));
            return;
        }
        if (!nextCursor.isEmpty() && pages + 1 < maxPages) {
            listAndMatch(entry, executor, account, gateway, nextCursor, pages + 1);
            return;
        }
        // Every page is in: first the operation id, then amount and time.
        const auto claimedIds = OutboxRepository(m_db).claimedResultIds(account.id);
        if (!claimedIds) {
            leaveOpen(entry, claimedIds.error());
            return;
        }
        const QStringList &claimed = *claimedIds;
        if (entry.kind == OperationKind::Refund) {
            if (const auto m = matchOperation(entry, m_foundRefunds, claimed)) {
                done(entry, executor->closeFound(entry, &m->first, nullptr, m->second));
                return;
            }
        } else if (const auto m = matchOperation(entry, m_foundChargebacks, claimed)) {
            done(entry, executor->closeFound(entry, nullptr, &m->first, m->second));
            return;
        }
        // Not at the gateway: the earlier attempt never took effect, so sending the identical
        // request (same key, same operation id) is the one refund the person asked for.
        executor->audit(entry, QStringLiteral("reconcile"), outboxStateName(entry.state),
                        QStringLiteral("not found among %1 listed; resending with the same "
                                       "idempotency key")
                            .arg(entry.kind == OperationKind::Refund ? m_foundRefunds.size()
                                                                     : m_foundChargebacks.size()));
        resend(entry, executor);
    };
    if (entry.kind == OperationKind::Refund) {
        gateway->listRefunds(request, [this, onPage](const GatewayResult<Page<Refund>> &r) {
            if (r.ok())
                m_foundRefunds += r.value.items;
            onPage(r.error, r.value.nextCursor);
        });
    } else {
        gateway->listChargebacks(request, [this, onPage](const GatewayResult<Page<Chargeback>> &r) {
            if (r.ok())
                m_foundChargebacks += r.value.items;
            onPage(r.error, r.value.nextCursor);
        });
    }
}

void Reconciler::resend(const OutboxEntry &entry, OperationExecutor *executor)
{
    executor->send(entry, false, [this, entry](const OperationOutcome &o) { done(entry, o); });
}

void Reconciler::leaveOpen(const OutboxEntry &entry, const QString &why)
{
    release(entry.operationId);
    if (const auto account = AccountRepository(m_db).findById(entry.accountId)) {
        OperationExecutor(m_db, *account, nullptr)
            .audit(entry, QStringLiteral("reconcile"), outboxStateName(entry.state), why);
    }
    OperationOutcome o;
    o.state = OperationState::Unknown;
    o.operationId = entry.operationId;
    o.amount = entry.amount;
    o.message = why;
    m_summary.problems << QStringLiteral("%1: %2").arg(entry.operationId, why);
    done(entry, o);
}

void Reconciler::done(const OutboxEntry &entry, const OperationOutcome &o)
{
    OperationExecutor::setInFlight(entry.operationId, false);
    switch (o.state) {
    case OperationState::Succeeded:
        ++m_summary.succeeded;
        break;
    case OperationState::Rejected:
    case OperationState::NotSent:
        ++m_summary.rejected;
        break;
    default:
        ++m_summary.stillOpen;
        break;
    }
    m_summary.outcomes << o;
    Q_EMIT entryResolved(o);
    QTimer::singleShot(0, this, &Reconciler::next);
}

} // namespace rd
