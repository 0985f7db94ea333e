// The refund reasons a person can choose for each dialect: the common ones (which adapters map
// to the dialect's own values) plus the values only that dialect has.
#pragma once

#include "domain/dialect.h"

#include <QList>
#include <QString>

namespace rd {

struct ReasonChoice
{
    QString label;
    QString common;       // common reason name, or empty
    QString dialectValue; // the dialect's own value when there is no common equivalent
};

QList<ReasonChoice> refundReasonChoices(Dialect dialect);
// Reasons IntaSend's refund requests (chargebacks) accept, as free text the gateway stores.
QStringList chargebackReasonChoices();

} // namespace rd
