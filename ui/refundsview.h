// The refunds table; selecting a row shows its invoice in the detail pane.
#pragma once

#include "recordtableview.h"

namespace rd {

class RefundsView final : public RecordTableView
{
    Q_OBJECT
public:
    explicit RefundsView(const QString &databasePath, QWidget *parent = nullptr);
};

} // namespace rd
