#include "accountlistmodel.h"

namespace rd {

AccountListModel::AccountListModel(QObject *parent) : QAbstractListModel(parent) {}

void AccountListModel::setAccounts(const QList<Account> &accounts)
{
    beginResetModel();
    m_accounts = accounts;
    endResetModel();
}

int AccountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size()) + 1;
}

QVariant AccountListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.row() == 0) {
        switch (role) {
        case Qt::DisplayRole:
            return tr("All accounts");
        case AccountIdRole:
            return qint64(0);
        default:
            return {};
        }
    }
    const Account &a = m_accounts.at(index.row() - 1);
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 (%2)").arg(a.name, dialectDisplayName(a.dialect));
    case Qt::ToolTipRole:
        return a.baseUrl;
    case AccountIdRole:
        return a.id;
    case DialectRole:
        return dialectName(a.dialect);
    default:
        return {};
    }
}

} // namespace rd
