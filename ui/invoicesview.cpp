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
    // Created, Account, Invoice, Customer, Amount, Refunded, Refundable, Status, Gateway status,
    // Email. The gateway's status and the email are in the details pane; a click brings them
    // back as columns. Status, last, takes what room is left.
    const int date = widthFor(sampleTimestamp());
    const int money = widthFor(sampleAmount());
    setColumnWidths({date, 130, 170, 170, money, money, money,
                     widthFor(tr("Partly refunded · refund pending")), 120, 220},
                    // Every amount reads whole: a refunded sum cut before its currency
                    // ("172,620.58…") would be a figure the clerk has to guess.
                    {date, 0, 90, 90, money, money, money, widthFor(sampleStatus())});
    setDefaultHiddenColumns({8, 9});
    setMiddleElidedColumns({2});
}

} // namespace rd
