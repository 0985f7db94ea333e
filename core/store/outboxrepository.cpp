#include "outboxrepository.h"

#include "amountsum.h"
#include "database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace rd {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QString notNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QString toJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

constexpr OutboxState allStates[] = {OutboxState::Pending, OutboxState::Unknown,
                                     OutboxState::Succeeded, OutboxState::Rejected};
constexpr OperationKind allKinds[] = {OperationKind::Refund, OperationKind::Chargeback,
                                      OperationKind::CancelRefund,
                                      OperationKind::UpdateRefundMetadata};

const QString selectColumns = QStringLiteral(
    "SELECT id, operation_id, account_id, kind, invoice_id, target_id, amount, currency, reason, "
    "note, params, idempotency_key, state, result_id, message, attempts, created_at, updated_at "
    "FROM outbox ");

} // namespace

QString outboxStateName(OutboxState s)
{
    switch (s) {
    case OutboxState::Pending:
        return QStringLiteral("pending");
    case OutboxState::Unknown:
        return QStringLiteral("unknown");
    case OutboxState::Succeeded:
        return QStringLiteral("succeeded");
    case OutboxState::Rejected:
        return QStringLiteral("rejected");
    }
    return QString();
}

std::optional<OutboxState> outboxStateFromName(QStringView name)
{
    for (OutboxState s : allStates) {
        if (name == outboxStateName(s))
            return s;
    }
    return std::nullopt;
}

QString operationKindName(OperationKind k)
{
    switch (k) {
    case OperationKind::Refund:
        return QStringLiteral("refund");
    case OperationKind::Chargeback:
        return QStringLiteral("chargeback");
    case OperationKind::CancelRefund:
        return QStringLiteral("cancel_refund");
    case OperationKind::UpdateRefundMetadata:
        return QStringLiteral("update_refund_metadata");
    }
    return QString();
}

std::optional<OperationKind> operationKindFromName(QStringView name)
{
    for (OperationKind k : allKinds) {
        if (name == operationKindName(k))
            return k;
    }
    return std::nullopt;
}

bool OutboxRepository::canTransition(OutboxState from, OutboxState to)
{
    switch (from) {
    case OutboxState::Pending:
        return to != OutboxState::Pending;
    case OutboxState::Unknown:
        return to == OutboxState::Succeeded || to == OutboxState::Rejected;
    case OutboxState::Succeeded:
    case OutboxState::Rejected:
        return false;
    }
    return false;
}

QString OutboxRepository::newId(QStringView prefix)
{
    return prefix.toString() + QUuid::createUuid().toString(QUuid::Id128);
}

bool OutboxRepository::insert(OutboxEntry &e, QString *error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    e.state = OutboxState::Pending;
    e.attempts = 0;
    e.createdAt = now;
    e.updatedAt = now;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO outbox (operation_id, account_id, kind, invoice_id, target_id, amount, "
        "currency, reason, note, params, idempotency_key, state, result_id, message, attempts, "
        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'','',0,?,?)"));
    q.bindValue(0, e.operationId);
    q.bindValue(1, e.accountId);
    q.bindValue(2, operationKindName(e.kind));
    q.bindValue(3, notNull(e.invoiceId));
    q.bindValue(4, notNull(e.targetId));
    q.bindValue(5, e.amount.isValid() ? e.amount.minorUnits() : 0);
    q.bindValue(6, e.amount.isValid() ? e.amount.currency() : QStringLiteral(""));
    q.bindValue(7, notNull(e.reason));
    q.bindValue(8, notNull(e.note));
    q.bindValue(9, toJson(e.params));
    q.bindValue(10, e.idempotencyKey);
    q.bindValue(11, outboxStateName(e.state));
    q.bindValue(12, now.toSecsSinceEpoch());
    q.bindValue(13, now.toSecsSinceEpoch());
    if (!q.exec())
        return fail(error, QStringLiteral("Cannot write the outbox: %1").arg(q.lastError().text()));
    e.id = q.lastInsertId().toLongLong();
    return true;
}

bool OutboxRepository::transition(const QString &operationId, OutboxState to,
                                  const QString &resultId, const QString &message, QString *error)
{
    QStringList from;
    for (OutboxState s : allStates) {
        if (canTransition(s, to))
            from << QLatin1Char('\'') + outboxStateName(s) + QLatin1Char('\'');
    }
    if (from.isEmpty())
        return fail(error, QStringLiteral("No state may move to %1.").arg(outboxStateName(to)));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET state = ?, result_id = CASE WHEN ? = '' THEN "
                             "result_id ELSE ? END, message = ?, updated_at = ? "
                             "WHERE operation_id = ? AND state IN (%1)")
                  .arg(from.join(QLatin1Char(','))));
    q.bindValue(0, outboxStateName(to));
    q.bindValue(1, notNull(resultId));
    q.bindValue(2, notNull(resultId));
    q.bindValue(3, notNull(message));
    q.bindValue(4, QDateTime::currentSecsSinceEpoch());
    q.bindValue(5, operationId);
    if (!q.exec())
        return fail(error,
                    QStringLiteral("Cannot update the outbox: %1").arg(q.lastError().text()));
    if (q.numRowsAffected() != 1) {
        const auto current = find(operationId);
        if (!current)
            return fail(error, current.error());
        return fail(
            error,
            *current
                ? QStringLiteral("Operation %1 is %2 and cannot become %3.")
                      .arg(operationId, outboxStateName((*current)->state), outboxStateName(to))
                : QStringLiteral("Operation %1 is not in the outbox.").arg(operationId));
    }
    return true;
}

