#include "refunddialog.h"
#include "semanticcolors.h"

#include "amountinput.h"
#include "displayformat.h"
#include "fieldhelp.h"
#include "invoicedetailpane.h"
#include "outcometext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace rd {

RefundDialog::RefundDialog(const InvoiceDetail &detail, const QString &blocker, QWidget *parent)
    : OperationDialog(parent), m_detail(detail), m_blocker(blocker),
      m_reasons(refundReasonChoices(detail.account.dialect, detail.context.dialectReasons))
{
    // The invoice and its customer in the title too: two customers may share a first name.
    setWindowTitle(
        detail.invoice.customer.isEmpty()
            ? tr("Refund invoice %1").arg(detail.invoice.gatewayId)
            : tr("Refund invoice %1 · %2")
                  .arg(detail.invoice.gatewayId, display::clipped(detail.invoice.customer)));
    setObjectName(QStringLiteral("refundDialog"));
    setUpPages(buildForm(), tr("&Send refund"));
    outcomeTextLabel()->setObjectName(QStringLiteral("refundOutcome"));
    setMinimumWidth(520);
    validate();
    // Typed digits go to the amount; where only a full refund is possible, to that choice.
    if (m_partial->isChecked())
        m_amount->setFocus(Qt::OtherFocusReason);
    else
        m_full->setFocus(Qt::OtherFocusReason);
}

void RefundDialog::focusForm()
{
    m_review->setDefault(true);
    m_amount->isEnabled() ? m_amount->setFocus() : m_full->setFocus();
}

QWidget *RefundDialog::buildForm()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    const Invoice &inv = m_detail.invoice;
    const QString refunded = refundedText(m_detail.figures);
    auto *head = new QLabel(
        tr("<b>Invoice %1</b> · <b>%2</b><br>%3 (%4)<br>Paid %5 · refunded %6%7 · "
           "<b>still refundable %8</b>")
            .arg(inv.gatewayId.toHtmlEscaped(),
                 inv.customer.isEmpty() ? tr("no customer name")
                                        : display::clipped(inv.customer).toHtmlEscaped(),
                 m_detail.account.name.toHtmlEscaped(),
                 dialectDisplayName(m_detail.account.dialect), display::money(inv.amount), refunded,
                 m_detail.figures.waiting.isValid() && !m_detail.figures.waiting.isZero()
                     ? tr(" · waiting to be sent or approved %1")
                           .arg(display::money(m_detail.figures.waiting))
                     : QString(),
                 display::money(m_detail.figures.refundable)),
        page);
    head->setObjectName(QStringLiteral("refundInvoice"));
    head->setWordWrap(true);
    layout->addWidget(head);

    m_full = new QRadioButton(
        tr("&Full refund of what is left: %1").arg(display::money(m_detail.figures.refundable)),
        page);
    m_partial = new QRadioButton(tr("&Partial refund"), page);
    m_full->setAccessibleName(tr("Full refund"));
    m_partial->setAccessibleName(tr("Partial refund"));
    setHelp(m_full, tr("Refund all that is still refundable on this invoice, the amount shown. "
                       "Nothing more can be refunded on it afterwards."));
    setHelp(m_partial, tr("Refund part of the invoice: type the amount in the field beside."));
    // A partial refund needs at least two minor units left; otherwise only "full" makes sense.
    const bool partialPossible = m_detail.figures.refundable.minorUnits() > 1;
    m_partial->setChecked(partialPossible);
    m_full->setChecked(!partialPossible);
    m_partial->setEnabled(partialPossible);
    m_amount = new QLineEdit(page);
    m_amount->setAccessibleName(tr("Refund amount"));
    m_amount->setPlaceholderText(
        m_detail.figures.refundable.exponent() > 0
            ? QStringLiteral("0.") +
                  QString(m_detail.figures.refundable.exponent(), QLatin1Char('0'))
            : QStringLiteral("0"));
    m_amount->setAlignment(Qt::AlignRight);
    m_amountTip = tr("The amount to refund in %1, with \".\" as the decimal separator; "
                     "checked against what is still refundable as you type. The gateway "
                     "receives it in its own format (minor units or a decimal string).")
                      .arg(m_detail.figures.refundable.currency());
    setHelp(m_amount, m_amountTip);
    auto *amountRow = new QHBoxLayout;
    amountRow->addWidget(m_partial);
    amountRow->addWidget(m_amount, 1);
    amountRow->addWidget(new QLabel(m_detail.figures.refundable.currency(), page));

    m_reason = new QComboBox(page);
    m_reason->setAccessibleName(tr("Reason"));
    setHelp(m_reason, tr("Why the money goes back. The gateway receives its own value for it: "
                         "Stripe's and WooshPay's reason, Chargebee's credit-note reason code, "
                         "ProcessOut's reason."));
    for (const ReasonChoice &r : std::as_const(m_reasons))
        m_reason->addItem(r.label);
    m_note = new QPlainTextEdit(page);
    m_note->setAccessibleName(tr("Note"));
    setHelp(m_note, tr("Free text kept with the refund and sent with it: in the refund's "
                       "metadata (Stripe, WooshPay), as the credit note's comment (Chargebee) "
                       "or as its information (ProcessOut)."));
    m_note->setPlaceholderText(tr("Optional: why, ticket number, who asked. Sent to the gateway "
                                  "with the refund."));
    m_note->setMaximumHeight(70);
    m_note->setTabChangesFocus(true); // a tab character in a refund note helps nobody

    auto *form = new QFormLayout;
    form->addRow(m_full);
    form->addRow(amountRow);
    form->addRow(tr("R&eason:"), m_reason);
    form->addRow(tr("&Note:"), m_note);
    layout->addLayout(form);

    m_hint = new QLabel(page);
    m_hint->setObjectName(QStringLiteral("refundProblem"));
    m_hint->setAccessibleName(tr("Why the refund cannot be reviewed yet"));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Error)));
    layout->addWidget(m_hint);
    layout->addStretch();

    auto *buttons = new QDialogButtonBox(page);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_review = buttons->addButton(tr("&Review refund…"), QDialogButtonBox::AcceptRole);
    m_review->setDefault(true);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_review, &QPushButton::clicked, this, &RefundDialog::review);
    connect(m_amount, &QLineEdit::textChanged, this, &RefundDialog::validate);
    connect(m_full, &QRadioButton::toggled, this, [this](bool full) {
        m_amount->setEnabled(!full);
        validate();
    });
    return page;
}

