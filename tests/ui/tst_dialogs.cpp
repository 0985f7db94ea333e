// The refund and accounts dialogs on their own: the amount is judged as it is typed (one row
// per case, hostile ones included) and Review stays disabled with the reason in its tooltip;
// Send works once; the accounts dialog checks its fields, saves the account and never writes
// the secret to the cache.
#include "accountsdialog.h"
#include "invoicedetail.h"
#include "invoicesview.h"
#include "invoicetablemodel.h"
#include "lazytablemodel.h"
#include "refunddialog.h"
#include "secretstore.h"
#include "store/database.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

InvoiceDetail detailFor(const QString &currency, qint64 amount, qint64 refunded)
{
    InvoiceDetail d;
    d.found = true;
    d.account.id = 1;
    d.account.name = QStringLiteral("EU Stripe");
    d.account.dialect = Dialect::Stripe;
    d.account.baseUrl = QStringLiteral("https://api.example");
    d.invoice.gatewayId = QStringLiteral("ch_1");
    d.invoice.customer = QStringLiteral("Ada");
    d.invoice.amount = Money(amount, currency);
    d.invoice.amountRefunded = Money(refunded, currency);
    d.invoice.status = CommonStatus::Succeeded;
    d.context.dialect = Dialect::Stripe;
    d.context.invoice = d.invoice;
    d.context.inOutbox = Money(0, currency);
    d.context.dialectReasons = {QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
                                QStringLiteral("requested_by_customer")};
    d.figures = refundableOf(d.context);
    return d;
}

} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void amountAsTyped_data();
    void amountAsTyped();
    void fullRefundNeedsNoAmount();
    void blockerDisablesReview();
    void sendsOnce();
    void accountsDialogChecksAndSaves();
    void tableLayoutIsRemembered();
};

void TestDialogs::amountAsTyped_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("reasonContains");
    // 100.00 paid, 61.36 refunded: 38.64 left.
    QTest::newRow("empty") << "EUR"
                           << "" << false << "Enter the amount";
    QTest::newRow("valid") << "EUR"
                           << "10" << true << "";
    QTest::newRow("valid cents") << "EUR"
                                 << "38.64" << true << "";
    QTest::newRow("one cent too many") << "EUR"
                                       << "38.65" << false << "more than";
    QTest::newRow("too precise") << "EUR"
                                 << "1.005" << false << "decimals";
    QTest::newRow("zero") << "EUR"
                          << "0.00" << false << "more than zero";
    QTest::newRow("negative") << "EUR"
                              << "-1" << false << "";
    QTest::newRow("comma separator") << "EUR"
                                     << "1,50" << false << "";
    QTest::newRow("letters") << "EUR"
                             << "ten" << false << "";
    QTest::newRow("formula") << "EUR"
                             << "=1+1" << false << "";
    QTest::newRow("yen has no decimals") << "JPY"
                                         << "10.5" << false << "decimals";
    QTest::newRow("yen whole") << "JPY"
                               << "3864" << true << "";
    QTest::newRow("dinar three decimals") << "KWD"
                                          << "1.250" << true << "";
}

void TestDialogs::amountAsTyped()
{
    QFETCH(QString, currency);
    QFETCH(QString, typed);
    QFETCH(bool, accepted);
    QFETCH(QString, reasonContains);
    const int exp = Money(0, currency).exponent();
    qint64 scale = 1;
    for (int i = 0; i < exp; ++i)
        scale *= 10;
    const qint64 paid = currency == QLatin1String("JPY") ? 10000 : 100 * scale;
    const qint64 refunded = currency == QLatin1String("JPY") ? 6136 : paid - 3864 * scale / 100;
    RefundDialog dialog(detailFor(currency, paid, refunded), QString());
    QTest::keyClicks(dialog.amountField(), typed);
    QCOMPARE(dialog.reviewButton()->isEnabled(), accepted);
    QCOMPARE(dialog.problem().isEmpty(), accepted);
    QCOMPARE(dialog.reviewButton()->toolTip(), dialog.problem());
    if (!reasonContains.isEmpty())
        QVERIFY2(dialog.problem().contains(reasonContains), qPrintable(dialog.problem()));
    auto *hint = dialog.findChild<QLabel *>(QStringLiteral("refundProblem"));
    QCOMPARE(hint->text(), dialog.problem());
}

void TestDialogs::fullRefundNeedsNoAmount()
{
    RefundDialog dialog(detailFor(QStringLiteral("EUR"), 10000, 6136), QString());
    QVERIFY(!dialog.reviewButton()->isEnabled());
    auto *full = dialog.findChild<QRadioButton *>();
    QVERIFY(full);
    full->click();
    QVERIFY2(dialog.reviewButton()->isEnabled(), qPrintable(dialog.problem()));
    QVERIFY(dialog.draft().full);
    QVERIFY(!dialog.amountField()->isEnabled());
}

