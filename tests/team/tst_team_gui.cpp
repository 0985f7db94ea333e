// The desktop on a team database: File > Open team database… accepts only an address it can
// open (and never one with a password in it), the window names the database user in its status
// bar, and a refund or invoice written by another desktop (another connection) shows in the
// tables within a couple of seconds without a manual refresh.
#include "pgtestdb.h"

#include "approvalsview.h"
#include "invoicesview.h"
#include "lazytablemodel.h"
#include "mainwindow.h"
#include "refundsview.h"
#include "teamdatabasedialog.h"

#include "store/accountrepository.h"
#include "store/database.h"
#include "store/outboxrepository.h"
#include "store/recordrepository.h"
#include "store/teamroles.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace rd;
using namespace rdtest;

class TestTeamGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dialogGatesOpenOnTheAddress_data();
    void dialogGatesOpenOnTheAddress();
    void windowShowsUserAndOtherDesktopsChanges();
    void clerksWindowCannotDecide();
    void viewersWindowCannotSend();
};

namespace {

// A paid invoice of the test's team account, numbered `n`.
Invoice teamInvoice(int n)
{
    Invoice inv;
    inv.gatewayId = QStringLiteral("ch_team_%1").arg(n);
    inv.customer = QStringLiteral("Customer %1").arg(n);
    inv.amount = Money(1000 + n, u"EUR");
    inv.amountRefunded = Money(0, u"EUR");
    inv.status = CommonStatus::Succeeded;
    inv.gatewayStatus = QStringLiteral("succeeded");
    inv.createdAt = QDateTime::fromSecsSinceEpoch(1700000000 + n, Qt::UTC);
    return inv;
}

} // namespace

void TestTeamGui::dialogGatesOpenOnTheAddress_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("opens");
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("a file") << QStringLiteral("/home/x/cache.sqlite3") << false;
    QTest::newRow("no host") << QStringLiteral("postgresql:///refunds") << false;
    QTest::newRow("no database") << QStringLiteral("postgresql://clerk@db.example.com") << false;
    QTest::newRow("password inside")
        << QStringLiteral("postgresql://clerk:pw@db.example.com/r") << false;
    QTest::newRow("good") << QStringLiteral("postgresql://clerk@db.example.com:5433/refunds")
                          << true;
    QTest::newRow("with sslmode")
        << QStringLiteral("postgresql://clerk@db.example.com/refunds?sslmode=verify-full") << true;
}

void TestTeamGui::dialogGatesOpenOnTheAddress()
{
    QFETCH(QString, address);
    QFETCH(bool, opens);
    TeamDatabaseDialog dialog;
    QTest::keyClicks(dialog.addressField(), address);
    auto *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
    QCOMPARE(open->isEnabled(), opens);
    QCOMPARE(dialog.problemLabel()->text().isEmpty(), opens);
    if (opens)
        QCOMPARE(dialog.choice().address, address);
}

void TestTeamGui::windowShowsUserAndOtherDesktopsChanges()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    QString error;
    QVERIFY2(pg.create(&error), qPrintable(error));
    Database mine;
    QVERIFY2(mine.open(pg.address(), Database::OpenMode::Create, &error), qPrintable(error));
    const auto account =
        AccountRepository(mine).add(QStringLiteral("Team Stripe"), Dialect::Stripe,
                                    QStringLiteral("https://api.stripe.com"), &error);
    QVERIFY2(account, qPrintable(error));
    QVERIFY(RecordRepository(mine).upsertInvoices(account->id, {teamInvoice(1), teamInvoice(2)},
                                                  &error));

    MainWindow window(mine);
    window.setLauncher([](const QStringList &) { return true; });
    window.show();
    QVERIFY(window.teamDatabaseAction());
    QVERIFY(window.databaseUserLabel());
    QVERIFY2(window.databaseUserLabel()->text().contains(QLatin1String("refunddesk_admin")),
             qPrintable(window.databaseUserLabel()->text()));
    QVERIFY(window.databaseUserLabel()->text().contains(pg.name()));
    // The test's administrator is a superuser: the window says it acts as the owner.
    QVERIFY2(window.databaseUserLabel()->text().contains(QLatin1String("(owner)")),
             qPrintable(window.databaseUserLabel()->text()));
    QTRY_COMPARE_WITH_TIMEOUT(window.invoicesView()->model()->rowCount(), 2, 10000);

    // Another desktop syncs an invoice and records a refund.
    Database other;
    QVERIFY2(other.open(pg.address(), Database::OpenMode::Existing, &error), qPrintable(error));
    QVERIFY(RecordRepository(other).upsertInvoices(account->id, {teamInvoice(3)}, &error));
    Refund r;
    r.gatewayId = QStringLiteral("re_team_1");
    r.invoiceId = QStringLiteral("ch_team_1");
    r.amount = Money(500, u"EUR");
    r.status = CommonStatus::Succeeded;
    r.gatewayStatus = QStringLiteral("succeeded");
    r.createdAt = QDateTime::fromSecsSinceEpoch(1700000100, Qt::UTC);
    QVERIFY(RecordRepository(other).upsertRefunds(account->id, {r}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(window.invoicesView()->model()->rowCount(), 3, 2500);
    QTRY_COMPARE_WITH_TIMEOUT(window.refundsView()->model()->rowCount(), 1, 2500);

    // Sorting by customer (SQLite's NOCASE, a collation of the same name on PostgreSQL).
    LazyTableModel *model = window.invoicesView()->model();
    for (int column = 0; column < model->columnCount(); ++column) {
        if (model->headerData(column, Qt::Horizontal).toString() == QLatin1String("Customer"))
            window.invoicesView()->table()->sortByColumn(column, Qt::DescendingOrder);
    }
    QTRY_COMPARE_WITH_TIMEOUT(model->index(0, 0).data().toString().isEmpty(), false, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int column = 0; column < model->columnCount(); ++column) {
                if (model->index(0, column).data().toString() == QLatin1String("Customer 3"))
                    return true;
            }
            return false;
        }(),
        5000);
}

