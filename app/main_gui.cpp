// refunddesk: the desktop application.
#include "appresources.h"
#include "demosession.h"
#include "mainwindow.h"
#include "screenshottour.h"
#include "secretstore.h"
#include "signalquit.h"
#include "store/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QStandardPaths>

namespace {

// The demo starts from an empty cache each time: the sandbox's data is regenerated too.
void removeDemoCache(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // A logout or `kill` ends the app through the same path as File > Quit: the windows close
    // (layout saved, sync cancelled), then the demo's sandbox and the cache are shut down by
    // the destructors below.
    rd::SignalQuit signalQuit;
    QObject::connect(&signalQuit, &rd::SignalQuit::received, &app, [] {
        QApplication::closeAllWindows();
        QCoreApplication::quit();
    });
    QApplication::setOrganizationName(QStringLiteral("RefundDesk"));
    QApplication::setApplicationName(QStringLiteral("RefundDesk"));
    QApplication::setApplicationVersion(QStringLiteral(REFUNDDESK_VERSION));
    // Matches packaging/refunddesk.desktop, so docks and task bars group the windows with it.
    QGuiApplication::setDesktopFileName(QStringLiteral("refunddesk"));
    QApplication::setWindowIcon(rd::resources::applicationIcon());
    rd::resources::installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("RefundDesk: invoices, refunds and chargebacks across payment gateways."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Run against the bundled sandbox gateway with "
                                                 "a separate demo cache."));
    const QCommandLineOption db(
        QStringLiteral("db"),
        QStringLiteral(
            "The cache file, or a team database address (postgresql://USER@HOST/DBNAME), to open."),
        QStringLiteral("PATH"));
    QCommandLineOption screenshots(QStringLiteral("screenshot-dir"),
                                   QStringLiteral("Save screenshots of the main views into DIR "
                                                  "after the first sync, then quit."),
                                   QStringLiteral("DIR"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(demo);
    parser.addOption(db);
    parser.addOption(screenshots);
    parser.process(app);

    QString path = parser.value(db);
    if (path.isEmpty() && parser.isSet(demo)) {
        path = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                   .filePath(QStringLiteral("refunddesk-demo.sqlite3"));
        removeDemoCache(path);
    } else if (path.isEmpty()) {
        path = rd::Database::defaultPath();
    }
    if (rd::Database::isServerAddress(path)) {
        // A password kept by File > Open team database… comes from the keychain; without one,
        // libpq looks in ~/.pgpass and PGPASSWORD.
        rd::SecretStore().useTeamDatabasePassword(path);
    }
    rd::Database database;
    QString error;
    if (!database.open(path, &error)) {
        QMessageBox::critical(nullptr, QObject::tr("RefundDesk"), error);
        return 1;
    }
    rd::MainWindow window(database);
    window.show();
    rd::DemoSession session(database, &window);
    if (parser.isSet(demo))
        session.start();
    if (parser.isSet(screenshots))
        new rd::ScreenshotTour(&window, parser.value(screenshots), &window);
    return app.exec();
}
