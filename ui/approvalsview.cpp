#include "approvalsview.h"

#include "displayformat.h"
#include "operationscontroller.h"
#include "outcometext.h"

#include "ops/refundcontext.h"
#include "store/actinguser.h"
#include "store/database.h"
#include "store/teamroles.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

enum Column {
    IdColumn,
    AccountColumn,
    InvoiceColumn,
    AmountColumn,
    ReasonColumn,
    RequestedByColumn,
    RequestedAtColumn,
    NoteColumn
};

// The account, customer and what is left to refund, read from the cache for the confirmation.
Result<ApprovalDetails> detailsOf(Database &db, const ApprovalRequest &r)
{
    const auto account = AccountRepository(db).findById(r.accountId);
    if (!account)
        return Error{account.error()};
    const auto context = readRefundContext(db, r.accountId, account->dialect, r.invoiceId);
    if (!context)
        return Error{context.error()};
    ApprovalDetails d;
    d.request = r;
    d.account = *account;
    if (context->invoice) {
        d.customer = context->invoice->customer;
        d.leftAfter = refundableOf(*context).refundable;
    }
    return d;
}

} // namespace

ApprovalsView::ApprovalsView(Database &db, OperationsController *ops, QWidget *parent)
    : QWidget(parent), m_db(db), m_ops(ops), m_user(actingUser(db))
{
    setObjectName(QStringLiteral("approvalsView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *explain = new QLabel(
        tr("Refunds above an account's approval threshold wait here for a second person. "
           "Nothing has been sent for them; the amount is held back from what can be refunded "
           "until someone other than the requester approves or rejects it."),
        this);
    explain->setWordWrap(true);
    explain->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(explain);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("approvalsList"));
    m_list->setAccessibleName(tr("Requests awaiting approval"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Request"), tr("Account"), tr("Invoice"), tr("Amount"),
                             tr("Reason"), tr("Requested by"), tr("Requested at"), tr("Note")});
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list, 1);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(6, 4, 6, 4);
    m_outcome = new QLabel(this);
    m_outcome->setObjectName(QStringLiteral("approvalOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::RichText);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_approve = new QPushButton(tr("Approve…"), this);
    m_reject = new QPushButton(tr("Re&ject…"), this);
    row->addWidget(m_outcome, 1);
    row->addWidget(m_approve);
    row->addWidget(m_reject);
    layout->addLayout(row);

    if (m_db.isPostgres()) {
        const auto role = team::currentRole(m_db);
        m_teamRole = role ? *role : QStringLiteral("none");
    }
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ApprovalsView::updateButtons);
    connect(m_approve, &QPushButton::clicked, this,
            [this] { decide(ApprovalDecisionDialog::Decision::Approve); });
    connect(m_reject, &QPushButton::clicked, this,
            [this] { decide(ApprovalDecisionDialog::Decision::Reject); });
    refresh();
}

void ApprovalsView::setSendBlocker(const QString &blocker)
{
    m_blocker = blocker;
    updateButtons();
}

void ApprovalsView::refresh()
{
    const qint64 current = selected() ? selected()->id : 0;
    const int before = count();
    const auto read = ApprovalRepository(m_db).awaiting();
    if (!read)
        Q_EMIT status(read.error());
    m_requests = read.valueOr({});
    m_list->clear();
    QTreeWidgetItem *keep = nullptr;
    for (const ApprovalRequest &r : std::as_const(m_requests)) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(IdColumn, QString::number(r.id));
        item->setData(IdColumn, Qt::UserRole, r.id);
        item->setText(AccountColumn, r.account);
        item->setText(InvoiceColumn, r.invoiceId);
        item->setText(AmountColumn, display::amount(r.amount.minorUnits(), r.amount.currency()));
        item->setTextAlignment(AmountColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(ReasonColumn, display::reasonLabel(r.reason));
        item->setText(RequestedByColumn, r.requestedBy);
        item->setText(RequestedAtColumn, display::timestamp(r.requestedAt.toSecsSinceEpoch()));
        item->setText(NoteColumn, r.note);
        if (r.id == current)
            keep = item;
    }
    m_list->setCurrentItem(keep ? keep : m_list->topLevelItem(0));
    updateButtons();
    if (count() != before)
        Q_EMIT countChanged(count());
}

