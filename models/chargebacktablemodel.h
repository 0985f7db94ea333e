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
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ChargebackTableModel(const QString &databasePath, QObject *parent = nullptr);

protected:
    int columns() const override { return ColumnCount; }
    QString columnTitle(int column) const override;
    QString selectList() const override;
    QString fromClause() const override;
    QString tableAndAlias() const override { return QStringLiteral("chargebacks c"); }
    QString alias() const override { return QStringLiteral("c"); }
    SqlWhere whereClause() const override;
    QStringList orderTerms(int column) const override;
    QVariant cell(const QVariantList &row, int column, int role) const override;
};

} // namespace rd
