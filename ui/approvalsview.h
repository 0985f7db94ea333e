// The Approvals tab: refunds and chargebacks above their account's approval threshold that
// wait for a second person, with who asked and when. Approve (after a confirmation with the
// refund's details) sends one exactly once through the OperationsController; Reject asks why.
// A person's own requests cannot be approved by them: the button says so instead.
#pragma once

#include "approvaldecisiondialog.h"
#include "operationtypes.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace rd {

class Database;
class OperationsController;

class ApprovalsView final : public QWidget
{
    Q_OBJECT
public:
    // `db` is the window's connection: one indexed read of the awaiting requests per refresh.
    ApprovalsView(Database &db, OperationsController *ops, QWidget *parent = nullptr);

    // Re-reads the requests awaiting approval, keeping the selected one selected.
    void refresh();
    int count() const { return int(m_requests.size()); }
    // Who decides here (actingUser()).
    const QString &currentUser() const { return m_user; }
    // Why nothing can be sent now (offline, read-only cache); empty when sending works.
    void setSendBlocker(const QString &blocker);

    // For tests and accessibility.
    QTreeWidget *list() const { return m_list; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QLabel *outcomeLabel() const { return m_outcome; }
    // The confirmation in view, if any.
    ApprovalDecisionDialog *decisionDialog() const { return m_dialog; }

Q_SIGNALS:
    void countChanged(int count);
    void status(const QString &message);

private:
    const ApprovalRequest *selected() const;
    void updateButtons();
    void decide(ApprovalDecisionDialog::Decision decision);
    void approve(const ApprovalRequest &request);
    void reject(const ApprovalRequest &request, const QString &why);
    void showOutcome(const QString &title, const QString &html);

    Database &m_db;
    OperationsController *m_ops;
    QString m_user;
    // On a team database: the user's team role (store/teamroles.h); empty on a SQLite cache,
    // where every local user may decide others' requests.
    QString m_teamRole;
    QString m_blocker;
    QList<ApprovalRequest> m_requests;
    QTreeWidget *m_list;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QLabel *m_outcome;
    QPointer<ApprovalDecisionDialog> m_dialog;
    bool m_busy = false; // a decision is on its way: one at a time
};

} // namespace rd
