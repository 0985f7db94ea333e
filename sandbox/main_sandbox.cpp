// refunddesk-sandbox: a local gateway speaking all five dialects, for the demo and the tests.
#include "sandbox.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("refunddesk-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REFUNDDESK_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local payment gateway for RefundDesk: Stripe, WooshPay, Chargebee, ProcessOut and "
        "IntaSend under /<dialect> on one port, with seeded data and fault injection."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to bind."),
                                  QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port (0 = any, printed)."), QStringLiteral("N"),
                                  QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed of the generated data."),
                                  QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption invoices(QStringLiteral("invoices"),
                                      QStringLiteral("Invoices (payments) per dialect."),
                                      QStringLiteral("N"), QStringLiteral("60"));
    const QCommandLineOption state(
        QStringLiteral("state"),
        QStringLiteral("Keep the data in this SQLite file across restarts."),
        QStringLiteral("FILE"));
    const QCommandLineOption memory(QStringLiteral("memory"),
                                    QStringLiteral("Keep the data in memory only (the default)."));
    const QCommandLineOption parentPid(
        QStringLiteral("parent-pid"),
        QStringLiteral("Exit when the process that started this one (PID) is gone."),
        QStringLiteral("PID"));
    parser.addOptions({host, port, seed, invoices, state, memory, parentPid});
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    auto usage = [&](const QString &message) {
        err << "refunddesk-sandbox: " << message << Qt::endl;
        return 2;
    };
    rd::sandbox::SandboxOptions options;
    options.host = parser.value(host);
    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535)
        return usage(QStringLiteral("--port must be a number from 0 to 65535"));
    options.port = quint16(portValue);
    options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return usage(QStringLiteral("--seed must be a non-negative integer"));
    options.invoices = parser.value(invoices).toInt(&ok);
    if (!ok || options.invoices < 0 || options.invoices > 5000000)
        return usage(QStringLiteral("--invoices must be a number from 0 to 5000000"));
    if (parser.isSet(state) && parser.isSet(memory))
        return usage(QStringLiteral("use either --state FILE or --memory"));
    options.stateFile = parser.value(state);
    qint64 parent = 0;
    if (parser.isSet(parentPid)) {
        parent = parser.value(parentPid).toLongLong(&ok);
        if (!ok || parent <= 1)
            return usage(QStringLiteral("--parent-pid must be a process id above 1"));
    }

    rd::sandbox::Sandbox sandbox;
    QString error;
    if (!sandbox.start(options, &error)) {
        err << "refunddesk-sandbox: " << error << Qt::endl;
        return 1;
    }
    for (const QString &line : sandbox.banner())
        out << line << '\n';
    out.flush();
    // A fallback for the parent's death signal (which the parent sets where it can): once the
    // starter is gone this process has been re-parented, and nobody will stop it.
    QTimer parentWatch;
    if (parent > 0) {
        const auto parentGone = [parent] { return qint64(::getppid()) != parent; };
        if (parentGone())
            return 0;
        QObject::connect(&parentWatch, &QTimer::timeout, &app, [parentGone] {
            if (parentGone())
                QCoreApplication::quit();
        });
        parentWatch.start(500);
    }
    return app.exec();
}
