#include "syncstatusbar.h"
#include "semanticcolors.h"

#include "connectivity.h"
#include "displayformat.h"
#include "domain/dialect.h"

#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace rd {

namespace {

// The coloured dot before the connectivity state, in the palette's colour for that state.
QString dot(semantic::Role role)
{
    return QStringLiteral("<span style='color:%1'>●</span> ").arg(semantic::css(role));
}

} // namespace

SyncStatusBar::SyncStatusBar(Connectivity *connectivity, QWidget *parent)
    : QStatusBar(parent), m_connectivity(connectivity), m_state(new QLabel(this)),
      m_lastSync(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_cancel(new QToolButton(this))
{
    // Two permanent states side by side, each said once: when the cache was last synced (the
    // sync state) and whether the gateways answered (the connectivity state). Neither repeats
    // the other's words, so "never synced" and "synced" cannot both show.
    m_state->setObjectName(QStringLiteral("connectivityState"));
    m_lastSync->setObjectName(QStringLiteral("syncState"));
    m_state->setAccessibleName(tr("Connection state"));
    m_lastSync->setAccessibleName(tr("Last sync"));
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setRange(0, 0); // the total is unknown until the last page
    m_progress->setMaximumWidth(320);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel->setText(tr("Cancel sync"));
    m_cancel->setAccessibleName(tr("Cancel sync"));
    m_cancel->hide();
    addPermanentWidget(m_progress);
    addPermanentWidget(m_cancel);
    addPermanentWidget(m_lastSync);
    addPermanentWidget(m_state);
    connect(m_cancel, &QToolButton::clicked, this, &SyncStatusBar::cancelRequested);
    connect(connectivity, &Connectivity::changed, this, &SyncStatusBar::updateConnectivity);
    updateConnectivity();
}

void SyncStatusBar::setAccounts(const QList<Account> &accounts, qint64 currentAccountId)
{
    // The label speaks of the account in view (or of all); the tooltip lists every account.
    QStringList lines;
    QList<Account> inView;
    for (const Account &a : accounts) {
        lines << (a.lastSyncAt.isValid()
                      ? tr("%1: %2").arg(a.name,
                                         display::timestamp(a.lastSyncAt.toSecsSinceEpoch()))
                      : tr("%1: never synced").arg(a.name));
        if (currentAccountId == 0 || a.id == currentAccountId)
            inView << a;
    }
    QDateTime oldest;
    int never = 0;
    for (const Account &a : std::as_const(inView)) {
        if (!a.lastSyncAt.isValid())
            ++never;
        else if (!oldest.isValid() || a.lastSyncAt < oldest)
            oldest = a.lastSyncAt;
    }
    const QString when = display::timestamp(oldest.toSecsSinceEpoch());
    if (inView.isEmpty())
        m_lastSync->setText(tr("No accounts"));
    else if (inView.size() == 1)
        m_lastSync->setText(never ? tr("%1: never synced").arg(inView.first().name)
                                  : tr("%1 synced %2").arg(inView.first().name, when));
    else if (never == inView.size())
        m_lastSync->setText(tr("Never synced"));
    else if (never > 0)
        m_lastSync->setText(
            tr("Synced %1; %n account(s) not synced yet", nullptr, never).arg(when));
    else
        m_lastSync->setText(tr("All synced, oldest %1").arg(when));
    m_lastSync->setToolTip(lines.join(QLatin1Char('\n')));
}

void SyncStatusBar::syncStarted()
{
    m_progress->setFormat(tr("Syncing…"));
    m_progress->show();
    m_cancel->show();
}

void SyncStatusBar::syncProgress(const QString &accountName, const QString &object, int fetched)
{
    m_progress->setFormat(tr("%1: %2 %3").arg(accountName).arg(fetched).arg(object));
}

void SyncStatusBar::syncFinished(const QString &summary)
{
    m_progress->hide();
    m_cancel->hide();
    showMessage(summary, 15000);
}

void SyncStatusBar::updateConnectivity()
{
    switch (m_connectivity->state()) {
    case Connectivity::State::Online:
        m_state->setText(dot(semantic::Role::Success) + tr("Online"));
        m_state->setToolTip(tr("The gateways answered at the last sync."));
        break;
    case Connectivity::State::Offline:
        m_state->setText(dot(semantic::Role::Error) + tr("Offline"));
        m_state->setToolTip(m_connectivity->reason());
        break;
    case Connectivity::State::Unknown:
        // Not a sync state: the sync label beside it says when the cache was last synced.
        m_state->setText(dot(semantic::Role::Muted) + tr("Gateways not contacted yet"));
        m_state->setToolTip(tr("No gateway has been contacted since RefundDesk started; Sync "
                               "(F5) checks whether they answer."));
        break;
    }
}

} // namespace rd
