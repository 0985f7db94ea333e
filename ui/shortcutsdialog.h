// Help > Keyboard shortcuts: every key the window answers to. The rows are read from the
// window's QActions and its tab bar when the dialog opens, so the list cannot drift from what
// the keys do; the few keys that belong to the tables and the keyboard walk (no action
// behind them) are added as fixed rows.
#pragma once

#include <QDialog>

class QMainWindow;
class QTableWidget;

namespace rd {

struct ShortcutRow
{
    QString keys;        // as shown, in the platform's notation; several joined by ", "
    QString description; // what the key does
};

class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QMainWindow *window, QWidget *parent = nullptr);

    // The rows for `window`: its actions with a shortcut (menu order is not needed: sorted by
    // what they do), its tabs' Alt keys, then the table and focus keys.
    static QList<ShortcutRow> rowsFor(QMainWindow *window);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace rd
