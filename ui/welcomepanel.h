// What the main window shows while the cache has no gateway account: three ways to start
// (add an account, try the demo, open another cache), in the window rather than a modal wizard,
// so the menus and the empty tables stay reachable.
#pragma once

#include <QFrame>

class QPushButton;

namespace rd {

class WelcomePanel final : public QFrame
{
    Q_OBJECT
public:
    explicit WelcomePanel(QWidget *parent = nullptr);

    QPushButton *addAccountButton() const { return m_add; }
    QPushButton *demoButton() const { return m_demo; }
    QPushButton *openCacheButton() const { return m_open; }

Q_SIGNALS:
    void addAccountRequested();
    void demoRequested();
    void openCacheRequested();

private:
    QPushButton *m_add;
    QPushButton *m_demo;
    QPushButton *m_open;
};

} // namespace rd
