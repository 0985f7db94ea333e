// The main window: composes the account selector, the views and the actions. It holds no
// business logic of its own.
#pragma once

#include <QMainWindow>

namespace rd {

class AccountListModel;
class Database;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Database &db, QWidget *parent = nullptr);

private:
    Database &m_db;
    AccountListModel *m_accounts = nullptr;
};

} // namespace rd
