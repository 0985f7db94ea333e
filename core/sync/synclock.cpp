#include "synclock.h"

#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace rd::SyncLock {

namespace {
// pg_locks shows a two-part advisory key as classid / objid: "RD" and the account id.
constexpr int LockClass = 0x5244;
} // namespace

QString acquire(Database &db, qint64 accountId)
{
    if (!db.isPostgres())
        return QString();
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT pg_try_advisory_lock(?, ?)"));
    q.bindValue(0, LockClass);
    q.bindValue(1, int(accountId));
    if (!q.exec() || !q.next())
        return QStringLiteral("cannot take this account's sync lock: %1").arg(q.lastError().text());
    if (q.value(0).toBool())
        return QString();
    // Who holds it, as far as this user may see (pg_stat_activity hides other users' addresses
    // from roles without pg_read_all_stats).
    QSqlQuery who(db.connection());
    who.prepare(QStringLiteral(
        "SELECT a.usename, COALESCE(host(a.client_addr), ''), a.backend_start FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND "
        "l.classid = ? AND l.objid = ? AND l.objsubid = 2 AND l.granted"));
    who.bindValue(0, LockClass);
    who.bindValue(1, int(accountId));
    QString holder = QStringLiteral("another desktop");
    if (who.exec() && who.next()) {
        holder = who.value(0).toString();
        if (!who.value(1).toString().isEmpty())
            holder += QStringLiteral(" at ") + who.value(1).toString();
    }
    return QStringLiteral("%1 is syncing this account right now; its changes reach this desktop "
                          "when it is done. Try again later.")
        .arg(holder);
}

void release(Database &db, qint64 accountId)
{
    if (!db.isPostgres())
        return;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT pg_advisory_unlock(?, ?)"));
    q.bindValue(0, LockClass);
    q.bindValue(1, int(accountId));
    q.exec();
}

} // namespace rd::SyncLock
