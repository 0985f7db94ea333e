// The chargebacks table; selecting a row shows its invoice in the detail pane.
#pragma once

#include "recordtableview.h"

namespace rd {

class ChargebacksView final : public RecordTableView
{
    Q_OBJECT
public:
    explicit ChargebacksView(const QString &databasePath, QWidget *parent = nullptr);
};

} // namespace rd
