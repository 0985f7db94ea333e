// What the cache already holds for a page of gateway objects: a fingerprint of each stored
// row, so the sync engine can tell new or changed objects from ones it has seen unchanged
// (which decides when a scan of a newest-first list may stop, and which invoices to re-read).
#pragma once

#include "domain/records.h"
#include "store/recordfilter.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace rd {

class Database;

namespace knownrecords {

// The stored fields of a record as one string; equal fingerprints mean the upsert would
// store exactly what the cache holds already (synced_at aside).
QString fingerprint(const Invoice &invoice);
QString fingerprint(const Refund &refund);
QString fingerprint(const Chargeback &chargeback);

// gateway id -> fingerprint of the cached row, for those of `ids` the cache holds.
// False with a reason when the query failed.
bool cachedFingerprints(Database &db, RecordKind kind, qint64 accountId, const QStringList &ids,
                        QHash<QString, QString> *out, QString *error);

// invoice gateway id -> when RefundDesk last stored it (seconds since the epoch, local clock).
bool invoiceSyncTimes(Database &db, qint64 accountId, const QStringList &ids,
                      QHash<QString, qint64> *out, QString *error);

} // namespace knownrecords
} // namespace rd
