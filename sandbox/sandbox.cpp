#include "sandbox.h"

#include "sandboxserver.h"
#include "seed.h"
#include "statefile.h"
#include "store.h"

namespace rd::sandbox {

Sandbox::Sandbox() = default;
Sandbox::~Sandbox() = default;

bool Sandbox::start(const SandboxOptions &options, QString *error)
{
    SandboxOptions effective = options;
    if (!options.stateFile.isEmpty()) {
        m_state = std::make_unique<StateFile>();
        if (!m_state->open(options.stateFile, error))
            return false;
        // A state file keeps the data it was created with, whatever this run asks for.
        if (const auto meta = m_state->meta()) {
            effective.seed = meta->seed;
            effective.invoices = meta->invoices;
        } else if (!m_state->writeMeta({options.seed, options.invoices}, error)) {
            return false;
        }
    }
    m_effective = effective;
    m_store = std::make_unique<Store>(effective.seed);
    seedStore(*m_store, effective.invoices);
    if (m_state) {
        if (!m_state->replayInto(*m_store, error))
            return false;
        m_state->attach(*m_store);
    }
    m_server = std::make_unique<SandboxServer>(*m_store, m_state.get());
    const QHostAddress address(options.host);
    if (address.isNull()) {
        *error = QStringLiteral("not an IP address: %1").arg(options.host);
        return false;
    }
    m_port = m_server->listen(address, options.port);
    if (m_port == 0) {
        *error = QStringLiteral("cannot listen on %1:%2").arg(options.host).arg(options.port);
        return false;
    }
    m_host = address.protocol() == QAbstractSocket::IPv6Protocol
                 ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                 : address.toString();
    return true;
}

QString Sandbox::baseUrl() const
{
    return QStringLiteral("http://%1:%2").arg(m_host).arg(m_port);
}

QString Sandbox::secret(const QString &dialect)
{
    if (dialect == QLatin1String("stripe") || dialect == QLatin1String("wooshpay"))
        return QStringLiteral("sk_test_sandbox");
    if (dialect == QLatin1String("chargebee"))
        return QStringLiteral("test_sandbox");
    if (dialect == QLatin1String("processout"))
        return QStringLiteral("test-proj_sandbox:key_sandbox");
    if (dialect == QLatin1String("intasend"))
        return QStringLiteral("ISSecretKey_test_sandbox");
    return {};
}

QStringList Sandbox::banner() const
{
    QStringList lines{QStringLiteral("listening on ") + baseUrl()};
    const QStringList schemes{QStringLiteral("Bearer"),
                              QStringLiteral("Basic user, empty password"),
                              QStringLiteral("Basic user"),
                              QStringLiteral("Basic project_id:secret"), QStringLiteral("Bearer")};
    const QStringList names = dialectNames();
    for (int i = 0; i < names.size(); ++i) {
        lines << QStringLiteral("%1 %2/%3 secret %4 (%5)")
                     .arg(names[i].leftJustified(10), baseUrl(), names[i].leftJustified(10),
                          secret(names[i]), schemes.value(i));
    }
    QString data = QStringLiteral("data: seed %1, %2 invoices per dialect")
                       .arg(m_effective.seed)
                       .arg(m_effective.invoices);
    data += m_effective.stateFile.isEmpty() ? QStringLiteral(", in memory")
                                            : QStringLiteral(", kept in ") + m_effective.stateFile;
    lines << data;
    return lines;
}

} // namespace rd::sandbox
