#include "ratelimits.h"

#include "store/accountrepository.h"

#include <QHostAddress>
#include <QUrl>

namespace rd {

double documentedMaxRps(Dialect dialect, const QString &secret)
{
    switch (dialect) {
    case Dialect::Stripe:
        return secret.startsWith(QLatin1String("sk_live_")) ||
                       secret.startsWith(QLatin1String("rk_live_"))
                   ? 100
                   : 25;
    case Dialect::Chargebee:
        return 150.0 / 60.0;
    case Dialect::WooshPay:
    case Dialect::ProcessOut:
    case Dialect::IntaSend:
        return 10;
    }
    return 10;
}

double effectiveMaxRps(const Account &account, const QString &secret)
{
    if (account.maxRps > 0)
        return account.maxRps;
    const QString host = QUrl::fromUserInput(account.baseUrl.trimmed()).host();
    if (host == QLatin1String("localhost") || QHostAddress(host).isLoopback())
        return 0;
    return documentedMaxRps(account.dialect, secret);
}

} // namespace rd
