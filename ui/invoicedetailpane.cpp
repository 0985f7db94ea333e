#include "invoicedetailpane.h"
#include "semanticcolors.h"

#include "displayformat.h"

#include <QAction>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

QTreeWidget *makeList(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *list = new QTreeWidget(parent);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setAccessibleName(name);
    list->setUniformRowHeights(true);
    list->setAlternatingRowColors(true);
    list->setMinimumHeight(60);
    list->setMaximumHeight(150);
    list->header()->setStretchLastSection(true);
    // The pane is narrow: the last column (an id or a message) gives way, shortened in the
    // middle, rather than the list scrolling sideways away from amount and status.
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setTextElideMode(Qt::ElideMiddle);
    return list;
}

QString stamp(const QDateTime &t)
{
    return display::timestamp(t.toSecsSinceEpoch());
}

void fillButtons(QWidget *row, const QList<QAction *> &actions)
{
    auto *layout = static_cast<QHBoxLayout *>(row->layout());
    for (QAction *a : actions) {
        auto *button = new QToolButton(row);
        button->setDefaultAction(a);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setFocusPolicy(Qt::StrongFocus);
        layout->addWidget(button);
    }
    layout->addStretch();
}

QWidget *buttonRow(QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    return row;
}

} // namespace

QString refundedText(const RefundableFigures &f)
{
    if (!f.refunded.isValid())
        return QString();
    const QString done = display::money(f.refunded);
    if (!f.pending.isValid() || f.pending.minorUnits() <= 0)
        return done;
    return InvoiceDetailPane::tr("%1, %2 pending").arg(done, display::money(f.pending));
}

