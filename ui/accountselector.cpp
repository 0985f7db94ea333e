#include "accountselector.h"

#include "accountlistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace rd {

AccountSelector::AccountSelector(QWidget *parent)
    : QWidget(parent), m_model(new AccountListModel(this)), m_combo(new QComboBox(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("&Account:"), this);
    label->setBuddy(m_combo);
    m_combo->setModel(m_model);
    m_combo->setAccessibleName(tr("Account"));
    // Room for a usual account name; a long one is cut here and whole in the open list, so
    // one long name does not push the window wider than a laptop screen.
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(12);
    layout->addWidget(label);
    layout->addWidget(m_combo);
    connect(m_combo, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT accountChanged(currentAccountId()); });
}

void AccountSelector::setAccounts(const QList<Account> &accounts)
{
    const qint64 keep = currentAccountId();
    const QSignalBlocker blocker(m_combo);
    m_model->setAccounts(accounts);
    setCurrentAccountId(keep);
    if (m_combo->currentIndex() < 0)
        m_combo->setCurrentIndex(0);
    if (currentAccountId() != keep)
        Q_EMIT accountChanged(currentAccountId());
}

const QList<Account> &AccountSelector::accounts() const
{
    return m_model->accounts();
}

qint64 AccountSelector::currentAccountId() const
{
    return m_combo->currentData(AccountListModel::AccountIdRole).toLongLong();
}

void AccountSelector::setCurrentAccountId(qint64 id)
{
    const int row = m_combo->findData(id, AccountListModel::AccountIdRole);
    m_combo->setCurrentIndex(row < 0 ? 0 : row);
}

} // namespace rd
