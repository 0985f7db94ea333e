#include "errors.h"

namespace rd::sandbox::errors {

Reply stripe(int status, const QString &type, const QString &code, const QString &message,
             const QString &param)
{
    QJsonObject error{{QStringLiteral("type"), type}, {QStringLiteral("message"), message}};
    if (!code.isEmpty())
        error.insert(QStringLiteral("code"), code);
    if (!param.isEmpty())
        error.insert(QStringLiteral("param"), param);
    return Reply::json(QJsonObject{{QStringLiteral("error"), error}}, status);
}

Reply chargebee(int status, const QString &type, const QString &apiErrorCode,
                const QString &message, const QString &param)
{
    QJsonObject o{{QStringLiteral("message"), message},
                  {QStringLiteral("api_error_code"), apiErrorCode},
                  {QStringLiteral("http_status_code"), status}};
    if (!type.isEmpty())
        o.insert(QStringLiteral("type"), type);
    if (!param.isEmpty())
        o.insert(QStringLiteral("param"), param);
    return Reply::json(o, status);
}

Reply processout(int status, const QString &errorType, const QString &message)
{
    return Reply::json(QJsonObject{{QStringLiteral("success"), false},
                                   {QStringLiteral("error_type"), errorType},
                                   {QStringLiteral("message"), message}},
                       status);
}

Reply intasend(int status, const QString &detail)
{
    return Reply::json(QJsonObject{{QStringLiteral("detail"), detail}}, status);
}

} // namespace rd::sandbox::errors
