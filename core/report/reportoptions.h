// Small pieces the report front ends share (the command line and the export dialog): day
// parsing, default file names and the "last synced" notice that keeps offline use honest.
#pragma once

#include "domain/result.h"
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

// Resolves an account name (empty = all accounts) and optional "YYYY-MM-DD" bounds; an error
// with a sentence for an unknown account, a malformed day, from after to or a failed read.
Result<ReportScope> resolveScope(Database &db, const QString &accountName, const QString &from,
                                 const QString &to);

// The options the report commands share: -h/--help, --account NAME, --from and --to
// YYYY-MM-DD; and their resolution once the command line is parsed.
void addScopeOptions(QCommandLineParser &parser);
Result<ReportScope> resolveScope(Database &db, const QCommandLineParser &parser);

// A "YYYY-MM-DD" day, or nullopt with a sentence in `error`.
std::optional<QDate> parseIsoDay(const QString &text, const QString &what, QString *error);

// "refunds-2024-05-07.csv"
QString defaultExportFileName(ReportKind kind, const QDate &day);

// One line per account: when its cache was last synced, or that it never was, so a person
// knows how old the data in a report or listing is.
QStringList lastSyncLines(const QList<Account> &accounts);

} // namespace rd
