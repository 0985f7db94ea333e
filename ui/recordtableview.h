// What every table view of the main window shares: a QTableView over a lazy model with
// SQL-backed header sorting (indexed columns only), a fixed row height so a million rows scroll
// cheaply, an empty-state message, and column layout and sort remembered in QSettings.
#pragma once

#include <QModelIndex>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTableView;

namespace rd {

class LazyTableModel;

class RecordTableView : public QWidget
{
    Q_OBJECT
public:
    QTableView *table() const { return m_table; }
    LazyTableModel *model() const { return m_model; }
    QModelIndex currentIndex() const;

    void saveState() const;
    void restoreState();

Q_SIGNALS:
    void currentRowChanged(const QModelIndex &index);

protected:
    // `settingsKey` names the QSettings group; `emptyText` shows when no row matches.
    RecordTableView(LazyTableModel *model, const QString &settingsKey, const QString &emptyText,
                    QWidget *parent);
    void setColumnWidths(const QList<int> &widths);
    void addToolRow(QWidget *row); // above the table, for view-specific controls

private:
    void onHeaderClicked(int section);
    void updateEmptyState();

    LazyTableModel *m_model;
    QString m_settingsKey;
    QTableView *m_table;
    QLabel *m_empty;
    QStackedWidget *m_stack;
};

} // namespace rd