void TestDialogs::blockerDisablesReview()
{
    const QString why = QStringLiteral("RefundDesk is offline, so nothing can be sent.");
    RefundDialog dialog(detailFor(QStringLiteral("EUR"), 10000, 0), why);
    QTest::keyClicks(dialog.amountField(), QStringLiteral("5"));
    QVERIFY(!dialog.reviewButton()->isEnabled());
    QCOMPARE(dialog.problem(), why);
}

void TestDialogs::sendsOnce()
{
    RefundDialog dialog(detailFor(QStringLiteral("EUR"), 10000, 0), QString());
    dialog.show();
    QTest::keyClicks(dialog.amountField(), QStringLiteral("12.34"));
    QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
    QSignalSpy submitted(&dialog, &RefundDialog::submitted);
    QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
    QTest::keyClick(dialog.sendButton(), Qt::Key_Return);
    QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
    QCOMPARE(submitted.count(), 1);
    const auto draft = submitted.at(0).at(0).value<RefundDraft>();
    QCOMPARE(draft.amountText, QStringLiteral("12.34"));
    QCOMPARE(draft.invoiceId, QStringLiteral("ch_1"));
    QVERIFY(!draft.full);
    QVERIFY(!dialog.sendButton()->isEnabled());
}

void TestDialogs::accountsDialogChecksAndSaves()
{
    QTemporaryDir dir;
    Database db;
    QString error;
    QVERIFY2(db.open(dir.filePath(QStringLiteral("a.sqlite3")), &error), qPrintable(error));
    SecretStore secrets;
    AccountsDialog dialog(db, &secrets);
    QSignalSpy changed(&dialog, &AccountsDialog::accountsChanged);
    QVERIFY(!dialog.saveButton()->isEnabled());
    QTest::keyClicks(dialog.nameField(), QStringLiteral("EU Stripe"));
    QTest::keyClicks(dialog.urlField(), QStringLiteral("not a url"));
    QVERIFY(!dialog.saveButton()->isEnabled());
    dialog.urlField()->clear();
    QTest::keyClicks(dialog.urlField(), QStringLiteral("https://api.stripe.com"));
    QVERIFY(!dialog.saveButton()->isEnabled()); // no secret yet
    QVERIFY(dialog.saveButton()->toolTip().contains(QLatin1String("secret")));
    const QString secret = QStringLiteral("sk_test_do_not_store_me");
    QTest::keyClicks(dialog.secretField(), secret);
    QVERIFY(dialog.saveButton()->isEnabled());
    QCOMPARE(dialog.secretField()->echoMode(), QLineEdit::Password);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(AccountRepository(db).list().size(), 1);
    // The person hears where the secret went (keychain, or memory when there is none).
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.noticeLabel()->text().isEmpty(), 20000);
    QVERIFY(dialog.noticeLabel()->text().contains(QLatin1String("keychain")));
    // The secret is nowhere in the cache.
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT * FROM accounts")));
    while (q.next()) {
        for (int i = 0; i < q.record().count(); ++i)
            QVERIFY(!q.value(i).toString().contains(secret));
    }
}

void TestDialogs::tableLayoutIsRemembered()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.sqlite3"));
    {
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
    }
    {
        InvoicesView view(path);
        QHeaderView *header = view.table()->horizontalHeader();
        // A column without an index is not sorted on; the indicator stays where the rows are.
        QTest::mouseClick(
            header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(InvoiceTableModel::Refundable) + 5, 5));
        QCOMPARE(view.model()->sortColumn(), int(InvoiceTableModel::Created));
        QCOMPARE(header->sortIndicatorSection(), int(InvoiceTableModel::Created));
        QTest::mouseClick(
            header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(InvoiceTableModel::Amount) + 5, 5));
        QCOMPARE(view.model()->sortColumn(), int(InvoiceTableModel::Amount));
        QCOMPARE(view.model()->sortOrder(), Qt::AscendingOrder);
        header->resizeSection(InvoiceTableModel::Customer, 321);
        view.saveState();
    }
    InvoicesView again(path);
    again.restoreState();
    QCOMPARE(again.model()->sortColumn(), int(InvoiceTableModel::Amount));
    QCOMPARE(again.model()->sortOrder(), Qt::AscendingOrder);
    QCOMPARE(again.table()->horizontalHeader()->sectionSize(InvoiceTableModel::Customer), 321);
}

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
