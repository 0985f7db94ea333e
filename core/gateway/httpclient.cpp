#include "httpclient.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>

namespace rd {

Q_LOGGING_CATEGORY(lcGateway, "rd.gateway", QtInfoMsg)

#ifndef REFUNDDESK_VERSION
#define REFUNDDESK_VERSION "0"
#endif

namespace {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isPathChar(QChar c)
{
    if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
        (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
        return true;
    return QStringView(u"-._~%!$&'()*+,;=:@/").contains(c);
}

// Transport failures that happen before any byte of the request can have been processed.
bool neverReachedServer(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProtocolUnknownError:
        return true;
    default:
        return false;
    }
}

// The certificate problems of a failed handshake, each with what a person can do about it:
// only an authority the system does not know is fixed by REFUNDDESK_CA_FILE; a certificate
// for another host name or outside its dates is not, and saying so would send them astray.
QString certificateProblems(const QList<QSslError> &errors, const QString &fallback)
{
    QStringList what;
    bool trust = false;
    bool name = false;
    bool dates = false;
    for (const QSslError &e : errors) {
        switch (e.error()) {
        case QSslError::HostNameMismatch:
            name = true;
            break;
        case QSslError::CertificateExpired:
        case QSslError::CertificateNotYetValid:
            dates = true;
            break;
        default:
            trust = true;
            break;
        }
        if (!what.contains(e.errorString()))
            what << e.errorString();
    }
    QStringList advice{QStringLiteral("nothing was sent")};
    if (name)
        advice << QStringLiteral("check the account's base URL");
    if (dates)
        advice << QStringLiteral("check this computer's date and time");
    if (trust || errors.isEmpty())
        advice << QStringLiteral("an authority of your own can be added with REFUNDDESK_CA_FILE");
    return QStringLiteral("%1 (%2)").arg(what.isEmpty() ? fallback
                                                        : QStringLiteral("SSL handshake failed: ") +
                                                              what.join(QStringLiteral("; ")),
                                         advice.join(QStringLiteral("; ")));
}

// A request body Qt can read once and never rewind. Qt's HTTP/1 layer silently resends a
// request whose connection closed before any reply, whatever the method; a body that cannot be
// reset turns that resend into an error, so a POST reaches the gateway only as often as
// RefundDesk itself decides (once, or again with the same idempotency key).
class OneShotBody final : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data) : m_data(std::move(data)) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_pos + QIODevice::bytesAvailable();
    }
    bool atEnd() const override { return m_pos >= m_data.size(); }
    bool reset() override { return false; }
    bool seek(qint64) override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, qint64(m_data.size()) - m_pos);
        if (n <= 0)
            return m_pos >= m_data.size() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

struct HttpClient::Exchange
{
    HttpRequest request;
    Callback done;
    QUrl url;
    QByteArray body;
    int attempts = 0;
    bool reached = false; // some attempt may have been processed by the server
    bool timedOut = false;
    bool tooLarge = false;
    QList<QSslError> sslErrors; // of the last attempt's handshake
};

