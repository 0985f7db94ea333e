// Operations RefundDesk has written to the outbox: by default only those still pending or with
// an unknown outcome, so a person can always see what may or may not have reached a gateway.
#pragma once

#include "lazytablemodel.h"

namespace rd {

class OutboxTableModel final : public LazyTableModel
{
    Q_OBJECT
public:
    enum Column {
        Created,
        Account,
        Operation,
        InvoiceId,
        Amount,
        State,
        Attempts,
        Message,
        OperationId,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit OutboxTableModel(const QString &databasePath, QObject *parent = nullptr);

    // Also show operations that finished (succeeded or rejected).
    void setShowClosed(bool show);
    bool showClosed() const { return m_showClosed; }

protected:
    SqlWhere whereClause() const override;
    QVariant cell(const QVariantList &row, int column, int role) const override;

private:
    bool m_showClosed = false;
};

} // namespace rd