InvoiceDetailPane::InvoiceDetailPane(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)),
      m_placeholder(new QLabel(tr("Select an invoice, refund or chargeback to see the invoice "
                                  "here."),
                               this))
{
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_stack->addWidget(m_placeholder);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(buildDetails());
    m_stack->addWidget(scroll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    setMinimumWidth(340);
    setAccessibleName(tr("Invoice details"));
}

QWidget *InvoiceDetailPane::buildDetails()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_title = new QLabel(page);
    m_title->setTextFormat(Qt::RichText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_facts = new QLabel(page);
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setWordWrap(true);
    m_refundable = new QLabel(page);
    m_refundable->setObjectName(QStringLiteral("refundableAmount"));
    m_refundable->setAccessibleName(tr("Refundable amount"));
    QFont big = m_refundable->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_refundable->setFont(big);
    m_invoiceButtons = buttonRow(page);
    m_refundButtons = buttonRow(page);

    m_refunds = makeList({tr("Created"), tr("Amount"), tr("Status"), tr("Refund")},
                         tr("Refunds of this invoice"), page);
    m_chargebacks = makeList({tr("Created"), tr("Amount"), tr("Status"), tr("Chargeback")},
                             tr("Chargebacks of this invoice"), page);
    m_audit = makeList({tr("When"), tr("Action"), tr("Amount"), tr("Outcome"), tr("Message")},
                       tr("Audit log of this invoice"), page);
    m_open = makeList({tr("Created"), tr("Operation"), tr("Amount"), tr("State"), tr("Message")},
                      tr("Open operations of this invoice"), page);
    connect(m_refunds, &QTreeWidget::currentItemChanged, this,
            &InvoiceDetailPane::refundSelectionChanged);

    auto section = [page](const QString &title, QWidget *content, QWidget *extra = nullptr) {
        auto *box = new QGroupBox(title, page);
        auto *l = new QVBoxLayout(box);
        l->addWidget(content);
        if (extra)
            l->addWidget(extra);
        return box;
    };
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addWidget(m_refundable);
    layout->addWidget(m_invoiceButtons);
    m_openBox = section(tr("Waiting to be sent"), m_open);
    layout->addWidget(m_openBox);
    layout->addWidget(section(tr("Refunds"), m_refunds, m_refundButtons));
    layout->addWidget(section(tr("Chargebacks"), m_chargebacks));
    layout->addWidget(section(tr("Audit log"), m_audit));
    layout->addStretch();
    return page;
}

void InvoiceDetailPane::setInvoiceActions(const QList<QAction *> &actions)
{
    fillButtons(m_invoiceButtons, actions);
}

void InvoiceDetailPane::setRefundActions(const QList<QAction *> &actions)
{
    fillButtons(m_refundButtons, actions);
}

void InvoiceDetailPane::clear()
{
    m_detail = InvoiceDetail();
    m_stack->setCurrentWidget(m_placeholder);
    Q_EMIT refundSelectionChanged();
}

QString InvoiceDetailPane::selectedRefundId() const
{
    const QTreeWidgetItem *item = m_refunds->currentItem();
    return item && m_detail.found ? item->text(3) : QString();
}

QList<QWidget *> InvoiceDetailPane::focusChain() const
{
    QList<QWidget *> chain;
    auto buttons = [&chain](QWidget *row) {
        for (QWidget *w : row->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            chain << w;
    };
    buttons(m_invoiceButtons);
    chain << m_open << m_refunds;
    buttons(m_refundButtons);
    chain << m_chargebacks << m_audit;
    return chain;
}

std::optional<Refund> InvoiceDetailPane::selectedRefund() const
{
    const QString id = selectedRefundId();
    for (const Refund &r : m_detail.refunds) {
        if (!id.isEmpty() && r.gatewayId == id)
            return r;
    }
    return std::nullopt;
}

void InvoiceDetailPane::showDetail(const InvoiceDetail &d)
{
    m_detail = d;
    if (!d.found) {
        m_placeholder->setText(d.error.isEmpty() ? tr("This invoice is not in the cache.")
                                                 : d.error);
        m_stack->setCurrentIndex(0);
        Q_EMIT refundSelectionChanged();
        return;
    }
    const Invoice &inv = d.invoice;
    m_title->setText(tr("<h3 style='margin:0'>Invoice %1</h3>%2 · %3")
                         .arg(inv.gatewayId.toHtmlEscaped(), d.account.name.toHtmlEscaped(),
                              dialectDisplayName(d.account.dialect)));
    QString facts = QStringLiteral("<table cellspacing='2'>");
    auto row = [&facts](const QString &k, const QString &v) {
        facts +=
            QStringLiteral("<tr><td style='color:%3'>%1</td><td>%2</td></tr>")
                .arg(k, display::clipped(v).toHtmlEscaped(), semantic::css(semantic::Role::Muted));
    };
    row(tr("Customer"),
        display::clipped(inv.customer) +
            (inv.email.isEmpty() ? QString()
                                 : QStringLiteral(" <") + inv.email + QLatin1Char('>')));
    row(tr("Created"), stamp(inv.createdAt));
    row(tr("Amount"), display::money(inv.amount));
    const RefundableFigures &f = d.figures;
    row(tr("Refunded"), display::money(f.refunded));
    if (!f.pending.isZero())
        row(tr("Pending refunds"), display::money(f.pending));
    if (!f.lost.isZero())
        row(tr("Lost in disputes"), display::money(f.lost));
    if (!f.waiting.isZero())
        row(tr("Waiting to be sent or approved"), display::money(f.waiting));
    QString status = display::statusLabel(commonStatusName(inv.status));
    if (!inv.gatewayStatus.isEmpty())
        status += QStringLiteral(" (%1)").arg(inv.gatewayStatus);
    if (inv.disputed)
        status += tr(", disputed");
    if (inv.offline)
        status += tr(", offline invoice");
    row(tr("Status"), status);
    if (!inv.description.isEmpty())
        row(tr("Description"), inv.description);
    facts += QStringLiteral("</table>");
    m_facts->setText(facts);
    QString left = display::money(f.refundable);
    switch (f.block) {
    case RefundBlock::None:
        break;
    case RefundBlock::NotPaid:
        left = tr("— (not paid)");
        break;
    case RefundBlock::Offline:
        left = tr("— (paid offline)");
        break;
    case RefundBlock::Disputed:
        left = tr("— (disputed)");
        break;
    }
    m_refundable->setText(tr("Still refundable: %1").arg(left));

    m_refunds->clear();
    for (const Refund &r : d.refunds) {
        // The date alone fits beside amount and status; the hover text has the time and id.
        auto *item = new QTreeWidgetItem(
            m_refunds, {display::date(r.createdAt.toSecsSinceEpoch()), display::money(r.amount),
                        display::statusLabel(commonStatusName(r.status)), r.gatewayId});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        QString tip =
            stamp(r.createdAt) + QStringLiteral(" · ") + r.gatewayId + QLatin1Char('\n') +
            tr("Reason: %1")
                .arg(display::reasonLabel(r.gatewayReason.isEmpty() ? r.reason : r.gatewayReason));
        if (!r.note.isEmpty())
            tip += QLatin1Char('\n') + tr("Note: %1").arg(display::clipped(r.note));
        if (!r.failureReason.isEmpty())
            tip += QLatin1Char('\n') + tr("Failure: %1").arg(display::clipped(r.failureReason));
        for (int column = 0; column < 4; ++column)
            item->setToolTip(column, tip);
        const QColor c = display::statusColor(commonStatusName(r.status));
        if (c.isValid())
            item->setForeground(2, c);
    }
    m_chargebacks->clear();
    for (const Chargeback &c : d.chargebacks) {
        auto *item = new QTreeWidgetItem(
            m_chargebacks, {display::date(c.createdAt.toSecsSinceEpoch()), display::money(c.amount),
                            display::statusLabel(commonStatusName(c.status)), c.gatewayId});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        for (int column = 0; column < 4; ++column)
            item->setToolTip(column, stamp(c.createdAt) + QStringLiteral(" · ") + c.gatewayId +
                                         QLatin1Char('\n') +
                                         tr("Reason: %1").arg(display::clipped(c.reason)));
    }
    m_audit->clear();
    for (const AuditEntry &e : d.audit)
        new QTreeWidgetItem(m_audit, {stamp(e.at), e.action,
                                      e.amount ? display::money(*e.amount) : QString(), e.outcome,
                                      display::clipped(e.message)});
    m_open->clear();
    for (const OutboxEntry &e : d.openOperations) {
        auto *item = new QTreeWidgetItem(
            m_open, {stamp(e.createdAt), operationKindName(e.kind), display::money(e.amount),
                     outboxStateName(e.state), display::clipped(e.message)});
        item->setForeground(3, display::statusColor(QStringLiteral("failed")));
    }
    m_openBox->setVisible(!d.openOperations.isEmpty());
    for (QTreeWidget *list : {m_refunds, m_chargebacks, m_audit, m_open}) {
        for (int c = 0; c + 1 < list->columnCount(); ++c)
            list->resizeColumnToContents(c);
    }
    m_stack->setCurrentIndex(1);
    Q_EMIT refundSelectionChanged();
}

} // namespace rd
