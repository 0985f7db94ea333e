// The Export dialog (Ctrl+E): a report, an account, a date range and a file, then the export
// runs on a worker with its own cache connection, with progress, cancel and a clear outcome.
#pragma once

#include "report/reportexporter.h"

#include <QDialog>
#include <QKeySequence>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace rd {

class Database;
class ExportJob;

class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    // Where files are suggested: Documents when it exists, else the home folder (also used
    // for backups).
    static QString defaultFolder();
    explicit ExportDialog(Database &db, QWidget *parent = nullptr);
    ~ExportDialog() override;
    Q_DISABLE_COPY_MOVE(ExportDialog)

    static QKeySequence shortcut() { return QKeySequence(Qt::CTRL | Qt::Key_E); }

    // The filter of the table the dialog was opened from: its account and days preselect the
    // fields, and its search, status and currency narrow the export to the rows shown.
    void setTableFilter(const RecordFilter &filter);
    void setReport(ReportKind kind);
    void setOutputPath(const QString &path);

    ExportRequest request() const;
    QString outputPath() const;
    bool isExporting() const;
    // Empty when the inputs allow an export; otherwise what to fix.
    QString validationMessage() const;

Q_SIGNALS:
    void exportFinished(const rd::ExportResult &result);

public Q_SLOTS:
    void startExport();
    void cancelExport();

protected:
    void reject() override;

private:
    void buildUi();
    void loadAccounts();
    void updateState();
    void onReportChanged();
    void onProgress(qint64 rows, qint64 total);
    void onFinished(const ExportResult &result);
    void browse();
    void openFolder();
    void setInputsEnabled(bool enabled);
    void runExport();
    // The file name for the report and days chosen, e.g. refunds-2024-05-01-to-2024-05-31.csv.
    QString suggestedFileName() const;
    void followSuggestedName();

    Database &m_db;
    RecordFilter m_tableFilter;
    QPointer<ExportJob> m_job;
    bool m_nameTyped = false; // the person chose a file name: stop suggesting one
    bool m_statusIsProblem = false;

    QComboBox *m_report = nullptr;
    QComboBox *m_account = nullptr;
    QCheckBox *m_useFrom = nullptr;
    QDateEdit *m_from = nullptr;
    QCheckBox *m_useTo = nullptr;
    QDateEdit *m_to = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QCheckBox *m_bom = nullptr;
    QLabel *m_tableFilterLabel = nullptr;
    QCheckBox *m_useTableFilter = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_openFolder = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace rd
