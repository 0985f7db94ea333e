#include "tablecopy.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>

#include <algorithm>

namespace rd {

namespace {

// A tab or line break inside a cell would shift the columns of the paste.
QString cell(const QVariant &value)
{
    QString text = value.toString();
    for (QChar &c : text) {
        if (c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            c = QLatin1Char(' ');
    }
    return text;
}

} // namespace

QString selectedRowsAsTsv(const QTableView *table)
{
    const QAbstractItemModel *model = table->model();
    if (!model || !table->selectionModel())
        return QString();
    QList<int> rows;
    for (const QModelIndex &index : table->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty())
        return QString();
    std::sort(rows.begin(), rows.end());

    const QHeaderView *header = table->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns << logical;
    }
    QStringList lines;
    QStringList fields;
    for (const int column : std::as_const(columns))
        fields << cell(model->headerData(column, Qt::Horizontal));
    lines << fields.join(QLatin1Char('\t'));
    for (const int row : std::as_const(rows)) {
        fields.clear();
        for (const int column : std::as_const(columns))
            fields << cell(model->index(row, column).data());
        lines << fields.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace rd
