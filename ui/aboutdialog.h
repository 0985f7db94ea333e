// Help > About RefundDesk: what is running (RefundDesk, Qt and SQLite versions), which cache it
// works on, and under which licences.
#pragma once

#include <QDialog>

class QLabel;

namespace rd {

class Database;

class AboutDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(Database &db, QWidget *parent = nullptr);

    QLabel *textLabel() const { return m_text; }

private:
    QLabel *m_text;
};

} // namespace rd
