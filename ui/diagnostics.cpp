#include "diagnostics.h"

#include "store/accountrepository.h"
#include "store/database.h"

#include <QFileInfo>
#include <QLocale>
#include <QSqlQuery>
#include <QSysInfo>

namespace rd::diagnostics {

QString sqliteVersion(Database &db)
{
    QSqlQuery q(db.connection());
    if (q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next())
        return q.value(0).toString();
    return QStringLiteral("unknown");
}

qint64 cacheSize(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

QString report(Database &db)
{
    QStringList lines;
    lines << QStringLiteral("RefundDesk %1").arg(QStringLiteral(REFUNDDESK_VERSION));
    lines << QStringLiteral("Qt %1 (built with %2), SQLite %3")
                 .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                      sqliteVersion(db));
    lines << QStringLiteral("System: %1 (%2)")
                 .arg(QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture());
    lines << QStringLiteral("Cache: %1 (%2 bytes%3)")
                 .arg(db.path())
                 .arg(cacheSize(db.path()))
                 .arg(db.isReadOnly() ? QStringLiteral(", read-only") : QString());

    const auto read = AccountRepository(db).list();
    if (!read)
        lines << QStringLiteral("Accounts: cannot be read (%1)").arg(read.error());
    const QList<Account> accounts = read.valueOr({});
    lines << QStringLiteral("Accounts: %1").arg(accounts.size());
    for (const Account &a : accounts) {
        lines << QStringLiteral("  %1 | %2 | %3 | last sync %4")
                     .arg(a.name, dialectName(a.dialect), a.baseUrl,
                          a.lastSyncAt.isValid() ? a.lastSyncAt.toUTC().toString(Qt::ISODate)
                                                 : QStringLiteral("never"));
    }

    QStringList states;
    QSqlQuery q(db.connection());
    if (q.exec(
            QStringLiteral("SELECT state, count(*) FROM outbox GROUP BY state ORDER BY state"))) {
        while (q.next())
            states
                << QStringLiteral("%1 %2").arg(q.value(0).toString()).arg(q.value(1).toLongLong());
    }
    lines << QStringLiteral("Outbox: %1")
                 .arg(states.isEmpty() ? QStringLiteral("empty")
                                       : states.join(QStringLiteral(", ")));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace rd::diagnostics
