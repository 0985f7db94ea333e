#include "bulkrefunddialog.h"

#include "amountinput.h"
#include "displayformat.h"
#include "exportdialog.h"
#include "semanticcolors.h"

#include "report/csvwriter.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

#include <optional>

namespace rd {

namespace {

// "50", "12.5" or "12,5" percent as basis points (1 to 10000); nullopt when it is not that.
std::optional<qint64> basisPoints(QString text)
{
    text = text.trimmed().replace(QLocale().decimalPoint(), QStringLiteral("."));
    static const QRegularExpression form(QStringLiteral("^(\\d{1,3})(?:\\.(\\d{1,2}))?$"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 bp = m.captured(1).toLongLong() * 100 +
                      m.captured(2).leftJustified(2, QLatin1Char('0')).toLongLong();
    if (bp < 1 || bp > 10000)
        return std::nullopt;
    return bp;
}

// `bp` basis points of `minor`, rounded down: a percentage never refunds more than it says.
qint64 share(qint64 minor, qint64 bp)
{
    return minor / 10000 * bp + minor % 10000 * bp / 10000;
}

QString outcomeLabel(BulkOutcome o)
{
    switch (o) {
    case BulkOutcome::Ok:
        return BulkRefundDialog::tr("Refunded");
    case BulkOutcome::WouldSend:
        return BulkRefundDialog::tr("Will be sent");
    case BulkOutcome::Refused:
        return BulkRefundDialog::tr("Not sent");
    case BulkOutcome::Rejected:
        return BulkRefundDialog::tr("Rejected by the gateway");
    case BulkOutcome::Unknown:
        return BulkRefundDialog::tr("Outcome unknown (in the outbox)");
    case BulkOutcome::AwaitingApproval:
        return BulkRefundDialog::tr("Awaiting approval (nothing sent)");
    }
    return QString();
}

QTableWidget *makeTable(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setAccessibleName(name);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->verticalHeader()->setVisible(false);
    // Ids and amounts always in full; the last column (what happens, the message) takes the rest.
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

QString totalsText(const QMap<QString, qint64> &byCurrency)
{
    QStringList parts;
    for (auto it = byCurrency.cbegin(); it != byCurrency.cend(); ++it)
        parts << display::amount(it.value(), it.key());
    return parts.join(QStringLiteral(" · "));
}

// What a preview would do, summed: refunds sent at once, and rows above the approval threshold,
// which are recorded as requests and send nothing until approved, kept apart.
struct PreviewSums
{
    int sending = 0;
    int requests = 0;
    QMap<QString, qint64> sent;      // per currency
    QMap<QString, qint64> requested; // per currency
    QSet<QString> accounts;

    PreviewSums(const QList<BulkRefundRow> &rows, const QList<BulkRowResult> &preview)
    {
        for (int i = 0; i < preview.size(); ++i) {
            const BulkRowResult &r = preview.at(i);
            if (r.outcome != BulkOutcome::WouldSend)
                continue;
            if (r.needsApproval) {
                ++requests;
                requested[r.amount.currency()] += r.amount.minorUnits();
            } else {
                ++sending;
                sent[r.amount.currency()] += r.amount.minorUnits();
            }
            accounts.insert(rows.at(i).account);
        }
    }
};

} // namespace

BulkRefundDialog::BulkRefundDialog(Database &db, const QList<BulkRefundRow> &rows,
                                   const QString &fileName, const QString &blocker,
                                   BulkRefundRun::Submit submit, QWidget *parent)
    : OperationDialog(parent), m_db(db), m_selected(rows), m_fromFile(!fileName.isEmpty()),
      m_blocker(blocker), m_run(new BulkRefundRun(db, std::move(submit), this))
{
    setObjectName(QStringLiteral("bulkRefundDialog"));
    setWindowTitle(m_fromFile ? tr("Import refund list · %1").arg(QFileInfo(fileName).fileName())
                              : tr("Refund selected invoices (%1)").arg(rows.size()));
    setUpPages(buildForm(fileName), tr("&Send"));
    buildOutcome();
    connect(m_run, &BulkRefundRun::rowFinished, this, &BulkRefundDialog::onRowFinished);
    connect(m_run, &BulkRefundRun::finished, this, &BulkRefundDialog::onRunFinished);
    setMinimumSize(880, 520);
    updatePreview();
    focusForm();
}

QWidget *BulkRefundDialog::buildForm(const QString &fileName)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    if (m_fromFile) {
        auto *from = new QLabel(tr("Rows from %1: %2. Each row is checked like a single refund, "
                                   "counting the rows before it; rows already sent from this "
                                   "list are not sent again.")
                                    .arg(QDir::toNativeSeparators(fileName))
                                    .arg(m_selected.size()),
                                page);
        from->setWordWrap(true);
        layout->addWidget(from);
    } else {
        auto *form = new QFormLayout;
        auto *choices = new QButtonGroup(page);
        m_full = new QRadioButton(tr("&Full: what is left of each invoice"), page);
        m_percent = new QRadioButton(tr("&Percentage of each invoice's amount:"), page);
        m_fixed = new QRadioButton(tr("Fi&xed amount each, in the invoice's currency:"), page);
        m_percentField = new QLineEdit(page);
        m_percentField->setPlaceholderText(tr("e.g. 10 or 12.5"));
        m_percentField->setAccessibleName(tr("Percentage"));
        m_fixedField = new QLineEdit(page);
        m_fixedField->setPlaceholderText(tr("e.g. 5.00"));
        m_fixedField->setAccessibleName(tr("Fixed amount"));
        for (QRadioButton *b : {m_full, m_percent, m_fixed})
            choices->addButton(b);
        m_full->setChecked(true);
        auto *percentRow = new QHBoxLayout;
        percentRow->addWidget(m_percent);
        percentRow->addWidget(m_percentField);
        percentRow->addWidget(new QLabel(QStringLiteral("%"), page));
        auto *fixedRow = new QHBoxLayout;
        fixedRow->addWidget(m_fixed);
        fixedRow->addWidget(m_fixedField);
        form->addRow(m_full);
        form->addRow(percentRow);
        form->addRow(fixedRow);
        m_reason = new QComboBox(page);
        m_reason->addItem(tr("None given"), QString());
        for (const char *r : {"requested_by_customer", "duplicate", "fraudulent", "other"})
            m_reason->addItem(display::reasonLabel(QLatin1String(r)), QLatin1String(r));
        form->addRow(tr("&Reason:"), m_reason);
        m_note = new QLineEdit(page);
        m_note->setAccessibleName(tr("Note"));
        form->addRow(tr("&Note:"), m_note);
        layout->addLayout(form);
        connect(choices, &QButtonGroup::buttonToggled, this, &BulkRefundDialog::updatePreview);
        for (QLineEdit *e : {m_percentField, m_fixedField, m_note})
            connect(e, &QLineEdit::textChanged, this, &BulkRefundDialog::updatePreview);
        // Typing in a field chooses it.
        connect(m_percentField, &QLineEdit::textEdited, m_percent,
                [this] { m_percent->setChecked(true); });
        connect(m_fixedField, &QLineEdit::textEdited, m_fixed,
                [this] { m_fixed->setChecked(true); });
        connect(m_reason, &QComboBox::currentIndexChanged, this, &BulkRefundDialog::updatePreview);
    }
    m_previewTable = makeTable(
        {tr("Account"), tr("Invoice"), tr("Refundable"), tr("Amount"), tr("What will happen")},
        tr("Preview"), page);
    m_previewTable->setObjectName(QStringLiteral("bulkPreview"));
    layout->addWidget(m_previewTable, 1);
    m_totals = new QLabel(page);
    m_totals->setWordWrap(true);
    m_totals->setObjectName(QStringLiteral("bulkTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_totals);
    m_hint = new QLabel(page);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    auto *buttons = new QDialogButtonBox(page);
    m_review = buttons->addButton(tr("&Review…"), QDialogButtonBox::AcceptRole);
    m_review->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_review, &QPushButton::clicked, this, &BulkRefundDialog::review);
    layout->addWidget(buttons);
    return page;
}

void BulkRefundDialog::buildOutcome()
{
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setFormat(tr("%v of %m sent"));
    m_resultsTable = makeTable(
        {tr("Account"), tr("Invoice"), tr("Amount"), tr("Outcome"), tr("Refund"), tr("Message")},
        tr("Results"), this);
    m_resultsTable->setObjectName(QStringLiteral("bulkResults"));
    // Above the stretch and the buttons: progress, then the table taking the room.
    outcomeLayout()->insertWidget(2, m_progress);
    outcomeLayout()->insertWidget(3, m_resultsTable, 1);
    m_cancel =
        outcomeButtons()->addButton(tr("&Stop after this refund"), QDialogButtonBox::ActionRole);
    m_export = outcomeButtons()->addButton(tr("&Export results…"), QDialogButtonBox::ActionRole);
    m_export->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_run->cancel();
        m_cancel->setEnabled(false);
        outcomeTextLabel()->setText(tr("Stopping after the refund being sent; the rest will not "
                                       "be sent."));
    });
    connect(m_export, &QPushButton::clicked, this, &BulkRefundDialog::chooseExportFile);
}

void BulkRefundDialog::focusForm()
{
    if (m_percentField && m_percent->isChecked())
        m_percentField->setFocus();
    else if (m_fixedField && m_fixed->isChecked())
        m_fixedField->setFocus();
    else
        m_review->setFocus();
}

QList<BulkRefundRow> BulkRefundDialog::rowsWithAmounts(QString *problem) const
{
    QList<BulkRefundRow> rows = m_selected;
    if (m_fromFile)
        return rows;
    std::optional<qint64> bp;
    if (m_percent->isChecked()) {
        bp = basisPoints(m_percentField->text());
        if (!bp)
            *problem = tr("Enter a percentage from 0.01 to 100.");
    }
    if (m_fixed->isChecked() && m_fixedField->text().trimmed().isEmpty())
        *problem = tr("Enter the amount to refund from each invoice.");
    // What each invoice holds, before any amount: the same preview with "full".
    QList<BulkRefundRow> probe = rows;
    for (BulkRefundRow &r : probe)
        r.amount = QStringLiteral("full");
    const QList<BulkRowResult> base = previewBulkRefund(m_db, probe);
    for (int i = 0; i < rows.size(); ++i) {
        BulkRefundRow &r = rows[i];
        r.reason = m_reason->currentData().toString();
        r.note = m_note->text().trimmed();
        const Money billed = base.value(i).billed;
        r.amount = QStringLiteral("full");
        if (!billed.isValid() || m_full->isChecked())
            continue; // an unknown invoice is refused for what it is, not for its amount
        if (m_percent->isChecked()) {
            r.amount =
                bp ? Money(share(billed.minorUnits(), *bp), billed.currency()).toDecimalString()
                   : QString();
        } else {
            const AmountInput in =
                normaliseAmountInput(m_fixedField->text(), billed.currency(), billed.exponent());
            r.amount = in.text;
        }
    }
    return rows;
}

void BulkRefundDialog::fillRow(QTableWidget *table, int row, const BulkRefundRow &input,
                               const BulkRowResult &result, bool preview) const
{
    const auto set = [table, row](int column, const QString &text, const QString &tip = {}) {
        auto *item = new QTableWidgetItem(text);
        item->setToolTip(tip.isEmpty() ? text : tip);
        table->setItem(row, column, item);
    };
    // Amounts line up on their last digit, as in every table of the window.
    const auto alignRight = [table, row](int column) {
        table->item(row, column)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    };
    const QString amount = result.amount.isValid() ? display::money(result.amount)
                                                   : (input.isFull() ? tr("full") : input.amount);
    set(0, input.account);
    set(1, input.invoiceId);
    if (preview) {
        set(2,
            result.refundable.isValid() ? display::money(result.refundable) : QStringLiteral("—"));
        set(3, amount);
        alignRight(2);
        alignRight(3);
        QString what;
        switch (result.outcome) {
        case BulkOutcome::WouldSend:
            what = result.needsApproval
                       ? tr("Ask for approval of %1 (above the approval threshold)")
                             .arg(display::money(result.amount))
                       : tr("Refund %1").arg(display::money(result.amount));
            break;
        case BulkOutcome::AwaitingApproval:
            what = tr("Approval request %1 awaits a decision; not requested again")
                       .arg(result.approvalId);
            break;
        case BulkOutcome::Ok:
            what = tr("Already refunded (%1); not sent again").arg(result.refundId);
            break;
        default:
            what = tr("Not sent: %1").arg(result.message);
            break;
        }
        set(4, what, result.message);
        if (result.outcome != BulkOutcome::WouldSend)
            table->item(row, 4)->setForeground(semantic::color(semantic::Role::Muted));
        return;
    }
    set(2, amount);
    alignRight(2);
    set(3, outcomeLabel(result.outcome));
    set(4, result.refundId);
    set(5, result.message);
    const semantic::Role role = result.outcome == BulkOutcome::Ok        ? semantic::Role::Success
                                : result.outcome == BulkOutcome::Refused ? semantic::Role::Muted
                                : result.outcome == BulkOutcome::AwaitingApproval
                                    ? semantic::Role::Warning
                                    : semantic::Role::Error;
    table->item(row, 3)->setForeground(semantic::color(role));
}

void BulkRefundDialog::updatePreview()
{
    m_problem.clear();
    m_rows = rowsWithAmounts(&m_problem);
    m_preview = previewBulkRefund(m_db, m_rows);
    m_previewTable->setRowCount(int(m_rows.size()));
    for (int i = 0; i < m_rows.size(); ++i)
        fillRow(m_previewTable, i, m_rows.at(i), m_preview.at(i), true);
    const PreviewSums sums(m_rows, m_preview);
    const int sending = sums.sending;
    const int requests = sums.requests;
    const int skipped = int(m_rows.size()) - sending - requests;
    QString text =
        sending ? tr("Refunds to send: %1 · total %2.").arg(sending).arg(totalsText(sums.sent))
                : tr("Nothing will be sent.");
    if (requests)
        text +=
            QLatin1Char(' ') + tr("Approval requests: %1 · total %2 (nothing sent until approved).")
                                   .arg(requests)
                                   .arg(totalsText(sums.requested));
    if (skipped)
        text += QLatin1Char(' ') + tr("Rows not sent: %1 (the table says why).").arg(skipped);
    m_totals->setText(text);
    if (m_problem.isEmpty())
        m_problem = m_blocker;
    if (m_problem.isEmpty() && sending + requests == 0)
        m_problem = tr("No row can be sent as it stands.");
    m_hint->setText(m_problem);
    m_hint->setStyleSheet(QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Error)));
    m_review->setEnabled(m_problem.isEmpty());
    m_review->setToolTip(m_problem);
}

