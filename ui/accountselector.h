// The account selector: "All accounts" or one account; the tables, the detail pane and sync
// follow it.
#pragma once

#include "store/accountrepository.h"

#include <QWidget>

class QComboBox;

namespace rd {

class AccountListModel;

class AccountSelector final : public QWidget
{
    Q_OBJECT
public:
    explicit AccountSelector(QWidget *parent = nullptr);

    void setAccounts(const QList<Account> &accounts);
    const QList<Account> &accounts() const;
    qint64 currentAccountId() const; // 0 = all accounts
    void setCurrentAccountId(qint64 id);

Q_SIGNALS:
    void accountChanged(qint64 accountId);

private:
    AccountListModel *m_model;
    QComboBox *m_combo;
};

} // namespace rd
