#include "reportexporter.h"

#include "sqlitereportstream.h"

#include "store/cachefiles.h"
#include "store/database.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

namespace rd {

namespace {

// Messages are joined into sentences; a device's error string has no full stop of its own.
QString sentence(const QString &text)
{
    return text.endsWith(QLatin1Char('.')) ? text : text + QLatin1Char('.');
}

ExportResult failed(const QString &why, qint64 rows = 0)
{
    ExportResult r;
    r.status = ExportResult::Status::Failed;
    r.rows = rows;
    r.error = why;
    return r;
}

bool prepareAndRun(QSqlQuery &q, const ReportQuery &rq, QString *error)
{
    q.setForwardOnly(true); // rows are read once, so SQLite never buffers the result set
    if (!q.prepare(rq.sql)) {
        *error = q.lastError().text();
        return false;
    }
    for (int i = 0; i < rq.binds.size(); ++i)
        q.bindValue(i, rq.binds.at(i));
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace

Result<qint64> ReportExporter::countRows(const ExportRequest &request) const
{
    QSqlQuery q(m_db.connection());
    QString why;
    if (!prepareAndRun(
            q, ReportDefinition(request.report, m_db.backend()).countQuery(request.filter), &why) ||
        !q.next())
        return Error{
            QStringLiteral("Cannot count the %1 rows: %2")
                .arg(reportName(request.report), why.isEmpty() ? q.lastError().text() : why)};
    return q.value(0).toLongLong();
}

ExportResult ReportExporter::forEachRow(const ExportRequest &request, const RowSink &sink,
                                        const Progress &progress) const
{
    const ReportDefinition def(request.report, m_db.backend());
    QSqlQuery q(m_db.connection());
    QString why;
    if (!prepareAndRun(q, def.query(request.filter), &why))
        return failed(QStringLiteral("Cannot read the %1 from the cache: %2")
                          .arg(reportName(request.report), why));
    ExportResult result;
    QStringList cells;
    while (q.next()) {
        if (!def.formatRow(q, &cells, &why))
            return failed(why, result.rows);
        if (!sink(cells)) {
            result.status = ExportResult::Status::Canceled;
            return result;
        }
        if (!rowDone(result, progress))
            return result;
    }
    if (q.lastError().isValid())
        return failed(QStringLiteral("Reading the %1 stopped: %2")
                          .arg(reportName(request.report), q.lastError().text()),
                      result.rows);
    return allRowsDone(result, progress);
}

bool ReportExporter::rowDone(ExportResult &result, const Progress &progress)
{
    ++result.rows;
    if (progress && result.rows % ProgressInterval == 0 && !progress(result.rows)) {
        result.status = ExportResult::Status::Canceled;
        result.error = QStringLiteral("The export was canceled.");
        return false;
    }
    return true;
}

ExportResult ReportExporter::allRowsDone(ExportResult result, const Progress &progress)
{
    if (progress && !progress(result.rows)) {
        result.status = ExportResult::Status::Canceled;
        result.error = QStringLiteral("The export was canceled.");
        return result;
    }
    result.status = ExportResult::Status::Done;
    return result;
}

ExportResult ReportExporter::exportToDevice(const ExportRequest &request, QIODevice *device,
                                            const Progress &progress) const
{
    const ReportDefinition def(request.report, m_db.backend());
    CsvWriter writer(device, def.cellKinds());
    if (request.byteOrderMark)
        writer.writeBom();
    writer.writeRow(def.columnNames());
    // On SQLite the rows go from the C API straight into the buffer; other backends take the
    // QSqlQuery path, which writes the same bytes.
    sqlite3 *handle = sqliteHandleOf(m_db.connection());
    ExportResult result =
        handle
            ? streamReport(handle, def, request, writer, progress)
            : forEachRow(
                  request, [&writer](const QStringList &cells) { return writer.writeRow(cells); },
                  progress);
    if (result.ok())
        writer.flush();
    if (writer.hasError())
        return failed(QStringLiteral("Writing the export failed: %1").arg(writer.error()),
                      result.rows);
    return result;
}

ExportResult ReportExporter::exportToFile(const ExportRequest &request, const QString &path,
                                          const Progress &progress) const
{
    if (path.trimmed().isEmpty())
        return failed(QStringLiteral("Choose a file to export to."));
    const QFileInfo info(path);
    if (info.isDir())
        return failed(QStringLiteral("%1 is a folder; choose a file name.").arg(path));
    const QFileInfo folder(info.absolutePath());
    if (!folder.exists())
        return failed(QStringLiteral("The folder %1 does not exist.").arg(folder.filePath()));
    if (!folder.isDir())
        return failed(QStringLiteral("%1 is not a folder.").arg(folder.filePath()));
    // A report written over the cache (or a link to it) would destroy the outbox and the
    // audit log; over any other SQLite file it is just as surely a slip.
    if (const QString why = refuseCacheAsTarget(path, m_db.path()); !why.isEmpty())
        return failed(why);
    if (isSqliteFile(path))
        return failed(QStringLiteral("%1 is a SQLite database (perhaps another cache), not a "
                                     "report; choose another file. Nothing was written.")
                          .arg(QDir::toNativeSeparators(path)));

    // QSaveFile writes beside the target and renames over it in commit(), so a failed or
    // canceled export never leaves a half file under the target name.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(QStringLiteral("Cannot write to %1: %2").arg(path, file.errorString()));
    ExportResult result = exportToDevice(request, &file, progress);
    if (!result.ok()) {
        file.cancelWriting();
        if (result.status == ExportResult::Status::Canceled)
            result.error = QStringLiteral("The export was canceled; %1 was not written.")
                               .arg(QDir::toNativeSeparators(path));
        else
            result.error =
                sentence(result.error) +
                QStringLiteral(" Nothing was written to %1.").arg(QDir::toNativeSeparators(path));
        return result;
    }
    if (!file.commit())
        return failed(QStringLiteral("Cannot save %1: %2. Nothing was written to it.")
                          .arg(QDir::toNativeSeparators(path), file.errorString()),
                      result.rows);
    return result;
}

} // namespace rd
