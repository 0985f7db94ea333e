// The window's status bar: online/offline state, the last sync of each account, and the
// progress of a running sync with a Cancel button.
#pragma once

#include "store/accountrepository.h"

#include <QStatusBar>

class QLabel;
class QProgressBar;
class QToolButton;

namespace rd {

class Connectivity;

class SyncStatusBar final : public QStatusBar
{
    Q_OBJECT
public:
    SyncStatusBar(Connectivity *connectivity, QWidget *parent = nullptr);

    // `currentAccountId` 0 = all accounts are in view.
    void setAccounts(const QList<Account> &accounts, qint64 currentAccountId);
    void syncStarted();
    void syncProgress(const QString &accountName, const QString &object, int fetched);
    void syncFinished(const QString &summary);
    // Redraws the state, e.g. in the colours of a theme switched to.
    void updateConnectivity();

Q_SIGNALS:
    void cancelRequested();

private:
    Connectivity *m_connectivity;
    QLabel *m_state;
    QLabel *m_lastSync;
    QProgressBar *m_progress;
    QToolButton *m_cancel;
};

} // namespace rd
