// refunddesk-sandbox's server: one QHttpServer that speaks the five gateway dialects under their
// prefixes and applies what every dialect shares: request counting, armed faults, credentials
// and idempotency keys. The dialects' own endpoints live in one handler class each.
#pragma once

#include "dialecthandler.h"
#include "faults.h"
#include "idempotency.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>

#include <array>
#include <deque>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace rd::sandbox {

class StateFile;

class SandboxServer final : public QObject
{
    Q_OBJECT
public:
    // `store` must outlive the server; `state` (optional) persists idempotent replies.
    explicit SandboxServer(Store &store, StateFile *state = nullptr, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Returns the bound port, or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);

    IdempotencyCache &idempotency() { return m_idempotency; }

private:
    void serveGateway(Dialect dialect, const QHttpServerRequest &request,
                      QHttpServerResponder &&responder);
    // Runs one gateway request through faults, credentials, idempotency and the handler; the
    // reply is written unless a drop_after_commit fault closes the connection instead.
    void process(Dialect dialect, const Request &request, QHttpServerResponder &responder);
    Reply control(const QString &what, const QHttpServerRequest &request);
    Reply createInvoices(const QJsonObject &body);
    static void write(QHttpServerResponder &responder, const Reply &reply);

    Store &m_store;
    StateFile *m_state = nullptr;
    QHttpServer *m_server = nullptr;
    std::array<std::unique_ptr<DialectHandler>, 5> m_handlers;
    Faults m_faults;
    std::array<qint64, 5> m_requests{};
    // When each dialect's gateway requests of the last second were served (rate_limit fault).
    std::array<std::deque<qint64>, 5> m_recent;
    std::array<qint64, 5> m_rateLimited{}; // 429s answered by the rate_limit fault
    QElapsedTimer m_clock;
    IdempotencyCache m_idempotency;
};

} // namespace rd::sandbox
