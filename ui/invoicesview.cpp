#include "invoicesview.h"

#include "invoicetablemodel.h"
#include "modelroles.h"

#include <QTableView>

namespace rd {

InvoicesView::InvoicesView(const QString &databasePath, QWidget *parent)
    : RecordTableView(new InvoiceTableModel(databasePath), QStringLiteral("invoices"),
                      tr("No invoices in the cache match. Sync (F5) to fetch them, or change the "
                         "filters."),
                      parent)
{
    table()->setAccessibleName(tr("Invoices"));
    setInvoiceRole(RecordIdRole);
    // Several invoices can be refunded at once (Invoice > Refund selected…).
    table()->setSelectionMode(QAbstractItemView::ExtendedSelection);
    setColumnWidths({115, 120, 160, 125, 120, 120, 120, 150, 110, 200});
}

} // namespace rd
