#include "changelistener.h"

#include "database.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>

namespace rd {

ChangeListener::ChangeListener(QObject *parent) : QObject(parent) {}

ChangeListener::~ChangeListener() = default;

QString ChangeListener::channel()
{
    return QStringLiteral("refunddesk_changes");
}

bool ChangeListener::start(const QString &address, QString *error)
{
    if (!Database::isServerAddress(address))
        return true;
    m_db = std::make_unique<Database>();
    if (!m_db->open(address, Database::OpenMode::ReadOnly, error)) {
        m_db.reset();
        return false;
    }
    QSqlDriver *driver = m_db->connection().driver();
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                if (name == channel())
                    Q_EMIT changed(payload.toString());
            });
    if (!driver->subscribeToNotification(channel())) {
        if (error)
            *error = driver->lastError().text();
        m_db.reset();
        return false;
    }
    return true;
}

bool ChangeListener::isListening() const
{
    return m_db && m_db->connection().driver()->subscribedToNotifications().contains(channel());
}

} // namespace rd