bool OutboxRepository::recordAttempt(const QString &operationId, const QJsonObject &owner,
                                     QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET attempts = attempts + 1, updated_at = ?, "
                             "params = json_set(params, '$.owner', json(?)) "
                             "WHERE operation_id = ? AND state IN ('pending','unknown')"));
    q.bindValue(0, QDateTime::currentSecsSinceEpoch());
    q.bindValue(1, toJson(owner));
    q.bindValue(2, operationId);
    if (!q.exec() || q.numRowsAffected() != 1)
        return fail(error, QStringLiteral("Cannot count the attempt of %1: %2")
                               .arg(operationId, q.lastError().text()));
    return true;
}

bool OutboxRepository::setOwner(const QString &operationId, const QJsonObject &owner,
                                QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET params = json_set(params, '$.owner', json(?)) "
                             "WHERE operation_id = ?"));
    q.bindValue(0, toJson(owner));
    q.bindValue(1, operationId);
    if (!q.exec() || q.numRowsAffected() != 1)
        return fail(error,
                    QStringLiteral("Cannot claim %1: %2").arg(operationId, q.lastError().text()));
    return true;
}

Result<std::optional<OutboxEntry>> OutboxRepository::find(const QString &operationId) const
{
    const auto found = select(QStringLiteral("WHERE operation_id = ?"), {operationId});
    if (!found)
        return Error{found.error()};
    if (found->isEmpty())
        return std::optional<OutboxEntry>();
    return std::optional<OutboxEntry>(found->first());
}

Result<QList<OutboxEntry>> OutboxRepository::openEntries(const QList<qint64> &accountIds) const
{
    QString where = QStringLiteral("WHERE state IN ('pending','unknown')");
    QVariantList binds;
    if (!accountIds.isEmpty()) {
        QStringList marks;
        for (qint64 id : accountIds) {
            marks << QStringLiteral("?");
            binds << id;
        }
        where += QStringLiteral(" AND account_id IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    return select(where + QStringLiteral(" ORDER BY id"), binds);
}

Result<QList<OutboxEntry>> OutboxRepository::entriesOf(qint64 accountId,
                                                       const QString &invoiceId) const
{
    return select(QStringLiteral("WHERE account_id = ? AND invoice_id = ? ORDER BY id"),
                  {accountId, invoiceId});
}

Result<Money> OutboxRepository::openAmount(qint64 accountId, const QString &invoiceId,
                                           const QString &currency) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT amount, currency FROM outbox WHERE account_id = ? AND "
                             "invoice_id = ? AND currency = ? AND state IN ('pending','unknown') "
                             "AND kind IN ('refund','chargeback')"));
    q.bindValue(0, accountId);
    q.bindValue(1, invoiceId);
    q.bindValue(2, currency);
    if (!q.exec())
        return Error{QStringLiteral("Cannot read the outbox: %1").arg(q.lastError().text())};
    return sumAmounts(q, currency);
}

Result<QStringList> OutboxRepository::claimedResultIds(qint64 accountId) const
{
    QStringList out;
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT result_id FROM outbox WHERE account_id = ? AND result_id <> ''"));
    q.bindValue(0, accountId);
    if (!q.exec())
        return Error{QStringLiteral("Cannot read the outbox: %1").arg(q.lastError().text())};
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Result<QList<OutboxEntry>> OutboxRepository::select(const QString &where,
                                                    const QVariantList &binds) const
{
    QList<OutboxEntry> out;
    QSqlQuery q(m_db.connection());
    q.prepare(selectColumns + where);
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!q.exec())
        return Error{QStringLiteral("Cannot read the outbox: %1").arg(q.lastError().text())};
    while (q.next()) {
        OutboxEntry e;
        e.id = q.value(0).toLongLong();
        e.operationId = q.value(1).toString();
        e.accountId = q.value(2).toLongLong();
        e.kind = operationKindFromName(q.value(3).toString()).value_or(OperationKind::Refund);
        e.invoiceId = q.value(4).toString();
        e.targetId = q.value(5).toString();
        const QString currency = q.value(7).toString();
        if (!currency.isEmpty())
            e.amount = Money(q.value(6).toLongLong(), currency);
        e.reason = q.value(8).toString();
        e.note = q.value(9).toString();
        e.params = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
        e.idempotencyKey = q.value(11).toString();
        e.state = outboxStateFromName(q.value(12).toString()).value_or(OutboxState::Unknown);
        e.resultId = q.value(13).toString();
        e.message = q.value(14).toString();
        e.attempts = q.value(15).toInt();
        e.createdAt = QDateTime::fromSecsSinceEpoch(q.value(16).toLongLong(), Qt::UTC);
        e.updatedAt = QDateTime::fromSecsSinceEpoch(q.value(17).toLongLong(), Qt::UTC);
        out.append(e);
    }
    return out;
}

} // namespace rd
