// Confirms a decision on a request awaiting approval: the same details the refund
// confirmation shows (account, gateway, customer, amount, reason, note, what is left to refund)
// plus who asked and when. Rejecting asks why, and stays disabled until a reason is typed. The
// dialog only returns the decision; the caller does the work.
#pragma once

#include "domain/money.h"
#include "store/accountrepository.h"
#include "store/approvalrepository.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace rd {

struct ApprovalDetails
{
    ApprovalRequest request;
    Account account;
    QString customer;
    Money leftAfter; // refundable once this request is sent (it already counts as waiting)
};

class ApprovalDecisionDialog final : public QDialog
{
    Q_OBJECT
public:
    enum class Decision { Approve, Reject };
    ApprovalDecisionDialog(Decision decision, const ApprovalDetails &details,
                           QWidget *parent = nullptr);

    Decision decision() const { return m_decision; }
    const ApprovalDetails &details() const { return m_details; }
    // Why it was rejected (Reject only), trimmed.
    QString why() const;

    // For tests and accessibility.
    QLabel *summary() const { return m_summary; }
    QPlainTextEdit *whyField() const { return m_why; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    void validate();

    Decision m_decision;
    ApprovalDetails m_details;
    QLabel *m_summary;
    QPlainTextEdit *m_why = nullptr;
    QPushButton *m_confirm;
};

} // namespace rd
