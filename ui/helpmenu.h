// The main window's Help menu: keyboard shortcuts, the user guide, copying diagnostics for a
// support request, and About. Its own class so MainWindow only adds it.
#pragma once

#include <QMenu>

class QMainWindow;

namespace rd {

class Database;

class HelpMenu final : public QMenu
{
    Q_OBJECT
public:
    HelpMenu(Database &db, QMainWindow *window);

    QAction *shortcutsAction() const { return m_shortcuts; }
    QAction *userGuideAction() const { return m_guide; }
    QAction *diagnosticsAction() const { return m_diagnostics; }
    QAction *aboutAction() const { return m_about; }

    // The installed user guide: share/doc/refunddesk/user-guide.html beside the executable's
    // bin folder (also where the build tree puts it), else in the XDG data folders. Empty when
    // it is nowhere.
    static QString userGuidePath();

Q_SIGNALS:
    // A line for the window's status bar.
    void status(const QString &message);

private:
    void openUserGuide();
    void copyDiagnostics();

    Database &m_db;
    QMainWindow *m_window;
    QAction *m_shortcuts;
    QAction *m_guide;
    QAction *m_diagnostics;
    QAction *m_about;
};

} // namespace rd
