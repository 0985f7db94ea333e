// Streams one report out of the cache: a forward-only query feeds formatted rows to a sink,
// the CSV writer or the command line's other formats. Files are written through QSaveFile, so
// the target name only ever holds a complete export.
#pragma once

#include "domain/result.h"
#include "reportdefinition.h"

#include <QMetaType>
#include <QString>

#include <functional>

class QIODevice;

namespace rd {

class Database;

struct ExportRequest
{
    ReportKind report = ReportKind::Refunds;
    RecordFilter filter;
    bool byteOrderMark = false; // UTF-8 BOM, for Excel
};

struct ExportResult
{
    enum class Status { Done, Failed, Canceled };
    Status status = Status::Failed;
    qint64 rows = 0; // data rows written (the header is not counted)
    QString error;   // for a person, when not Done

    bool ok() const { return status == Status::Done; }
};

class ReportExporter final
{
public:
    // Called every ProgressInterval rows and at the end with the rows so far; returning false
    // cancels the export.
    using Progress = std::function<bool(qint64 rows)>;
    // Receives each row's cells; returning false stops the export (the caller knows why).
    using RowSink = std::function<bool(const QStringList &cells)>;
    static constexpr qint64 ProgressInterval = 1000;

    explicit ReportExporter(Database &db) : m_db(db) {}

    // Header + rows into `path`, replacing it only on success. On failure or cancel the
    // target is untouched (no partial file) and the result says why.
    ExportResult exportToFile(const ExportRequest &request, const QString &path,
                              const Progress &progress = {}) const;
    // Header + rows into an open device (standard output for `list --format csv`).
    ExportResult exportToDevice(const ExportRequest &request, QIODevice *device,
                                const Progress &progress = {}) const;
    // Runs the report's query and hands every formatted row to `sink`. Status Canceled means
    // the sink or `progress` stopped it.
    ExportResult forEachRow(const ExportRequest &request, const RowSink &sink,
                            const Progress &progress = {}) const;
    // How many rows the report will have, for a progress bar; -1 with `error` on failure.
    Result<qint64> countRows(const ExportRequest &request) const;

    // The progress and cancel rules every way of reading rows follows: after each row
    // (false when `progress` canceled, `result` then says so), and after the last one (Done,
    // or Canceled).
    static bool rowDone(ExportResult &result, const Progress &progress);
    static ExportResult allRowsDone(ExportResult result, const Progress &progress);

private:
    Database &m_db;
};

} // namespace rd

Q_DECLARE_METATYPE(rd::ExportResult)
