// Small pieces the report front ends share (the command line and the export dialog): day
// parsing, default file names and the "last synced" notice that keeps offline use honest.
#pragma once

#include "reportdefinition.h"
#include "store/accountrepository.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace rd {

class Database;

// What a report or listing covers: the filter, and the accounts it involves (for the
// last-synced notice).
struct ReportScope
{
    RecordFilter filter;
    QList<Account> accounts;
};

// Resolves an account name (empty = all accounts) and optional "YYYY-MM-DD" bounds. Nullopt
// with a sentence in `error` for an unknown account, a malformed day or from after to.
std::optional<ReportScope> resolveScope(Database &db, const QString &accountName,
                                        const QString &from, const QString &to, QString *error);

// The options the report commands share: -h/--help, --account NAME, --from and --to
// YYYY-MM-DD; and their resolution once the command line is parsed.
void addScopeOptions(QCommandLineParser &parser);
std::optional<ReportScope> resolveScope(Database &db, const QCommandLineParser &parser,
                                        QString *error);

// A "YYYY-MM-DD" day, or nullopt with a sentence in `error`.
std::optional<QDate> parseIsoDay(const QString &text, const QString &what, QString *error);

// "refunds-2024-05-07.csv"
QString defaultExportFileName(ReportKind kind, const QDate &day);

// One line per account: when its cache was last synced, or that it never was, so a person
// knows how old the data in a report or listing is.
QStringList lastSyncLines(const QList<Account> &accounts);

} // namespace rd
