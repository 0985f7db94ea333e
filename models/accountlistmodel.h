// The list of accounts for the account selector, with an "All accounts" row first.
#pragma once

#include "store/accountrepository.h"

#include <QAbstractListModel>

namespace rd {

class AccountListModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { AccountIdRole = Qt::UserRole + 1, DialectRole };

    explicit AccountListModel(QObject *parent = nullptr);

    void setAccounts(const QList<Account> &accounts);
    const QList<Account> &accounts() const { return m_accounts; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    QList<Account> m_accounts;
};

} // namespace rd
