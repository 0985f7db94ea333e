// Refunds of one or all accounts, lazily loaded; failed, pending and canceled refunds are
// coloured so they stand out from the ones that went through.
#pragma once

#include "lazytablemodel.h"

namespace rd {

class RefundTableModel final : public LazyTableModel
{
    Q_OBJECT
public:
    enum Column {
        Created,
        Account,
        RefundId,
        InvoiceId,
        Amount,
        Status,
        Reason,
        Note,
        FailureReason,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit RefundTableModel(const QString &databasePath, QObject *parent = nullptr);

protected:
    SqlWhere whereClause() const override;
    QVariant cell(const QVariantList &row, int column, int role) const override;
};

} // namespace rd
