// The Approvals tab, offscreen, against the real sandbox: a refund requested by one person
// through the real CLI waits in the tab; the requester's Approve button is disabled and says
// why; another person approves it through the confirmation and it is sent exactly once (one
// refund at the gateway, the outbox entry settled); rejecting asks why first. The main window
// shows the count on the tab and the current user in the status bar; the Accounts dialog edits
// the thresholds, and a refund typed into the refund dialog above the threshold waits.
#include "accountsdialog.h"
#include "approvaldecisiondialog.h"
#include "approvalsview.h"
#include "clirunner.h"
#include "gateway/gatewayfactory.h"
#include "mainwindow.h"
#include "operationscontroller.h"
#include "refunddialog.h"
#include "sandboxprocess.h"
#include "secretsource.h"
#include "secretstore.h"
#include "store/accountrepository.h"
#include "store/approvalrepository.h"
#include "store/database.h"
#include "store/outboxrepository.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace rd;

namespace {
const QString kAccount = QStringLiteral("Test Stripe");
// Sets who is acting before anything that reads it is built.
struct ActingAs
{
    explicit ActingAs(const QByteArray &user) { qputenv("REFUNDDESK_USER", user); }
};

// The Approvals tab with what it needs, as the main window composes it, acting as `user`.
struct ViewUnderTest
{
    ViewUnderTest(Database &db, const QByteArray &user, bool withSecret)
        : acting(user), secrets(&store), ops(db, &secrets), view(db, &ops)
    {
        if (withSecret)
            secrets.setSessionSecret(kAccount,
                                     rdtest::SandboxProcess::secret(QStringLiteral("stripe")));
        view.show();
    }
    ActingAs acting;
    SecretStore store;
    SecretSource secrets;
    OperationsController ops;
    ApprovalsView view;
};

} // namespace

class TestApprovalsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void requesterCannotApprove();
    void anotherPersonApprovesAgainstTheSandbox();
    void rejectAsksWhy();
    void windowShowsCountAndUser();
    void accountsDialogEditsThreshold();
    void refundDialogAboveThresholdWaits();

private:
    // A refund request by `user` through the CLI for `minor` units of the test invoice; its id.
    qint64 request(const QString &user, qint64 minor);
    bool selectRequest(ApprovalsView &view, qint64 id);
    QList<Refund> refundsAtGateway();

    rdtest::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    Database m_db;
    Account m_account;
    QString m_invoice;
    QString m_currency;
};

void TestApprovalsView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
    const QStringList ids = m_sandbox.createInvoices(QStringLiteral("stripe"), 1);
    QCOMPARE(ids.size(), 1);
    m_invoice = ids.first();
    rdtest::CliRunner cli(m_dir.filePath(QStringLiteral("cache.sqlite3")));
    cli.setEnv(SecretStore::environmentVariable(kAccount),
               rdtest::SandboxProcess::secret(QStringLiteral("stripe")));
    for (const QStringList &args :
         {QStringList{QStringLiteral("accounts"), QStringLiteral("add"), kAccount,
                      QStringLiteral("--gateway"), QStringLiteral("stripe"),
                      QStringLiteral("--base-url"), m_sandbox.baseUrl(QStringLiteral("stripe"))},
          QStringList{QStringLiteral("accounts"), QStringLiteral("set"), kAccount,
                      QStringLiteral("--approval-above"), QStringLiteral("1")},
          QStringList{QStringLiteral("sync")}}) {
        const rdtest::CliResult r = cli.run(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    QVERIFY2(m_db.open(m_dir.filePath(QStringLiteral("cache.sqlite3")), &error), qPrintable(error));
    m_account = AccountRepository(m_db).findByName(kAccount).value();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT currency, amount FROM invoices WHERE gateway_id = ?"));
    q.bindValue(0, m_invoice);
    QVERIFY(q.exec() && q.next());
    m_currency = q.value(0).toString();
    QVERIFY(q.value(1).toLongLong() >= 4000); // room for the requests below
}

qint64 TestApprovalsView::request(const QString &user, qint64 minor)
{
    rdtest::CliRunner cli(m_dir.filePath(QStringLiteral("cache.sqlite3")));
    cli.setEnv(SecretStore::environmentVariable(kAccount),
               rdtest::SandboxProcess::secret(QStringLiteral("stripe")));
    cli.setEnv(QStringLiteral("REFUNDDESK_USER"), user);
    const rdtest::CliResult r =
        cli.run({QStringLiteral("refund"), QStringLiteral("--account"), kAccount,
                 QStringLiteral("--invoice"), m_invoice, QStringLiteral("--amount"),
                 Money(minor, m_currency).toDecimalString(), QStringLiteral("--note"),
                 QStringLiteral("goodwill")});
    return r.exitCode == 8 ? r.out.trimmed().toLongLong() : 0;
}

bool TestApprovalsView::selectRequest(ApprovalsView &view, qint64 id)
{
    QTreeWidget *list = view.list();
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = list->topLevelItem(i);
        if (item->text(0) == QString::number(id)) {
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                              list->visualItemRect(item).center());
            return list->currentItem() == item;
        }
    }
    return false;
}

