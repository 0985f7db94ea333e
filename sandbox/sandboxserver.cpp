#include "sandboxserver.h"

#include "dialects.h"
#include "seed.h"
#include "statefile.h"

#include "domain/money.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace rd::sandbox {

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    default:
        return QByteArrayLiteral("OTHER");
    }
}

Reply controlError(int status, const QString &message)
{
    return Reply::json(QJsonObject{{QStringLiteral("error"), message}}, status);
}

} // namespace

SandboxServer::SandboxServer(Store &store, StateFile *state, QObject *parent)
    : QObject(parent), m_store(store), m_state(state), m_server(new QHttpServer(this))
{
    m_handlers[size_t(Dialect::Stripe)] = makeStripeHandler(store);
    m_handlers[size_t(Dialect::WooshPay)] = makeWooshPayHandler(store);
    m_handlers[size_t(Dialect::Chargebee)] = makeChargebeeHandler(store);
    m_handlers[size_t(Dialect::ProcessOut)] = makeProcessOutHandler(store);
    m_handlers[size_t(Dialect::IntaSend)] = makeIntaSendHandler(store);
    if (m_state)
        m_state->loadIdempotency(m_idempotency);

    for (const char *what : {"faults", "stats", "invoices"}) {
        const QString name = QString::fromLatin1(what);
        m_server->route(
            QStringLiteral("/_sandbox/") + name,
            [this, name](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                write(responder, control(name, request));
            });
    }
    for (const QString &name : dialectNames()) {
        const Dialect dialect = *dialectFromName(name);
        // The QUrl placeholder matches the rest of the path, slashes included.
        m_server->route(QLatin1Char('/') + name + QStringLiteral("/<arg>"),
                        [this, dialect](const QUrl &, const QHttpServerRequest &request,
                                        QHttpServerResponder &&responder) {
                            serveGateway(dialect, request, std::move(responder));
                        });
    }
    m_server->setMissingHandler(
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            write(responder,
                  controlError(404, QStringLiteral("no such endpoint: ") + request.url().path()));
        });
}

SandboxServer::~SandboxServer() = default;

quint16 SandboxServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

void SandboxServer::write(QHttpServerResponder &responder, const Reply &reply)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    responder.writeHeader(QByteArrayLiteral("Content-Length"),
                          QByteArray::number(reply.body.size()));
    for (const auto &h : reply.headers)
        responder.writeHeader(h.first, h.second);
    responder.writeBody(reply.body);
}

void SandboxServer::serveGateway(Dialect dialect, const QHttpServerRequest &httpRequest,
                                 QHttpServerResponder &&responder)
{
    ++m_requests[size_t(dialect)];
    const QString prefix = QLatin1Char('/') + dialectName(dialect);
    const Request request = gatewayRequest(methodName(httpRequest.method()), httpRequest.url(),
                                           httpRequest.headers(), httpRequest.body(), prefix);

    if (m_faults.latencyMs > 0 &&
        m_faults.appliesTo(dialectName(dialect), QString::fromLatin1(request.method))) {
        // The responder is move-only; a shared pointer carries it into the timer's functor.
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        QPointer<QTcpSocket> socket = held->socket();
        QTimer::singleShot(m_faults.latencyMs, this, [this, dialect, request, held, socket] {
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                process(dialect, request, *held);
        });
        return;
    }
    process(dialect, request, responder);
}

void SandboxServer::process(Dialect dialect, const Request &request,
                            QHttpServerResponder &responder)
{
    DialectHandler &handler = *m_handlers[size_t(dialect)];
    const bool faulted =
        m_faults.appliesTo(dialectName(dialect), QString::fromLatin1(request.method));
    Reply reply;
    bool replayed = false;
    if (faulted && m_faults.rateLimitRps > 0) {
        if (!m_clock.isValid())
            m_clock.start();
        const qint64 now = m_clock.elapsed();
        std::deque<qint64> &recent = m_recent[size_t(dialect)];
        while (!recent.empty() && recent.front() <= now - 1000)
            recent.pop_front();
        if (qsizetype(recent.size()) >= m_faults.rateLimitRps) {
            ++m_rateLimited[size_t(dialect)];
            reply = handler.injectedFailure(429);
            reply.setHeader(QByteArrayLiteral("Retry-After"),
                            QByteArray::number(m_faults.rateLimitRetryAfter));
            handler.finish(reply, false);
            write(responder, reply);
            return;
        }
        recent.push_back(now);
    }
    if (faulted && m_faults.failCount > 0) {
        --m_faults.failCount;
        reply = handler.injectedFailure(m_faults.failStatus);
        if (m_faults.failStatus == 429 || m_faults.retryAfter >= 0)
            reply.setHeader(QByteArrayLiteral("Retry-After"),
                            QByteArray::number(m_faults.retryAfter >= 0 ? m_faults.retryAfter : 1));
        handler.finish(reply, false);
        write(responder, reply);
        return;
    }
    if (request.header(QByteArrayLiteral("Authorization")) != handler.expectedAuthorization()) {
        reply = handler.unauthorized();
        handler.finish(reply, false);
        write(responder, reply);
        return;
    }

    const QByteArray keyHeader = handler.idempotencyHeader();
    const QString key = keyHeader.isEmpty() || !request.is("POST")
                            ? QString()
                            : QString::fromUtf8(request.header(keyHeader));
    QByteArray fingerprint;
    if (!key.isEmpty()) {
        fingerprint = IdempotencyCache::fingerprint(request);
        if (const IdempotentReply *first = m_idempotency.find(int(dialect), key)) {
            if (first->fingerprint == fingerprint) {
                reply = Reply{first->status, first->body, first->headers, false};
                replayed = true;
            } else {
                reply = handler.idempotencyConflict(key);
            }
            handler.finish(reply, replayed);
            write(responder, reply);
            return;
        }
    }

    reply = handler.handle(request);
    handler.finish(reply, false);
    // Server errors are not remembered, so a retry with the same key runs again.
    if (!key.isEmpty() && reply.status < 500) {
        IdempotentReply kept{fingerprint, reply.status, reply.body, reply.headers};
        if (m_state)
            m_state->saveIdempotency(int(dialect), key, kept);
        m_idempotency.insert(int(dialect), key, std::move(kept));
    }
    if (faulted && reply.created && m_faults.dropAfterCommit > 0) {
        --m_faults.dropAfterCommit;
        // Committed and remembered above; now the client gets no reply at all.
        if (QTcpSocket *socket = responder.socket())
            socket->abort();
        return;
    }
    if (faulted && m_faults.malformed > 0) {
        --m_faults.malformed;
        // The request was served; the body the client sees is cut off mid-way.
        reply.status = 200;
        reply.body.truncate(std::max<qsizetype>(1, reply.body.size() / 2));
    }
    write(responder, reply);
}

