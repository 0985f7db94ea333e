#include "exportdialog.h"

#include "displayformat.h"
#include "fieldhelp.h"
#include "report/exportjob.h"
#include "report/reportoptions.h"
#include "store/accountrepository.h"
#include "store/database.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace rd {

ExportDialog::ExportDialog(Database &db, QWidget *parent) : QDialog(parent), m_db(db)
{
    setWindowTitle(tr("Export CSV"));
    setMinimumWidth(600); // room for a whole path, which the clerk must be able to read
    buildUi();
    loadAccounts();
    m_path->setText(QDir(defaultFolder()).filePath(suggestedFileName()));
    updateState();
}

QString ExportDialog::defaultFolder()
{
    // Documents need not exist on a fresh account; the home folder always does, so the
    // suggested path never blocks Export (and opening the dialog creates nothing).
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return !documents.isEmpty() && QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

QString ExportDialog::suggestedFileName() const
{
    const ReportKind kind = ReportKind(m_report->currentData().toInt());
    const bool from = m_useFrom->isChecked();
    const bool to = m_useTo->isChecked();
    if (!from && !to)
        return defaultExportFileName(kind, QDate::currentDate());
    // Name the days covered, so exports of different ranges never replace one another.
    const QString base = QFileInfo(defaultExportFileName(kind, QDate::currentDate()))
                             .completeBaseName()
                             .chopped(10); // the day defaultExportFileName appends
    const QString first = from ? m_from->date().toString(Qt::ISODate) : QStringLiteral("start");
    const QString last = (to ? m_to->date() : QDate::currentDate()).toString(Qt::ISODate);
    return QStringLiteral("%1%2-to-%3.csv").arg(base, first, last);
}

void ExportDialog::followSuggestedName()
{
    if (m_nameTyped || isExporting())
        return;
    const QFileInfo info(outputPath());
    const QString folder = outputPath().isEmpty() ? defaultFolder() : info.absolutePath();
    const QSignalBlocker blocker(m_path);
    m_path->setText(QDir(folder).filePath(suggestedFileName()));
    updateState();
}

ExportDialog::~ExportDialog()
{
    // The job's destructor cancels and waits, so no worker outlives the dialog.
    delete m_job;
}

void ExportDialog::buildUi()
{
    m_report = new QComboBox(this);
    m_report->setObjectName(QStringLiteral("report"));
    for (const ReportKind k : allReports())
        m_report->addItem(reportDisplayName(k), int(k));
    m_account = new QComboBox(this);
    m_account->setObjectName(QStringLiteral("account"));

    m_useFrom = new QCheckBox(tr("From"), this);
    m_useFrom->setObjectName(QStringLiteral("useFrom"));
    m_from = new QDateEdit(QDate::currentDate().addMonths(-1), this);
    m_from->setObjectName(QStringLiteral("from"));
    m_useTo = new QCheckBox(tr("To"), this);
    m_useTo->setObjectName(QStringLiteral("useTo"));
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setObjectName(QStringLiteral("to"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    auto *days = new QHBoxLayout;
    days->addWidget(m_useFrom);
    days->addWidget(m_from);
    days->addWidget(m_useTo);
    days->addWidget(m_to);
    days->addStretch();

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("path"));
    // Only typing or choosing a file fixes the name; until then it follows report and days.
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_nameTyped = true; });
    m_path->setAccessibleName(tr("File"));
    m_browse = new QPushButton(tr("Choose…"), this);
    m_browse->setObjectName(QStringLiteral("browse"));
    auto *file = new QHBoxLayout;
    file->addWidget(m_path, 1);
    file->addWidget(m_browse);

    m_bom = new QCheckBox(tr("Start with a byte order mark (for Excel)"), this);
    m_bom->setObjectName(QStringLiteral("bom"));
    m_tableFilterLabel = new QLabel(this);
    m_tableFilterLabel->setObjectName(QStringLiteral("tableFilter"));
    m_tableFilterLabel->setWordWrap(true);
    m_tableFilterLabel->hide();
    m_useTableFilter = new QCheckBox(tr("Only the rows the &table shows"), this);
    m_useTableFilter->setObjectName(QStringLiteral("useTableFilter"));
    m_useTableFilter->setChecked(true);
    m_useTableFilter->hide();

    setHelp(m_report, tr("Which CSV report to write: refunds, chargebacks, invoices, or a "
                         "reconciliation per account and currency. It is made from the cache; "
                         "nothing is sent to a gateway."));
    setHelp(m_account, tr("The account whose records are exported, or all accounts."));
    for (QWidget *w : {static_cast<QWidget *>(m_useFrom), static_cast<QWidget *>(m_from)})
        setHelp(w, tr("Only records created on or after this day (UTC). Unticked: from the "
                      "first record."));
    for (QWidget *w : {static_cast<QWidget *>(m_useTo), static_cast<QWidget *>(m_to)})
        setHelp(w, tr("Only records created on or before this day (UTC). Unticked: up to the "
                      "last record."));
    setHelp(m_path, tr("The CSV file to write. An existing file is replaced only after you "
                       "confirm, and only once the new one is complete."));
    setHelp(m_bom, tr("Begin the file with a UTF-8 byte order mark, so Excel shows accented "
                      "and other non-English letters correctly. Other programs do not need it."));
    setHelp(m_useTableFilter, tr("Export only the rows the table shows with its current search "
                                 "and filters, rather than every record of the report."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Report:"), m_report);
    form->addRow(tr("&Account:"), m_account);
    form->addRow(tr("Days (UTC):"), days);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, file);
    form->addRow(QString(), m_bom);
    form->addRow(QString(), m_useTableFilter);
    form->addRow(QString(), m_tableFilterLabel);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(QString()); // no "0%" before anything was asked for
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openFolder = new QPushButton(tr("&Open folder"), this);
    m_openFolder->setObjectName(QStringLiteral("openFolder"));
    m_openFolder->hide();
    auto *outcome = new QHBoxLayout;
    outcome->addWidget(m_status, 1);
    outcome->addWidget(m_openFolder);

    auto *buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::ActionRole);
    m_export->setObjectName(QStringLiteral("export"));
    m_export->setDefault(true);
    m_cancel = buttons->addButton(tr("Cancel Export"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setEnabled(false);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("close"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addLayout(outcome);
    layout->addWidget(buttons);

    connect(m_report, &QComboBox::currentIndexChanged, this, &ExportDialog::onReportChanged);
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QCheckBox *box : {m_useFrom, m_useTo}) {
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateState);
        connect(box, &QCheckBox::toggled, this, &ExportDialog::followSuggestedName);
    }
    for (QDateEdit *edit : {m_from, m_to}) {
        connect(edit, &QDateEdit::dateChanged, this, &ExportDialog::updateState);
        connect(edit, &QDateEdit::dateChanged, this, &ExportDialog::followSuggestedName);
    }
    connect(m_useTableFilter, &QCheckBox::toggled, m_tableFilterLabel, &QWidget::setEnabled);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(m_close, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(m_openFolder, &QPushButton::clicked, this, &ExportDialog::openFolder);
}

void ExportDialog::loadAccounts()
{
    // One small indexed read of the account list; the export itself runs on the worker.
    m_account->clear();
    m_account->addItem(tr("All accounts"), qint64(0));
    for (const Account &a : AccountRepository(m_db).list().valueOr({}))
        m_account->addItem(a.name, a.id);
}

void ExportDialog::setTableFilter(const RecordFilter &filter)
{
    m_tableFilter = filter;
    const int index = m_account->findData(filter.accountId);
    if (index >= 0)
        m_account->setCurrentIndex(index);
    m_useFrom->setChecked(filter.from.isValid());
    if (filter.from.isValid())
        m_from->setDate(filter.from);
    m_useTo->setChecked(filter.to.isValid());
    if (filter.to.isValid())
        m_to->setDate(filter.to);
    QStringList parts;
    if (!filter.search.trimmed().isEmpty())
        parts << tr("search \"%1\"").arg(filter.search.trimmed());
    if (!filter.status.isEmpty())
        parts << tr("status %1").arg(display::filterStatusLabel(filter.status).toLower());
    if (!filter.currency.isEmpty())
        parts << tr("currency %1").arg(filter.currency.toUpper());
    if (!filter.currency.isEmpty() && filter.minAmount)
        parts << tr("at least %1").arg(display::amount(*filter.minAmount, filter.currency));
    if (!filter.currency.isEmpty() && filter.maxAmount)
        parts << tr("at most %1").arg(display::amount(*filter.maxAmount, filter.currency));
    m_tableFilterLabel->setText(
        tr("The table's filters: %1.").arg(parts.join(QStringLiteral(", "))));
    m_tableFilterLabel->setVisible(!parts.isEmpty());
    m_useTableFilter->setVisible(!parts.isEmpty());
    updateState();
}

void ExportDialog::setReport(ReportKind kind)
{
    m_report->setCurrentIndex(m_report->findData(int(kind)));
}

void ExportDialog::setOutputPath(const QString &path)
{
    m_path->setText(path);
}

QString ExportDialog::outputPath() const
{
    return m_path->text().trimmed();
}

bool ExportDialog::isExporting() const
{
    return m_job && m_job->isRunning();
}

ExportRequest ExportDialog::request() const
{
    ExportRequest r;
    r.report = ReportKind(m_report->currentData().toInt());
    if (m_useTableFilter->isChecked())
        r.filter = m_tableFilter;
    r.filter.accountId = m_account->currentData().toLongLong();
    r.filter.from = m_useFrom->isChecked() ? m_from->date() : QDate();
    r.filter.to = m_useTo->isChecked() ? m_to->date() : QDate();
    r.byteOrderMark = m_bom->isChecked();
    return r;
}

QString ExportDialog::validationMessage() const
{
    const QString path = outputPath();
    if (path.isEmpty())
        return tr("Choose a file to export to.");
    const QFileInfo info(path);
    if (info.isDir())
        return tr("%1 is a folder; add a file name.").arg(QDir::toNativeSeparators(path));
    if (!QFileInfo(info.absolutePath()).isDir())
        return tr("The folder %1 does not exist.")
            .arg(QDir::toNativeSeparators(info.absolutePath()));
    if (m_useFrom->isChecked() && m_useTo->isChecked() && m_from->date() > m_to->date())
        return tr("The first day is after the last day.");
    return QString();
}

void ExportDialog::updateState()
{
    if (isExporting())
        return;
    const QString problem = validationMessage();
    m_export->setEnabled(problem.isEmpty());
    m_export->setToolTip(problem);
    // Say why Export is unavailable, but do not hide the outcome of the last export; once
    // the problem is fixed its message goes.
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        m_statusIsProblem = true;
        m_openFolder->hide();
    } else if (m_statusIsProblem) {
        m_status->clear();
        m_statusIsProblem = false;
    }
}

void ExportDialog::onReportChanged()
{
    // A new report gets a new name, so it never silently replaces the last one.
    followSuggestedName();
}

void ExportDialog::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export to"), outputPath(),
                                                        tr("CSV files (*.csv);;All files (*)"));
    if (!chosen.isEmpty()) {
        m_nameTyped = true;
        m_path->setText(chosen);
    }
}