void BulkRefundDialog::review()
{
    updatePreview();
    if (!m_problem.isEmpty())
        return;
    const PreviewSums previewed(m_rows, m_preview);
    const int sending = previewed.sending;
    const int requests = previewed.requests;
    const int skipped = int(m_preview.size()) - sending - requests;
    const auto sumsOf = [](const QMap<QString, qint64> &byCurrency) {
        QStringList sums;
        for (auto it = byCurrency.cbegin(); it != byCurrency.cend(); ++it)
            sums << QStringLiteral("<b>%1</b>").arg(display::amount(it.value(), it.key()));
        return sums.join(QStringLiteral("<br>"));
    };
    QString html = QStringLiteral("<p>") +
                   tr("RefundDesk will send these refunds one after another, each recorded in "
                      "the outbox before it is sent:") +
                   QStringLiteral("</p><table cellspacing='4'>");
    const auto row = [&html](const QString &key, const QString &value) {
        html += QStringLiteral("<tr><td style='color:%3'>%1</td><td>%2</td></tr>")
                    .arg(key, value, semantic::css(semantic::Role::Muted));
    };
    row(tr("Refunds"), QString::number(sending));
    row(tr("Accounts"), QString::number(previewed.accounts.size()));
    row(tr("Total"), sending ? sumsOf(previewed.sent) : QStringLiteral("—"));
    if (requests) {
        row(tr("Approval requests"),
            tr("%1, total %2: recorded, nothing sent until another person approves")
                .arg(requests)
                .arg(sumsOf(previewed.requested)));
    }
    if (skipped)
        row(tr("Not sent"), tr("%1 rows (the preview says why)").arg(skipped));
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p>") +
            tr("You can stop the run: the refund being sent finishes, the rest is not sent. "
               "Money that reaches a customer cannot be taken back from here.") +
            QStringLiteral("</p>");
    setSendLabel(requests ? tr("&Send %1, ask approval for %2").arg(sending).arg(requests)
                          : tr("&Send refunds (%1)").arg(sending));
    showConfirm(html);
}

