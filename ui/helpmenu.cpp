#include "helpmenu.h"

#include "aboutdialog.h"
#include "diagnostics.h"
#include "shortcutsdialog.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMainWindow>
#include <QStandardPaths>
#include <QUrl>

namespace rd {

HelpMenu::HelpMenu(Database &db, QMainWindow *window)
    : QMenu(tr("Hel&p"), window), m_db(db), m_window(window),
      m_shortcuts(new QAction(tr("&Keyboard shortcuts"), window)),
      m_guide(new QAction(tr("&User guide"), window)),
      m_diagnostics(new QAction(tr("&Copy diagnostics"), window)),
      m_about(new QAction(tr("&About RefundDesk"), window))
{
    setObjectName(QStringLiteral("helpMenu"));
    m_guide->setShortcut(QKeySequence::HelpContents);
    m_guide->setShortcutContext(Qt::WindowShortcut);
    m_shortcuts->setStatusTip(tr("List every key the window answers to"));
    m_guide->setStatusTip(tr("Open the user guide in your web browser"));
    m_diagnostics->setStatusTip(tr("Copy versions, the cache's path and size, the accounts and "
                                   "the outbox counts for a support request (never a secret)"));
    m_about->setStatusTip(tr("Versions, the cache in use and the licences"));
    m_about->setMenuRole(QAction::AboutRole);
    const QString guide = userGuidePath();
    m_guide->setData(guide.isEmpty() ? QUrl() : QUrl::fromLocalFile(guide));
    m_guide->setEnabled(!guide.isEmpty());

    addAction(m_guide);
    addAction(m_shortcuts);
    addSeparator();
    addAction(m_diagnostics);
    addSeparator();
    addAction(m_about);

    connect(m_shortcuts, &QAction::triggered, this, [this] {
        auto *dialog = new ShortcutsDialog(m_window, m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(m_guide, &QAction::triggered, this, &HelpMenu::openUserGuide);
    connect(m_diagnostics, &QAction::triggered, this, &HelpMenu::copyDiagnostics);
    connect(m_about, &QAction::triggered, this, [this] {
        auto *dialog = new AboutDialog(m_db, m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

QString HelpMenu::userGuidePath()
{
    const QString relative = QStringLiteral("doc/refunddesk/user-guide.html");
    const QString beside = QDir(QCoreApplication::applicationDirPath())
                               .filePath(QStringLiteral("../share/") + relative);
    if (QFileInfo::exists(beside))
        return QFileInfo(beside).canonicalFilePath();
    return QStandardPaths::locate(QStandardPaths::GenericDataLocation, relative);
}

void HelpMenu::openUserGuide()
{
    const QUrl url = m_guide->data().toUrl();
    if (url.isEmpty() || !QDesktopServices::openUrl(url))
        Q_EMIT status(tr("The user guide could not be opened; it is installed as "
                         "share/doc/refunddesk/user-guide.html."));
}

void HelpMenu::copyDiagnostics()
{
    QGuiApplication::clipboard()->setText(diagnostics::report(m_db));
    Q_EMIT status(tr("Diagnostics copied to the clipboard: paste them into your support "
                     "request. They hold no secret."));
}

} // namespace rd