HttpClient::HttpClient(const QUrl &baseUrl, AuthScheme auth, const QString &secret, QObject *parent)
    : QObject(parent), m_nam(new QNetworkAccessManager(this)), m_base(baseUrl)
{
    // Redirects could carry the Authorization header elsewhere; a gateway never needs them.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_configError = checkBaseUrl(baseUrl);
    if (secret.isEmpty() && m_configError.isEmpty()) {
        m_configError = QStringLiteral("The account has no secret.");
        m_configKind = GatewayError::Kind::Auth;
    }

    QByteArray token;
    switch (auth) {
    case AuthScheme::Bearer:
        m_authorization = "Bearer " + secret.toUtf8();
        break;
    case AuthScheme::BasicKeyAsUser:
        token = (secret + QLatin1Char(':')).toUtf8().toBase64();
        m_authorization = "Basic " + token;
        break;
    case AuthScheme::BasicProjectSecret:
        if (!secret.contains(QLatin1Char(':')) && m_configError.isEmpty()) {
            m_configError = QStringLiteral("The account secret must be \"project_id:secret\".");
            m_configKind = GatewayError::Kind::Auth;
        }
        token = secret.toUtf8().toBase64();
        m_authorization = "Basic " + token;
        m_secretForms << secret.section(QLatin1Char(':'), 1);
        break;
    }
    m_secretForms << secret << QString::fromLatin1(token);
    m_secretForms.removeAll(QString());
    // Longest first, so a secret inside another form is not half-replaced.
    std::sort(m_secretForms.begin(), m_secretForms.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    setOptions(Options());

    // A gateway behind a company's TLS-inspecting proxy, or a test server, is signed by an
    // authority the system does not know: REFUNDDESK_CA_FILE (PEM) adds it to the system's
    // authorities instead of ever switching verification off.
    const QString caFile = qEnvironmentVariable("REFUNDDESK_CA_FILE");
    if (!caFile.isEmpty() && m_configError.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(caFile, QSsl::Pem);
        if (extra.isEmpty()) {
            m_configError =
                QStringLiteral("REFUNDDESK_CA_FILE names %1, which holds no PEM certificate.")
                    .arg(caFile);
        } else {
            m_ssl = QSslConfiguration::defaultConfiguration();
            m_ssl->setCaCertificates(QSslConfiguration::systemCaCertificates() + extra);
        }
    }
}

HttpClient::~HttpClient() = default;

void HttpClient::setOptions(const Options &options)
{
    m_options = options;
    m_retry = RetryPolicy(options.retry, options.random);
}

void HttpClient::setMaxRequestsPerSecond(double ceiling)
{
    m_limiter.setCeiling(ceiling);
}

void HttpClient::setNetworkAccessManager(QNetworkAccessManager *nam)
{
    if (!nam || nam == m_nam)
        return;
    delete m_nam;
    m_nam = nam;
    m_nam->setParent(this);
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

namespace {

qint64 monotonicMs()
{
    static QElapsedTimer clock;
    static const bool started = (clock.start(), true);
    Q_UNUSED(started);
    return clock.elapsed();
}

} // namespace

QString HttpClient::checkBaseUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("\"%1\" is not a valid URL.").arg(url.toDisplayString());
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return QStringLiteral("The gateway URL must start with https://.");
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return QStringLiteral("The gateway URL must use https:// (plain http is only allowed for "
                              "this computer).");
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return QStringLiteral("The gateway URL must not contain a user name, query or fragment.");
    return QString();
}

QString HttpClient::pathOf(const QStringList &segments, bool trailingSlash)
{
    QString path;
    for (const QString &s : segments) {
        if (s.isEmpty() || s == QLatin1String(".") || s == QLatin1String(".."))
            return QString();
        path += QLatin1Char('/') + QString::fromLatin1(s.toUtf8().toPercentEncoding());
    }
    if (trailingSlash && !path.isEmpty())
        path += QLatin1Char('/');
    return path;
}

QUrl HttpClient::resolve(const QString &path, const FormFields &query, QString *error) const
{
    auto refuse = [&](const QString &why) {
        if (error)
            *error = why;
        return QUrl();
    };
    if (!m_configError.isEmpty())
        return refuse(m_configError);
    if (!path.startsWith(QLatin1Char('/')))
        return refuse(QStringLiteral("invalid request path"));
    for (const QChar c : path) {
        if (!isPathChar(c))
            return refuse(QStringLiteral("invalid character in request path"));
    }
    QStringList segments = path.mid(1).split(QLatin1Char('/'));
    if (segments.size() > 1 && segments.constLast().isEmpty())
        segments.removeLast(); // a trailing slash
    for (const QString &s : segments) {
        const QString decoded = QUrl::fromPercentEncoding(s.toLatin1());
        if (decoded.isEmpty() || decoded == QLatin1String(".") || decoded == QLatin1String(".."))
            return refuse(QStringLiteral("invalid request path"));
    }
    QByteArray base = m_base.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (base.endsWith('/'))
        base.chop(1);
    QByteArray encoded = base + path.toLatin1();
    if (!query.isEmpty())
        encoded += '?' + query.encode();
    const QUrl url = QUrl::fromEncoded(encoded, QUrl::StrictMode);
    const QString basePath = QUrl::fromEncoded(base).path(QUrl::FullyEncoded);
    if (!url.isValid() || url.scheme() != m_base.scheme() || url.host() != m_base.host() ||
        url.port() != m_base.port() ||
        !url.path(QUrl::FullyEncoded).startsWith(basePath + QLatin1Char('/')))
        return refuse(QStringLiteral("request path leaves the gateway's base URL"));
    return url;
}

QByteArray HttpClient::userAgent()
{
    return QByteArrayLiteral("RefundDesk/" REFUNDDESK_VERSION);
}

QString HttpClient::redact(const QString &text) const
{
    QString out = text;
    for (const QString &s : m_secretForms) {
        if (s.size() >= 4)
            out.replace(s, QStringLiteral("[redacted]"));
    }
    return out;
}

void HttpClient::send(const HttpRequest &request, Callback done)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->request = request;
    exchange->done = std::move(done);
    QString why;
    exchange->url = resolve(request.path, request.query, &why);
    if (!exchange->url.isValid()) {
        // Nothing was sent: a bad account setup, or a path that would leave the base URL.
        HttpResult result;
        const bool config = !m_configError.isEmpty();
        result.transport.kind = config ? m_configKind : GatewayError::Kind::Rejected;
        result.transport.code =
            config ? QStringLiteral("invalid_account") : QStringLiteral("invalid_request");
        result.transport.message = redact(why);
        // Deliver asynchronously like every other outcome, so callers see one behaviour.
        QTimer::singleShot(0, this, [exchange, result] { exchange->done(result); });
        return;
    }
    switch (request.body) {
    case HttpRequest::Body::None:
        break;
    case HttpRequest::Body::Form:
        exchange->body = request.form.encode();
        break;
    case HttpRequest::Body::Json:
        exchange->body = request.json.toJson(QJsonDocument::Compact);
        break;
    }
    startAttempt(exchange);
}