QList<Refund> TestApprovalsView::refundsAtGateway()
{
    auto gateway =
        createGateway(m_account, rdtest::SandboxProcess::secret(QStringLiteral("stripe")));
    ListRequest request;
    request.invoiceId = m_invoice;
    QList<Refund> out;
    bool done = false;
    gateway->listRefunds(request, [&](const GatewayResult<Page<Refund>> &r) {
        if (r.ok())
            out = r.value.items;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        return {};
    return out;
}

void TestApprovalsView::requesterCannotApprove()
{
    const qint64 id = request(QStringLiteral("alice"), 1500);
    QVERIFY(id > 0);
    ViewUnderTest under(m_db, "alice", false);
    ApprovalsView &view = under.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.currentUser(), QStringLiteral("alice"));
    QVERIFY(selectRequest(view, id));
    QVERIFY(!view.approveButton()->isEnabled());
    QVERIFY2(view.approveButton()->toolTip().contains(QLatin1String("another person must approve")),
             qPrintable(view.approveButton()->toolTip()));
    QVERIFY(view.rejectButton()->isEnabled()); // withdrawing one's own request is allowed
    QTest::mouseClick(view.approveButton(), Qt::LeftButton);
    QVERIFY(!view.decisionDialog());
    // Leave it for the next test: bob approves it.
}

void TestApprovalsView::anotherPersonApprovesAgainstTheSandbox()
{
    ViewUnderTest under(m_db, "bob", true);
    ApprovalsView &view = under.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QList<ApprovalRequest> waiting = ApprovalRepository(m_db).awaiting().value();
    QCOMPARE(waiting.size(), 1);
    const ApprovalRequest r = waiting.first();
    QCOMPARE(view.count(), 1);
    QCOMPARE(view.list()->topLevelItem(0)->text(5), QStringLiteral("alice"));
    QVERIFY(selectRequest(view, r.id));
    QVERIFY2(view.approveButton()->isEnabled(), qPrintable(view.approveButton()->toolTip()));

    QTest::mouseClick(view.approveButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return view.decisionDialog() != nullptr; }, 5000));
    ApprovalDecisionDialog *dialog = view.decisionDialog();
    const QString summary = dialog->summary()->text();
    for (const QString &part : {kAccount, m_invoice, QStringLiteral("alice"),
                                QStringLiteral("goodwill"), QStringLiteral("Left to refund after")})
        QVERIFY2(summary.contains(part), qPrintable(summary));
    QSignalSpy counted(&view, &ApprovalsView::countChanged);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(counted.size() > 0 && counted.last().first().toInt() == 0, 60000);
    QVERIFY2(view.outcomeLabel()->text().contains(QLatin1String("accepted")),
             qPrintable(view.outcomeLabel()->text()));
    // Sent exactly once: one refund of that amount at the gateway, the outbox entry settled.
    const QList<Refund> atGateway = refundsAtGateway();
    QCOMPARE(atGateway.size(), 1);
    QCOMPARE(atGateway.first().amount, r.amount);
    const QList<OutboxEntry> outbox =
        OutboxRepository(m_db).entriesOf(m_account.id, m_invoice).value();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.first().state, OutboxState::Succeeded);
    QCOMPARE(outbox.first().attempts, 1);
    QCOMPARE(outbox.first().resultId, atGateway.first().gatewayId);
    const ApprovalRequest decided = ApprovalRepository(m_db).find(r.id).value().value();
    QCOMPARE(decided.state, ApprovalState::Approved);
    QCOMPARE(decided.decidedBy, QStringLiteral("bob"));
    QCOMPARE(decided.operationId, outbox.first().operationId);
}

void TestApprovalsView::rejectAsksWhy()
{
    const qint64 id = request(QStringLiteral("alice"), 1200);
    QVERIFY(id > 0);
    ViewUnderTest under(m_db, "bob", false);
    ApprovalsView &view = under.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(selectRequest(view, id));
    QTest::mouseClick(view.rejectButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return view.decisionDialog() != nullptr; }, 5000));
    ApprovalDecisionDialog *dialog = view.decisionDialog();
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY(!dialog->confirmButton()->toolTip().isEmpty());
    QTest::keyClicks(dialog->whyField(), QStringLiteral("customer withdrew"));
    QVERIFY(dialog->confirmButton()->isEnabled());
    QSignalSpy counted(&view, &ApprovalsView::countChanged);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(counted.size() > 0 && counted.last().first().toInt() == 0, 30000);
    const ApprovalRequest decided = ApprovalRepository(m_db).find(id).value().value();
    QCOMPARE(decided.state, ApprovalState::Rejected);
    QCOMPARE(decided.why, QStringLiteral("customer withdrew"));
    QCOMPARE(decided.decidedBy, QStringLiteral("bob"));
    QCOMPARE(refundsAtGateway().size(), 1); // still only the approved one
}

