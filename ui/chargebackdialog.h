// File a chargeback (IntaSend: a refund request) for one invoice: amount checked as typed
// against what is billed minus earlier chargebacks, a reason and details, a confirmation
// page, Send once. Returns a RefundDraft (kind Chargeback) through submitted(); the caller sends.
#pragma once

#include "invoicedetail.h"
#include "operationdialog.h"
#include "operationtypes.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace rd {

class ChargebackDialog final : public OperationDialog
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

Q_SIGNALS:
    void submitted(const rd::RefundDraft &draft);

protected:
    void send() override;
    void focusForm() override;

private:
    void validate();
    void review();

    InvoiceDetail m_detail;
    QString m_blocker;
    Money m_limit;
    QString m_problem;
    QLineEdit *m_amount;
    QComboBox *m_reason;
    QPlainTextEdit *m_details;
    QLabel *m_hint;
    QPushButton *m_review;
};

} // namespace rd
