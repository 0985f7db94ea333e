// The refund and accounts dialogs on their own: the amount is judged as it is typed (one row
// per case, hostile ones included) and Review stays disabled with the reason in its tooltip;
// Send works once and only on a deliberate press; the accounts dialog checks its fields as
// they are typed, saves the account, never writes the secret to the cache and asks before
// dropping changes; the filter bar refuses what it cannot apply.
#include "accountsdialog.h"
#include "amountinput.h"
#include "chargebackdialog.h"
#include "exportdialog.h"
#include "filterbar.h"
#include "invoicedetail.h"
#include "invoicesview.h"
#include "invoicetablemodel.h"
#include "lazytablemodel.h"
#include "refunddialog.h"
#include "secretstore.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

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

// A cache in `dir` holding one Stripe account named `name`.
bool openWithStripeAccount(const QTemporaryDir &dir, Database &db, const QString &name)
{
    QString error;
    return db.open(dir.filePath(QStringLiteral("a.sqlite3")), &error) &&
           AccountRepository(db)
               .add(name, Dialect::Stripe, QStringLiteral("https://api.stripe.com"), &error)
               .has_value();
}

// Drives a review-then-send dialog from its amount field: Enter reviews; on the confirmation
// page neither Enter on the focused button nor on Send sends; Esc goes back to the form with
// the amount kept; Enter reviews again and Alt+S sends. Returns the drafts submitted, and in
// `failure` the step that went wrong.
template <typename Dialog> QList<RefundDraft> sendFromTheKeyboard(Dialog &dialog, QString *failure)
{
    QList<RefundDraft> sent;
    QObject::connect(&dialog, &Dialog::submitted, [&sent](const RefundDraft &d) { sent << d; });
    const QString typed = dialog.amountField()->text();
    QTest::keyClick(dialog.amountField(), Qt::Key_Return);
    if (dialog.currentPage() != 1 || dialog.sendButton()->isDefault()) {
        *failure = QStringLiteral("Enter did not review, or Send is the default button");
        return {};
    }
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTest::keyClick(dialog.sendButton(), Qt::Key_Enter);
    if (!sent.isEmpty() || dialog.currentPage() != 1) {
        *failure = QStringLiteral("Enter on the confirmation page sent");
        return {};
    }
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    if (dialog.currentPage() != 0 || !dialog.isVisible() || dialog.amountField()->text() != typed) {
        *failure = QStringLiteral("Esc did not go back to the form with the amount kept");
        return {};
    }
    QTest::keyClick(dialog.amountField(), Qt::Key_Return);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_S, Qt::AltModifier);
    // A mnemonic clicks its button visibly, so the send follows a moment later.
    if (!QTest::qWaitFor([&sent] { return !sent.isEmpty(); }, 5000))
        *failure = QStringLiteral("Alt+S did not send");
    return sent;
}

} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void amountAsTyped_data();
    void amountAsTyped();
    void amountInput_data();
    void amountInput();
    void fullRefundNeedsNoAmount();
    void refundDialogKeyboard();
    void onlyFullRefundLeftFocusesIt();
    void chargebackDialogKeyboard();
    void blockerDisablesReview();
    void sendsOnce();
    void accountsDialogChecksAndSaves();
    void everyFieldExplainsItself_data();
    void everyFieldExplainsItself();
    void accountsDialogCatchesDuplicatesAsTyped();
    void accountsDialogAsksBeforeDroppingChanges();
    void filterBarRefusesWhatItCannotApply();
    void tableLayoutIsRemembered();
    void currentRecordFollowsItsRow();
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
    // The way the tables print amounts is read back as the same amount.
    QTest::newRow("pasted from the table") << "EUR"
                                           << "38.64 EUR" << true << "";
    QTest::newRow("grouped like the tables") << "EUR"
                                             << "1,000.00" << false << "more than";
}

