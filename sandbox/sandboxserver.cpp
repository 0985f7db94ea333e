#include "sandboxserver.h"

#include <QHttpServer>
#include <QJsonObject>

namespace rd::sandbox {

SandboxServer::SandboxServer(QObject *parent) : QObject(parent), m_server(new QHttpServer(this))
{
    m_server->route(QStringLiteral("/_sandbox/health"),
                    [] { return QJsonObject{{QStringLiteral("ok"), true}}; });
}

SandboxServer::~SandboxServer() = default;

quint16 SandboxServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

} // namespace rd::sandbox
