// The export's lane on a SQLite cache: the report's query is stepped through SQLite's C API
// and each column's UTF-8 text goes straight into the CSV buffer, with no QVariant or QString
// per cell. The bytes are those CsvWriter writes from ReportDefinition::formatRow() rows
// (tests/report/tst_reportstream.cpp compares the two on hostile data).
#pragma once

#include "reportexporter.h"

struct sqlite3;
class QSqlDatabase;

namespace rd {

// The connection's sqlite3 handle, or null when it is not Qt's SQLite driver.
sqlite3 *sqliteHandleOf(const QSqlDatabase &db);

// The rows of `def` for `request.filter` into `writer` (header already written), with
// ReportExporter's progress and cancel rules.
ExportResult streamReport(sqlite3 *db, const ReportDefinition &def, const ExportRequest &request,
                          CsvWriter &writer, const ReportExporter::Progress &progress);

} // namespace rd
