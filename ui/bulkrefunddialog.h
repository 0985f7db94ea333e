// Refund several invoices at once: the selected invoices (full, a percentage of each invoice, or
// a fixed amount each) or an imported refund list. The form previews every row — refundable,
// amount, what will happen — with totals per currency; one confirmation; then the rows are sent
// one after another through the single-refund path, with progress and Cancel (what was sent
// stays sent, the rest is not sent), and the results can be exported as CSV.
#pragma once

#include "operationdialog.h"

#include "ops/bulkrefund.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableWidget;

namespace rd {

class Database;

class BulkRefundDialog final : public OperationDialog
{
    Q_OBJECT
public:
    // `rows` without amounts (the selection: the form chooses them) or, with `fileName`, a
    // refund list's rows as they are. `db` is the window's connection, read for the preview;
    // `submit` sends one row's draft. `blocker`: why nothing can be sent now, or empty.
    BulkRefundDialog(Database &db, const QList<BulkRefundRow> &rows, const QString &fileName,
                     const QString &blocker, BulkRefundRun::Submit submit,
                     QWidget *parent = nullptr);

    // Writes the results (the refund list's columns and the outcome of each row) through the
    // report CSV writer, with its formula guard. False with a reason.
    bool exportResults(const QString &path, QString *error) const;

    // What the preview shows and what the run returned, row for row.
    const QList<BulkRefundRow> &previewRows() const { return m_rows; }
    const QList<BulkRowResult> &previewResults() const { return m_preview; }
    const QList<BulkRowResult> &results() const { return m_results; }
    QString problem() const { return m_problem; }

    // For tests and accessibility: the widgets a person uses.
    QRadioButton *fullChoice() const { return m_full; }
    QRadioButton *percentChoice() const { return m_percent; }
    QRadioButton *fixedChoice() const { return m_fixed; }
    QLineEdit *percentField() const { return m_percentField; }
    QLineEdit *fixedField() const { return m_fixedField; }
    QPushButton *reviewButton() const { return m_review; }
    QTableWidget *previewTable() const { return m_previewTable; }
    QLabel *totalsLabel() const { return m_totals; }
    QTableWidget *resultsTable() const { return m_resultsTable; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *exportButton() const { return m_export; }

Q_SIGNALS:
    void runFinished(bool cancelled);

protected:
    void send() override;
    void focusForm() override;

private:
    QWidget *buildForm(const QString &fileName);
    void buildOutcome();
    void updatePreview();
    void review();
    QList<BulkRefundRow> rowsWithAmounts(QString *problem) const;
    void onRowFinished(int index, const BulkRowResult &result);
    void onRunFinished(bool cancelled);
    void chooseExportFile();
    void fillRow(QTableWidget *table, int row, const BulkRefundRow &input,
                 const BulkRowResult &result, bool preview) const;

    Database &m_db;
    QList<BulkRefundRow> m_selected; // as given
    QList<BulkRefundRow> m_rows;     // with the amounts the form chose
    QList<BulkRowResult> m_preview;
    QList<BulkRowResult> m_results;
    QList<int> m_sending; // rows handed to the run, by its index
    bool m_fromFile = false;
    QString m_blocker;
    QString m_problem;
    BulkRefundRun *m_run;

    QRadioButton *m_full = nullptr;
    QRadioButton *m_percent = nullptr;
    QRadioButton *m_fixed = nullptr;
    QLineEdit *m_percentField = nullptr;
    QLineEdit *m_fixedField = nullptr;
    QComboBox *m_reason = nullptr;
    QLineEdit *m_note = nullptr;
    QTableWidget *m_previewTable = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_review = nullptr;
    QProgressBar *m_progress = nullptr;
    QTableWidget *m_resultsTable = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace rd
