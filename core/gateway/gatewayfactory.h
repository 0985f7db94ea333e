// Makes the adapter for an account's dialect. The secret is handed to the adapter's
// HttpClient and kept nowhere else.
#pragma once

#include "gateway.h"
#include "httpclient.h"
#include "store/accountrepository.h"

#include <memory>

namespace rd {

std::unique_ptr<Gateway> createGateway(const Account &account, const QString &secret,
                                       QObject *parent = nullptr);
// The same with HTTP options (timeouts, retries, reply cap), e.g. short timeouts in tests.
std::unique_ptr<Gateway> createGateway(const Account &account, const QString &secret,
                                       const HttpClient::Options &options,
                                       QObject *parent = nullptr);

} // namespace rd
