#include "approvalrepository.h"

#include "amountsum.h"
#include "database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

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

std::optional<ApprovalState> stateFromName(const QString &name)
{
    for (ApprovalState s :
         {ApprovalState::Awaiting, ApprovalState::Approved, ApprovalState::Rejected}) {
        if (approvalStateName(s) == name)
            return s;
    }
    return std::nullopt;
}

const QString selectColumns = QStringLiteral(
    "SELECT p.id, p.account_id, a.name, p.kind, p.invoice_id, p.amount, p.currency, p.reason, "
    "p.note, p.params, p.state, p.requested_by, p.requested_at, p.decided_by, p.decided_at, "
    "p.why, p.operation_id, p.request_key, p.refiled_from FROM approvals p JOIN accounts a ON a.id "
    "= "
    "p.account_id ");

} // namespace

QString approvalStateName(ApprovalState s)
{
    switch (s) {
    case ApprovalState::Awaiting:
        return QStringLiteral("awaiting");
    case ApprovalState::Approved:
        return QStringLiteral("approved");
    case ApprovalState::Rejected:
        return QStringLiteral("rejected");
    }
    return QString();
}

Result<ApprovalPolicy> ApprovalRepository::policy(qint64 accountId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT currency, above, scale FROM approval_thresholds WHERE "
                             "account_id = ?"));
    q.bindValue(0, accountId);
    if (!q.exec())
        return Error{
            QStringLiteral("Cannot read the approval thresholds: %1").arg(q.lastError().text())};
    QList<ApprovalThreshold> thresholds;
    while (q.next()) {
        ApprovalThreshold t;
        t.currency = q.value(0).toString();
        t.above = q.value(1).toLongLong();
        t.scale = q.value(2).toInt();
        thresholds << t;
    }
    return ApprovalPolicy(thresholds);
}

bool ApprovalRepository::setPolicy(qint64 accountId, const ApprovalPolicy &policy, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM approval_thresholds WHERE account_id = ?"));
    q.bindValue(0, accountId);
    if (!q.exec())
        return fail(
            error,
            QStringLiteral("Cannot write the approval thresholds: %1").arg(q.lastError().text()));
    for (const ApprovalThreshold &t : policy.thresholds()) {
        q.prepare(QStringLiteral("INSERT INTO approval_thresholds (account_id, currency, above, "
                                 "scale) VALUES (?,?,?,?)"));
        q.bindValue(0, accountId);
        q.bindValue(1, notNull(t.currency));
        q.bindValue(2, t.above);
        q.bindValue(3, t.scale);
        if (!q.exec())
            return fail(error, QStringLiteral("Cannot write the approval thresholds: %1")
                                   .arg(q.lastError().text()));
    }
    return true;
}

bool ApprovalRepository::insert(ApprovalRequest &r, QString *error)
{
    if (!r.amount.isValid() || r.amount.minorUnits() <= 0)
        return fail(error, QStringLiteral("An approval request needs an amount."));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO approvals (account_id, kind, invoice_id, amount, currency, reason, note, "
        "params, state, requested_by, requested_at, request_key, refiled_from) "
        "VALUES (?,?,?,?,?,?,?,?,'awaiting',?,?,?,?)"));
    q.bindValue(0, r.accountId);
    q.bindValue(1, operationKindName(r.kind));
    q.bindValue(2, r.invoiceId);
    q.bindValue(3, r.amount.minorUnits());
    q.bindValue(4, r.amount.currency());
    q.bindValue(5, notNull(r.reason));
    q.bindValue(6, notNull(r.note));
    q.bindValue(7, QString::fromUtf8(QJsonDocument(r.params).toJson(QJsonDocument::Compact)));
    q.bindValue(8, r.requestedBy);
    q.bindValue(9, now.toSecsSinceEpoch());
    q.bindValue(10, notNull(r.requestKey));
    q.bindValue(11, r.refiledFrom);
    if (!q.exec())
        return fail(
            error,
            QStringLiteral("Cannot record the approval request: %1").arg(q.lastError().text()));
    r.id = q.lastInsertId().toLongLong();
    r.state = ApprovalState::Awaiting;
    r.requestedAt = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
    return true;
}

