#include "actinguser.h"

#include "auditlog.h"
#include "database.h"

#include <QSqlQuery>

namespace rd {

QString actingUser(const Database &db)
{
    const QSqlDatabase connection = db.connection();
    if (connection.isOpen() && connection.driverName() == QLatin1String("QPSQL")) {
        // A shared database decides who is logged in; the environment cannot claim otherwise.
        QSqlQuery q(connection);
        if (q.exec(QStringLiteral("SELECT current_user")) && q.next())
            return q.value(0).toString();
        return QString();
    }
    const QString named = qEnvironmentVariable("REFUNDDESK_USER").trimmed();
    return named.isEmpty() ? AuditLog::currentOsUser() : named;
}

bool sameUser(const QString &a, const QString &b)
{
    return a.trimmed().compare(b.trimmed(), Qt::CaseInsensitive) == 0;
}

} // namespace rd