void HttpClient::startAttempt(const std::shared_ptr<Exchange> &exchange)
{
    const qint64 waitMs = m_limiter.reserve(monotonicMs());
    if (waitMs > 0) {
        QTimer::singleShot(int(waitMs), Qt::PreciseTimer, this,
                           [this, exchange] { sendAttempt(exchange); });
        return;
    }
    sendAttempt(exchange);
}

void HttpClient::sendAttempt(const std::shared_ptr<Exchange> &exchange)
{
    const HttpRequest &r = exchange->request;
    ++exchange->attempts;
    exchange->timedOut = false;
    exchange->tooLarge = false;
    exchange->sslErrors.clear();

    QNetworkRequest req(exchange->url);
    req.setRawHeader("Authorization", m_authorization);
    req.setRawHeader("User-Agent", userAgent());
    req.setRawHeader("Accept", "application/json");
    if (r.body == HttpRequest::Body::Form)
        req.setRawHeader("Content-Type", "application/x-www-form-urlencoded");
    else if (r.body == HttpRequest::Body::Json)
        req.setRawHeader("Content-Type", "application/json");
    if (!r.idempotencyHeader.isEmpty() && !r.idempotencyKey.isEmpty())
        req.setRawHeader(r.idempotencyHeader, r.idempotencyKey.toUtf8());
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    if (m_ssl)
        req.setSslConfiguration(*m_ssl);

    qCDebug(lcGateway).noquote() << r.method << redact(exchange->url.toDisplayString()) << "attempt"
                                 << exchange->attempts;

    QNetworkReply *reply = nullptr;
    if (r.isWrite()) {
        req.setHeader(QNetworkRequest::ContentLengthHeader, exchange->body.size());
        req.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto *body = new OneShotBody(exchange->body);
        reply = m_nam->sendCustomRequest(req, r.method, body);
        body->setParent(reply);
    } else {
        reply = m_nam->sendCustomRequest(req, r.method);
    }

    const qint64 cap = m_options.maxReplyBytes;
    auto guardSize = [exchange, reply, cap](qint64 received) {
        if (received > cap && !exchange->tooLarge) {
            exchange->tooLarge = true;
            reply->abort();
        }
    };
    connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, guardSize] {
        bool ok = false;
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        if (ok)
            guardSize(length);
    });
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [guardSize](qint64 received, qint64) { guardSize(received); });

    const int timeout = r.timeoutMs > 0 ? r.timeoutMs : m_options.timeoutMs;
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [exchange, reply] {
        exchange->timedOut = true;
        reply->abort();
    });
    timer->start(timeout);

    // Kept to name the problem; never ignored, so the handshake still fails.
    connect(reply, &QNetworkReply::sslErrors, reply,
            [exchange](const QList<QSslError> &errors) { exchange->sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this,
            [this, exchange, reply] { attemptFinished(exchange, reply); });
}

