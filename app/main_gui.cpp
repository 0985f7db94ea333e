// refunddesk: the desktop application.
#include "mainwindow.h"
#include "store/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RefundDesk"));
    QApplication::setApplicationName(QStringLiteral("RefundDesk"));
    QApplication::setApplicationVersion(QStringLiteral(REFUNDDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("RefundDesk: invoices, refunds and chargebacks across payment gateways."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Run against the bundled sandbox gateway with "
                                                 "a separate demo cache."));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("The cache file to open."),
                                QStringLiteral("PATH"));
    parser.addOption(demo);
    parser.addOption(db);
    parser.process(app);

    QString path = parser.value(db);
    if (path.isEmpty()) {
        path = parser.isSet(demo)
                   ? QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                         .filePath(QStringLiteral("refunddesk-demo.sqlite3"))
                   : rd::Database::defaultPath();
    }
    rd::Database database;
    QString error;
    if (!database.open(path, &error)) {
        QMessageBox::critical(nullptr, QObject::tr("RefundDesk"), error);
        return 1;
    }
    rd::MainWindow window(database);
    window.show();
    return app.exec();
}
