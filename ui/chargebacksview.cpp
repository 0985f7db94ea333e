#include "chargebacksview.h"

#include "chargebacktablemodel.h"

#include <QTableView>

namespace rd {

ChargebacksView::ChargebacksView(const QString &databasePath, QWidget *parent)
    : RecordTableView(new ChargebackTableModel(databasePath), QStringLiteral("chargebacks"),
                      tr("No chargebacks match."), parent)
{
    table()->setAccessibleName(tr("Chargebacks"));
    setColumnWidths({130, 130, 170, 170, 120, 160, 220, 120, 160});
}

} // namespace rd
