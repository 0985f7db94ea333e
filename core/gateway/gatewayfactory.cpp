#include "gatewayfactory.h"

#include "chargebeeadapter.h"
#include "intasendadapter.h"
#include "processoutadapter.h"
#include "ratelimits.h"
#include "stripeadapter.h"
#include "wooshpayadapter.h"

namespace rd {

std::unique_ptr<Gateway> createGateway(const Account &account, const QString &secret,
                                       QObject *parent)
{
    return createGateway(account, secret, HttpClient::Options(), parent);
}

std::unique_ptr<Gateway> createGateway(const Account &account, const QString &secret,
                                       const HttpClient::Options &options, QObject *parent)
{
    const QUrl url = QUrl::fromUserInput(account.baseUrl.trimmed());
    std::unique_ptr<AdapterBase> g;
    switch (account.dialect) {
    case Dialect::Stripe:
        g = std::make_unique<StripeAdapter>(url, secret, parent);
        break;
    case Dialect::WooshPay:
        g = std::make_unique<WooshPayAdapter>(url, secret, parent);
        break;
    case Dialect::Chargebee:
        g = std::make_unique<ChargebeeAdapter>(url, secret, parent);
        break;
    case Dialect::ProcessOut:
        g = std::make_unique<ProcessOutAdapter>(url, secret, parent);
        break;
    case Dialect::IntaSend:
        g = std::make_unique<IntaSendAdapter>(url, secret, parent);
        break;
    }
    if (!g)
        return nullptr;
    g->httpClient()->setOptions(options);
    g->httpClient()->setMaxRequestsPerSecond(effectiveMaxRps(account, secret));
    return g;
}

} // namespace rd
