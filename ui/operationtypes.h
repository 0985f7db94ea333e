// What the refund-edit dialog returns; refunds and chargebacks use the ops service's own
// RefundDraft and OperationOutcome (ops/operation.h).
#pragma once

#include "ops/operation.h"

#include <QMap>
#include <QString>

namespace rd {

struct RefundMetadataDraft
{
    qint64 accountId = 0;
    QString refundId;
    QMap<QString, QString> metadata;
};

} // namespace rd
