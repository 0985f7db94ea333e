#include "operationexecutor.h"

#include "store/auditlog.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace rd {

namespace {

QMap<QString, QString> stringMap(const QJsonObject &o)
{
    QMap<QString, QString> out;
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

// An idempotency conflict says another request with this key is in flight or differed, not
// that the operation was refused: the outcome stays open.
bool isIdempotencyConflict(const GatewayError &e)
{
    return e.httpStatus == 409 ||
           e.code.contains(QLatin1String("idempotency"), Qt::CaseInsensitive);
}

// Operation ids this process has handed to a gateway and not yet recorded the answer of.
QMutex inFlightMutex;
QSet<QString> inFlightIds;

bool counts(CommonStatus s)
{
    return s == CommonStatus::Succeeded || s == CommonStatus::Pending ||
           s == CommonStatus::RequiresAction;
}

} // namespace

RefundRequest refundRequestFor(const OutboxEntry &e)
{
    RefundRequest r;
    r.invoiceId = e.invoiceId;
    if (e.amount.isValid())
        r.amount = e.amount;
    r.reason = e.reason;
    r.dialectReason = e.params.value(QLatin1String("dialect_reason")).toString();
    r.note = e.note;
    r.operationId = e.operationId;
    r.idempotencyKey = e.idempotencyKey;
    r.metadata = stringMap(e.params.value(QLatin1String("metadata")).toObject());
    r.customerNotes = e.params.value(QLatin1String("customer_notes")).toString();
    r.creditNoteReasonCode = e.params.value(QLatin1String("credit_note_reason_code")).toString();
    for (const QJsonValue &v : e.params.value(QLatin1String("invoice_detail_ids")).toArray())
        r.invoiceDetailIds << v.toString();
    return r;
}

ChargebackRequest chargebackRequestFor(const OutboxEntry &e)
{
    ChargebackRequest c;
    c.invoiceId = e.invoiceId;
    c.amount = e.amount;
    c.reason = e.reason;
    c.reasonDetails = e.note;
    c.operationId = e.operationId;
    return c;
}

OperationExecutor::OperationExecutor(Database &db, const Account &account, Gateway *gateway)
    : m_db(db), m_account(account), m_gateway(gateway)
{}

QJsonObject OperationExecutor::ownerStamp()
{
    return QJsonObject{{QStringLiteral("host"), QSysInfo::machineHostName()},
                       {QStringLiteral("pid"), QCoreApplication::applicationPid()},
                       {QStringLiteral("sending"), true}};
}

void OperationExecutor::setInFlight(const QString &operationId, bool inFlight)
{
    QMutexLocker lock(&inFlightMutex);
    if (inFlight)
        inFlightIds.insert(operationId);
    else
        inFlightIds.remove(operationId);
}

bool OperationExecutor::isBeingSent(const OutboxEntry &entry)
{
    {
        QMutexLocker lock(&inFlightMutex);
        if (inFlightIds.contains(entry.operationId))
            return true;
    }
    const QJsonObject owner = entry.params.value(QLatin1String("owner")).toObject();
    if (!owner.value(QLatin1String("sending")).toBool())
        return false;
    const qint64 pid = owner.value(QLatin1String("pid")).toInteger();
    if (owner.value(QLatin1String("host")).toString() != QSysInfo::machineHostName()) {
        // Another machine sharing the file: trust its claim for a while, then take over.
        return entry.updatedAt.secsTo(QDateTime::currentDateTimeUtc()) < 600;
    }
    // This process's own stamp counts only while in flight (above): left over otherwise.
    if (pid <= 0 || pid == QCoreApplication::applicationPid())
        return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

void OperationExecutor::crashPointForTests(const char *point)
{
    if (qEnvironmentVariable("REFUNDDESK_TEST_CRASH_AT") == QLatin1String(point))
        ::raise(SIGKILL);
}

bool OperationExecutor::audit(const OutboxEntry &e, const QString &action, const QString &outcome,
                              const QString &message, QString *error) const
{
    AuditEntry a;
    a.account = m_account.name;
    // A cancel or metadata update of a refund the cache does not know is filed under the refund.
    a.invoiceId = e.invoiceId.isEmpty() ? e.targetId : e.invoiceId;
    a.operationId = e.operationId;
    a.action = action;
    if (e.amount.isValid())
        a.amount = e.amount;
    a.reason = e.reason;
    a.idempotencyKey = e.idempotencyKey;
    a.outcome = outcome;
    a.message = message;
    return AuditLog(m_db).append(a, error);
}

bool OperationExecutor::recordAttempt(OutboxEntry &entry, QString *error)
{
    const bool ok =
        OutboxRepository(m_db).recordAttempt(entry.operationId, ownerStamp(), error) &&
        audit(entry, QStringLiteral("send"), outboxStateName(entry.state),
              QStringLiteral("attempt %1 to %2").arg(entry.attempts + 1).arg(m_account.baseUrl),
              error);
    if (ok)
        ++entry.attempts;
    return ok;
}

void OperationExecutor::send(const OutboxEntry &entry, bool firstSend, Done done)
{
    // The attempt is counted and audited before the first byte goes out.
    QString error;
    OutboxEntry counted = entry;
    const bool recorded =
        m_db.beginImmediate(&error) && recordAttempt(counted, &error) && m_db.commit(&error);
    if (!recorded) {
        m_db.rollback();
        setInFlight(entry.operationId, false);
        OperationOutcome o;
        o.state = OperationState::Failed;
        o.operationId = entry.operationId;
        o.message = QStringLiteral("Cannot record the attempt in the cache, so nothing was "
                                   "sent: %1")
                        .arg(error);
        done(o);
        return;
    }
    transmit(counted, firstSend, std::move(done));
}

void OperationExecutor::transmit(const OutboxEntry &entry, bool firstSend, Done done)
{
    setInFlight(entry.operationId, true);
    switch (entry.kind) {
    case OperationKind::Refund:
        m_gateway->createRefund(refundRequestFor(entry), [this, entry, firstSend,
                                                          done](const GatewayResult<Refund> &r) {
            if (firstSend)
                crashPointForTests("after-send");
            done(apply(entry, firstSend, r.error, r.ok() ? &r.value : nullptr, nullptr));
        });
        break;
    case OperationKind::Chargeback:
        m_gateway->createChargeback(
            chargebackRequestFor(entry),
            [this, entry, firstSend, done](const GatewayResult<Chargeback> &r) {
                if (firstSend)
                    crashPointForTests("after-send");
                done(apply(entry, firstSend, r.error, nullptr, r.ok() ? &r.value : nullptr));
            });
        break;
    case OperationKind::CancelRefund:
        m_gateway->cancelRefund(
            entry.targetId, entry.idempotencyKey,
            [this, entry, firstSend, done](const GatewayResult<Refund> &r) {
                done(apply(entry, firstSend, r.error, r.ok() ? &r.value : nullptr, nullptr));
            });
        break;
    case OperationKind::UpdateRefundMetadata:
        m_gateway->updateRefundMetadata(
            entry.targetId, stringMap(entry.params.value(QLatin1String("metadata")).toObject()),
            entry.idempotencyKey, [this, entry, firstSend, done](const GatewayResult<Refund> &r) {
                done(apply(entry, firstSend, r.error, r.ok() ? &r.value : nullptr, nullptr));
            });
        break;
    }
}

bool OperationExecutor::storeRecord(const OutboxEntry &e, const Refund *refund,
                                    const Chargeback *chargeback, QString *error)
{
    RecordRepository records(m_db);
    if (chargeback) {
        Chargeback c = *chargeback;
        if (c.operationId.isEmpty() && e.kind == OperationKind::Chargeback)
            c.operationId = e.operationId;
        if (c.invoiceId.isEmpty())
            c.invoiceId = e.invoiceId;
        return records.upsertChargebacks(m_account.id, {c}, error);
    }
    if (!refund)
        return true;
    Refund r = *refund;
    if (r.operationId.isEmpty() && e.kind == OperationKind::Refund)
        r.operationId = e.operationId;
    if (r.invoiceId.isEmpty())
        r.invoiceId = e.invoiceId;
    // Was it already counted in the invoice's refunded figure (by a sync, or an earlier close)?
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT status FROM refunds WHERE account_id = ? AND gateway_id = ?"));
    q.bindValue(0, m_account.id);
    q.bindValue(1, r.gatewayId);
    const bool known = q.exec() && q.next();
    const bool countedBefore =
        known && counts(commonStatusFromName(q.value(0).toString()).value_or(CommonStatus::Failed));
    q.finish();
    if (!records.upsertRefunds(m_account.id, {r}, error))
        return false;
    // Keep the cached refunded figure in step until the next sync re-reads the invoice, so the
    // next validation sees this refund even where the refunds list is not synced.
    qint64 delta = 0;
    if (counts(r.status) && !countedBefore)
        delta = r.amount.minorUnits();
    else if (!counts(r.status) && countedBefore)
        delta = -r.amount.minorUnits();
    if (delta != 0) {
        QSqlQuery u(m_db.connection());
        u.prepare(
            QStringLiteral("UPDATE invoices SET amount_refunded = MAX(0, amount_refunded + ?) "
                           "WHERE account_id = ? AND gateway_id = ? AND currency = ?"));
        u.bindValue(0, delta);
        u.bindValue(1, m_account.id);
        u.bindValue(2, r.invoiceId);
        u.bindValue(3, r.amount.currency());
        if (!u.exec()) {
            if (error)
                *error = QStringLiteral("Cannot update invoice %1 in the cache.").arg(r.invoiceId);
            return false;
        }
    }
    return true;
}

OperationOutcome OperationExecutor::closeFound(const OutboxEntry &entry, const Refund *refund,
                                               const Chargeback *chargeback, const QString &how)
{
    GatewayError none;
    OperationOutcome o = apply(entry, false, none, refund, chargeback);
    if (o.state == OperationState::Succeeded)
        o.message = how;
    return o;
}

OperationOutcome OperationExecutor::apply(const OutboxEntry &entry, bool firstSend,
                                          const GatewayError &error, const Refund *refund,
                                          const Chargeback *chargeback)
{
    setInFlight(entry.operationId, false);
    OperationOutcome o;
    o.operationId = entry.operationId;
    o.amount = entry.amount;
    o.error = error;

    OutboxState next = entry.state;
    QString message;
    QString auditOutcome;
    if (!error.isError()) {
        o.state = OperationState::Succeeded;
        o.gatewayId = refund ? refund->gatewayId : chargeback ? chargeback->gatewayId : QString();
        if (refund && refund->amount.isValid())
            o.amount = refund->amount;
        else if (chargeback && chargeback->amount.isValid())
            o.amount = chargeback->amount;
        next = OutboxState::Succeeded;
        message = refund && !refund->gatewayStatus.isEmpty()
                      ? QStringLiteral("created %1 (%2)").arg(o.gatewayId, refund->gatewayStatus)
                      : QStringLiteral("created %1").arg(o.gatewayId);
        auditOutcome = outboxStateName(next);
    } else if (error.outcomeUnknown || error.kind == GatewayError::Kind::Server ||
               error.kind == GatewayError::Kind::Malformed || isIdempotencyConflict(error)) {
        o.state = OperationState::Unknown;
        next = OutboxState::Unknown;
        message = error.describe();
        auditOutcome = outboxStateName(next);
    } else if (error.kind == GatewayError::Kind::Network ||
               error.kind == GatewayError::Kind::RateLimited) {
        message = QStringLiteral("not sent: %1").arg(error.describe());
        if (firstSend && entry.state == OutboxState::Pending) {
            // Nothing reached the gateway and the person is told so now: close it rather than
            // leave a refund to be sent behind their back later.
            o.state = OperationState::NotSent;
            next = OutboxState::Rejected;
            auditOutcome = QStringLiteral("not_sent");
        } else {
            // A retry that could not connect: an earlier attempt may still have landed.
            o.state = OperationState::Unknown;
            auditOutcome = outboxStateName(entry.state);
        }
    } else {
        o.state = OperationState::Rejected;
        next = OutboxState::Rejected;
        message = error.describe();
        auditOutcome = outboxStateName(next);
    }
    o.message = message;

    QString why;
    // Closing the entry and storing what it made happen together for anyone who decides on
    // this invoice: on a team database a refund being validated holds the invoice's lock from
    // its first read to its commit, and must not see the entry closed but the refund missing.
    bool ok = m_db.beginImmediate(&why) && m_db.lockInvoice(entry.accountId, entry.invoiceId, &why);
    if (ok && o.state == OperationState::Succeeded)
        ok = storeRecord(entry, refund, chargeback, &why);
    if (ok && next != entry.state) {
        ok = OutboxRepository(m_db).transition(entry.operationId, next, o.gatewayId, message, &why);
    }
    if (ok) {
        // This process is done sending it, whatever happened.
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("UPDATE outbox SET params = json_set(params, '$.owner.sending', "
                                 "json('false')) WHERE operation_id = ?"));
        q.bindValue(0, entry.operationId);
        ok = q.exec();
        if (!ok)
            why = q.lastError().text();
    }
    ok = ok && audit(entry, QStringLiteral("result"), auditOutcome, message, &why) &&
         m_db.commit(&why);
    if (!ok) {
        m_db.rollback();
        o.message += QStringLiteral(" (the cache could not record it: %1; it is resolved by "
                                    "refunddesk-cli reconcile)")
                         .arg(why);
        if (o.state == OperationState::Succeeded || o.state == OperationState::Rejected)
            o.state = OperationState::Unknown;
    }
    return o;
}

} // namespace rd
