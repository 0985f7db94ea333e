// Checks an amount as a person types it: the currency's precision, more than zero, and not
// above a limit (what is still refundable or chargeable). Says what is wrong in a sentence.
#pragma once

#include "domain/money.h"

#include <QString>

#include <optional>

namespace rd {

struct AmountCheck
{
    std::optional<Money> amount; // set when acceptable
    QString problem;             // a sentence for a person otherwise
};

// `limit` is in the currency to use; `limitText` says what the limit is ("still refundable").
AmountCheck checkAmount(const QString &text, const Money &limit, const QString &limitText);

} // namespace rd
