// Each dialect's error body, built in one place so every rule answers in the gateway's own shape.
#pragma once

#include "exchange.h"

namespace rd::sandbox::errors {

// {"error":{"type","code","message","param"}} (Stripe and WooshPay).
Reply stripe(int status, const QString &type, const QString &code, const QString &message,
             const QString &param = {});
// {"message","type","api_error_code","param","http_status_code"}
Reply chargebee(int status, const QString &type, const QString &apiErrorCode,
                const QString &message, const QString &param = {});
// {"success":false,"error_type","message"}
Reply processout(int status, const QString &errorType, const QString &message);
// {"detail"}
Reply intasend(int status, const QString &detail);

} // namespace rd::sandbox::errors