Reply SandboxServer::control(const QString &what, const QHttpServerRequest &request)
{
    const QByteArray method = methodName(request.method());
    const QJsonDocument body = QJsonDocument::fromJson(request.body());
    if (what == QLatin1String("faults")) {
        if (method == "DELETE") {
            m_faults = Faults{};
        } else if (method == "POST") {
            if (!body.isObject())
                return controlError(400, QStringLiteral("the body must be a JSON object"));
            QString error;
            if (!m_faults.merge(body.object(), &error))
                return controlError(400, error);
        } else if (method != "GET") {
            return controlError(405, QStringLiteral("use GET, POST or DELETE"));
        }
        return Reply::json(m_faults.toJson());
    }
    if (what == QLatin1String("stats")) {
        if (method == "DELETE") {
            m_requests.fill(0);
            m_rateLimited.fill(0);
        } else if (method != "GET")
            return controlError(405, QStringLiteral("use GET or DELETE"));
        QJsonObject perDialect;
        qint64 total = 0;
        for (const QString &name : dialectNames()) {
            const qint64 n = m_requests[size_t(*dialectFromName(name))];
            perDialect.insert(name, n);
            total += n;
        }
        qint64 limited = 0;
        for (const qint64 n : m_rateLimited)
            limited += n;
        return Reply::json(QJsonObject{{QStringLiteral("requests"), perDialect},
                                       {QStringLiteral("total"), total},
                                       {QStringLiteral("rate_limited"), limited}});
    }
    if (method != "POST")
        return controlError(405, QStringLiteral("use POST"));
    if (!body.isObject())
        return controlError(400, QStringLiteral("the body must be a JSON object"));
    return createInvoices(body.object());
}

Reply SandboxServer::createInvoices(const QJsonObject &body)
{
    const auto dialect = dialectFromName(body.value(QStringLiteral("dialect")).toString());
    if (!dialect)
        return controlError(400, QStringLiteral("dialect must be one of: ") +
                                     dialectNames().join(QStringLiteral(", ")));
    const qint64 count = body.value(QStringLiteral("count")).toInteger(-1);
    if (count < 1 || count > 100000)
        return controlError(400, QStringLiteral("count must be an integer from 1 to 100000"));
    QString currency = body.value(QStringLiteral("currency")).toString();
    if (currency.isEmpty())
        currency = *dialect == Dialect::IntaSend ? QStringLiteral("KES") : QStringLiteral("USD");
    const int cur = currencyIndex(currency);
    if (cur < 0)
        return controlError(400,
                            QStringLiteral("currency must be one of USD, EUR, GBP, JPY, KWD, KES"));
    qint64 amount = -1;
    if (body.contains(QStringLiteral("amount"))) {
        QString error;
        const auto money = Money::parse(body.value(QStringLiteral("amount")).toString(),
                                        currencyCode(quint8(cur)), &error);
        if (!money || money->isZero())
            return controlError(400,
                                QStringLiteral("amount: ") +
                                    (error.isEmpty() ? QStringLiteral("must be positive") : error));
        amount = money->minorUnits();
    }
    QJsonArray ids;
    for (qint64 i = 0; i < count; ++i) {
        const quint32 index = addRuntimePayment(m_store, *dialect, quint8(cur), amount);
        ids.append(m_store.id(*dialect, Kind::Payment, index));
    }
    return Reply::json(QJsonObject{{QStringLiteral("ids"), ids}});
}

} // namespace rd::sandbox
