// Arrange a table's columns from the keyboard or the mouse: tick the ones to show, move them up
// and down into the order wanted. OK hands the result to the table, which remembers it.
#pragma once

#include <QDialog>

class QListWidget;
class QPushButton;

namespace rd {

class RecordTableView;

class ColumnChooserDialog final : public QDialog
{
    Q_OBJECT
public:
    ColumnChooserDialog(RecordTableView *view, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }

    void accept() override;

private:
    void move(int by);
    void updateButtons();

    RecordTableView *m_view;
    QListWidget *m_list;
    QPushButton *m_up;
    QPushButton *m_down;
    QPushButton *m_ok = nullptr;
};

} // namespace rd
