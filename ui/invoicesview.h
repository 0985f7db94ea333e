// The invoices (payments) table; selecting a row shows the invoice in the detail pane.
#pragma once

#include "recordtableview.h"

namespace rd {

class InvoicesView final : public RecordTableView
{
    Q_OBJECT
public:
    explicit InvoicesView(const QString &databasePath, QWidget *parent = nullptr);
};

} // namespace rd
