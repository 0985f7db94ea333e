// Chargebacks (disputes, IntaSend refund requests) of one or all accounts, lazily loaded.
#pragma once

#include "lazytablemodel.h"

namespace rd {

class ChargebackTableModel final : public LazyTableModel
{
    Q_OBJECT
public:
    enum Column {
        Created,
        Account,
        ChargebackId,
        InvoiceId,
        Amount,
        Status,
        Reason,
        Details,
        Resolution,
        GatewayStatus,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ChargebackTableModel(const QString &databasePath, QObject *parent = nullptr);

protected:
    SqlWhere whereClause() const override;
    QVariant cell(const QVariantList &row, int column, int role) const override;
};

} // namespace rd
