// Whether RefundDesk can reach the gateways: learned from the last sync (every account failing
// means offline), or forced by the person ("Work offline"). Offline, everything is browsable
// from the cache and nothing is sent.
#pragma once

#include <QObject>
#include <QString>

namespace rd {

class Connectivity final : public QObject
{
    Q_OBJECT
public:
    enum class State { Unknown, Online, Offline };
    Q_ENUM(State)

    explicit Connectivity(QObject *parent = nullptr);

    State state() const;
    bool isOffline() const { return state() == State::Offline; }
    bool isForcedOffline() const { return m_forced; }
    // Why RefundDesk is offline, in a sentence for a person; empty when it is not.
    QString reason() const;

    void setForcedOffline(bool forced);
    // After a sync: whether any account was reached, and the last failure's message.
    void reportSync(bool anyReached, const QString &failure);
    void reportReached(); // a gateway answered (e.g. a refund went through)

Q_SIGNALS:
    void changed();

private:
    void set(State learned, const QString &why);

    State m_learned = State::Unknown;
    bool m_forced = false;
    QString m_why;
};

} // namespace rd
