// The deterministic generator of the sandbox's data: for a given seed and size, every run
// produces the same payments, refunds and disputes, byte for byte.
#pragma once

#include "store.h"

namespace rd::sandbox {

// Fills an empty store with `invoicesPerDialect` payments per dialect and a realistic share of
// refunds (partial, full, pending, requires_action, failed), disputes and chargebacks.
void seedStore(Store &store, int invoicesPerDialect);

// A new succeeded payment created now (POST /_sandbox/invoices). A negative amount picks one.
quint32 addRuntimePayment(Store &store, Dialect dialect, quint8 currency, qint64 amount);

} // namespace rd::sandbox
