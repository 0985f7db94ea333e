// The invoices (payments) of one or all accounts, as a lazily loaded table, with what has been
// refunded and what can still be refunded per row.
#pragma once

#include "lazytablemodel.h"

namespace rd {

class InvoiceTableModel final : public LazyTableModel
{
    Q_OBJECT
public:
    enum Column {
        Created,
        Account,
        InvoiceId,
        Customer,
        Amount,
        Refunded,
        Refundable,
        Status,
        GatewayStatus,
        Email,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit InvoiceTableModel(const QString &databasePath, QObject *parent = nullptr);

protected:
    SqlWhere whereClause() const override;
    QVariant cell(const QVariantList &row, int column, int role) const override;
};

} // namespace rd