void ExportDialog::setInputsEnabled(bool enabled)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_report, m_account, m_useFrom, m_useTo,
                                                       m_path, m_browse, m_bom, m_useTableFilter})
        w->setEnabled(enabled);
    m_from->setEnabled(enabled && m_useFrom->isChecked());
    m_to->setEnabled(enabled && m_useTo->isChecked());
}

void ExportDialog::startExport()
{
    if (isExporting() || !validationMessage().isEmpty())
        return;
    if (!QFileInfo::exists(outputPath())) {
        runExport();
        return;
    }
    // Replacing a report is a choice, never a side effect; No is the default.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Replace file?"),
                                tr("%1 already exists. Replace it with this export?")
                                    .arg(QDir::toNativeSeparators(outputPath())),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("overwritePrompt"));
    box->setDefaultButton(QMessageBox::No);
    box->button(QMessageBox::Yes)->setText(tr("&Replace"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            runExport();
        else
            m_status->setText(tr("Not exported; the existing file was kept."));
    });
    box->open();
}

void ExportDialog::runExport()
{
    if (isExporting() || !validationMessage().isEmpty())
        return;
    m_statusIsProblem = false;
    delete m_job;
    m_job = new ExportJob(m_db.path(), request(), outputPath(), this);
    connect(m_job, &ExportJob::progressChanged, this, &ExportDialog::onProgress);
    connect(m_job, &ExportJob::finished, this, &ExportDialog::onFinished);
    setInputsEnabled(false);
    m_export->setEnabled(false);
    m_cancel->setEnabled(true);
    m_openFolder->hide();
    m_progress->setRange(0, 0); // busy until the rows are counted
    m_status->setText(tr("Exporting…"));
    m_job->start();
}

