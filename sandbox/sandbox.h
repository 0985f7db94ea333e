// A whole sandbox gateway in one object: the seeded (or restored) store, its optional state
// file and the HTTP server. refunddesk-sandbox is a thin command line around it.
#pragma once

#include <QHostAddress>
#include <QString>

#include <memory>

namespace rd::sandbox {

class SandboxServer;
class StateFile;
class Store;

struct SandboxOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0; // 0 = any free port
    quint64 seed = 1;
    int invoices = 60; // per dialect
    QString stateFile; // empty = in memory only
};

class Sandbox final
{
public:
    Sandbox();
    ~Sandbox();
    Sandbox(const Sandbox &) = delete;
    Sandbox &operator=(const Sandbox &) = delete;

    // Seeds or restores the data and starts listening. False with a reason on failure.
    bool start(const SandboxOptions &options, QString *error);
    quint16 port() const { return m_port; }
    QString baseUrl() const; // "http://127.0.0.1:PORT"

    // The lines printed at start: where it listens, then each dialect's base URL and secret.
    QStringList banner() const;
    // The fixed test secret of a dialect ("stripe" -> "sk_test_sandbox").
    static QString secret(const QString &dialect);

private:
    std::unique_ptr<Store> m_store;
    std::unique_ptr<StateFile> m_state;
    std::unique_ptr<SandboxServer> m_server;
    SandboxOptions m_effective; // after a state file had its say
    QString m_host;
    quint16 m_port = 0;
};

} // namespace rd::sandbox
