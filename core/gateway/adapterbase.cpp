#include "adapterbase.h"

#include <QJsonParseError>
#include <QRegularExpression>

namespace rd {

QString appendOperationTag(const QString &text, const QString &operationId)
{
    if (operationId.isEmpty())
        return text;
    const QString tag = QStringLiteral("[rd:%1]").arg(operationId);
    return text.isEmpty() ? tag : text + QLatin1Char(' ') + tag;
}

QString takeOperationTag(QString *text)
{
    static const QRegularExpression re(QStringLiteral("\\s*\\[rd:([^\\]\\s]+)\\]\\s*$"));
    const QRegularExpressionMatch m = re.match(*text);
    if (!m.hasMatch())
        return QString();
    text->truncate(m.capturedStart());
    return m.captured(1);
}

QString personName(const JsonReader &person)
{
    return QStringList{person.optString(QStringLiteral("first_name")),
                       person.optString(QStringLiteral("last_name"))}
        .join(QLatin1Char(' '))
        .trimmed();
}

GatewayError malformedError(const QString &what)
{
    GatewayError e;
    e.kind = GatewayError::Kind::Malformed;
    e.code = QStringLiteral("malformed");
    e.message = what;
    return e;
}

std::optional<JsonDocument> parseJsonBody(const QByteArray &body, GatewayError *error)
{
    QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty()) {
        *error = malformedError(QStringLiteral("the reply body is empty"));
        return std::nullopt;
    }
    if (trimmed.startsWith('<')) {
        *error = malformedError(QStringLiteral("the reply is an HTML page, not JSON"));
        return std::nullopt;
    }
    // A byte that is not UTF-8 (a name kept as Latin-1 somewhere upstream) would fail the whole
    // page, and with it every sync of the account until the gateway's data changed; it becomes
    // U+FFFD instead, as a browser would show it, and the rest of the reply reads as sent.
    if (!trimmed.isValidUtf8())
        trimmed = QString::fromUtf8(trimmed).toUtf8();
    QJsonParseError pe;
    JsonDocument doc = JsonDocument::fromJson(trimmed, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = malformedError(QStringLiteral("the reply is not valid JSON (%1 at byte %2)")
                                    .arg(pe.errorString())
                                    .arg(pe.offset));
        return std::nullopt;
    }
    return doc;
}

GatewayError errorForStatus(int status)
{
    GatewayError e;
    e.httpStatus = status;
    if (status == 401 || status == 403)
        e.kind = GatewayError::Kind::Auth;
    else if (status == 404)
        e.kind = GatewayError::Kind::NotFound;
    else if (status == 429)
        e.kind = GatewayError::Kind::RateLimited;
    else if (status >= 500)
        e.kind = GatewayError::Kind::Server;
    else if (status >= 400)
        e.kind = GatewayError::Kind::Rejected;
    else {
        e.kind = GatewayError::Kind::Malformed;
        e.code = QStringLiteral("malformed");
        e.message = QStringLiteral("unexpected HTTP status %1").arg(status);
    }
    return e;
}

GatewayError errorFromBody(const HttpResponse &response,
                           const std::function<void(const JsonReader &, GatewayError &)> &fill)
{
    GatewayError e = errorForStatus(response.status);
    GatewayError bodyError;
    const std::optional<JsonDocument> doc = parseJsonBody(response.body, &bodyError);
    if (doc && doc->isObject())
        fill(doc->reader(), e);
    if (e.message.isEmpty())
        e.message = QStringLiteral("HTTP %1 with no readable error message (%2)")
                        .arg(response.status)
                        .arg(doc ? QStringLiteral("unexpected JSON") : bodyError.message);
    return e;
}

AdapterBase::AdapterBase(Dialect dialect, const QUrl &baseUrl, AuthScheme auth,
                         const QString &secret, QObject *parent)
    : Gateway(parent), m_dialect(dialect), m_http(new HttpClient(baseUrl, auth, secret, this)),
      m_wire(WireAmount::forDialect(dialect))
{}

int AdapterBase::clampPageSize(int requested, int max)
{
    return requested <= 0 ? max : qMin(requested, max);
}

void AdapterBase::exchange(const HttpRequest &request, BodyParser parse,
                           std::function<void(const GatewayError &)> finish)
{
    const bool write = request.isWrite();
    m_http->send(request, [this, write, parse, finish](const HttpResult &r) {
        GatewayError error;
        if (r.transport.isError()) {
            error = r.transport;
        } else if (r.response.status < 200 || r.response.status >= 300) {
            error = parseError(r.response);
            error.httpStatus = r.response.status;
            error.outcomeUnknown = r.outcomeUnknown;
        } else {
            error = parse(r.response.body);
            // A write answered 2xx took effect even when RefundDesk cannot read the answer.
            if (error.isError() && write)
                error.outcomeUnknown = true;
        }
        error.message = m_http->redact(error.message);
        error.code = m_http->redact(error.code);
        finish(error);
    });
}

} // namespace rd
