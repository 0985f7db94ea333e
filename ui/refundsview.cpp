#include "refundsview.h"

#include "refundtablemodel.h"

#include <QTableView>

namespace rd {

RefundsView::RefundsView(const QString &databasePath, QWidget *parent)
    : RecordTableView(new RefundTableModel(databasePath), QStringLiteral("refunds"),
                      tr("No refunds match. Refunds issued here or on the gateway appear after "
                         "a sync."),
                      parent)
{
    table()->setAccessibleName(tr("Refunds"));
    // Created, Account, Refund, Invoice, Amount, Status, Reason, Note, Failure reason: the free
    // texts give way first when the table is narrow (their tooltips show them whole).
    const int date = widthFor(sampleTimestamp());
    const int money = widthFor(sampleAmount());
    const int status = widthFor(sampleStatus());
    setColumnWidths({date, 130, 170, 170, money, status, 170, 200, 200},
                    {date, 0, 90, 90, money, status});
    setMiddleElidedColumns({2, 3});
}

} // namespace rd
