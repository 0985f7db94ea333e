#include "recordtableview.h"

#include "columnchooser.h"
#include "displayformat.h"
#include "lazytablemodel.h"
#include "modelroles.h"

#include <QFocusEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QScopedValueRollback>
#include <QSettings>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace rd {

namespace {

class MiddleElideDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};

} // namespace

RecordTableView::RecordTableView(LazyTableModel *model, const QString &settingsKey,
                                 const QString &emptyText, QWidget *parent)
    : QWidget(parent), m_model(model), m_settingsKey(settingsKey), m_table(new QTableView(this)),
      m_empty(new QLabel(this)), m_emptyText(emptyText), m_stack(new QStackedWidget(this)),
      m_invoiceRole(InvoiceIdRole)
{
    model->setParent(this);
    m_table->setModel(model);
    m_table->setObjectName(settingsKey + QStringLiteral("Table"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Texts are cut at the end, so a status reads "Requires action…" rather than losing its
    // middle; a cut cell shows in full in its tooltip.
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // One Tab stop: arrows move within the table, Tab moves on to the next part of the window.
    m_table->setTabKeyNavigation(false);
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this);
    m_table->horizontalHeader()->viewport()->installEventFilter(this);
    // Fixed heights: the view never measures rows, so a million rows cost nothing to lay out.
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    rows->hide();

    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSectionsMovable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(model->sortColumn(), model->sortOrder());
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(header, &QHeaderView::sectionClicked, this, &RecordTableView::onHeaderClicked);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        fillColumnMenu(&menu);
        menu.exec(m_table->horizontalHeader()->mapToGlobal(pos));
    });
    connect(header, &QHeaderView::sectionMoved, this, &RecordTableView::columnsEdited);
    connect(header, &QHeaderView::sectionResized, this, [this](int logical) {
        // A width is the person's when they drag (or double-click) a divider: the mouse is
        // down on the header. The view's own changes (a reset model, a hidden column, the stretched
        // last column following the window) are not.
        QHeaderView *h = m_table->horizontalHeader();
        int last = h->count() - 1;
        while (last > 0 && h->isSectionHidden(h->logicalIndex(last)))
            --last;
        if (m_fitting || m_customColumns || !m_headerPressed || h->isSectionHidden(logical) ||
            logical == h->logicalIndex(last))
            return;
        m_customColumns = true;
        saveState();
    });

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(24);
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    connect(m_empty, &QLabel::linkActivated, this, &RecordTableView::clearFiltersRequested);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(model, &LazyTableModel::rowCountKnown, this, &RecordTableView::updateEmptyState);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RecordTableView::updateCurrent);
    // A reset (new filter or sort) drops the current row: the record is gone unless it shows up
    // again among the new rows.
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_current.isValid())
            m_restore = m_current;
        updateCurrent();
    });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br) {
                onRowsChanged(tl.row(), br.row());
            });
    connect(model, &QAbstractItemModel::rowsRemoved, this, &RecordTableView::updateCurrent);
    connect(model, &LazyTableModel::loadingChanged, this, [this](bool loading) {
        // The new rows are in and the record is not among the first of them: let it go. An
        // empty result keeps it, so clearing a search that matched nothing finds it again.
        if (!loading && m_model->rowCount() > 0)
            m_restore = {};
    });
}

CurrentRecord RecordTableView::recordAt(int row) const
{
    if (!m_model->isRowFresh(row))
        return {};
    const QModelIndex i = m_model->index(row, 0);
    return {i.data(AccountIdRole).toLongLong(), i.data(RecordIdRole).toString(),
            i.data(m_invoiceRole).toString()};
}

void RecordTableView::updateCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    const CurrentRecord now = current.isValid() ? recordAt(current.row()) : CurrentRecord();
    if (now == m_current)
        return;
    m_current = now;
    if (now.isValid())
        m_restore = {};
    Q_EMIT currentRecordChanged();
}