void HttpClient::attemptFinished(const std::shared_ptr<Exchange> &exchange, QNetworkReply *reply)
{
    reply->deleteLater();
    const HttpRequest &r = exchange->request;
    HttpResult result;
    result.attempts = exchange->attempts;

    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    AttemptOutcome outcome;
    if (exchange->tooLarge) {
        exchange->reached = true;
        result.transport.kind = GatewayError::Kind::Malformed;
        result.transport.code = QStringLiteral("reply_too_large");
        result.transport.message =
            QStringLiteral("The gateway's reply is larger than %1 MiB; it was not read.")
                .arg(m_options.maxReplyBytes / (1024 * 1024));
    } else if (exchange->timedOut || !statusAttr.isValid() ||
               (reply->error() > QNetworkReply::NoError &&
                reply->error() < QNetworkReply::ContentAccessDenied)) {
        // No status, or the connection broke while the body was arriving (network-layer
        // errors are below the content errors Qt derives from HTTP statuses).
        outcome.transportError = true;
        const auto err = exchange->timedOut ? QNetworkReply::TimeoutError : reply->error();
        if (!neverReachedServer(err))
            exchange->reached = true;
        result.transport.kind = GatewayError::Kind::Network;
        result.transport.code =
            exchange->timedOut ? QStringLiteral("timeout") : QStringLiteral("network_error");
        result.transport.message =
            exchange->timedOut
                ? QStringLiteral("No reply from the gateway within %1 s.")
                      .arg((r.timeoutMs > 0 ? r.timeoutMs : m_options.timeoutMs) / 1000.0)
            : err == QNetworkReply::ContentReSendError ||
                    err == QNetworkReply::RemoteHostClosedError
                ? QStringLiteral("The gateway closed the connection without answering.")
            : err == QNetworkReply::SslHandshakeFailedError
                // Verification is never switched off; say what failed and what helps.
                ? redact(certificateProblems(exchange->sslErrors, reply->errorString()))
                : redact(reply->errorString());
    } else {
        HttpResponse &resp = result.response;
        resp.status = statusAttr.toInt();
        resp.headers = reply->rawHeaderPairs();
        resp.body = reply->readAll();
        outcome.status = resp.status;
        outcome.stripeShouldRetry = resp.header("Stripe-Should-Retry");
        outcome.retryAfter = resp.header("Retry-After");
        if (resp.status >= 500)
            exchange->reached = true;
        if (resp.status == 429)
            m_limiter.onRateLimited(
                monotonicMs(),
                RetryPolicy::parseRetryAfterMs(outcome.retryAfter, QDateTime::currentDateTimeUtc())
                    .value_or(0));
        else
            m_limiter.onAnswered();
    }
    qCDebug(lcGateway).noquote() << r.method << redact(exchange->url.toDisplayString()) << "->"
                                 << (result.transport.isError() ? result.transport.code
                                                                : QString::number(outcome.status));

    if (!exchange->tooLarge) {
        const bool replayable = RetryPolicy::isReplayable(
            r.method, !r.idempotencyKey.isEmpty() && !r.idempotencyHeader.isEmpty());
        if (const auto delay = m_retry.nextDelayMs(exchange->attempts, outcome, replayable)) {
            qCDebug(lcGateway) << "retrying in" << *delay << "ms";
            QTimer::singleShot(*delay, this, [this, exchange] { startAttempt(exchange); });
            return;
        }
    }

    if (r.isWrite()) {
        const int s = result.response.status;
        const bool definite = !result.transport.isError() && s < 500 && s != 429;
        result.outcomeUnknown = !definite && exchange->reached;
    }
    result.transport.outcomeUnknown = result.outcomeUnknown;
    // The callback may delete this client; nothing after it may touch members.
    const Callback done = exchange->done;
    done(result);
}

} // namespace rd
