// File > Open team database…: the address of a PostgreSQL team database and, optionally, the
// password to keep for it in the OS keychain (otherwise libpq's own places are used:
// ~/.pgpass, PGPASSWORD). OK is enabled only for an address RefundDesk can open, and the
// dialog says why not; it returns the choice and the caller opens it.
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace rd {

struct TeamDatabaseChoice
{
    QString address;
    QString password; // empty: leave the keychain as it is
};

class TeamDatabaseDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit TeamDatabaseDialog(QWidget *parent = nullptr);

    TeamDatabaseChoice choice() const;
    QLineEdit *addressField() const { return m_address; }
    QLineEdit *passwordField() const { return m_password; }
    QLabel *problemLabel() const { return m_problem; }

    // Why `address` cannot be opened as a team database, in one sentence; empty when it can.
    static QString addressProblem(const QString &address);

private:
    void validate();

    QLineEdit *m_address;
    QLineEdit *m_password;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace rd
