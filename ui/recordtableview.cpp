#include "recordtableview.h"

#include "lazytablemodel.h"
#include "modelroles.h"

#include <QFocusEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace rd {

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
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // One Tab stop: arrows move within the table, Tab moves on to the next part of the window.
    m_table->setTabKeyNavigation(false);
    m_table->installEventFilter(this);
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

void RecordTableView::setColumnWidths(const QList<int> &widths)
{
    for (int i = 0; i < widths.size(); ++i)
        m_table->setColumnWidth(i, widths.at(i));
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
}

void RecordTableView::restoreState()
{
    const QSettings settings;
    const QByteArray state =
        settings.value(QStringLiteral("views/%1/header").arg(m_settingsKey)).toByteArray();
    QHeaderView *header = m_table->horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state))
        return;
    if (m_model->isSortable(header->sortIndicatorSection()))
        m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    else
        header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
}

} // namespace rd