void RecordTableView::onRowsChanged(int first, int last)
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() && m_restore.isValid()) {
        const int row = m_model->findLoadedRow(m_restore.accountId, m_restore.recordId);
        if (row >= 0)
            selectRow(row);
        return;
    }
    if (!current.isValid() || current.row() < first || current.row() > last)
        return;
    const CurrentRecord now = recordAt(current.row());
    if (!now.isValid())
        return; // not read yet: the row keeps standing for the record it showed
    if (!m_current.isValid() ||
        (now.accountId == m_current.accountId && now.recordId == m_current.recordId)) {
        updateCurrent();
        return;
    }
    // A refresh moved another record under the highlighted row (a sync added rows above it):
    // follow the record if it is in memory, otherwise let go of the row rather than act on
    // a record the clerk did not choose.
    const int row = m_model->findLoadedRow(m_current.accountId, m_current.recordId);
    if (row >= 0) {
        selectRow(row);
        return;
    }
    m_table->selectionModel()->clear();
    updateCurrent();
}

void RecordTableView::selectRow(int row)
{
    const QModelIndex index = m_model->index(row, std::max(0, m_table->currentIndex().column()));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    updateCurrent();
}

bool RecordTableView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    if (watched == m_table->horizontalHeader()->viewport()) {
        if (event->type() == QEvent::MouseButtonPress ||
            event->type() == QEvent::MouseButtonDblClick)
            m_headerPressed = true;
        else if (event->type() == QEvent::MouseButtonRelease)
            m_headerPressed = false;
    }
    // A focused table always shows a highlighted row, so the keyboard has a visible place.
    // (A click picks its own row, so only keyboard focus needs one.)
    if (watched == m_table && event->type() == QEvent::FocusIn && m_model->rowCount() > 0 &&
        static_cast<QFocusEvent *>(event)->reason() != Qt::MouseFocusReason) {
        const QModelIndex current = m_table->currentIndex();
        if (!current.isValid())
            selectRow(0);
        else if (!m_table->selectionModel()->isRowSelected(current.row(), {}))
            selectRow(current.row());
    }
    return QWidget::eventFilter(watched, event);
}

QModelIndex RecordTableView::currentIndex() const
{
    return m_table->currentIndex();
}

void RecordTableView::setColumnWidths(const QList<int> &widths, const QList<int> &least)
{
    m_widths = widths;
    m_leastWidths = least;
    const QScopedValueRollback<bool> programmatic(m_fitting, true);
    for (int i = 0; i < widths.size(); ++i)
        m_table->setColumnWidth(i, widths.at(i));
    fitColumns();
}

void RecordTableView::setDefaultHiddenColumns(const QList<int> &columns)
{
    m_defaultHidden = columns;
    {
        const QScopedValueRollback<bool> programmatic(m_fitting, true);
        for (int c : columns)
            m_table->horizontalHeader()->setSectionHidden(c, true);
    }
    fitColumns();
}

void RecordTableView::setMiddleElidedColumns(const QList<int> &columns)
{
    auto *delegate = new MiddleElideDelegate(m_table);
    for (int c : columns)
        m_table->setItemDelegateForColumn(c, delegate);
}

int RecordTableView::widthFor(const QString &sample) const
{
    // The text, the cell's margins on both sides and a little air.
    return m_table->fontMetrics().horizontalAdvance(sample) + 20;
}

QString RecordTableView::sampleTimestamp()
{
    return display::timestamp(
        QDateTime(QDate(2024, 12, 28), QTime(23, 58), Qt::UTC).toSecsSinceEpoch());
}

QString RecordTableView::sampleAmount()
{
    return display::amount(88888888, QStringLiteral("KES"));
}

QString RecordTableView::sampleStatus()
{
    return display::statusLabel(QStringLiteral("requires_action"));
}

