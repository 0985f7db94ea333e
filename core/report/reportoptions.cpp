#include "reportoptions.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace rd {

std::optional<QDate> parseIsoDay(const QString &text, const QString &what, QString *error)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QDate day = shape.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
    if (!day.isValid()) {
        if (error)
            *error = QStringLiteral("%1 \"%2\" is not a date; use YYYY-MM-DD.").arg(what, text);
        return std::nullopt;
    }
    return day;
}

Result<ReportScope> resolveScope(Database &db, const QString &accountName, const QString &from,
                                 const QString &to)
{
    ReportScope scope;
    AccountRepository accounts(db);
    if (accountName.isEmpty()) {
        auto all = accounts.list();
        if (!all)
            return Error{all.error()};
        scope.accounts = *all;
    } else {
        const auto account = accounts.findByName(accountName);
        if (!account)
            return Error{account.error()};
        scope.filter.accountId = account->id;
        scope.accounts = {*account};
    }
    QString error;
    if (!from.isEmpty()) {
        const auto day = parseIsoDay(from, QStringLiteral("--from"), &error);
        if (!day)
            return Error{error};
        scope.filter.from = *day;
    }
    if (!to.isEmpty()) {
        const auto day = parseIsoDay(to, QStringLiteral("--to"), &error);
        if (!day)
            return Error{error};
        scope.filter.to = *day;
    }
    if (scope.filter.from.isValid() && scope.filter.to.isValid() &&
        scope.filter.from > scope.filter.to)
        return Error{QStringLiteral("--from %1 is after --to %2.").arg(from, to)};
    return scope;
}

void addScopeOptions(QCommandLineParser &parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(
        {{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")},
         {QStringLiteral("account"), QStringLiteral("One account."), QStringLiteral("NAME")},
         {QStringLiteral("from"), QStringLiteral("First day."), QStringLiteral("YYYY-MM-DD")},
         {QStringLiteral("to"), QStringLiteral("Last day."), QStringLiteral("YYYY-MM-DD")}});
}

Result<ReportScope> resolveScope(Database &db, const QCommandLineParser &parser)
{
    return resolveScope(db, parser.value(QStringLiteral("account")),
                        parser.value(QStringLiteral("from")), parser.value(QStringLiteral("to")));
}

QString defaultExportFileName(ReportKind kind, const QDate &day)
{
    return QStringLiteral("%1-%2.csv").arg(reportName(kind), day.toString(Qt::ISODate));
}

QStringList lastSyncLines(const QList<Account> &accounts)
{
    QStringList lines;
    for (const Account &a : accounts) {
        lines << (a.lastSyncAt.isValid()
                      ? QStringLiteral("account \"%1\": last synced %2")
                            .arg(a.name, isoUtcTimestamp(a.lastSyncAt.toSecsSinceEpoch()))
                      : QStringLiteral("account \"%1\": never synced").arg(a.name));
    }
    return lines;
}

} // namespace rd
