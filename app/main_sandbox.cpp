// refunddesk-sandbox: a local gateway speaking all five dialects, for the demo and the tests.
#include "sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("refunddesk-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REFUNDDESK_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A local payment gateway for RefundDesk."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to bind."),
                                  QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port (0 = any)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    parser.addOption(host);
    parser.addOption(port);
    parser.process(app);

    rd::sandbox::SandboxServer server;
    const QHostAddress address(parser.value(host));
    const quint16 bound = server.listen(address, quint16(parser.value(port).toUInt()));
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (bound == 0) {
        err << "refunddesk-sandbox: cannot listen on " << parser.value(host) << ":"
            << parser.value(port) << Qt::endl;
        return 1;
    }
    out << "listening on http://" << address.toString() << ":" << bound << Qt::endl;
    return app.exec();
}
