#include "connectivity.h"

namespace rd {

Connectivity::Connectivity(QObject *parent) : QObject(parent) {}

Connectivity::State Connectivity::state() const
{
    return m_forced ? State::Offline : m_learned;
}

QString Connectivity::reason() const
{
    if (m_forced)
        return tr("You chose to work offline.");
    return m_learned == State::Offline ? m_why : QString();
}

void Connectivity::setForcedOffline(bool forced)
{
    if (forced == m_forced)
        return;
    m_forced = forced;
    Q_EMIT changed();
}

void Connectivity::reportSync(bool anyReached, const QString &failure)
{
    if (anyReached)
        set(State::Online, QString());
    else
        set(State::Offline, tr("No gateway could be reached at the last sync: %1").arg(failure));
}

void Connectivity::reportReached()
{
    set(State::Online, QString());
}

void Connectivity::set(State learned, const QString &why)
{
    if (learned == m_learned && why == m_why)
        return;
    m_learned = learned;
    m_why = why;
    Q_EMIT changed();
}

} // namespace rd
