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
    setColumnWidths({115, 125, 200, 200, 110, 110, 170, 200, 200});
}

} // namespace rd
