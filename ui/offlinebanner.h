// The band across the top of the window while RefundDesk is offline: what still works, what
// does not, and how to get back online.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace rd {

class Connectivity;

class OfflineBanner final : public QFrame
{
    Q_OBJECT
public:
    OfflineBanner(Connectivity *connectivity, QWidget *parent = nullptr);
    // Re-reads the semantic colours, after a theme switch.
    void applyColors();

Q_SIGNALS:
    void retryRequested(); // sync again, or leave forced offline mode

private:
    void update();

    Connectivity *m_connectivity;
    QLabel *m_text;
    QPushButton *m_retry;
};

} // namespace rd
