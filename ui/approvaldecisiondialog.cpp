#include "approvaldecisiondialog.h"

#include "displayformat.h"
#include "semanticcolors.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {

QString money(const Money &m)
{
    return m.isValid() ? display::amount(m.minorUnits(), m.currency()) : QString();
}

} // namespace

ApprovalDecisionDialog::ApprovalDecisionDialog(Decision decision, const ApprovalDetails &details,
                                               QWidget *parent)
    : QDialog(parent), m_decision(decision), m_details(details)
{
    const bool approve = decision == Decision::Approve;
    const ApprovalRequest &r = details.request;
    setWindowTitle(approve ? tr("Approve refund request %1").arg(r.id)
                           : tr("Reject refund request %1").arg(r.id));
    setObjectName(QStringLiteral("approvalDecisionDialog"));
    auto *layout = new QVBoxLayout(this);

    const QString gateway = dialectDisplayName(details.account.dialect);
    const bool chargeback = r.kind == OperationKind::Chargeback;
    QString text =
        approve ? (chargeback ? tr("<p>RefundDesk will ask <b>%1</b> to file a refund request "
                                   "(chargeback) of <b>%2</b> on invoice <b>%3</b>.</p>")
                              : tr("<p>RefundDesk will ask <b>%1</b> to refund <b>%2</b> of "
                                   "invoice <b>%3</b>.</p>"))
                      .arg(gateway, money(r.amount), r.invoiceId.toHtmlEscaped())
                : tr("<p>Reject the request to refund <b>%1</b> of invoice <b>%2</b>? Nothing "
                     "is sent to %3.</p>")
                      .arg(money(r.amount), r.invoiceId.toHtmlEscaped(), gateway);
    text += QStringLiteral("<table cellspacing='4'>");
    auto row = [&text](const QString &key, const QString &value) {
        text += QStringLiteral("<tr><td style='color:%3'>%1</td><td>%2</td></tr>")
                    .arg(key, value.toHtmlEscaped(), semantic::css(semantic::Role::Muted));
    };
    row(tr("Account"), details.account.name);
    row(tr("Gateway"), QStringLiteral("%1, %2").arg(gateway, details.account.baseUrl));
    row(tr("Customer"), details.customer);
    row(tr("Amount"), money(r.amount));
    row(tr("Reason"), r.reason.isEmpty() ? tr("none") : display::reasonLabel(r.reason));
    row(tr("Note"), r.note.isEmpty() ? tr("none") : r.note);
    row(tr("Requested by"), r.requestedBy);
    row(tr("Requested at"), display::timestamp(r.requestedAt.toSecsSinceEpoch()));
    if (approve) {
        row(tr("Left to refund after"), money(details.leftAfter));
    } else {
        const Money again = details.leftAfter.checkedAdd(r.amount).value_or(details.leftAfter);
        row(tr("Refundable again after rejecting"), money(again));
    }
    text += QStringLiteral("</table>");
    if (approve)
        text += QStringLiteral("<p>") +
                tr("Before sending, RefundDesk reads the invoice again and checks the amount is "
                   "still refundable. The request is recorded in the outbox before it is sent, "
                   "with a key that makes a repeat harmless. Money that reaches the customer "
                   "cannot be taken back from here.") +
                QStringLiteral("</p>");
    m_summary = new QLabel(text, this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(approve ? tr("What will be sent") : tr("What will be rejected"));
    layout->addWidget(m_summary);

    if (!approve) {
        auto *label = new QLabel(tr("&Why is it rejected? (the requester and the audit log "
                                    "see this)"),
                                 this);
        m_why = new QPlainTextEdit(this);
        m_why->setAccessibleName(tr("Why it is rejected"));
        m_why->setTabChangesFocus(true);
        m_why->setMaximumHeight(80);
        label->setBuddy(m_why);
        layout->addWidget(label);
        layout->addWidget(m_why);
        connect(m_why, &QPlainTextEdit::textChanged, this, &ApprovalDecisionDialog::validate);
    }
    layout->addStretch();

    auto *buttons = new QDialogButtonBox(this);
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_confirm = buttons->addButton(approve ? tr("&Approve and send") : tr("&Reject request"),
                                   QDialogButtonBox::AcceptRole);
    // Money leaves on a deliberate press, never on an Enter meant for something else.
    for (QPushButton *b : {cancel, m_confirm}) {
        b->setAutoDefault(false);
        b->setDefault(false);
    }
    layout->addWidget(buttons);
    connect(m_confirm, &QPushButton::clicked, this, &QDialog::accept);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    validate();
    cancel->setFocus();
}

QString ApprovalDecisionDialog::why() const
{
    return m_why ? m_why->toPlainText().trimmed() : QString();
}

void ApprovalDecisionDialog::validate()
{
    const bool ok = m_decision == Decision::Approve || !why().isEmpty();
    m_confirm->setEnabled(ok);
    m_confirm->setToolTip(ok ? QString() : tr("Say why the request is rejected."));
}

} // namespace rd