void BulkRefundDialog::send()
{
    m_results = m_preview;
    m_sending.clear();
    QList<BulkRefundRow> toSend;
    m_resultsTable->setRowCount(int(m_rows.size()));
    for (int i = 0; i < m_rows.size(); ++i) {
        BulkRowResult r = m_preview.at(i);
        if (r.outcome == BulkOutcome::WouldSend) {
            m_sending << i;
            toSend << m_rows.at(i);
            r.message = tr("waiting to be sent");
        }
        fillRow(m_resultsTable, i, m_rows.at(i), r, false);
    }
    m_progress->setRange(0, int(toSend.size()));
    m_progress->setValue(0);
    closeButton()->setEnabled(false);
    showOutcome(tr("Sending refunds (%1)…").arg(toSend.size()),
                tr("Each refund is recorded in the outbox before it is sent."));
    m_cancel->setFocus();
    m_run->start(toSend);
}

void BulkRefundDialog::onRowFinished(int index, const BulkRowResult &result)
{
    const int row = m_sending.value(index, -1);
    if (row < 0)
        return;
    m_results[row] = result;
    fillRow(m_resultsTable, row, m_rows.at(row), result, false);
    m_progress->setValue(index + 1);
    m_resultsTable->scrollToItem(m_resultsTable->item(row, 0));
}

