// What every table view of the main window shares: a QTableView over a lazy model with
// SQL-backed header sorting (indexed columns only), a fixed row height so a million rows scroll
// cheaply, an empty-state message, and column layout and sort remembered in QSettings.
// It also tracks the record under its current row, so the window acts on what is highlighted.
#pragma once

#include <QModelIndex>
#include <QWidget>

class QLabel;
class QMenu;
class QStackedWidget;
class QTableView;

namespace rd {

class LazyTableModel;

// The record under a table's current row; empty while there is none or it is not loaded yet.
struct CurrentRecord
{
    qint64 accountId = 0;
    QString recordId;
    QString invoiceId; // the invoice the detail pane shows for this row

    bool isValid() const { return !recordId.isEmpty(); }
    bool operator==(const CurrentRecord &o) const
    {
        return accountId == o.accountId && recordId == o.recordId && invoiceId == o.invoiceId;
    }
    bool operator!=(const CurrentRecord &o) const { return !(*this == o); }
};

class RecordTableView : public QWidget
{
    Q_OBJECT
public:
    QTableView *table() const { return m_table; }
    LazyTableModel *model() const { return m_model; }
    QModelIndex currentIndex() const;
    CurrentRecord currentRecord() const { return m_current; }
    QString settingsKey() const { return m_settingsKey; }

    void saveState() const;
    void restoreState();

    // The columns, for the column chooser: titles by logical index, which show, in what order.
    // The first window fits the columns it shows into the table's width; a column the person
    // widened, moved or hid keeps what they chose (remembered in the settings).
    QStringList columnTitles() const;
    bool isColumnVisible(int logical) const;
    void setColumnVisible(int logical, bool visible); // the last visible column stays
    QList<int> columnOrder() const; // logical indexes in the order shown, hidden ones too
    void setColumnOrder(const QList<int> &logicalInOrder);
    void resetColumns(); // the default columns, order and widths
    // The header state a saved view keeps (order, visibility, widths, sort) and puts back.
    QByteArray columnState() const;
    bool setColumnState(const QByteArray &state);
    // Show/hide per column, "Arrange columns…" and "Reset columns"; the header's context menu
    // and View > Columns both use it.
    void fillColumnMenu(QMenu *menu);

    // What the cache holds as a whole, so an empty table can say why it is empty in words that
    // fit: no account to fetch from, nothing fetched yet, or (Synced) the view's own text.
    enum class CacheState { Synced, NoAccounts, NeverSynced };
    void setCacheState(CacheState state);

Q_SIGNALS:
    // The record under the current row changed: another row, a row that vanished after a filter
    // or a sync (empty then), or the same row now holding another record after a refresh.
    void currentRecordChanged();
    // The empty-state's "Clear filters" link was followed.
    void clearFiltersRequested();
    // The person showed, hid or moved a column (already saved).
    void columnsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

protected:
    // `settingsKey` names the QSettings group; `emptyText` shows when no row matches.
    RecordTableView(LazyTableModel *model, const QString &settingsKey, const QString &emptyText,
                    QWidget *parent);
    // Preferred widths by logical column, and the least each may be squeezed to when the
    // table is narrow (0 or missing: its title's width). Hidden by default: columns most
    // people do not need, a click away in the column chooser.
    void setColumnWidths(const QList<int> &widths, const QList<int> &least = {});
    void setDefaultHiddenColumns(const QList<int> &columns);
    // Ids keep both ends when cut ("ch_3Sb…Yk2"), where the characters that differ are.
    void setMiddleElidedColumns(const QList<int> &columns);
    // What a cell holding `sample` needs, in the table's font, for widths that follow it.
    int widthFor(const QString &sample) const;
    // Samples in the display format: a timestamp, a large amount, the longest common status.
    static QString sampleTimestamp();
    static QString sampleAmount();
    static QString sampleStatus();
    void addToolRow(QWidget *row); // above the table, for view-specific controls
    // The role that names the row's invoice: RecordIdRole for invoices, InvoiceIdRole otherwise.
    void setInvoiceRole(int role) { m_invoiceRole = role; }

private:
    void onHeaderClicked(int section);
    void updateEmptyState();
    CurrentRecord recordAt(int row) const;
    void updateCurrent();
    void onRowsChanged(int first, int last);
    void selectRow(int row);
    void fitColumns();
    void columnsEdited();

    QList<int> m_widths;
    QList<int> m_leastWidths;
    QList<int> m_defaultHidden;
    // True once the person sized, moved or hid a column: from then on their layout stands.
    bool m_customColumns = false;
    bool m_fitting = false;
    bool m_headerPressed = false; // the mouse is down on the header: a drag is the person's

    LazyTableModel *m_model;
    QString m_settingsKey;
    QTableView *m_table;
    QLabel *m_empty;
    QString m_emptyText;
    CacheState m_cacheState = CacheState::Synced;
    QStackedWidget *m_stack;
    int m_invoiceRole;
    CurrentRecord m_current;
    CurrentRecord m_restore; // the record to find again after a filter reset the rows
};

} // namespace rd