Result<QList<ApprovalRequest>> ApprovalRepository::select(const QString &where,
                                                          const QVariantList &binds) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(selectColumns + where);
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!q.exec())
        return Error{
            QStringLiteral("Cannot read the approval requests: %1").arg(q.lastError().text())};
    QList<ApprovalRequest> out;
    while (q.next()) {
        ApprovalRequest r;
        r.id = q.value(0).toLongLong();
        r.accountId = q.value(1).toLongLong();
        r.account = q.value(2).toString();
        r.kind = operationKindFromName(q.value(3).toString()).value_or(OperationKind::Refund);
        r.invoiceId = q.value(4).toString();
        r.amount = Money(q.value(5).toLongLong(), q.value(6).toString());
        r.reason = q.value(7).toString();
        r.note = q.value(8).toString();
        r.params = QJsonDocument::fromJson(q.value(9).toString().toUtf8()).object();
        r.state = stateFromName(q.value(10).toString()).value_or(ApprovalState::Rejected);
        r.requestedBy = q.value(11).toString();
        r.requestedAt = QDateTime::fromSecsSinceEpoch(q.value(12).toLongLong(), Qt::UTC);
        r.decidedBy = q.value(13).toString();
        if (!q.value(14).isNull())
            r.decidedAt = QDateTime::fromSecsSinceEpoch(q.value(14).toLongLong(), Qt::UTC);
        r.why = q.value(15).toString();
        r.operationId = q.value(16).toString();
        r.requestKey = q.value(17).toString();
        r.refiledFrom = q.value(18).toLongLong();
        out << r;
    }
    return out;
}

Result<std::optional<ApprovalRequest>> ApprovalRepository::find(qint64 id) const
{
    auto rows = select(QStringLiteral("WHERE p.id = ?"), {id});
    if (!rows)
        return Error{rows.error()};
    if (rows->isEmpty())
        return std::optional<ApprovalRequest>();
    return std::optional<ApprovalRequest>(rows->first());
}

Result<std::optional<ApprovalRequest>>
ApprovalRepository::latestWithRequestKey(qint64 accountId, const QString &requestKey) const
{
    if (requestKey.isEmpty())
        return std::optional<ApprovalRequest>();
    auto rows = select(QStringLiteral("WHERE p.account_id = ? AND p.request_key = ? ORDER BY "
                                      "p.id DESC LIMIT 1"),
                       {accountId, requestKey});
    if (!rows)
        return Error{rows.error()};
    if (rows->isEmpty())
        return std::optional<ApprovalRequest>();
    return std::optional<ApprovalRequest>(rows->first());
}

Result<QList<ApprovalRequest>> ApprovalRepository::awaiting() const
{
    return select(QStringLiteral("WHERE p.state = 'awaiting' ORDER BY p.id"), {});
}

Result<Money> ApprovalRepository::awaitingAmount(qint64 accountId, const QString &invoiceId,
                                                 const QString &currency) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT amount FROM approvals WHERE account_id = ? AND invoice_id = ? "
                             "AND currency = ? AND state = 'awaiting'"));
    q.bindValue(0, accountId);
    q.bindValue(1, invoiceId);
    q.bindValue(2, currency);
    if (!q.exec())
        return Error{
            QStringLiteral("Cannot read the approval requests: %1").arg(q.lastError().text())};
    return sumAmounts(q, currency);
}

bool ApprovalRepository::approve(qint64 id, const QString &by, const QString &operationId,
                                 QString *error)
{
    return decide(id, ApprovalState::Approved, by, QString(), operationId, error);
}

bool ApprovalRepository::reject(qint64 id, const QString &by, const QString &why, QString *error)
{
    return decide(id, ApprovalState::Rejected, by, why, QString(), error);
}

bool ApprovalRepository::decide(qint64 id, ApprovalState to, const QString &by, const QString &why,
                                const QString &operationId, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE approvals SET state = ?, decided_by = ?, decided_at = ?, "
                             "why = ?, operation_id = ? WHERE id = ? AND state = 'awaiting'"));
    q.bindValue(0, approvalStateName(to));
    q.bindValue(1, by);
    q.bindValue(2, QDateTime::currentDateTimeUtc().toSecsSinceEpoch());
    q.bindValue(3, notNull(why));
    q.bindValue(4, notNull(operationId));
    q.bindValue(5, id);
    if (!q.exec())
        return fail(error, QStringLiteral("Cannot record the decision on approval request %1: %2")
                               .arg(id)
                               .arg(q.lastError().databaseText()));
    if (q.numRowsAffected() != 1)
        return fail(error,
                    QStringLiteral("Approval request %1 is no longer awaiting approval.").arg(id));
    return true;
}

} // namespace rd
