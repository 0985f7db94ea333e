// What a running sync reports: per account and object kind, how many objects and pages it has
// fetched so far in this run. Queued across threads, so it is a registered metatype.
#pragma once

#include <QMetaType>
#include <QString>

namespace rd {

struct SyncProgress
{
    qint64 accountId = 0;
    QString accountName;
    QString object; // "invoices", "refunds", "chargebacks"
    qint64 fetched = 0;
    int pages = 0;
};

// Values of SyncEngine::accountFinished's errorKind that are not a GatewayError::Kind.
enum SyncFailure : int {
    SyncFailureCache = -1,    // the cache could not be read or written
    SyncFailureCanceled = -2, // cancel() was called
};

} // namespace rd

Q_DECLARE_METATYPE(rd::SyncProgress)
