#include "chargebacksview.h"

#include "chargebacktablemodel.h"

#include <QTableView>

namespace rd {

ChargebacksView::ChargebacksView(const QString &databasePath, QWidget *parent)
    : RecordTableView(new ChargebackTableModel(databasePath), QStringLiteral("chargebacks"),
                      tr("No chargebacks match."), parent)
{
    table()->setAccessibleName(tr("Chargebacks"));
    setColumnWidths({115, 125, 150, 150, 110, 210, 160, 200, 160});
}

} // namespace rd