void RecordTableView::fitColumns()
{
    // Until the person sizes a column, the shown columns share the table's width: each gets
    // its preferred width when they all fit; otherwise the room is taken from what each column
    // has beyond its least width (its title, or what the view asks for, like a status that
    // must read whole), in proportion. Nothing hides off to the right behind a scroll bar
    // unless even the least widths do not fit.
    QHeaderView *header = m_table->horizontalHeader();
    const int available = m_table->viewport()->width();
    if (m_customColumns || m_widths.isEmpty() || available <= 0)
        return;
    const QFontMetrics metrics = header->fontMetrics();
    struct Part
    {
        int logical;
        int preferred;
        int least;
    };
    QList<Part> shown;
    qint64 preferred = 0;
    qint64 excess = 0;
    for (int i = 0; i < header->count(); ++i) {
        if (header->isSectionHidden(i))
            continue;
        const QString title = m_model->headerData(i, Qt::Horizontal).toString();
        const int want = m_widths.value(i, 100);
        const int least = std::min(
            want, std::max(m_leastWidths.value(i, 0), metrics.horizontalAdvance(title) + 24));
        shown.append({i, want, least});
        preferred += want;
        excess += want - least;
    }
    const qint64 need = std::max<qint64>(0, preferred - available);
    const QScopedValueRollback<bool> programmatic(m_fitting, true);
    for (const Part &p : std::as_const(shown)) {
        int width = p.preferred;
        if (need > 0)
            // Rounded up, so the shares never add up to more than the room.
            width = need >= excess
                        ? p.least
                        : p.preferred - int(((p.preferred - p.least) * need + excess - 1) / excess);
        header->resizeSection(p.logical, width);
    }
}

void RecordTableView::columnsEdited()
{
    saveState();
    Q_EMIT columnsChanged();
}

QStringList RecordTableView::columnTitles() const
{
    QStringList titles;
    for (int i = 0; i < m_model->columnCount(); ++i)
        titles << m_model->headerData(i, Qt::Horizontal).toString();
    return titles;
}

bool RecordTableView::isColumnVisible(int logical) const
{
    return !m_table->horizontalHeader()->isSectionHidden(logical);
}

void RecordTableView::setColumnVisible(int logical, bool visible)
{
    QHeaderView *header = m_table->horizontalHeader();
    if (logical < 0 || logical >= header->count() || isColumnVisible(logical) == visible)
        return;
    if (!visible && header->count() - header->hiddenSectionCount() <= 1)
        return; // a table with no column would look empty rather than chosen so
    {
        const QScopedValueRollback<bool> programmatic(m_fitting, true);
        header->setSectionHidden(logical, !visible);
        if (visible && header->sectionSize(logical) < header->minimumSectionSize() * 2)
            header->resizeSection(logical, m_widths.value(logical, 100));
    }
    fitColumns();
    columnsEdited();
}

QList<int> RecordTableView::columnOrder() const
{
    const QHeaderView *header = m_table->horizontalHeader();
    QList<int> order;
    for (int visual = 0; visual < header->count(); ++visual)
        order << header->logicalIndex(visual);
    return order;
}

void RecordTableView::setColumnOrder(const QList<int> &logicalInOrder)
{
    QHeaderView *header = m_table->horizontalHeader();
    const QSignalBlocker blocker(header); // one save at the end, not one per move
    for (int visual = 0; visual < logicalInOrder.size() && visual < header->count(); ++visual) {
        const int from = header->visualIndex(logicalInOrder.at(visual));
        if (from >= 0 && from != visual)
            header->moveSection(from, visual);
    }
    header->viewport()->update();
    fitColumns();
    columnsEdited();
}

void RecordTableView::resetColumns()
{
    QHeaderView *header = m_table->horizontalHeader();
    {
        const QSignalBlocker blocker(header);
        const QScopedValueRollback<bool> programmatic(m_fitting, true);
        for (int i = 0; i < header->count(); ++i) {
            header->setSectionHidden(i, m_defaultHidden.contains(i));
            header->moveSection(header->visualIndex(i), i);
        }
    }
    header->viewport()->update();
    m_customColumns = false;
    fitColumns();
    columnsEdited();
}

QByteArray RecordTableView::columnState() const
{
    return m_table->horizontalHeader()->saveState();
}

bool RecordTableView::setColumnState(const QByteArray &state)
{
    QHeaderView *header = m_table->horizontalHeader();
    {
        const QScopedValueRollback<bool> programmatic(m_fitting, true);
        if (state.isEmpty() || !header->restoreState(state))
            return false;
    }
    if (m_model->isSortable(header->sortIndicatorSection()))
        m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    else
        header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    fitColumns();
    columnsEdited();
    return true;
}