void BulkRefundDialog::onRunFinished(bool cancelled)
{
    QMap<BulkOutcome, int> counts;
    QMap<QString, qint64> refunded;
    for (int row : std::as_const(m_sending)) {
        const BulkRowResult &r = m_results.at(row);
        ++counts[r.outcome];
        if (r.outcome == BulkOutcome::Ok && r.amount.isValid())
            refunded[r.amount.currency()] += r.amount.minorUnits();
    }
    const int ok = counts.value(BulkOutcome::Ok);
    QString title = tr("Refunds sent: %1").arg(ok);
    if (!refunded.isEmpty())
        title += QStringLiteral(" · ") + totalsText(refunded);
    QStringList notes;
    if (cancelled)
        notes << tr("Stopped: the rows after the last one sent were not sent.");
    if (const int n = counts.value(BulkOutcome::Rejected))
        notes << tr("Rejected by the gateway: %1 (see Message).").arg(n);
    if (const int n = counts.value(BulkOutcome::Unknown))
        notes << tr("Outcome unknown: %1. They stay in the outbox and are resolved on the next "
                    "sync; do not send them again.")
                     .arg(n);
    if (const int n = counts.value(BulkOutcome::AwaitingApproval))
        notes << tr("Awaiting approval: %1. Nothing was sent for them; each is sent when "
                    "another person approves its request (View > Approvals).")
                     .arg(n);
    if (const int n = counts.value(BulkOutcome::Refused))
        notes << tr("Not sent: %1.").arg(n);
    showOutcome(title, notes.join(QLatin1Char(' ')).toHtmlEscaped());
    m_progress->setFormat(cancelled ? tr("stopped: %v of %m sent") : tr("%v of %m sent"));
    m_cancel->hide();
    m_export->setEnabled(true);
    closeButton()->setEnabled(true);
    closeButton()->setFocus();
    Q_EMIT runFinished(cancelled);
}

bool BulkRefundDialog::exportResults(const QString &path, QString *error) const
{
    const QList<BulkRowResult> &results = m_results.isEmpty() ? m_preview : m_results;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    // Every column is text: the amount repeats what was asked ("full", or a file's cell).
    CsvWriter csv(
        &file, QList<CsvWriter::CellKind>(bulkResultColumns().size(), CsvWriter::CellKind::Text));
    bool ok = csv.writeRow(bulkResultColumns());
    for (int i = 0; ok && i < m_rows.size(); ++i)
        ok = csv.writeRow(bulkResultCells(m_rows.at(i), results.value(i)));
    if (!ok || !csv.flush() || !file.commit()) {
        *error = csv.hasError() ? csv.error() : file.errorString();
        return false;
    }
    return true;
}

void BulkRefundDialog::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export results"),
        QDir(ExportDialog::defaultFolder()).filePath(QStringLiteral("refund-results.csv")),
        tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportResults(path, &error))
        outcomeTextLabel()->setText(
            tr("Results exported to %1.").arg(QDir::toNativeSeparators(path)).toHtmlEscaped());
    else
        outcomeTextLabel()->setText(
            tr("The results could not be exported: %1").arg(error).toHtmlEscaped());
}

} // namespace rd
