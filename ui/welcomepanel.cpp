#include "welcomepanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

WelcomePanel::WelcomePanel(QWidget *parent)
    : QFrame(parent), m_add(new QPushButton(tr("A&dd a gateway account…"), this)),
      m_demo(new QPushButton(tr("Tr&y the demo"), this)),
      m_open(new QPushButton(tr("Open a &cache…"), this))
{
    setObjectName(QStringLiteral("welcomePanel"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *title = new QLabel(tr("<b>Welcome to RefundDesk</b>"), this);
    auto *text = new QLabel(
        tr("RefundDesk shows the invoices, refunds and chargebacks of your payment-gateway "
           "accounts and issues refunds exactly once. To start, add an account with the secret "
           "API key from your gateway's dashboard (Stripe: Developers > API keys); the first "
           "sync then starts by itself. To look around first, try the demo: it runs a local "
           "sandbox gateway with sample data in a separate cache."),
        this);
    text->setWordWrap(true);
    m_add->setDefault(true);
    m_add->setToolTip(tr("Open the Accounts dialog on a new account"));
    m_demo->setToolTip(tr("Start a second RefundDesk window on a demo cache with sample data; "
                          "this cache stays as it is"));
    m_open->setToolTip(tr("Choose another cache file and open it in a new window"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_demo);
    buttons->addWidget(m_open);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &WelcomePanel::addAccountRequested);
    connect(m_demo, &QPushButton::clicked, this, &WelcomePanel::demoRequested);
    connect(m_open, &QPushButton::clicked, this, &WelcomePanel::openCacheRequested);
}

} // namespace rd
