#include "dialects.h"
#include "errors.h"

namespace rd::sandbox {

namespace {

class ChargebeeHandler final : public DialectHandler
{
public:
    using DialectHandler::DialectHandler;
    Dialect dialect() const override { return Dialect::Chargebee; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Basic ") + QByteArrayLiteral("test_sandbox:").toBase64();
    }
    Reply unauthorized() const override
    {
        return errors::chargebee(401, QString(), QStringLiteral("api_authentication_failed"),
                                 QStringLiteral("Sorry, authentication failed. Invalid api key"));
    }
    Reply noRoute(const Request &) const override
    {
        return errors::chargebee(404, QString(), QStringLiteral("resource_not_found"),
                                 QStringLiteral("Sorry, we couldn't find that resource"));
    }
    Reply injectedFailure(int status) const override
    {
        return errors::chargebee(status, QString(),
                                 status == 429 ? QStringLiteral("api_request_limit_exceeded")
                                               : QStringLiteral("internal_error"),
                                 QStringLiteral("Injected failure."));
    }
    Reply handle(const Request &request) override { return noRoute(request); }
};

} // namespace

std::unique_ptr<DialectHandler> makeChargebeeHandler(Store &store)
{
    return std::make_unique<ChargebeeHandler>(store);
}

} // namespace rd::sandbox
