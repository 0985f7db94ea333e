#include "dialects.h"
#include "errors.h"

namespace rd::sandbox {

namespace {

class ProcessOutHandler final : public DialectHandler
{
public:
    using DialectHandler::DialectHandler;
    Dialect dialect() const override { return Dialect::ProcessOut; }
    QByteArray expectedAuthorization() const override
    {
        return QByteArrayLiteral("Basic ") +
               QByteArrayLiteral("test-proj_sandbox:key_sandbox").toBase64();
    }
    Reply unauthorized() const override
    {
        return errors::processout(401, QStringLiteral("request.authentication.invalid"),
                                  QStringLiteral("The API credentials could not be verified."));
    }
    Reply noRoute(const Request &) const override
    {
        return errors::processout(404, QStringLiteral("request.route-not-found"),
                                  QStringLiteral("The requested route could not be found."));
    }
    Reply injectedFailure(int status) const override
    {
        return errors::processout(status,
                                  status == 429 ? QStringLiteral("request.rate-limit.exceeded")
                                                : QStringLiteral("default"),
                                  QStringLiteral("Injected failure."));
    }
    Reply handle(const Request &request) override { return noRoute(request); }
};

} // namespace

std::unique_ptr<DialectHandler> makeProcessOutHandler(Store &store)
{
    return std::make_unique<ProcessOutHandler>(store);
}

} // namespace rd::sandbox
