// Operations written to the outbox that are still pending or whose outcome is unknown, with an
// explanation of what "unknown" means and a switch to include finished ones.
#pragma once

#include "recordtableview.h"

namespace rd {

class OutboxTableModel;

class OutboxView final : public RecordTableView
{
    Q_OBJECT
public:
    explicit OutboxView(const QString &databasePath, QWidget *parent = nullptr);

private:
    OutboxView(OutboxTableModel *model, QWidget *parent);
    OutboxTableModel *m_outbox;
};

} // namespace rd
