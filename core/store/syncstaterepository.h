// Where an account's sync left off, per object kind (table sync_state): the watermark the next
// incremental pass starts from and the resume point of a pass still in progress. The sync
// engine writes it inside the same transaction as the batch it covers.
#pragma once

#include "recordfilter.h"

#include <QDateTime>
#include <QString>

namespace rd {

class Database;

struct SyncState
{
    qint64 accountId = 0;
    RecordKind object = RecordKind::Invoices;
    QString cursor;        // opaque to the store: the engine's resume point, empty when idle
    qint64 watermark = 0;  // seconds since the epoch; 0 = nothing synced yet
    bool complete = false; // a full pass has finished at least once
    QDateTime updatedAt;   // invalid when the row does not exist yet
};

class SyncStateRepository final
{
public:
    explicit SyncStateRepository(Database &db) : m_db(db) {}

    // The stored state, or a default (empty, not complete) one when the account never synced
    // that kind. False with a reason only when the query itself failed.
    bool load(qint64 accountId, RecordKind object, SyncState *state, QString *error) const;
    // Inserts or replaces the row; runs inside the caller's transaction.
    bool save(const SyncState &state, QString *error);
    // Forgets every watermark and cursor of an account, so the next sync is a full pass.
    bool reset(qint64 accountId, QString *error);

    // "invoices", "refunds", "chargebacks" as stored in sync_state.object.
    static QString objectName(RecordKind object) { return tableName(object); }

private:
    Database &m_db;
};

} // namespace rd
