#include "teamdatabasedialog.h"

#include "store/database.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace rd {

TeamDatabaseDialog::TeamDatabaseDialog(QWidget *parent)
    : QDialog(parent), m_address(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Open Team Database"));
    m_address->setObjectName(QStringLiteral("teamAddress"));
    m_address->setPlaceholderText(tr("postgresql://user@host:5432/refunddesk"));
    m_address->setToolTip(tr("The team database's address: postgresql://USER@HOST[:PORT]/DBNAME, "
                             "optionally with ?sslmode=verify-full. Without sslmode, "
                             "verify-full is used for every server that is not this machine."));
    m_password->setObjectName(QStringLiteral("teamPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Kept in the OS keychain for this address, never in settings. "
                              "Leave empty to use ~/.pgpass or PGPASSWORD."));
    m_problem->setObjectName(QStringLiteral("teamProblem"));
    m_problem->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Address:"), m_address);
    form->addRow(tr("&Password:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_address, &QLineEdit::textChanged, this, &TeamDatabaseDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

TeamDatabaseChoice TeamDatabaseDialog::choice() const
{
    return TeamDatabaseChoice{m_address->text().trimmed(), m_password->text()};
}

QString TeamDatabaseDialog::addressProblem(const QString &address)
{
    const QString a = address.trimmed();
    if (a.isEmpty())
        return tr("Type the team database's address.");
    if (!Database::isServerAddress(a))
        return tr("The address starts with postgresql://.");
    const QUrl url(a, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return tr("The address needs a server: postgresql://USER@HOST/DBNAME.");
    if (!url.password().isEmpty())
        return tr("Leave the password out of the address; type it below or keep it in "
                  "~/.pgpass.");
    if (url.path().size() < 2)
        return tr("The address needs the database's name after the server: …/DBNAME.");
    return QString();
}

void TeamDatabaseDialog::validate()
{
    const QString problem = addressProblem(m_address->text());
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(problem.isEmpty());
}

} // namespace rd
