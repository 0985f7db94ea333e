#include "invoicesview.h"

#include "invoicetablemodel.h"

#include <QTableView>

namespace rd {

InvoicesView::InvoicesView(const QString &databasePath, QWidget *parent)
    : RecordTableView(new InvoiceTableModel(databasePath), QStringLiteral("invoices"),
                      tr("No invoices in the cache match. Sync (F5) to fetch them, or change the "
                         "filters."),
                      parent)
{
    table()->setAccessibleName(tr("Invoices"));
    setColumnWidths({125, 125, 215, 150, 120, 115, 120, 140, 110, 200});
}

} // namespace rd
