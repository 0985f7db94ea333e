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

Q_SIGNALS:
    void retryRequested(); // sync again, or leave forced offline mode

protected:
    void changeEvent(QEvent *event) override;

private:
    void update();
    void applyColors();

    Connectivity *m_connectivity;
    QLabel *m_text;
    QPushButton *m_retry;
};

} // namespace rd
