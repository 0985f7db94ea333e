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
    int columns() const override { return ColumnCount; }
    QString columnTitle(int column) const override;
    QString selectList() const override;
    QString fromClause() const override;
    QString tableAndAlias() const override;
    QString alias() const override;
    SqlWhere whereClause() const override;
    QStringList orderTerms(int column) const override;
    QVariant cell(const QVariantList &row, int column, int role) const override;
};

} // namespace rd