void TestDialogs::amountInput_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("exponent");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("plain") << "12.50" << 2 << "en_US"
                           << "12.50";
    QTest::newRow("table grouping") << "1,000.00" << 2 << "en_US"
                                    << "1000.00";
    QTest::newRow("grouped whole") << "1,234,567" << 2 << "en_US"
                                   << "1234567";
    QTest::newRow("with the code") << "1,000.00 USD" << 2 << "en_US"
                                   << "1000.00";
    QTest::newRow("spaces group") << "1 000.00" << 2 << "fr_FR"
                                  << "1000.00";
    QTest::newRow("decimal comma") << "12,50" << 2 << "de_DE"
                                   << "12.50";
    QTest::newRow("german grouping") << "1.000,50" << 2 << "de_DE"
                                     << "1000.50";
    QTest::newRow("comma groups for cents") << "1,000" << 2 << "de_DE"
                                            << "1000";
    QTest::newRow("table grouping in german") << "1,000.00" << 2 << "de_DE"
                                              << "1000.00";
    QTest::newRow("comma is not decimal in en") << "12,50" << 2 << "en_US"
                                                << "";
    QTest::newRow("german grouping in en") << "1.000,50" << 2 << "en_US"
                                           << "";
    QTest::newRow("dinar ambiguous") << "1,000" << 3 << "de_DE"
                                     << "";
    QTest::newRow("bad grouping") << "1,00,000" << 2 << "en_US"
                                  << "";
    QTest::newRow("two decimal marks") << "1.000.50" << 2 << "en_US"
                                       << "";
    QTest::newRow("letters") << "12a" << 2 << "en_US"
                             << "";
    QTest::newRow("formula") << "=1+1" << 2 << "en_US"
                             << "";
    QTest::newRow("arabic digits") << QString::fromUtf8("١٢") << 2 << "en_US"
                                   << "";
    QTest::newRow("too precise passes on") << "1.005" << 2 << "en_US"
                                           << "1.005";
}