void RefundDialog::validate()
{
    m_problem = m_blocker;
    if (m_problem.isEmpty() && m_detail.account.dialect == Dialect::IntaSend)
        m_problem = tr("IntaSend has no refunds: file a chargeback (refund request) instead.");
    if (m_problem.isEmpty() && m_partial->isChecked() && m_amount->text().trimmed().isEmpty())
        m_problem = tr("Enter the amount to refund, at most %1.")
                        .arg(display::money(m_detail.figures.refundable));
    if (m_problem.isEmpty() && m_partial->isChecked()) {
        const AmountInput input =
            normaliseAmountInput(m_amount->text(), m_detail.figures.refundable.currency(),
                                 m_detail.figures.refundable.exponent());
        m_problem = input.problem;
    }
    // The same rules the refund service applies before sending (ops/refundrules.h).
    if (m_problem.isEmpty())
        m_problem = validateDraft(draft(), m_detail.context).message;
    // Nothing typed yet is not a mistake: say what to do without the error colour.
    const bool untouched =
        m_blocker.isEmpty() && m_partial->isChecked() && m_amount->text().trimmed().isEmpty();
    m_hint->setStyleSheet(QStringLiteral("color: %1")
                              .arg(untouched ? semantic::css(semantic::Role::Muted)
                                             : semantic::css(semantic::Role::Error)));
    m_hint->setText(m_problem);
    m_review->setEnabled(m_problem.isEmpty());
    m_review->setToolTip(m_problem);
    const bool amountWrong = m_partial->isChecked() && !m_amount->text().isEmpty() &&
                             m_blocker.isEmpty() && !m_problem.isEmpty();
    m_amount->setStyleSheet(
        amountWrong
            ? QStringLiteral("border: 1px solid %1").arg(semantic::css(semantic::Role::Error))
            : QString());
    m_amount->setToolTip(amountWrong ? m_problem : m_amountTip);
}

RefundDraft RefundDialog::draft() const
{
    RefundDraft d;
    d.accountId = m_detail.account.id;
    d.kind = OperationKind::Refund;
    d.invoiceId = m_detail.invoice.gatewayId;
    d.full = m_full->isChecked();
    d.amountText =
        d.full ? QString()
               : normaliseAmountInput(m_amount->text(), m_detail.figures.refundable.currency(),
                                      m_detail.figures.refundable.exponent())
                     .text;
    d.reason = m_reasons.value(m_reason->currentIndex()).value;
    d.note = m_note->toPlainText().trimmed();
    return d;
}

void RefundDialog::review()
{
    validate();
    if (!m_problem.isEmpty())
        return;
    const RefundDraft d = draft();
    const Validation v = validateDraft(d, m_detail.context);
    const QString gateway = dialectDisplayName(m_detail.account.dialect);
    const QString amountText =
        d.full ? tr("the full remaining amount, %1").arg(display::money(v.amount))
               : display::money(v.amount);
    QString text = tr("<p>RefundDesk will ask <b>%1</b> to refund <b>%2</b> of invoice "
                      "<b>%3</b>.</p><table cellspacing='4'>")
                       .arg(gateway, amountText, d.invoiceId.toHtmlEscaped());
    auto row = [&text](const QString &key, const QString &value) {
        text += QStringLiteral("<tr><td style='color:%3'>%1</td><td>%2</td></tr>")
                    .arg(key, value.toHtmlEscaped(), semantic::css(semantic::Role::Muted));
    };
    row(tr("Account"), m_detail.account.name);
    row(tr("Gateway"), QStringLiteral("%1, %2").arg(gateway, m_detail.account.baseUrl));
    row(tr("Customer"), m_detail.invoice.customer);
    row(tr("Amount"),
        d.full ? tr("%1 (full refund)").arg(display::money(v.amount)) : display::money(v.amount));
    row(tr("Reason"), m_reason->currentText());
    row(tr("Note"), d.note.isEmpty() ? tr("none") : d.note);
    const Money after = v.refundable.checkedSubtract(v.amount).value_or(Money());
    row(tr("Left to refund after"), display::money(after));
    text += QStringLiteral("</table><p>") +
            tr("The request is recorded in the outbox before it is sent, with a key that makes "
               "a repeat harmless. Money that reaches the customer cannot be taken back from "
               "here.") +
            QStringLiteral("</p>");
    showConfirm(text);
}

void RefundDialog::send()
{
    OperationDialog::showOutcome(
        tr("Sending to %1…").arg(dialectDisplayName(m_detail.account.dialect)),
        tr("Waiting for the gateway's answer. You may close this window: the outcome will also "
           "show in the Refunds or Outbox view."));
    Q_EMIT submitted(draft());
}

void RefundDialog::showOutcome(const OperationOutcome &outcome)
{
    const OutcomeText t =
        describeOutcome(outcome, dialectDisplayName(m_detail.account.dialect), tr("refund"));
    OperationDialog::showOutcome(t.title, t.html);
    closeButton()->setFocus();
}

} // namespace rd