void RecordTableView::fillColumnMenu(QMenu *menu)
{
    const QStringList titles = columnTitles();
    const QHeaderView *header = m_table->horizontalHeader();
    const bool lastOne = header->count() - header->hiddenSectionCount() <= 1;
    for (int logical : columnOrder()) {
        QAction *show = menu->addAction(titles.value(logical));
        show->setCheckable(true);
        show->setChecked(isColumnVisible(logical));
        show->setEnabled(!(lastOne && isColumnVisible(logical)));
        connect(show, &QAction::toggled, this,
                [this, logical](bool on) { setColumnVisible(logical, on); });
    }
    menu->addSeparator();
    QAction *arrange = menu->addAction(tr("&Arrange columns…"));
    arrange->setStatusTip(tr("Show, hide and reorder this table's columns"));
    connect(arrange, &QAction::triggered, this, [this] {
        auto *dialog = new ColumnChooserDialog(this, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    QAction *reset = menu->addAction(tr("&Reset columns"));
    reset->setStatusTip(tr("Show this table's usual columns in their usual order and widths"));
    connect(reset, &QAction::triggered, this, &RecordTableView::resetColumns);
}

void RecordTableView::addToolRow(QWidget *row)
{
    static_cast<QVBoxLayout *>(layout())->insertWidget(0, row);
}

void RecordTableView::onHeaderClicked(int section)
{
    QHeaderView *header = m_table->horizontalHeader();
    if (!m_model->isSortable(section)) {
        // Keep showing the order the rows are really in.
        header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
        return;
    }
    const Qt::SortOrder order =
        section == m_model->sortColumn()
            ? (m_model->sortOrder() == Qt::AscendingOrder ? Qt::DescendingOrder
                                                          : Qt::AscendingOrder)
            : Qt::AscendingOrder;
    header->setSortIndicator(section, order);
    m_model->sort(section, order);
}

void RecordTableView::updateEmptyState()
{
    // Rows exist but the filters hide them: say so, rather than suggest fetching more.
    RecordFilter narrowing = m_model->filter();
    narrowing.accountId = 0;
    const QString search = narrowing.search.trimmed();
    const QString clear = QStringLiteral("<a href=\"clear\">%1</a>").arg(tr("Clear filters"));
    if (!search.isEmpty())
        m_empty->setText(tr("Nothing matched the search \"%1\" and the filters. %2 (or press Esc "
                            "in the search box) to see every row.")
                             .arg(search.toHtmlEscaped(), clear));
    else if (!narrowing.isEmpty())
        m_empty->setText(tr("Nothing matched the filters. %1 to see every row.").arg(clear));
    else if (m_cacheState == CacheState::NoAccounts)
        m_empty->setText(tr("There is no gateway account yet, so there is nothing to show. Add "
                            "one with File > Accounts…, or try the demo.")
                             .toHtmlEscaped());
    else if (m_cacheState == CacheState::NeverSynced)
        m_empty->setText(tr("Nothing has been fetched yet: no account has been synced. Press "
                            "Sync (F5) to fetch invoices, refunds and chargebacks.")
                             .toHtmlEscaped());
    else
        m_empty->setText(m_emptyText.toHtmlEscaped());
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget *>(m_empty) : m_table);
}

void RecordTableView::setCacheState(CacheState state)
{
    if (state == m_cacheState)
        return;
    m_cacheState = state;
    updateEmptyState();
}

void RecordTableView::saveState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("views/%1/header").arg(m_settingsKey),
                      m_table->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("views/%1/customWidths").arg(m_settingsKey), m_customColumns);
}

void RecordTableView::restoreState()
{
    const QSettings settings;
    const QByteArray state =
        settings.value(QStringLiteral("views/%1/header").arg(m_settingsKey)).toByteArray();
    QHeaderView *header = m_table->horizontalHeader();
    {
        const QScopedValueRollback<bool> programmatic(m_fitting, true);
        if (state.isEmpty() || !header->restoreState(state))
            return;
    }
    m_customColumns =
        settings.value(QStringLiteral("views/%1/customWidths").arg(m_settingsKey)).toBool();
    if (m_model->isSortable(header->sortIndicatorSection()))
        m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    else
        header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    fitColumns();
}

} // namespace rd