void TestApprovalsView::windowShowsCountAndUser()
{
    const qint64 id = request(QStringLiteral("carol"), 1000);
    QVERIFY(id > 0);
    qputenv("REFUNDDESK_USER", "bob");
    MainWindow window(m_db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const int tab = window.tabs()->indexOf(window.approvalsView());
    QVERIFY(tab >= 0);
    QCOMPARE(window.tabs()->tabText(tab), QStringLiteral("Approvals (1)"));
    const QLabel *user = window.findChild<QLabel *>(QStringLiteral("currentUser"));
    QVERIFY(user);
    QCOMPARE(user->text(), QStringLiteral("User: bob"));
    window.approvalsAction()->trigger();
    QCOMPARE(window.tabs()->currentIndex(), tab);
    // Rejected elsewhere: the next refresh drops the badge.
    QVERIFY(ApprovalRepository(m_db).reject(id, QStringLiteral("dave"), QStringLiteral("test"),
                                            nullptr));
    window.refreshAll();
    QCOMPARE(window.tabs()->tabText(tab), QStringLiteral("Approvals"));
}

void TestApprovalsView::accountsDialogEditsThreshold()
{
    SecretStore store;
    AccountsDialog dialog(m_db, &store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.nameField()->text(), kAccount);
    QCOMPARE(dialog.approvalField()->text(), QStringLiteral("1"));
    QVERIFY(!dialog.saveButton()->isEnabled());

    dialog.approvalField()->clear();
    QTest::keyClicks(dialog.approvalField(), QStringLiteral("12,5"));
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY2(dialog.problemLabel()->text().contains(QLatin1String("write decimals with '.'")),
             qPrintable(dialog.problemLabel()->text()));

    dialog.approvalField()->clear();
    QTest::keyClicks(dialog.approvalField(), QStringLiteral("500, 50000:jpy"));
    QVERIFY2(dialog.saveButton()->isEnabled(), qPrintable(dialog.saveButton()->toolTip()));
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QCOMPARE(ApprovalRepository(m_db).policy(m_account.id)->toLine(),
             QStringLiteral("500, 50000:JPY"));
    QCOMPARE(dialog.approvalField()->text(), QStringLiteral("500, 50000:JPY"));
    QVERIFY(!dialog.hasUnsavedChanges());

    // Emptied: no approval needed.
    dialog.approvalField()->clear();
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY(ApprovalRepository(m_db).policy(m_account.id)->isEmpty());
}

void TestApprovalsView::refundDialogAboveThresholdWaits()
{
    QVERIFY(ApprovalRepository(m_db).setPolicy(
        m_account.id, *ApprovalPolicy::parseLine(QStringLiteral("1"), nullptr), nullptr));
    const int before = int(refundsAtGateway().size());
    m_sandbox.resetStats();
    ViewUnderTest under(m_db, "erin", true);
    RefundDialog dialog(InvoiceDetail::read(m_db, m_account.id, m_invoice), QString());
    std::optional<OperationOutcome> outcome;
    connect(&dialog, &RefundDialog::submitted, &dialog, [&](const RefundDraft &draft) {
        under.ops.submitRefund(draft, [&](const OperationOutcome &o) {
            outcome = o;
            dialog.showOutcome(o);
        });
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.partialChoice()->setChecked(true);
    QTest::keyClicks(dialog.amountField(), Money(1000, m_currency).toDecimalString());
    QVERIFY2(dialog.reviewButton()->isEnabled(), qPrintable(dialog.problem()));
    QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
    QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 30000);
    QCOMPARE(outcome->state, OperationState::AwaitingApproval);
    QVERIFY(outcome->approvalId > 0);
    const QLabel *text = dialog.findChild<QLabel *>(QStringLiteral("refundOutcome"));
    QVERIFY(text);
    QVERIFY2(text->text().contains(QLatin1String("Approvals tab")), qPrintable(text->text()));
    // Recorded for another person; nothing went to the gateway.
    QCOMPARE(m_sandbox.stats().value(QStringLiteral("total")).toInteger(), 0);
    QCOMPARE(int(refundsAtGateway().size()), before);
    const auto request = ApprovalRepository(m_db).find(outcome->approvalId).value();
    QVERIFY(request);
    QCOMPARE(request->requestedBy, QStringLiteral("erin"));
    QCOMPARE(request->amount, Money(1000, m_currency));
    under.view.refresh();
    QCOMPARE(under.view.count(), 1);
    QVERIFY(!under.view.approveButton()->isEnabled()); // erin's own request
}

QTEST_MAIN(TestApprovalsView)
#include "tst_approvalsview.moc"
