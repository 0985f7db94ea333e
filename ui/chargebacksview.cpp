#include "chargebacksview.h"

#include "chargebacktablemodel.h"

#include <QTableView>

namespace rd {

ChargebacksView::ChargebacksView(const QString &databasePath, QWidget *parent)
    : RecordTableView(new ChargebackTableModel(databasePath), QStringLiteral("chargebacks"),
                      tr("No chargebacks match."), parent)
{
    table()->setAccessibleName(tr("Chargebacks"));
    // Created, Account, Chargeback, Invoice, Amount, Status, Reason, Details, Resolution, Gateway
    // status (in the Status tooltip too, so it starts hidden).
    const int date = widthFor(sampleTimestamp());
    const int money = widthFor(sampleAmount());
    const int status = widthFor(sampleStatus());
    setColumnWidths({date, 130, 170, 170, money, status, 170, 200, 200, 160},
                    {date, 0, 90, 90, money, status});
    setDefaultHiddenColumns({9});
    setMiddleElidedColumns({2, 3});
}

} // namespace rd
