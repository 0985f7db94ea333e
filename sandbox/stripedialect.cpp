#include "dialects.h"
#include "errors.h"

namespace rd::sandbox {

namespace {

class StripeHandler final : public DialectHandler
{
public:
    using DialectHandler::DialectHandler;
    Dialect dialect() const override { return Dialect::Stripe; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Bearer sk_test_sandbox");
    }
    Reply unauthorized() const override
    {
        return errors::stripe(401, QStringLiteral("invalid_request_error"),
                              QStringLiteral("api_key_invalid"),
                              QStringLiteral("Invalid API Key provided."));
    }
    Reply noRoute(const Request &) const override
    {
        return errors::stripe(404, QStringLiteral("invalid_request_error"),
                              QStringLiteral("resource_missing"),
                              QStringLiteral("Unrecognized request URL."));
    }
    Reply injectedFailure(int status) const override
    {
        return errors::stripe(status,
                              status == 429 ? QStringLiteral("rate_limit_error")
                                            : QStringLiteral("api_error"),
                              status == 429 ? QStringLiteral("rate_limit") : QString(),
                              QStringLiteral("Injected failure."));
    }
    Reply handle(const Request &request) override { return noRoute(request); }
};

} // namespace

std::unique_ptr<DialectHandler> makeStripeHandler(Store &store)
{
    return std::make_unique<StripeHandler>(store);
}

} // namespace rd::sandbox
