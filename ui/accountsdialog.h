// Add, edit and remove gateway accounts of the five dialects. Secrets go to the system keychain
// through SecretStore (asynchronously); where there is no keychain the person is told the
// secret is kept in memory for this session only.
#pragma once

#include "domain/approvalpolicy.h"
#include "store/accountrepository.h"

#include <QHash>

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace rd {

class Database;
class SecretStore;

class AccountsDialog final : public QDialog
{
    Q_OBJECT
public:
    AccountsDialog(Database &db, SecretStore *secrets, QWidget *parent = nullptr);

    // For tests: the form's fields.
    QLineEdit *nameField() const { return m_name; }
    QComboBox *dialectField() const { return m_dialect; }
    QLineEdit *urlField() const { return m_url; }
    QLineEdit *secretField() const { return m_secret; }
    QLineEdit *approvalField() const { return m_approval; }
    QSpinBox *maxRpsField() const { return m_maxRps; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *noticeLabel() const { return m_notice; }
    QLabel *problemLabel() const { return m_problem; }
    QLabel *keyNoteLabel() const { return m_keyNote; }
    QPushButton *removeButton() const { return m_remove; }
    // Whether the form holds changes not saved yet.
    bool hasUnsavedChanges() const;

public Q_SLOTS:
    // Close and Esc ask before dropping unsaved changes.
    void reject() override;

Q_SIGNALS:
    void accountsChanged();
    // The account's secret is stored (keychain, or this session's memory), so a sync can read it.
    void secretSaved(const QString &accountName);

private:
    void reload(qint64 selectId);
    void showAccount();
    void gatewayChosen();
    void startNew();
    void validate();
    bool save();
    void removeSelected();
    void storeSecret(const QString &name, const QString &secret, const QString &oldName);
    void notice(const QString &text, bool warning);
    qint64 selectedId() const;
    // The approval field as the stored form writes it ("none" when empty); empty when it
    // does not parse.
    QString approvalLine() const;

    Database &m_db;
    SecretStore *m_secrets;
    QList<Account> m_accounts;
    QHash<qint64, ApprovalPolicy> m_policies; // each account's stored approval thresholds
    QListWidget *m_list;
    QLineEdit *m_name;
    QComboBox *m_dialect;
    QLineEdit *m_url;
    // The API address filled in for a new account of the chosen gateway; replaced when the
    // gateway changes, as long as the person has not typed another.
    QString m_suggestedUrl;
    QLineEdit *m_secret;
    QSpinBox *m_maxRps;    // request-rate ceiling; 0 = the gateway's default
    QLabel *m_keyNote;     // which key to paste for the chosen gateway
    QLineEdit *m_approval; // approval thresholds: "500, 50000:JPY", empty for none
    QLabel *m_problem;
    QLabel *m_notice;
    QPushButton *m_save;
    QPushButton *m_remove;
};

} // namespace rd