// A clerk may ask for refunds but not decide them: the window says which role it holds, and
// Approve and Reject are disabled with the reason, whatever is selected.
void TestTeamGui::clerksWindowCannotDecide()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    QString error;
    QVERIFY2(pg.create(&error), qPrintable(error));
    Database owner;
    QVERIFY2(owner.open(pg.address(), Database::OpenMode::Create, &error), qPrintable(error));
    const auto initialised = team::init(owner);
    QVERIFY2(initialised, qPrintable(initialised.error()));
    const QString clerk = pg.createLoginRole(QStringLiteral("deskclerk"), &error);
    QVERIFY2(!clerk.isEmpty(), qPrintable(error));
    const auto granted = team::grant(owner, clerk, QStringLiteral("clerk"));
    QVERIFY2(granted, qPrintable(granted.error()));

    Database mine;
    QVERIFY2(mine.open(pg.address(clerk), Database::OpenMode::Existing, &error), qPrintable(error));
    QCOMPARE(team::currentRole(mine).valueOr(QString()), QStringLiteral("clerk"));
    MainWindow window(mine);
    window.setLauncher([](const QStringList &) { return true; });
    window.show();
    QVERIFY2(window.databaseUserLabel()->text().contains(QLatin1String("(clerk)")),
             qPrintable(window.databaseUserLabel()->text()));
    QPushButton *approve = window.approvalsView()->approveButton();
    QVERIFY(!approve->isEnabled());
    QVERIFY2(approve->toolTip().contains(QLatin1String("approver role")),
             qPrintable(approve->toolTip()));
}

// A viewer reads and exports: Refund… and the bulk refund are disabled with the reason, before
// the database would refuse the write.
void TestTeamGui::viewersWindowCannotSend()
{
    PG_OR_SKIP();
    PgTestDatabase pg;
    QString error;
    QVERIFY2(pg.create(&error), qPrintable(error));
    Database owner;
    QVERIFY2(owner.open(pg.address(), Database::OpenMode::Create, &error), qPrintable(error));
    const auto account =
        AccountRepository(owner).add(QStringLiteral("Team Stripe"), Dialect::Stripe,
                                     QStringLiteral("http://127.0.0.1:9/x"), &error);
    QVERIFY2(account, qPrintable(error));
    QVERIFY(RecordRepository(owner).upsertInvoices(account->id, {teamInvoice(1)}, &error));
    // An entry another desktop left open: settling it is a write the viewer may not make.
    OutboxEntry open;
    open.operationId = OutboxRepository::newId(u"rdop_");
    open.idempotencyKey = OutboxRepository::newId(u"rdkey_");
    open.accountId = account->id;
    open.invoiceId = teamInvoice(1).gatewayId;
    open.amount = Money(100, teamInvoice(1).amount.currency());
    QVERIFY2(OutboxRepository(owner).insert(open, &error), qPrintable(error));
    QVERIFY2(team::init(owner), "team init");
    const QString viewer = pg.createLoginRole(QStringLiteral("deskviewer"), &error);
    QVERIFY2(!viewer.isEmpty(), qPrintable(error));
    QVERIFY2(team::grant(owner, viewer, QStringLiteral("viewer")), "grant");

    // The viewer has the gateway's secret, so only the role stands between it and a write.
    const QByteArray variable = AccountRepository::secretVariableName(account->name).toLatin1();
    qputenv(variable.constData(), "sk_test_viewer");
    const auto unset = qScopeGuard([variable] { qunsetenv(variable.constData()); });

    Database mine;
    QVERIFY2(mine.open(pg.address(viewer), Database::OpenMode::Existing, &error),
             qPrintable(error));
    MainWindow window(mine);
    window.setLauncher([](const QStringList &) { return true; });
    window.show();
    QVERIFY2(window.databaseUserLabel()->text().contains(QLatin1String("(viewer)")),
             qPrintable(window.databaseUserLabel()->text()));
    QTRY_COMPARE_WITH_TIMEOUT(window.invoicesView()->model()->rowCount(), 1, 10000);
    window.invoicesView()->table()->selectRow(0);
    QTRY_VERIFY2(window.refundAction()->toolTip().contains(QLatin1String("team grant")),
                 qPrintable(window.refundAction()->toolTip()));
    QVERIFY(!window.refundAction()->isEnabled());
    // Nor does it sync or settle the team's open operations: those writes would be refused.
    QVERIFY(!window.syncAction()->isEnabled());
    QVERIFY2(window.syncAction()->toolTip().contains(QLatin1String("(viewer)")),
             qPrintable(window.syncAction()->toolTip()));
    QTest::qWait(1500);
    QVERIFY2(window.statusBar()->currentMessage().isEmpty(),
             qPrintable(window.statusBar()->currentMessage()));
    const auto still = OutboxRepository(owner).find(open.operationId).value();
    QVERIFY(still);
    QCOMPARE(still->state, OutboxState::Pending);
    QCOMPARE(still->attempts, 0);
}

QTEST_MAIN(TestTeamGui)
#include "tst_team_gui.moc"
