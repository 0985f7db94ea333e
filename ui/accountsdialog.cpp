#include "accountsdialog.h"
#include "semanticcolors.h"

#include "fieldhelp.h"
#include "secretstore.h"
#include "store/approvalrepository.h"
#include "store/database.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rd {

namespace {

// Which key to paste, where the gateway shows it, and how the gateway receives it.
// Which key to paste for `dialect`, where its dashboard shows it, how it is sent.
QString keyNote(const QString &dialect)
{
    QString which;
    if (dialect == QLatin1String("stripe"))
        which = AccountsDialog::tr("Stripe: the secret key (sk_live_… or sk_test_…) from "
                                   "Developers > API keys; sent as a Bearer token.");
    else if (dialect == QLatin1String("wooshpay"))
        which = AccountsDialog::tr("WooshPay: the secret key from the dashboard's API keys; "
                                   "sent as the Basic authentication user name.");
    else if (dialect == QLatin1String("chargebee"))
        which = AccountsDialog::tr("Chargebee: a full-access API key from Settings > Configure "
                                   "Chargebee > API Keys; sent as the Basic authentication user "
                                   "name.");
    else if (dialect == QLatin1String("processout"))
        which = AccountsDialog::tr("ProcessOut: the project id and secret key from the "
                                   "dashboard's API keys, typed as project_id:secret; sent as "
                                   "Basic authentication.");
    else if (dialect == QLatin1String("intasend"))
        which = AccountsDialog::tr("IntaSend: the secret key (ISSecretKey_…) from Settings > API "
                                   "Keys; sent as a Bearer token.");
    return which;
}

QString secretHelp(const QString &dialect)
{
    return AccountsDialog::tr("The account's secret API key. %1 It is kept in the system "
                              "keychain, never in the cache; leave it empty to keep the stored "
                              "one.")
        .arg(keyNote(dialect));
}

} // namespace

AccountsDialog::AccountsDialog(Database &db, SecretStore *secrets, QWidget *parent)
    : QDialog(parent), m_db(db), m_secrets(secrets), m_list(new QListWidget(this)),
      m_name(new QLineEdit(this)), m_dialect(new QComboBox(this)), m_url(new QLineEdit(this)),
      m_secret(new QLineEdit(this)), m_maxRps(new QSpinBox(this)), m_keyNote(new QLabel(this)),
      m_approval(new QLineEdit(this)), m_problem(new QLabel(this)), m_notice(new QLabel(this)),
      m_save(new QPushButton(tr("&Save account"), this)),
      m_remove(new QPushButton(tr("&Remove"), this))
{
    setWindowTitle(tr("Accounts"));
    setMinimumSize(720, 400);
    m_list->setAccessibleName(tr("Accounts"));
    m_name->setAccessibleName(tr("Account name"));
    m_dialect->setAccessibleName(tr("Gateway"));
    m_url->setAccessibleName(tr("Base URL"));
    m_secret->setAccessibleName(tr("Secret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_maxRps->setAccessibleName(tr("Request-rate ceiling"));
    m_maxRps->setRange(0, 10000);
    m_maxRps->setSuffix(tr(" requests/s"));
    m_maxRps->setSpecialValueText(tr("Gateway default"));
    setHelp(m_maxRps, tr("At most this many requests a second go to the gateway for this account; "
                         "a sync keeps several in flight up to it and slows down by itself when "
                         "the gateway answers \"too many requests\". \"Gateway default\" uses the "
                         "limit the gateway documents (Stripe: 25 for test keys, 100 for live "
                         "keys)."));
    setHelp(m_name, tr("A name you choose, shown in the lists. It is never sent to the gateway. "
                       "The secret may also come from the environment variable "
                       "REFUNDDESK_SECRET_ and this name in capitals."));
    setHelp(m_dialect, tr("The payment gateway this account is at; it decides how RefundDesk "
                          "talks to it and which refund reasons it offers."));
    setHelp(m_url, tr("The gateway's API address; every request of this account goes there. "
                      "Only https, or http to this computer (a local sandbox)."));
    m_url->setPlaceholderText(QStringLiteral("https://api.stripe.com"));
    m_approval->setAccessibleName(tr("Approval above"));
    m_approval->setObjectName(QStringLiteral("approvalAbove"));
    m_approval->setPlaceholderText(tr("none (for example: 500, 50000:JPY)"));
    setHelp(m_approval,
            tr("Refunds and chargebacks above this amount (major units, in every currency of "
               "the account) wait for another person's approval before anything is sent. "
               "AMOUNT:CUR sets one currency apart; separate several with commas. Empty means "
               "no approval is needed."));
    for (const QString &name : dialectNames())
        m_dialect->addItem(dialectDisplayName(*dialectFromName(name)), name);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Error)));
    m_notice->setWordWrap(true);
    m_notice->setObjectName(QStringLiteral("secretNotice"));
    m_notice->setAccessibleName(tr("Notice"));

    auto *add = new QPushButton(tr("&New account"), this);
    auto *listSide = new QVBoxLayout;
    listSide->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_remove);
    listSide->addLayout(listButtons);

    auto *box = new QGroupBox(tr("Account"), this);
    auto *form = new QFormLayout(box);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Gateway:"), m_dialect);
    form->addRow(tr("Base &URL:"), m_url);
    form->addRow(tr("S&ecret:"), m_secret);
    form->addRow(tr("Request &rate:"), m_maxRps);
    form->addRow(QString(), m_keyNote);
    form->addRow(tr("Approval &above:"), m_approval);
    form->addRow(m_problem);
    form->addRow(m_save);
    form->addRow(m_notice);

    auto *top = new QHBoxLayout;
    top->addLayout(listSide, 2);
    top->addWidget(box, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &AccountsDialog::reject);
    connect(add, &QPushButton::clicked, this, &AccountsDialog::startNew);
    connect(m_remove, &QPushButton::clicked, this, &AccountsDialog::removeSelected);
    connect(m_save, &QPushButton::clicked, this, &AccountsDialog::save);
    connect(m_list, &QListWidget::currentRowChanged, this, &AccountsDialog::showAccount);
    for (QLineEdit *e : {m_name, m_url, m_secret, m_approval})
        connect(e, &QLineEdit::textChanged, this, &AccountsDialog::validate);
    connect(m_maxRps, &QSpinBox::valueChanged, this, &AccountsDialog::validate);
    connect(m_dialect, &QComboBox::currentIndexChanged, this, &AccountsDialog::gatewayChosen);
    setHelp(m_secret, secretHelp(m_dialect->currentData().toString()));
    // Shown, not only on hover: a new user needs to know which of the gateway's keys to paste.
    m_keyNote->setObjectName(QStringLiteral("keyNote"));
    m_keyNote->setWordWrap(true);
    m_keyNote->setStyleSheet(QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Muted)));
    m_keyNote->setText(keyNote(m_dialect->currentData().toString()));
    reload(0);
}

