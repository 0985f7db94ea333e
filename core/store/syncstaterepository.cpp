#include "syncstaterepository.h"

#include "database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace rd {

bool SyncStateRepository::load(qint64 accountId, RecordKind object, SyncState *state,
                               QString *error) const
{
    *state = SyncState();
    state->accountId = accountId;
    state->object = object;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT cursor, watermark, complete, updated_at FROM sync_state "
                             "WHERE account_id = ? AND object = ?"));
    q.bindValue(0, accountId);
    q.bindValue(1, objectName(object));
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the sync state: %1").arg(q.lastError().text());
        return false;
    }
    if (q.next()) {
        state->cursor = q.value(0).toString();
        state->watermark = q.value(1).toLongLong();
        state->complete = q.value(2).toLongLong() != 0;
        state->updatedAt = QDateTime::fromSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC);
    }
    return true;
}

bool SyncStateRepository::save(const SyncState &state, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO sync_state (account_id, object, cursor, watermark, complete, updated_at) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT (account_id, object) DO UPDATE SET "
        "cursor = excluded.cursor, watermark = excluded.watermark, "
        "complete = excluded.complete, updated_at = excluded.updated_at"));
    q.bindValue(0, state.accountId);
    q.bindValue(1, objectName(state.object));
    q.bindValue(2, state.cursor.isNull() ? QStringLiteral("") : state.cursor);
    q.bindValue(3, state.watermark);
    q.bindValue(4, state.complete ? 1 : 0);
    q.bindValue(5, QDateTime::currentSecsSinceEpoch());
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot store the sync state: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

bool SyncStateRepository::reset(qint64 accountId, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM sync_state WHERE account_id = ?"));
    q.bindValue(0, accountId);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot reset the sync state: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

} // namespace rd
