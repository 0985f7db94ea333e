#include "columnchooser.h"

#include "recordtableview.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {
constexpr int LogicalRole = Qt::UserRole;
}

ColumnChooserDialog::ColumnChooserDialog(RecordTableView *view, QWidget *parent)
    : QDialog(parent), m_view(view), m_list(new QListWidget(this)),
      m_up(new QPushButton(tr("Move &up"), this)), m_down(new QPushButton(tr("Move &down"), this))
{
    setWindowTitle(tr("Arrange columns"));
    setObjectName(QStringLiteral("columnChooser"));
    auto *hint = new QLabel(tr("Tick the columns to show (Space) and put them in the order "
                               "wanted (Alt+U, Alt+D)."),
                            this);
    hint->setWordWrap(true);
    m_list->setAccessibleName(tr("Columns"));
    const QStringList titles = view->columnTitles();
    for (int logical : view->columnOrder()) {
        auto *item = new QListWidgetItem(titles.value(logical), m_list);
        item->setData(LogicalRole, logical);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(view->isColumnVisible(logical) ? Qt::Checked : Qt::Unchecked);
    }
    m_list->setCurrentRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &ColumnChooserDialog::updateButtons);
    connect(m_list, &QListWidget::itemChanged, this, &ColumnChooserDialog::updateButtons);
    // The buttons move the highlighted column; focus stays in the list so the keys go on working.
    m_up->setAutoDefault(false);
    m_down->setAutoDefault(false);

    auto *side = new QVBoxLayout;
    side->addWidget(m_up);
    side->addWidget(m_down);
    side->addStretch(1);
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_list, 1);
    middle->addLayout(side);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(middle, 1);
    layout->addWidget(buttons);
    updateButtons();
}

void ColumnChooserDialog::move(int by)
{
    const int from = m_list->currentRow();
    const int to = from + by;
    if (from < 0 || to < 0 || to >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(from);
    m_list->insertItem(to, item);
    m_list->setCurrentRow(to);
    m_list->setFocus();
}

void ColumnChooserDialog::updateButtons()
{
    const int row = m_list->currentRow();
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < m_list->count() - 1);
    bool anyShown = false;
    for (int i = 0; i < m_list->count(); ++i)
        anyShown = anyShown || m_list->item(i)->checkState() == Qt::Checked;
    // A table with no column shows nothing; say so rather than accept it.
    m_ok->setEnabled(anyShown);
    m_ok->setToolTip(anyShown ? QString() : tr("Tick at least one column to show."));
}

void ColumnChooserDialog::accept()
{
    QList<int> order;
    for (int i = 0; i < m_list->count(); ++i)
        order << m_list->item(i)->data(LogicalRole).toInt();
    m_view->setColumnOrder(order);
    // Show first, then hide, so the table never passes through having no column.
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            m_view->setColumnVisible(order.at(i), true);
    }
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() != Qt::Checked)
            m_view->setColumnVisible(order.at(i), false);
    }
    QDialog::accept();
}

} // namespace rd
