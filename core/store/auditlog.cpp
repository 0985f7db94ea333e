#include "auditlog.h"

#include "actinguser.h"
#include "database.h"

#include <QSqlError>
#include <QSqlQuery>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace rd {

namespace {
QString notNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}
} // namespace

QString AuditLog::currentOsUser()
{
    for (const char *name : {"USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
#ifdef Q_OS_UNIX
    // Services and cron jobs often run without USER; the account database still knows.
    if (const passwd *pw = ::getpwuid(::geteuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
#endif
    return QStringLiteral("unknown");
}

bool AuditLog::append(AuditEntry e, QString *error)
{
    if (!e.at.isValid())
        e.at = QDateTime::currentDateTimeUtc();
    if (e.osUser.isEmpty())
        e.osUser = actingUser(m_db);
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO audit_log (at, os_user, account, invoice_id, operation_id, action, amount, "
        "currency, reason, idempotency_key, outcome, message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.bindValue(0, e.at.toSecsSinceEpoch());
    q.bindValue(1, e.osUser);
    q.bindValue(2, notNull(e.account));
    q.bindValue(3, notNull(e.invoiceId));
    q.bindValue(4, notNull(e.operationId));
    q.bindValue(5, notNull(e.action));
    q.bindValue(6, e.amount && e.amount->isValid() ? QVariant(e.amount->minorUnits())
                                                   : QVariant(QMetaType(QMetaType::LongLong)));
    q.bindValue(7, e.amount && e.amount->isValid() ? e.amount->currency() : QStringLiteral(""));
    q.bindValue(8, notNull(e.reason));
    q.bindValue(9, notNull(e.idempotencyKey));
    q.bindValue(10, notNull(e.outcome));
    q.bindValue(11, notNull(e.message));
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot write the audit log: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

Result<QList<AuditEntry>> AuditLog::forOperation(const QString &operationId) const
{
    return select(QStringLiteral("operation_id = ?"), {operationId});
}

Result<QList<AuditEntry>> AuditLog::forInvoice(const QString &account,
                                               const QString &invoiceId) const
{
    return select(QStringLiteral("account = ? AND invoice_id = ?"), {account, invoiceId});
}

Result<QList<AuditEntry>> AuditLog::select(const QString &where, const QStringList &binds) const
{
    QList<AuditEntry> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, at, os_user, account, invoice_id, operation_id, action, "
                             "amount, currency, reason, idempotency_key, outcome, message "
                             "FROM audit_log WHERE %1 ORDER BY id")
                  .arg(where));
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!q.exec())
        return Error{QStringLiteral("Cannot read the audit log: %1").arg(q.lastError().text())};
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.at = QDateTime::fromSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
        e.osUser = q.value(2).toString();
        e.account = q.value(3).toString();
        e.invoiceId = q.value(4).toString();
        e.operationId = q.value(5).toString();
        e.action = q.value(6).toString();
        if (!q.value(7).isNull())
            e.amount = Money(q.value(7).toLongLong(), q.value(8).toString());
        e.reason = q.value(9).toString();
        e.idempotencyKey = q.value(10).toString();
        e.outcome = q.value(11).toString();
        e.message = q.value(12).toString();
        out.append(e);
    }
    return out;
}

} // namespace rd
