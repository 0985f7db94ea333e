// How an operation's outcome reads for a person, shared by the refund, chargeback and refund
// edit dialogs: the gateway's own words verbatim, and what to do next.
#pragma once

#include "operationtypes.h"

namespace rd {

struct OutcomeText
{
    QString title;
    QString html;
};

// `what` names the operation ("refund", "chargeback").
OutcomeText describeOutcome(const OperationOutcome &outcome, const QString &gateway,
                            const QString &what);

} // namespace rd
