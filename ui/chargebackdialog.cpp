#include "chargebackdialog.h"
#include "semanticcolors.h"

#include "amountinput.h"
#include "fieldhelp.h"

#include "displayformat.h"
#include "outcometext.h"
#include "refundreasons.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

ChargebackDialog::ChargebackDialog(const InvoiceDetail &detail, const QString &blocker,
                                   QWidget *parent)
    : OperationDialog(parent), m_detail(detail), m_blocker(blocker),
      m_limit(detail.figures.refundable)
{
    setWindowTitle(
        detail.invoice.customer.isEmpty()
            ? tr("File a chargeback for invoice %1").arg(detail.invoice.gatewayId)
            : tr("File a chargeback for invoice %1 · %2")
                  .arg(detail.invoice.gatewayId, display::clipped(detail.invoice.customer)));
    setMinimumWidth(500);

    auto *form = new QWidget(this);
    auto *formLayout = new QVBoxLayout(form);
    auto *head = new QLabel(tr("<b>Invoice %6</b> · <b>%1</b><br>%2 (%3)<br>Billed %4 · can still "
                               "be claimed <b>%5</b>")
                                .arg(display::clipped(detail.invoice.customer).toHtmlEscaped(),
                                     detail.account.name.toHtmlEscaped(),
                                     dialectDisplayName(detail.account.dialect),
                                     display::money(detail.invoice.amount), display::money(m_limit),
                                     detail.invoice.gatewayId.toHtmlEscaped()),
                            form);
    head->setWordWrap(true);
    formLayout->addWidget(head);
    m_amount = new QLineEdit(form);
    m_amount->setAccessibleName(tr("Chargeback amount"));
    m_amount->setAlignment(Qt::AlignRight);
    m_reason = new QComboBox(form);
    m_reason->setEditable(true);
    m_reason->addItems(chargebackReasonChoices());
    m_reason->setAccessibleName(tr("Reason"));
    m_details = new QPlainTextEdit(form);
    m_details->setAccessibleName(tr("Reason details"));
    m_details->setMaximumHeight(80);
    m_details->setTabChangesFocus(true);
    setHelp(m_amount, tr("The amount to claim back in %1, at most what can still be claimed. "
                         "IntaSend receives it as a decimal amount with the request.")
                          .arg(m_limit.currency()));
    setHelp(m_reason, tr("Why the customer disputes the payment: pick one or type your own. "
                         "IntaSend receives it as the chargeback request's reason."));
    setHelp(m_details, tr("More about the reason: dates, order numbers, what the customer "
                          "said. IntaSend receives it as the request's reason details."));
    auto *fields = new QFormLayout;
    fields->addRow(tr("&Amount (%1):").arg(m_limit.currency()), m_amount);
    fields->addRow(tr("R&eason:"), m_reason); // Alt+R is Review
    fields->addRow(tr("&Details:"), m_details);
    formLayout->addLayout(fields);
    m_hint = new QLabel(form);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Error)));
    formLayout->addWidget(m_hint);
    auto *formButtons = new QDialogButtonBox(QDialogButtonBox::Cancel, form);
    m_review = formButtons->addButton(tr("&Review chargeback…"), QDialogButtonBox::AcceptRole);
    formLayout->addWidget(formButtons);

    setUpPages(form, tr("&Send chargeback"));

    connect(formButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_review, &QPushButton::clicked, this, &ChargebackDialog::review);
    connect(m_amount, &QLineEdit::textChanged, this, &ChargebackDialog::validate);
    connect(m_reason, &QComboBox::currentTextChanged, this, &ChargebackDialog::validate);
    m_review->setDefault(true); // Enter on the form reviews
    validate();
    m_amount->setFocus(Qt::OtherFocusReason);
}

void ChargebackDialog::focusForm()
{
    m_amount->setFocus();
}

void ChargebackDialog::validate()
{
    m_problem = m_blocker;
    if (m_problem.isEmpty() && m_amount->text().trimmed().isEmpty())
        m_problem = tr("Enter the amount to claim, at most %1.").arg(display::money(m_limit));
    if (m_problem.isEmpty() && m_reason->currentText().trimmed().isEmpty())
        m_problem = tr("Choose or type a reason.");
    if (m_problem.isEmpty()) {
        m_problem =
            normaliseAmountInput(m_amount->text(), m_limit.currency(), m_limit.exponent()).problem;
    }
    // The same rules the service applies before sending (ops/refundrules.h).
    if (m_problem.isEmpty())
        m_problem = validateDraft(draft(), m_detail.context).message;
    // Nothing typed yet is not a mistake: say what to do without the error colour.
    const bool untouched = m_blocker.isEmpty() && m_amount->text().trimmed().isEmpty();
    m_hint->setStyleSheet(QStringLiteral("color: %1")
                              .arg(untouched ? semantic::css(semantic::Role::Muted)
                                             : semantic::css(semantic::Role::Error)));
    m_hint->setText(m_problem);
    m_review->setEnabled(m_problem.isEmpty());
    m_review->setToolTip(m_problem);
}

RefundDraft ChargebackDialog::draft() const
{
    RefundDraft d;
    d.accountId = m_detail.account.id;
    d.kind = OperationKind::Chargeback;
    d.invoiceId = m_detail.invoice.gatewayId;
    d.amountText =
        normaliseAmountInput(m_amount->text(), m_limit.currency(), m_limit.exponent()).text;
    d.reason = m_reason->currentText().trimmed();
    d.note = m_details->toPlainText().trimmed();
    return d;
}

void ChargebackDialog::review()
{
    validate();
    if (!m_problem.isEmpty())
        return;
    const RefundDraft d = draft();
    const Validation v = validateDraft(d, m_detail.context);
    showConfirm(
        QStringLiteral("<p>%1</p>")
            .arg(tr("RefundDesk will ask %1 (%2) to open a chargeback request of %3 on "
                    "invoice %4 with the reason \"%5\".")
                     .arg(dialectDisplayName(m_detail.account.dialect), m_detail.account.baseUrl,
                          display::money(v.amount), d.invoiceId, v.reason)
                     .toHtmlEscaped()));
}

void ChargebackDialog::send()
{
    OperationDialog::showOutcome(
        tr("Sending to %1…").arg(dialectDisplayName(m_detail.account.dialect)), QString());
    Q_EMIT submitted(draft());
}

void ChargebackDialog::showOutcome(const OperationOutcome &outcome)
{
    const OutcomeText t =
        describeOutcome(outcome, dialectDisplayName(m_detail.account.dialect), tr("chargeback"));
    OperationDialog::showOutcome(t.title, t.html);
    closeButton()->setFocus();
}

} // namespace rd
