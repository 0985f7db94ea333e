// One account's HTTP connection to its gateway: joins paths to the base URL without letting them
// escape it, authenticates per dialect, encodes form and JSON bodies, times out, retries what is
// safe to retry, caps reply size and never lets the secret reach a log. Asynchronous, no UI.
#pragma once

#include "formencoding.h"
#include "gateway.h"
#include "ratelimiter.h"
#include "retrypolicy.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace rd {

Q_DECLARE_LOGGING_CATEGORY(lcGateway)

enum class AuthScheme {
    Bearer,             // Authorization: Bearer <secret>
    BasicKeyAsUser,     // Basic base64("<secret>:")
    BasicProjectSecret, // Basic base64("<project_id>:<secret>"), the account secret holds both
};

struct HttpRequest
{
    enum class Body { None, Form, Json };

    QByteArray method = "GET";
    QString path; // from HttpClient::pathOf(); appended to the base URL's path
    FormFields query;
    Body body = Body::None;
    FormFields form;
    QJsonDocument json;
    QByteArray idempotencyHeader; // e.g. "Idempotency-Key"; empty when the dialect has none
    QString idempotencyKey;
    int timeoutMs = 0; // 0: the client's default

    bool isWrite() const { return method != "GET" && method != "HEAD"; }
};

struct HttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
};

struct HttpResult
{
    HttpResponse response;  // valid when !transport.isError()
    GatewayError transport; // Network (refused, reset, timeout, TLS) or Malformed (too large)
    int attempts = 0;
    // For writes: the request may have taken effect though no definite answer came back.
    bool outcomeUnknown = false;
};

class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)
public:
    struct Options
    {
        int timeoutMs = 30000;
        qint64 maxReplyBytes = 32 * 1024 * 1024;
        RetryConfig retry;
        RetryPolicy::RandomSource random; // empty: QRandomGenerator
    };

    HttpClient(const QUrl &baseUrl, AuthScheme auth, const QString &secret,
               QObject *parent = nullptr);
    ~HttpClient() override;

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }
    // At most this many requests per second leave this client (0 = no ceiling); 429 answers
    // lower the pace below it for a while (see RateLimiter). Retries are paced too.
    void setMaxRequestsPerSecond(double ceiling);
    // Sends through `nam` (which this client then owns) instead of its own network access
    // manager: the ingest benchmark answers from pages held in memory this way.
    void setNetworkAccessManager(QNetworkAccessManager *nam);
    const RateLimiter &rateLimiter() const { return m_limiter; }
    const QUrl &baseUrl() const { return m_base; }

    // Empty when `url` may be used as a gateway base URL; otherwise why not (HTTPS is required
    // except for loopback hosts; no user info, query or fragment).
    static QString checkBaseUrl(const QUrl &url);
    // "/v1/refunds/re_1": each segment percent-encoded (so '/' in an id stays inside its
    // segment). Empty when a segment is empty, "." or "..": callers must treat that as an error.
    // `trailingSlash` for APIs that want "/api/v1/chargebacks/".
    static QString pathOf(const QStringList &segments, bool trailingSlash = false);
    // The full URL for `path`, or an empty URL with a reason when it would leave the base.
    QUrl resolve(const QString &path, const FormFields &query, QString *error) const;

    static QByteArray userAgent();
    // `text` with every form of the secret replaced; for logs and error messages.
    QString redact(const QString &text) const;

    using Callback = std::function<void(const HttpResult &)>;
    void send(const HttpRequest &request, Callback done);

private:
    struct Exchange;
    void startAttempt(const std::shared_ptr<Exchange> &exchange);
    void sendAttempt(const std::shared_ptr<Exchange> &exchange);
    void attemptFinished(const std::shared_ptr<Exchange> &exchange, QNetworkReply *reply);

    QNetworkAccessManager *m_nam = nullptr;
    QUrl m_base;
    QString m_configError;
    GatewayError::Kind m_configKind = GatewayError::Kind::Network;
    QByteArray m_authorization;
    QStringList m_secretForms;
    Options m_options;
    RetryPolicy m_retry;
    RateLimiter m_limiter;
    // Set only when REFUNDDESK_CA_FILE adds certificate authorities to the system's.
    std::optional<QSslConfiguration> m_ssl;
};

} // namespace rd
