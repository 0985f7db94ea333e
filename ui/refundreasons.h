// The refund reasons a person can choose for a dialect: the common ones (which adapters map to
// the dialect's own values) and then the values only that dialect has.
#pragma once

#include "domain/dialect.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rd {

struct ReasonChoice
{
    QString label;
    QString value; // a common reason name or one of the dialect's own values
};

// `dialectReasons` is Gateway::refundReasons() for the account.
QList<ReasonChoice> refundReasonChoices(Dialect dialect, const QStringList &dialectReasons);
// Suggestions for IntaSend refund requests (chargebacks), whose reason is free text.
QStringList chargebackReasonChoices();

} // namespace rd
