// `refunddesk --demo`: starts the bundled sandbox gateway on a free loopback port, registers one
// account per dialect in the (separate) demo cache with the sandbox's test keys held in memory
// only, and starts a full sync. Everything is asynchronous; the window is usable throughout.
#pragma once

#include <QHash>
#include <QObject>
#include <QProcess>

namespace rd {

class Database;
class MainWindow;

class DemoSession final : public QObject
{
    Q_OBJECT
public:
    DemoSession(Database &db, MainWindow *window, QObject *parent = nullptr);
    ~DemoSession() override; // stops the sandbox

    // `sandboxPath` defaults to refunddesk-sandbox beside this executable.
    void start(const QString &sandboxPath = QString());
    quint16 port() const { return m_port; }

Q_SIGNALS:
    void ready(); // accounts registered and sync started
    void failed(const QString &message);

private:
    void readOutput();
    void registerAccounts();
    void fail(const QString &message);

    Database &m_db;
    MainWindow *m_window;
    QProcess m_process;
    QByteArray m_buffer;
    quint16 m_port = 0;
    QHash<QString, QString> m_secrets; // dialect name -> the sandbox's test key
    bool m_registered = false;
};

} // namespace rd