qint64 AccountsDialog::selectedId() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_accounts.size() ? m_accounts.at(row).id : 0;
}

void AccountsDialog::reload(qint64 selectId)
{
    m_accounts = AccountRepository(m_db).list().valueOr({});
    m_policies.clear();
    for (const Account &a : std::as_const(m_accounts))
        m_policies.insert(a.id, ApprovalRepository(m_db).policy(a.id).valueOr(ApprovalPolicy()));
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int select = -1;
    for (const Account &a : std::as_const(m_accounts)) {
        m_list->addItem(QStringLiteral("%1 (%2)").arg(a.name, dialectDisplayName(a.dialect)));
        if (a.id == selectId)
            select = m_list->count() - 1;
    }
    // Open on an account when there is one, so the form never starts out scolding.
    if (select < 0 && selectId == 0 && !m_accounts.isEmpty())
        select = 0;
    m_list->setCurrentRow(select);
    showAccount();
}

void AccountsDialog::showAccount()
{
    const qint64 id = selectedId();
    m_remove->setEnabled(id != 0);
    if (id == 0) {
        startNew();
        return;
    }
    const Account &a = m_accounts.at(m_list->currentRow());
    m_name->setText(a.name);
    m_dialect->setCurrentIndex(m_dialect->findData(dialectName(a.dialect)));
    m_url->setText(a.baseUrl);
    const ApprovalPolicy policy = m_policies.value(a.id);
    m_approval->setText(policy.isEmpty() ? QString() : policy.toLine());
    m_maxRps->setValue(a.maxRps);
    m_secret->clear();
    m_secret->setPlaceholderText(tr("Leave empty to keep the stored secret"));
    validate();
}

