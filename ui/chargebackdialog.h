// File a chargeback (IntaSend: a refund request) for one invoice: amount checked as typed
// against what is billed minus earlier chargebacks, a reason and details, a confirmation
// page, Send once. Returns a RefundDraft (kind Chargeback) through submitted(); the caller sends.
#pragma once

#include "invoicedetail.h"
#include "operationtypes.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace rd {

class ChargebackDialog final : public QDialog
{
    Q_OBJECT
public:
    ChargebackDialog(const InvoiceDetail &detail, const QString &blocker,
                     QWidget *parent = nullptr);

    RefundDraft draft() const; // kind Chargeback
    QString problem() const { return m_problem; }
    void showOutcome(const OperationOutcome &outcome);

    QLineEdit *amountField() const { return m_amount; }
    QPushButton *reviewButton() const { return m_review; }
    QPushButton *sendButton() const { return m_send; }
    int currentPage() const; // 0 the form, 1 the confirmation, 2 the outcome

public Q_SLOTS:
    // Esc on the confirmation page goes back to the form; elsewhere it closes.
    void reject() override;

Q_SIGNALS:
    void submitted(const rd::RefundDraft &draft);

private:
    void validate();
    void review();
    void send();

    InvoiceDetail m_detail;
    QString m_blocker;
    Money m_limit;
    QString m_problem;
    bool m_submitted = false;
    QStackedWidget *m_pages;
    QLineEdit *m_amount;
    QComboBox *m_reason;
    QPlainTextEdit *m_details;
    QLabel *m_hint;
    QPushButton *m_review;
    QLabel *m_summary;
    QPushButton *m_back;
    QPushButton *m_send;
    QLabel *m_result;
};

} // namespace rd
