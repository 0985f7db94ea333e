#include "recordtableview.h"

#include "lazytablemodel.h"

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
      m_empty(new QLabel(emptyText, this)), m_stack(new QStackedWidget(this))
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
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(model, &LazyTableModel::rowCountKnown, this, &RecordTableView::updateEmptyState);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { Q_EMIT currentRowChanged(current); });
    // A reset drops the selection model's current row: tell listeners it is gone.
    connect(model, &QAbstractItemModel::modelReset, this,
            [this] { Q_EMIT currentRowChanged(QModelIndex()); });
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
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget *>(m_empty) : m_table);
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