void ExportDialog::cancelExport()
{
    if (!isExporting())
        return;
    m_job->cancel();
    m_cancel->setEnabled(false);
    m_status->setText(tr("Canceling…"));
}

void ExportDialog::onProgress(qint64 rows, qint64 total)
{
    if (total <= 0) {
        m_progress->setRange(0, total == 0 ? 1 : 0);
        return;
    }
    // QProgressBar counts in int; scale to per mille so any row count fits.
    m_progress->setRange(0, 1000);
    m_progress->setValue(int(std::min<qint64>(1000, rows * 1000 / total)));
    m_progress->setFormat(tr("%1 of %2 rows").arg(rows).arg(total));
}

void ExportDialog::onFinished(const ExportResult &result)
{
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
    setInputsEnabled(true);
    m_cancel->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(result.ok() ? 1 : 0);
    m_progress->setFormat(result.ok() ? tr("%1 rows").arg(result.rows) : QStringLiteral("%p%"));
    switch (result.status) {
    case ExportResult::Status::Done:
        m_status->setText((result.rows == 1 ? tr("Exported 1 row to %2.")
                                            : tr("Exported %1 rows to %2.").arg(result.rows))
                              .arg(QDir::toNativeSeparators(outputPath())));
        m_openFolder->show();
        break;
    case ExportResult::Status::Canceled:
        m_status->setText(tr("Export canceled; no file was written."));
        break;
    case ExportResult::Status::Failed:
        m_status->setText(tr("Export failed: %1").arg(result.error));
        break;
    }
    const QString problem = validationMessage();
    m_export->setEnabled(problem.isEmpty());
    Q_EMIT exportFinished(result);
}

void ExportDialog::openFolder()
{
    QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(outputPath()).absolutePath()));
}

void ExportDialog::reject()
{
    // Closing while exporting cancels: the worker stops at its next batch and writes nothing.
    if (isExporting())
        m_job->cancel();
    QDialog::reject();
}

} // namespace rd
