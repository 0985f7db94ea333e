#include "dialects.h"
#include "errors.h"

namespace rd::sandbox {

namespace {

class IntaSendHandler final : public DialectHandler
{
public:
    using DialectHandler::DialectHandler;
    Dialect dialect() const override { return Dialect::IntaSend; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Bearer ISSecretKey_test_sandbox");
    }
    Reply unauthorized() const override
    {
        return errors::intasend(401, QStringLiteral("Invalid token."));
    }
    Reply noRoute(const Request &) const override
    {
        return errors::intasend(404, QStringLiteral("Not found."));
    }
    Reply injectedFailure(int status) const override
    {
        return errors::intasend(status, status == 429 ? QStringLiteral("Request was throttled.")
                                                      : QStringLiteral("Internal server error."));
    }
    Reply handle(const Request &request) override { return noRoute(request); }
};

} // namespace

std::unique_ptr<DialectHandler> makeIntaSendHandler(Store &store)
{
    return std::make_unique<IntaSendHandler>(store);
}

} // namespace rd::sandbox
