// refunddesk-cli: RefundDesk without a window, for automation, reports and tests.
#include "cli.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // stderr is a contract (one line per failure); diagnostics only when asked for with
    // QT_LOGGING_RULES, which overrides this.
    QLoggingCategory::setFilterRules(QStringLiteral("rd.*.debug=false"));
    QCoreApplication::setOrganizationName(QStringLiteral("RefundDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("RefundDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REFUNDDESK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return rd::runCli(args, out, err);
}