void TestDialogs::amountInput()
{
    QFETCH(QString, typed);
    QFETCH(int, exponent);
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    const AmountInput input =
        normaliseAmountInput(typed, QStringLiteral("USD"), exponent, QLocale(locale));
    if (expected.isEmpty()) {
        QVERIFY2(!input.problem.isEmpty(), qPrintable(input.text));
        // One message saying how to write it, which does not echo the input twice.
        QVERIFY2(input.problem.count(typed.trimmed()) <= 1, qPrintable(input.problem));
    } else {
        QCOMPARE(input.problem, QString());
        QCOMPARE(input.text, expected);
    }
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

void TestDialogs::refundDialogKeyboard()
{
    RefundDialog dialog(detailFor(QStringLiteral("EUR"), 10000, 0), QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    // Whose invoice it is, in the title and the header.
    QVERIFY(dialog.windowTitle().contains(QLatin1String("ch_1")));
    QVERIFY(dialog.windowTitle().contains(QLatin1String("Ada")));
    auto *head = dialog.findChild<QLabel *>(QStringLiteral("refundInvoice"));
    QVERIFY(head && head->text().contains(QLatin1String("ch_1")) &&
            head->text().contains(QLatin1String("Ada")));
    // Typed digits go to the amount; nothing is called wrong before anything is typed.
    QCOMPARE(QApplication::focusWidget(), dialog.amountField());
    auto *hint = dialog.findChild<QLabel *>(QStringLiteral("refundProblem"));
    QVERIFY2(!hint->styleSheet().contains(QLatin1String("#b01e1e")), qPrintable(hint->text()));
    // Tab leaves the note instead of typing a tab into it.
    auto *note = dialog.findChild<QPlainTextEdit *>();
    note->setFocus();
    QTest::keyClick(note, Qt::Key_Tab);
    QCOMPARE(note->toPlainText(), QString());
    QVERIFY(!note->hasFocus());

    dialog.amountField()->setFocus();
    QTest::keyClicks(dialog.amountField(), QStringLiteral("12.34"));
    QVERIFY(hint->text().isEmpty());
    QString failure;
    const QList<RefundDraft> sent = sendFromTheKeyboard(dialog, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().amountText, QStringLiteral("12.34"));
    QCOMPARE(dialog.currentPage(), 2);
    // Esc on the form closes the dialog.
    RefundDialog other(detailFor(QStringLiteral("EUR"), 10000, 0), QString());
    other.show();
    QVERIFY(QTest::qWaitForWindowActive(&other));
    QTest::keyClick(other.amountField(), Qt::Key_Escape);
    QVERIFY(!other.isVisible());
}

void TestDialogs::onlyFullRefundLeftFocusesIt()
{
    RefundDialog dialog(detailFor(QStringLiteral("EUR"), 10000, 9999), QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QVERIFY(!dialog.partialChoice()->isChecked());
    auto *full = qobject_cast<QRadioButton *>(QApplication::focusWidget());
    QVERIFY(full && full->isChecked());
    QVERIFY2(dialog.reviewButton()->isEnabled(), qPrintable(dialog.problem()));
}

void TestDialogs::chargebackDialogKeyboard()
{
    InvoiceDetail d = detailFor(QStringLiteral("KES"), 100000, 0);
    d.account.dialect = Dialect::IntaSend;
    d.context.dialect = Dialect::IntaSend;
    ChargebackDialog dialog(d, QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QVERIFY(dialog.windowTitle().contains(QLatin1String("Ada")));
    QCOMPARE(QApplication::focusWidget(), dialog.amountField());
    QTest::keyClicks(dialog.amountField(), QStringLiteral("1,000.00")); // as the tables print
    QVERIFY2(dialog.reviewButton()->isEnabled(), qPrintable(dialog.problem()));
    QString failure;
    const QList<RefundDraft> sent = sendFromTheKeyboard(dialog, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().amountText, QStringLiteral("1000.00"));
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

void TestDialogs::everyFieldExplainsItself_data()
{
    QTest::addColumn<QString>("dialog");
    for (const char *name : {"refund", "chargeback", "export", "accounts"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestDialogs::everyFieldExplainsItself()
{
    // Every field a person fills in says what it does and what the gateway receives, on hover
    // and with What's This. The walk finds fields added later too.
    QFETCH(QString, dialog);
    QTemporaryDir dir;
    Database db;
    QString error;
    QVERIFY2(db.open(dir.filePath(QStringLiteral("a.sqlite3")), &error), qPrintable(error));
    SecretStore secrets;
    InvoiceDetail kes = detailFor(QStringLiteral("KES"), 100000, 0);
    kes.account.dialect = Dialect::IntaSend;
    kes.context.dialect = Dialect::IntaSend;
    std::unique_ptr<QDialog> d;
    if (dialog == QLatin1String("refund"))
        d = std::make_unique<RefundDialog>(detailFor(QStringLiteral("EUR"), 10000, 0), QString());
    else if (dialog == QLatin1String("chargeback"))
        d = std::make_unique<ChargebackDialog>(kes, QString());
    else if (dialog == QLatin1String("export"))
        d = std::make_unique<ExportDialog>(db);
    else
        d = std::make_unique<AccountsDialog>(db, &secrets);

    int fields = 0;
    QStringList silent;
    for (QWidget *w : d->findChildren<QWidget *>()) {
        const bool input = qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) ||
                           qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QCheckBox *>(w) ||
                           qobject_cast<QRadioButton *>(w) || qobject_cast<QAbstractSpinBox *>(w);
        // A combo box's or date field's own line edit is part of that field.
        const bool inner = qobject_cast<QComboBox *>(w->parentWidget()) ||
                           qobject_cast<QAbstractSpinBox *>(w->parentWidget());
        if (!input || inner)
            continue;
        ++fields;
        if (w->toolTip().trimmed().isEmpty() || w->whatsThis().trimmed().isEmpty())
            silent << QStringLiteral("%1 %2 \"%3\"")
                          .arg(QString::fromLatin1(w->metaObject()->className()),
                               w->accessibleName(), w->objectName());
    }
    QVERIFY2(fields >= 3, qPrintable(QString::number(fields)));
    QVERIFY2(silent.isEmpty(), qPrintable(silent.join(QStringLiteral("; "))));

    if (auto *accounts = qobject_cast<AccountsDialog *>(d.get())) {
        // The secret's help names the key of the gateway chosen.
        QComboBox *gateway = accounts->dialectField();
        gateway->setCurrentIndex(gateway->findData(QStringLiteral("chargebee")));
        QVERIFY2(accounts->secretField()->toolTip().contains(QLatin1String("Chargebee")),
                 qPrintable(accounts->secretField()->toolTip()));
        // And the note under the field says it without hovering.
        QVERIFY2(accounts->keyNoteLabel()->text().contains(QLatin1String("Chargebee")),
                 qPrintable(accounts->keyNoteLabel()->text()));
        gateway->setCurrentIndex(gateway->findData(QStringLiteral("processout")));
        QVERIFY2(accounts->secretField()->toolTip().contains(QLatin1String("project_id:secret")),
                 qPrintable(accounts->secretField()->toolTip()));
    }
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
    // A new account starts with its gateway's API address filled in, which is no change to
    // ask about on Close; choosing another gateway replaces it, Chargebee's (per site) stays a
    // hint to complete, and an address typed by the person is never replaced.
    QCOMPARE(dialog.urlField()->text(), QStringLiteral("https://api.stripe.com"));
    QVERIFY(!dialog.hasUnsavedChanges());
    dialog.dialectField()->setCurrentIndex(
        dialog.dialectField()->findData(QStringLiteral("processout")));
    QCOMPARE(dialog.urlField()->text(), QStringLiteral("https://api.processout.com"));
    dialog.dialectField()->setCurrentIndex(
        dialog.dialectField()->findData(QStringLiteral("chargebee")));
    QCOMPARE(dialog.urlField()->text(), QString());
    QVERIFY(dialog.urlField()->placeholderText().contains(QLatin1String("chargebee.com")));
    QTest::keyClicks(dialog.urlField(), QStringLiteral("https://acme.chargebee.com"));
    dialog.dialectField()->setCurrentIndex(
        dialog.dialectField()->findData(QStringLiteral("stripe")));
    QCOMPARE(dialog.urlField()->text(), QStringLiteral("https://acme.chargebee.com"));
    QVERIFY(dialog.hasUnsavedChanges());
    QTest::keyClicks(dialog.nameField(), QStringLiteral("EU Stripe"));
    dialog.urlField()->clear();
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
    QCOMPARE(AccountRepository(db).list().value().size(), 1);
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
    // The request-rate ceiling starts at the gateway's default; a typed one is saved.
    QCOMPARE(dialog.maxRpsField()->value(), 0);
    QCOMPARE(dialog.maxRpsField()->text(), dialog.maxRpsField()->specialValueText());
    QVERIFY(!dialog.saveButton()->isEnabled());
    dialog.maxRpsField()->selectAll();
    QTest::keyClicks(dialog.maxRpsField(), QStringLiteral("40"));
    QVERIFY(dialog.hasUnsavedChanges());
    QVERIFY(dialog.saveButton()->isEnabled());
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QCOMPARE(AccountRepository(db).list().value().first().maxRps, 40);
    QVERIFY(!dialog.hasUnsavedChanges());
}

void TestDialogs::accountsDialogCatchesDuplicatesAsTyped()
{
    QTemporaryDir dir;
    Database db;
    QVERIFY(openWithStripeAccount(dir, db, QStringLiteral("Demo Stripe")));
    SecretStore secrets;
    AccountsDialog dialog(db, &secrets);
    // Start a new account through the "New account" button.
    for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
        if (b->text() == QLatin1String("&New account"))
            QTest::mouseClick(b, Qt::LeftButton);
    }
    QVERIFY(dialog.nameField()->text().isEmpty());
    QCOMPARE(dialog.urlField()->text(), QStringLiteral("https://api.stripe.com"));
    QTest::keyClicks(dialog.secretField(), QStringLiteral("sk_test_x"));

    struct Case
    {
        QString name;
        QString says;
    };
    for (const Case &c :
         {Case{QStringLiteral("demo stripe"), QStringLiteral("already")},
          Case{QStringLiteral("Demo-Stripe"), QStringLiteral("REFUNDDESK_SECRET_DEMO_STRIPE")},
          Case{QStringLiteral("demo_stripe"), QStringLiteral("REFUNDDESK_SECRET_DEMO_STRIPE")}}) {
        dialog.nameField()->clear();
        QTest::keyClicks(dialog.nameField(), c.name);
        QVERIFY2(!dialog.saveButton()->isEnabled(), qPrintable(c.name));
        QVERIFY2(dialog.problemLabel()->text().contains(c.says),
                 qPrintable(dialog.problemLabel()->text()));
    }
    dialog.nameField()->clear();
    QTest::keyClicks(dialog.nameField(), QStringLiteral("Demo Stripe 2"));
    QVERIFY2(dialog.saveButton()->isEnabled(), qPrintable(dialog.problemLabel()->text()));
}

void TestDialogs::accountsDialogAsksBeforeDroppingChanges()
{
    QTemporaryDir dir;
    Database db;
    QVERIFY(openWithStripeAccount(dir, db, QStringLiteral("EU Stripe")));
    SecretStore secrets;
    AccountsDialog dialog(db, &secrets);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    // Remove asks, and No is what Enter picks.
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QMessageBox *remove = nullptr;
    QTRY_VERIFY((remove = dialog.findChild<QMessageBox *>(QStringLiteral("removePrompt"))));
    QCOMPARE(remove->defaultButton(), remove->button(QMessageBox::No));
    QTest::keyClick(remove, Qt::Key_Return);
    QTRY_VERIFY(!dialog.findChild<QMessageBox *>(QStringLiteral("removePrompt")));
    QCOMPARE(AccountRepository(db).list().value().size(), 1);

    // A rename not saved yet is not dropped by Close without asking.
    dialog.nameField()->selectAll();
    QTest::keyClicks(dialog.nameField(), QStringLiteral("EU Stripe (old)"));
    QVERIFY(dialog.hasUnsavedChanges());
    dialog.reject();
    QMessageBox *unsaved = nullptr;
    QTRY_VERIFY((unsaved = dialog.findChild<QMessageBox *>(QStringLiteral("unsavedPrompt"))));
    QCOMPARE(unsaved->defaultButton(), unsaved->button(QMessageBox::Cancel));
    QTest::mouseClick(unsaved->button(QMessageBox::Cancel), Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.nameField()->text(), QStringLiteral("EU Stripe (old)"));
    dialog.reject();
    QTRY_VERIFY((unsaved = dialog.findChild<QMessageBox *>(QStringLiteral("unsavedPrompt"))));
    QTest::mouseClick(unsaved->button(QMessageBox::Save), Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(AccountRepository(db).list().value().first().name, QStringLiteral("EU Stripe (old)"));
}

void TestDialogs::filterBarRefusesWhatItCannotApply()
{
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowActive(&bar));
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    // The states the tables show are offered.
    for (const char *state : {"partly_refunded", "refunded", "disputed", "not_refunded"})
        QVERIFY2(bar.statusField()->findData(QString::fromLatin1(state)) > 0, state);
    // Only currencies the cache holds.
    bar.setCurrencies({QStringLiteral("USD"), QStringLiteral("EUR")});
    QCOMPARE(bar.currencyField()->count(), 3);
    // All time by default.
    QVERIFY(!bar.filter().from.isValid() && !bar.filter().to.isValid());
    QVERIFY(!bar.clearButton()->isEnabled());

    QTest::keyClicks(bar.fromField(), QStringLiteral("2024-05-02"));
    QTest::keyClicks(bar.toField(), QStringLiteral("2024-05-01"));
    QTRY_VERIFY(bar.problem().contains(QLatin1String("before")));
    auto *problem = bar.findChild<QLabel *>(QStringLiteral("filterProblem"));
    QTRY_VERIFY(problem->isVisible());
    QVERIFY(!bar.filter().from.isValid()); // refused, not silently changed
    QCOMPARE(bar.toField()->text(), QStringLiteral("2024-05-01"));
    bar.toField()->clear();
    QTest::keyClicks(bar.toField(), QStringLiteral("2024-05-03"));
    QTRY_VERIFY(!problem->isVisible());
    QCOMPARE(bar.filter().from, QDate(2024, 5, 2));
    QCOMPARE(bar.filter().to, QDate(2024, 5, 3));

    // An amount range needs a currency, and reads amounts as the tables print them.
    QTest::keyClicks(bar.minAmountField(), QStringLiteral("1,000.00"));
    QTRY_VERIFY(bar.problem().contains(QLatin1String("currency")));
    QVERIFY(!bar.filter().minAmount);
    bar.currencyField()->setCurrentIndex(bar.currencyField()->findData(QStringLiteral("USD")));
    QTRY_COMPARE(bar.problem(), QString());
    QCOMPARE(bar.filter().minAmount, std::optional<qint64>(100000));

    // Esc clears the search at once; Clear filters clears the rest.
    QTest::keyClicks(bar.searchField(), QStringLiteral("soren"));
    QTRY_COMPARE(bar.filter().search, QStringLiteral("soren"));
    changed.clear();
    QTest::keyClick(bar.searchField(), Qt::Key_Escape);
    QCOMPARE(bar.searchField()->text(), QString());
    QVERIFY(changed.count() >= 1);
    QVERIFY(bar.clearButton()->isEnabled());
    QTest::mouseClick(bar.clearButton(), Qt::LeftButton);
    QVERIFY(bar.filter().isEmpty());
    QVERIFY(!bar.clearButton()->isEnabled());
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
    int dragged = 0;
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
        // The person drags the divider after Customer 60 px to the right.
        const int edge = header->sectionViewportPosition(InvoiceTableModel::Customer) +
                         header->sectionSize(InvoiceTableModel::Customer) - 1;
        QTest::mousePress(header->viewport(), Qt::LeftButton, {}, QPoint(edge, 5));
        QTest::mouseMove(header->viewport(), QPoint(edge + 60, 5));
        QTest::mouseRelease(header->viewport(), Qt::LeftButton, {}, QPoint(edge + 60, 5));
        dragged = header->sectionSize(InvoiceTableModel::Customer);
        QVERIFY(dragged > 100);
        view.saveState();
    }
    InvoicesView again(path);
    again.restoreState();
    QCOMPARE(again.model()->sortColumn(), int(InvoiceTableModel::Amount));
    QCOMPARE(again.model()->sortOrder(), Qt::AscendingOrder);
    QCOMPARE(again.table()->horizontalHeader()->sectionSize(InvoiceTableModel::Customer), dragged);
}

void TestDialogs::currentRecordFollowsItsRow()
{
    // A refresh that puts newer invoices above the highlighted one moves the highlight with
    // its invoice; a filter that removes it leaves no current record to act on.
    QTemporaryDir dir;
    Database db;
    QVERIFY(openWithStripeAccount(dir, db, QStringLiteral("EU Stripe")));
    const qint64 account = AccountRepository(db).list().value().first().id;
    auto invoice = [](int n) {
        Invoice inv;
        inv.gatewayId = QStringLiteral("ch_%1").arg(n);
        inv.amount = Money(1000 * n, QStringLiteral("EUR"));
        inv.amountRefunded = Money(0, QStringLiteral("EUR"));
        inv.status = CommonStatus::Succeeded;
        inv.createdAt = QDateTime(QDate(2024, 5, n), QTime(12, 0), Qt::UTC);
        return inv;
    };
    QString error;
    QVERIFY2(
        RecordRepository(db).upsertInvoices(account, {invoice(1), invoice(2), invoice(3)}, &error),
        qPrintable(error));
    InvoicesView view(db.path());
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(view.model()->rowCount() == 3 && view.model()->isRowFresh(2));
    view.table()->selectRow(1); // newest first: ch_3, ch_2, ch_1
    QCOMPARE(view.currentRecord().recordId, QStringLiteral("ch_2"));
    QCOMPARE(view.currentRecord().invoiceId, QStringLiteral("ch_2"));
    QSignalSpy changed(&view, &RecordTableView::currentRecordChanged);

    QVERIFY2(RecordRepository(db).upsertInvoices(account, {invoice(4), invoice(5)}, &error),
             qPrintable(error));
    view.model()->refresh();
    QTRY_COMPARE(view.model()->rowCount(), 5);
    QTRY_COMPARE(view.table()->currentIndex().row(), 3);
    QCOMPARE(view.currentRecord().recordId, QStringLiteral("ch_2"));
    QVERIFY(view.table()->selectionModel()->isRowSelected(3, {}));
    QCOMPARE(changed.count(), 0);

    RecordFilter onlyFailed;
    onlyFailed.status = QStringLiteral("failed");
    view.model()->setFilter(onlyFailed);
    QTRY_COMPARE(view.model()->rowCount(), 0);
    QVERIFY(!view.currentRecord().isValid());
    QVERIFY(changed.count() >= 1);
}

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
