// refunddesk-sandbox's server: one QHttpServer that speaks the five gateway dialects.
#pragma once

#include <QHostAddress>
#include <QObject>

class QHttpServer;

namespace rd::sandbox {

class SandboxServer final : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    // Returns the bound port, or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);

private:
    QHttpServer *m_server = nullptr;
};

} // namespace rd::sandbox
