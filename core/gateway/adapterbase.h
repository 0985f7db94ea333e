// What every dialect adapter shares: the HTTP exchange with status → error mapping, the JSON
// envelope checks that turn bad replies into "malformed" errors, and the places RefundDesk
// leaves its operation id in a gateway object.
#pragma once

#include "gateway.h"
#include "httpclient.h"
#include "jsonreader.h"
#include "wireamount.h"

#include <functional>
#include <optional>

namespace rd {

// Metadata key (Stripe, WooshPay, ProcessOut) holding RefundRequest::operationId.
inline QString operationMetadataKey()
{
    return QStringLiteral("refunddesk_operation");
}
// "text [rd:ID]" for dialects that only have free text (Chargebee comment, IntaSend details).
QString appendOperationTag(const QString &text, const QString &operationId);
// Removes a trailing " [rd:ID]" from `text` and returns ID (empty when there is none).
QString takeOperationTag(QString *text);

// "First Last" from an object with first_name / last_name (either may be missing or null).
QString personName(const JsonReader &person);

// The malformed-reply error, naming the field or the body problem.
GatewayError malformedError(const QString &what);
// Parses `body` as JSON; empty, truncated, HTML and other non-JSON bodies are malformed.
std::optional<JsonDocument> parseJsonBody(const QByteArray &body, GatewayError *error);
// Kind and status from an HTTP status alone (401/403 auth, 404, 429, 5xx, other 4xx rejected).
GatewayError errorForStatus(int status);
// errorForStatus() plus what `fill` reads from a JSON error body. A body that is not JSON (an
// HTML error page from a proxy, nothing at all) keeps the status and says so.
GatewayError errorFromBody(const HttpResponse &response,
                           const std::function<void(const JsonReader &, GatewayError &)> &fill);

// Runs `read` on the body's top-level object; any problem becomes a malformed error.
template <typename T>
GatewayResult<T> readObjectBody(const QByteArray &body,
                                const std::function<T(const JsonReader &)> &read)
{
    GatewayResult<T> out;
    const std::optional<JsonDocument> doc = parseJsonBody(body, &out.error);
    if (!doc)
        return out;
    if (!doc->isObject()) {
        out.error = malformedError(QStringLiteral("the reply is not a JSON object"));
        return out;
    }
    const JsonReader reader = doc->reader();
    T value = read(reader);
    if (!reader.ok())
        out.error = malformedError(reader.error());
    else
        out.value = std::move(value);
    return out;
}

// Reads every element of `array` (at `field`) with `read`; stops at the first problem.
template <typename T>
QList<T> readList(const JsonReader &parent, const JsonArray &array, const QString &field,
                  const std::function<T(const JsonReader &)> &read)
{
    QList<T> out;
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size() && parent.ok(); ++i)
        out.append(read(parent.element(array, i, field)));
    return out;
}

class AdapterBase : public Gateway
{
    Q_OBJECT
public:
    AdapterBase(Dialect dialect, const QUrl &baseUrl, AuthScheme auth, const QString &secret,
                QObject *parent);

    Dialect dialect() const final { return m_dialect; }
    HttpClient *httpClient() const { return m_http; }
    const WireAmount &wire() const { return m_wire; }

protected:
    // The dialect's error body → code, message and param, on top of errorForStatus().
    virtual GatewayError parseError(const HttpResponse &response) const = 0;

    using BodyParser = std::function<GatewayError(const QByteArray &body)>;
    // Sends `request`; on a 2xx reply calls `parse` (which fills the caller's result and
    // returns its error), otherwise builds the error. `finish` always runs exactly once.
    void exchange(const HttpRequest &request, BodyParser parse,
                  std::function<void(const GatewayError &)> finish);

    // Convenience for the common case of one parse function producing one value.
    template <typename T>
    void call(const HttpRequest &request, std::function<GatewayResult<T>(const QByteArray &)> parse,
              Callback<T> done)
    {
        auto result = std::make_shared<GatewayResult<T>>();
        exchange(
            request,
            [result, parse](const QByteArray &body) {
                *result = parse(body);
                return result->error;
            },
            [result, done](const GatewayError &error) {
                result->error = error;
                done(*result);
            });
    }

    // A local refusal (nothing sent), delivered asynchronously like every other result.
    template <typename T> void refuse(const QString &code, const QString &message, Callback<T> done)
    {
        GatewayResult<T> r;
        r.error.kind = GatewayError::Kind::Rejected;
        r.error.code = code;
        r.error.message = message;
        QMetaObject::invokeMethod(
            this, [r, done] { done(r); }, Qt::QueuedConnection);
    }

    static int clampPageSize(int requested, int max = 100);

private:
    Dialect m_dialect;
    HttpClient *m_http;
    WireAmount m_wire;
};

} // namespace rd