const ApprovalRequest *ApprovalsView::selected() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return nullptr;
    const qint64 id = item->data(IdColumn, Qt::UserRole).toLongLong();
    for (const ApprovalRequest &r : m_requests) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

void ApprovalsView::updateButtons()
{
    const ApprovalRequest *r = selected();
    QString approveWhyNot;
    QString rejectWhyNot;
    if (!m_teamRole.isEmpty() && !team::mayDecide(m_teamRole)) {
        approveWhyNot = rejectWhyNot =
            tr("Approving and rejecting needs the approver role on this team database; %1 "
               "holds the %2 role. The database owner grants it with: team grant %1 approver.")
                .arg(m_user, m_teamRole);
    } else if (!r) {
        approveWhyNot = rejectWhyNot = tr("Select a request first.");
    } else if (m_busy) {
        approveWhyNot = rejectWhyNot = tr("A decision is being recorded; wait for its outcome.");
    } else if (!m_blocker.isEmpty()) {
        approveWhyNot = m_blocker;
        rejectWhyNot = m_db.isReadOnly() ? m_blocker : QString();
    } else if (sameUser(r->requestedBy, m_user)) {
        approveWhyNot = tr("You (%1) asked for this refund, so another person must approve it. "
                           "You may reject it to withdraw it.")
                            .arg(m_user);
    }
    m_approve->setEnabled(approveWhyNot.isEmpty());
    m_approve->setToolTip(approveWhyNot.isEmpty() ? tr("Send this refund after a confirmation.")
                                                  : approveWhyNot);
    m_reject->setEnabled(rejectWhyNot.isEmpty());
    m_reject->setToolTip(rejectWhyNot.isEmpty() ? tr("Reject this request; nothing is sent.")
                                                : rejectWhyNot);
}

void ApprovalsView::decide(ApprovalDecisionDialog::Decision decision)
{
    const ApprovalRequest *r = selected();
    if (!r || m_busy)
        return;
    const auto details = detailsOf(m_db, *r);
    if (!details) {
        Q_EMIT status(details.error());
        return;
    }
    auto *dialog = new ApprovalDecisionDialog(decision, *details, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->decision() == ApprovalDecisionDialog::Decision::Approve)
            approve(dialog->details().request);
        else
            reject(dialog->details().request, dialog->why());
    });
    dialog->open();
}

void ApprovalsView::approve(const ApprovalRequest &request)
{
    m_busy = true;
    updateButtons();
    const auto account = AccountRepository(m_db).findById(request.accountId);
    const QString gateway = account ? dialectDisplayName(account->dialect) : request.account;
    showOutcome(tr("Sending request %1 to %2…").arg(request.id).arg(gateway), QString());
    QPointer<ApprovalsView> self(this);
    m_ops->approveRequest(
        request.accountId, request.id, [self, request, gateway](const OperationOutcome &o) {
            if (!self)
                return;
            self->m_busy = false;
            const OutcomeText t = describeOutcome(o, gateway, tr("refund"));
            self->showOutcome(t.title, t.html);
            if (o.state == OperationState::Succeeded)
                Q_EMIT self->status(tr("Approved request %1: refund %2 of %3 on invoice %4.")
                                        .arg(request.id)
                                        .arg(o.gatewayId,
                                             display::amount(request.amount.minorUnits(),
                                                             request.amount.currency()),
                                             request.invoiceId));
            self->refresh();
        });
}

void ApprovalsView::reject(const ApprovalRequest &request, const QString &why)
{
    m_busy = true;
    updateButtons();
    QPointer<ApprovalsView> self(this);
    m_ops->rejectRequest(request.id, why, [self, request](const QString &error) {
        if (!self)
            return;
        self->m_busy = false;
        if (error.isEmpty())
            self->showOutcome(tr("Request %1 rejected; nothing was sent.").arg(request.id),
                              QString());
        else
            self->showOutcome(tr("Request %1 was not rejected.").arg(request.id),
                              error.toHtmlEscaped());
        self->refresh();
    });
}

void ApprovalsView::showOutcome(const QString &title, const QString &html)
{
    m_outcome->setText(QStringLiteral("<b>%1</b>%2").arg(title.toHtmlEscaped(), html));
}

} // namespace rd
