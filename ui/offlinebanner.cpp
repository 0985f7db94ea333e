#include "offlinebanner.h"

#include "connectivity.h"
#include "semanticcolors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace rd {

OfflineBanner::OfflineBanner(Connectivity *connectivity, QWidget *parent)
    : QFrame(parent), m_connectivity(connectivity), m_text(new QLabel(this)),
      m_retry(new QPushButton(this))
{
    setObjectName(QStringLiteral("offlineBanner"));
    setAccessibleName(tr("Offline notice"));
    applyColors();
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    connect(m_retry, &QPushButton::clicked, this, &OfflineBanner::retryRequested);
    connect(connectivity, &Connectivity::changed, this, &OfflineBanner::update);
    update();
}

void OfflineBanner::applyColors()
{
    const QString sheet =
        QStringLiteral("#offlineBanner { background: %1; border-bottom: 1px solid %2; } "
                       "#offlineBanner QLabel { color: %3; }")
            .arg(semantic::css(semantic::Role::BannerBackground),
                 semantic::css(semantic::Role::BannerBorder),
                 semantic::css(semantic::Role::BannerText));
    // Only when it changes: setting a style sheet sends palette events of its own.
    if (sheet != styleSheet())
        setStyleSheet(sheet);
}

void OfflineBanner::update()
{
    setVisible(m_connectivity->isOffline());
    // The same words as the File menu's "Work offline" check box, which this button unchecks.
    m_text->setText(
        m_connectivity->isForcedOffline()
            ? tr("<b>Working offline.</b> You can browse, search and export everything in the "
                 "cache; nothing is sent to a gateway until you work online again.")
            : tr("<b>Offline.</b> %1 You can browse, search and export everything in the "
                 "cache; refunds and chargebacks cannot be sent until a gateway can be "
                 "reached.")
                  .arg(m_connectivity->reason().toHtmlEscaped()));
    m_retry->setText(m_connectivity->isForcedOffline() ? tr("&Work online")
                                                       : tr("Try a&gain (sync)"));
}

} // namespace rd
