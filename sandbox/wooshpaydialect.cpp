#include "dialects.h"
#include "errors.h"

namespace rd::sandbox {

namespace {

class WooshPayHandler final : public DialectHandler
{
public:
    using DialectHandler::DialectHandler;
    Dialect dialect() const override { return Dialect::WooshPay; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Basic ") + QByteArrayLiteral("sk_test_sandbox:").toBase64();
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

std::unique_ptr<DialectHandler> makeWooshPayHandler(Store &store)
{
    return std::make_unique<WooshPayHandler>(store);
}

} // namespace rd::sandbox
