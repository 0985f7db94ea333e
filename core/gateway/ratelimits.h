// Each account's request-rate ceiling: the one a person set (`accounts set --max-rps`, the
// accounts dialog), otherwise its gateway's documented default. A sync keeps several requests
// in flight, so without a ceiling it would run into the gateway's own limit and its 429s.
#pragma once

#include "domain/dialect.h"

#include <QString>

namespace rd {

struct Account;

// Requests per second a gateway documents for keys like `secret` (0 = no ceiling):
// Stripe 25 for test keys and 100 for live keys; Chargebee 150 a minute (test sites and the
// smallest live plan); WooshPay, ProcessOut and IntaSend publish no figure, so a cautious 10.
double documentedMaxRps(Dialect dialect, const QString &secret);

// What the account's requests are paced at: its own ceiling when set; otherwise the
// documented default, except for a gateway on this machine (the sandbox), which has none.
double effectiveMaxRps(const Account &account, const QString &secret);

} // namespace rd
