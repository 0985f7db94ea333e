#include "synccontroller.h"

#include "secretsource.h"

namespace rd {

SyncController::SyncController(const QString &databasePath, SecretSource *secrets, QObject *parent)
    : QObject(parent), m_path(databasePath), m_secrets(secrets)
{}

SyncController::~SyncController() = default;

QString SyncController::unavailableReason() const
{
    return tr("Sync is not part of this build yet: the sync engine has not been merged.");
}

void SyncController::start(const QList<Account> &accounts, bool full)
{
    Q_UNUSED(accounts)
    Q_UNUSED(full)
    Q_EMIT finished(false, unavailableReason(), unavailableReason());
}

void SyncController::cancel() {}

} // namespace rd
