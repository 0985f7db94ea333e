// Issue a full or partial refund of one invoice: the amount is checked as it is typed against
// the currency's precision and what is still refundable; a confirmation page states exactly
// what goes to which gateway; Send works once. The dialog returns a RefundDraft through
// submitted() and the caller does the sending, then hands the outcome back to showOutcome().
#pragma once

#include "invoicedetail.h"
#include "operationdialog.h"
#include "operationtypes.h"
#include "refundreasons.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace rd {

class RefundDialog final : public OperationDialog
{
    Q_OBJECT
public:
    // `blocker`: why nothing can be sent right now (offline, ...); empty when sending is possible.
    RefundDialog(const InvoiceDetail &detail, const QString &blocker, QWidget *parent = nullptr);

    RefundDraft draft() const;
    // Why Review/Send is disabled, or empty. Shown under the form and as the button's tooltip.
    QString problem() const { return m_problem; }

    void showOutcome(const OperationOutcome &outcome);

    // For tests and accessibility: the widgets a person uses.
    QLineEdit *amountField() const { return m_amount; }
    QRadioButton *partialChoice() const { return m_partial; }
    QPushButton *reviewButton() const { return m_review; }

Q_SIGNALS:
    void submitted(const rd::RefundDraft &draft);

protected:
    void send() override;
    void focusForm() override;

private:
    QWidget *buildForm();
    void validate();
    void review();

    InvoiceDetail m_detail;
    QString m_blocker;
    QList<ReasonChoice> m_reasons;
    QString m_problem;
    QString m_amountTip; // what the amount field does, shown while it holds no mistake

    QRadioButton *m_full;
    QRadioButton *m_partial;
    QLineEdit *m_amount;
    QLabel *m_hint;
    QComboBox *m_reason;
    QPlainTextEdit *m_note;
    QPushButton *m_review;
};

} // namespace rd
