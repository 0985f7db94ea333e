// The selected invoice in full: amounts, what is still refundable, its refunds, chargebacks,
// audit entries and operations still open in the outbox. Shows; acting is left to actions.
#pragma once

#include "invoicedetail.h"

#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QStackedWidget;
class QTreeWidget;
class QGroupBox;

namespace rd {

// What an invoice's refunded figure reads as, pending refunds apart:
// "10.00 USD" or "10.00 USD, 5.00 USD pending".
QString refundedText(const RefundableFigures &figures);

class InvoiceDetailPane final : public QWidget
{
    Q_OBJECT
public:
    explicit InvoiceDetailPane(QWidget *parent = nullptr);

    // Buttons for the window's actions (refund, chargeback; refund-level ones under the list).
    void setInvoiceActions(const QList<QAction *> &actions);
    void setRefundActions(const QList<QAction *> &actions);

    void showDetail(const InvoiceDetail &detail);
    void clear();
    const InvoiceDetail &detail() const { return m_detail; }
    bool hasInvoice() const { return m_detail.found; }
    // The gateway id of the refund selected in the refunds list, empty when none.
    QString selectedRefundId() const;
    // The refund selected in the refunds list, when there is one.
    std::optional<Refund> selectedRefund() const;
    // Its focusable parts in reading order, for the window's Tab order.
    QList<QWidget *> focusChain() const;

Q_SIGNALS:
    void refundSelectionChanged();

private:
    QWidget *buildDetails();

    InvoiceDetail m_detail;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_facts;
    QLabel *m_refundable;
    QWidget *m_invoiceButtons;
    QWidget *m_refundButtons;
    QTreeWidget *m_refunds;
    QTreeWidget *m_chargebacks;
    QTreeWidget *m_audit;
    QGroupBox *m_openBox;
    QTreeWidget *m_open;
};

} // namespace rd