void AccountsDialog::gatewayChosen()
{
    // Where each gateway's API lives; the sandbox prefixes work the same way.
    static const QHash<QString, QString> hosts{
        {QStringLiteral("stripe"), QStringLiteral("https://api.stripe.com")},
        {QStringLiteral("wooshpay"), QStringLiteral("https://apitest.wooshpay.com")},
        {QStringLiteral("chargebee"), QStringLiteral("https://YOUR-SITE.chargebee.com")},
        {QStringLiteral("processout"), QStringLiteral("https://api.processout.com")},
        {QStringLiteral("intasend"), QStringLiteral("https://sandbox.intasend.com")}};
    const QString dialect = m_dialect->currentData().toString();
    m_url->setPlaceholderText(hosts.value(dialect));
    // A new account starts with its gateway's address filled in; Chargebee's depends on
    // the site, so it stays a hint to complete.
    if (selectedId() == 0 && m_url->text().trimmed() == m_suggestedUrl) {
        m_suggestedUrl = dialect == QLatin1String("chargebee") ? QString() : hosts.value(dialect);
        m_url->setText(m_suggestedUrl);
    }
    setHelp(m_secret, secretHelp(m_dialect->currentData().toString()));
    m_keyNote->setText(keyNote(m_dialect->currentData().toString()));
    validate();
}

void AccountsDialog::startNew()
{
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(-1);
    }
    m_remove->setEnabled(false);
    m_name->clear();
    m_url->clear();
    m_maxRps->setValue(0);
    m_suggestedUrl.clear();
    m_approval->clear();
    gatewayChosen(); // fills the address in
    m_secret->clear();
    m_secret->setPlaceholderText(tr("API key or secret (ProcessOut: project_id:secret)"));
    m_name->setFocus();
    validate();
}

bool AccountsDialog::hasUnsavedChanges() const
{
    const qint64 id = selectedId();
    if (id == 0)
        return !m_name->text().trimmed().isEmpty() || m_url->text().trimmed() != m_suggestedUrl ||
               !m_secret->text().isEmpty() || !m_approval->text().trimmed().isEmpty() ||
               m_maxRps->value() != 0;
    const Account &a = m_accounts.at(m_list->currentRow());
    return m_name->text().trimmed() != a.name || m_url->text().trimmed() != a.baseUrl ||
           m_dialect->currentData().toString() != dialectName(a.dialect) ||
           m_maxRps->value() != a.maxRps || !m_secret->text().isEmpty() ||
           approvalLine() != m_policies.value(a.id).toLine();
}

QString AccountsDialog::approvalLine() const
{
    const auto policy = ApprovalPolicy::parseLine(m_approval->text(), nullptr);
    return policy ? policy->toLine() : QString();
}

void AccountsDialog::reject()
{
    if (!hasUnsavedChanges()) {
        QDialog::reject();
        return;
    }
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
                        tr("Save the changes to %1 before closing?")
                            .arg(m_name->text().trimmed().isEmpty() ? tr("the new account")
                                                                    : m_name->text().trimmed()),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("unsavedPrompt"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Save)->setEnabled(m_save->isEnabled());
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box] {
        const auto clicked = box->standardButton(box->clickedButton());
        if (clicked == QMessageBox::Discard || (clicked == QMessageBox::Save && save()))
            QDialog::reject();
    });
    box->open();
}

void AccountsDialog::validate()
{
    QString problem = AccountRepository::validateName(m_name->text().trimmed());
    // Another account with the same name, or one whose secret would come from the same
    // environment variable, is refused as it is typed, not on Save.
    const QString name = m_name->text().trimmed();
    for (const Account &other : std::as_const(m_accounts)) {
        if (!problem.isEmpty() || other.id == selectedId())
            continue;
        if (other.name.compare(name, Qt::CaseInsensitive) == 0)
            problem = tr("There is already an account named \"%1\" (names are compared "
                         "without regard to case).")
                          .arg(other.name);
        else if (SecretStore::environmentVariable(other.name) ==
                 SecretStore::environmentVariable(name))
            problem = tr("\"%1\" and \"%2\" would both read their secret from %3, so one "
                         "account could use the other's key. Choose a name that differs in "
                         "letters or digits.")
                          .arg(name, other.name, SecretStore::environmentVariable(name));
    }
    if (problem.isEmpty())
        problem = AccountRepository::validateBaseUrl(m_url->text().trimmed());
    if (problem.isEmpty()) {
        QString why;
        if (!ApprovalPolicy::parseLine(m_approval->text(), &why))
            problem = tr("Approval above: %1").arg(why);
    }
    if (problem.isEmpty() && selectedId() == 0 && m_secret->text().isEmpty())
        problem = tr("Enter the account's secret; RefundDesk cannot reach the gateway without it.");
    m_problem->setText(problem);
    // An account shown as saved offers nothing to save.
    const bool changed = hasUnsavedChanges();
    m_save->setEnabled(problem.isEmpty() && changed);
    m_save->setToolTip(!problem.isEmpty() ? problem
                       : changed          ? QString()
                                          : tr("Nothing changed since the last save."));
}

