// Item roles shared by every RefundDesk table model: DisplayRole holds text for people, these
// hold the raw values (minor units, UTC timestamps, ids) for sorting, exports and delegates.
#pragma once

#include <Qt>

namespace rd {

enum ModelRole : int {
    RawValueRole = Qt::UserRole + 1, // qint64 minor units, QDateTime (UTC), or the stored text
    AccountIdRole,                   // qint64 account id of the row
    RecordIdRole,                    // the row's gateway id (outbox: operation id)
    InvoiceIdRole,                   // the gateway id of the invoice the row belongs to
    CurrencyRole,                    // ISO code of the row's amounts
};

} // namespace rd
