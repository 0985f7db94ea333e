// The four CSV reports (refunds, chargebacks, invoices, reconciliation): their fixed columns,
// the SQL that selects their rows and how a raw row becomes text cells. The export, `list
// --format csv|json` and the export dialog all use these, so they can never disagree.
#pragma once

#include "csvwriter.h"
#include "store/recordfilter.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

class QSqlQuery;

namespace rd {

enum class ReportKind { Refunds, Chargebacks, Invoices, Reconciliation };

// "refunds", "chargebacks", "invoices", "reconciliation": command-line and file names.
QString reportName(ReportKind kind);
QString reportDisplayName(ReportKind kind);
std::optional<ReportKind> reportFromName(QStringView name);
QStringList reportNames();
QList<ReportKind> allReports();

struct ReportColumn
{
    // How the raw SQL value becomes a cell: Timestamp is epoch seconds -> ISO 8601 UTC,
    // Amount is minor units -> major units in the row's currency, Currency is upper-cased.
    enum class Format { Text, Timestamp, Amount, Currency };
    QString name;
    Format format = Format::Text;
};

struct ReportQuery
{
    QString sql;        // positional '?' placeholders only
    QVariantList binds; // in placeholder order
};

class ReportDefinition final
{
public:
    // `backend` picks how the search is written (store/recordfilter.h); nothing else differs.
    explicit ReportDefinition(ReportKind kind, schema::Backend backend = schema::Backend::Sqlite);

    ReportKind kind() const { return m_kind; }
    const QList<ReportColumn> &columns() const { return m_columns; }
    QStringList columnNames() const;
    QList<CsvWriter::CellKind> cellKinds() const;

    // Selects one raw value per column, in column order, for the rows `filter` selects
    // (the same rows the table views show). Reconciliation uses the filter's account,
    // currency and dates only: its rows are sums, not records with a status or text.
    ReportQuery query(const RecordFilter &filter) const;
    // The invoices report's rows for a caller that works out the refundable column itself
    // from refundablesql::partRowsByInvoice() (report/sqlitereportstream.cpp): the rows of
    // query() in its order, with the joined account's id in place of its name and gateway,
    // and in the refundable column's place the invoice's account_id, offline, disputed (what
    // refundablesql::blocked() reads of it) and row id. Invoices only.
    ReportQuery invoiceRowsWithoutParts(const RecordFilter &filter) const;
    // How many rows query() returns, for progress bars.
    ReportQuery countQuery(const RecordFilter &filter) const;

    // Turns the current row of a query() result into cells. False with a reason when a row
    // cannot be written exactly (an amount in a currency RefundDesk does not know).
    bool formatRow(const QSqlQuery &query, QStringList *cells, QString *error) const;
    // One cell of formatRow(): `value` is the column's raw value, `currency` the row's
    // upper-cased currency and `*exponent` its decimals, looked up on the row's first amount
    // (-1 until then). False with a reason as formatRow().
    bool formatCell(int column, const QVariant &value, const QString &currency, int *exponent,
                    QString *cell, QString *error) const;
    int currencyColumn() const { return m_currencyColumn; }

private:
    QString selectSql(const RecordFilter &filter, QVariantList *binds) const;

    ReportKind m_kind;
    schema::Backend m_backend;
    QList<ReportColumn> m_columns;
    int m_currencyColumn = -1;
    QString m_orderBy;
};

// buildWhere()'s "" or "WHERE ..." with one more condition ANDed on.
QString whereWith(const SqlWhere &where, const QString &condition);

// "2024-05-07T06:32:00Z" for epoch seconds.
QString isoUtcTimestamp(qint64 secsSinceEpoch);

} // namespace rd