bool AccountsDialog::save()
{
    const qint64 id = selectedId();
    const QString name = m_name->text().trimmed();
    const Dialect dialect = *dialectFromName(m_dialect->currentData().toString());
    const QString url = m_url->text().trimmed();
    AccountRepository repo(m_db);
    QString error;
    QString oldName;
    qint64 savedId = id;
    if (id == 0) {
        const auto added = repo.add(name, dialect, url, &error);
        if (!added) {
            m_problem->setText(error);
            return false;
        }
        savedId = added->id;
    } else {
        Account a = m_accounts.at(m_list->currentRow());
        oldName = a.name != name ? a.name : QString();
        a.name = name;
        a.dialect = dialect;
        a.baseUrl = url;
        if (!repo.update(a, &error)) {
            m_problem->setText(error);
            return false;
        }
    }
    if (!repo.setMaxRps(savedId, m_maxRps->value(), &error)) {
        m_problem->setText(error);
        return false;
    }
    // The thresholds are not a secret: they live in the cache with the account.
    const auto policy = ApprovalPolicy::parseLine(m_approval->text(), &error);
    if (!policy || !ApprovalRepository(m_db).setPolicy(savedId, *policy, &error)) {
        m_problem->setText(error);
        return false;
    }
    storeSecret(name, m_secret->text(), oldName);
    m_secret->clear();
    reload(savedId);
    Q_EMIT accountsChanged();
    return true;
}

void AccountsDialog::storeSecret(const QString &name, const QString &secret, const QString &oldName)
{
    QPointer<AccountsDialog> guard(this);
    auto reportWrite = [guard, name](const SecretStore::Result &r) {
        if (!guard)
            return;
        if (r.source == SecretStore::Source::Keychain)
            guard->notice(tr("Saved. The secret is in the system keychain."), false);
        else {
            // What to do, not the system's words; those stay in the tooltip for support.
            guard->notice(tr("Saved. No keychain found: the secret is kept for this session "
                             "only. To keep it, unlock or install a keychain (GNOME Keyring, "
                             "KWallet), or set %1.")
                              .arg(SecretStore::environmentVariable(name)),
                          true);
            guard->m_notice->setToolTip(r.error);
        }
        Q_EMIT guard->secretSaved(name);
    };
    if (!secret.isEmpty()) {
        m_secrets->write(name, secret, reportWrite);
        if (!oldName.isEmpty())
            m_secrets->remove(oldName, [](const SecretStore::Result &) {});
        return;
    }
    if (oldName.isEmpty()) {
        notice(tr("Saved. The stored secret is unchanged."), false);
        return;
    }
    // Renamed without a new secret: move the stored one to the new name.
    SecretStore *store = m_secrets;
    m_secrets->read(oldName, [store, name, oldName, reportWrite](const SecretStore::Result &r) {
        if (r.secret.isEmpty())
            return;
        store->write(name, r.secret, reportWrite);
        store->remove(oldName, [](const SecretStore::Result &) {});
    });
}

void AccountsDialog::removeSelected()
{
    const qint64 id = selectedId();
    if (id == 0)
        return;
    const Account account = m_accounts.at(m_list->currentRow());
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Remove account"),
                                tr("Remove %1 and everything cached for it? Nothing changes on "
                                   "the gateway.")
                                    .arg(account.name),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("removePrompt"));
    box->setDefaultButton(QMessageBox::No); // removing is never one Enter away
    box->button(QMessageBox::Yes)->setText(tr("&Remove"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, account] {
        QString error;
        if (!AccountRepository(m_db).remove(account.id, &error)) {
            notice(error, true);
            return;
        }
        m_secrets->remove(account.name, [](const SecretStore::Result &) {});
        notice(tr("%1 was removed.").arg(account.name), false);
        reload(0);
        Q_EMIT accountsChanged();
    });
    box->open();
}

void AccountsDialog::notice(const QString &text, bool warning)
{
    m_notice->setStyleSheet(
        warning ? QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Warning))
                : QString());
    m_notice->setToolTip(QString());
    m_notice->setText(text);
}

} // namespace rd
