#include "chargebacktablemodel.h"

#include "displayformat.h"
#include "modelroles.h"

#include <QBrush>

namespace rd {

namespace {

enum Field {
    FCreated = LazyTableModel::FirstSubclassField,
    FAmount,
    FReason,
    FDetails,
    FStatus,
    FGatewayStatus,
    FResolution
};

} // namespace

// Sortable columns are those an index in the schema keeps fast on a large cache.
QList<LazyTableModel::ColumnSpec> ChargebackTableModel::columnSpecs()
{
    return {
        {tr("Created"), {QStringLiteral("c.created_at")}},
        {tr("Account"), {QStringLiteral("c.account_id"), QStringLiteral("c.created_at")}},
        {tr("Chargeback"), {}},
        {tr("Invoice"), {}},
        {tr("Amount"), {}},
        {tr("Status"), {QStringLiteral("c.status"), QStringLiteral("c.created_at")}},
        {tr("Reason"), {}},
        {tr("Details"), {}},
        {tr("Resolution"), {}},
    };
}

ChargebackTableModel::ChargebackTableModel(const QString &databasePath, QObject *parent)
    : LazyTableModel(databasePath, QStringLiteral("chargebacks"), QStringLiteral("c"),
                     columnSpecs(), Created, Qt::DescendingOrder, parent)
{
    start();
}

QString ChargebackTableModel::selectList() const
{
    return QStringLiteral("c.id, c.account_id, a.name, c.gateway_id, c.invoice_id, c.currency, "
                          "c.created_at, c.amount, c.reason, c.reason_details, c.status, "
                          "c.gateway_status, c.resolution");
}

SqlWhere ChargebackTableModel::whereClause() const
{
    return buildWhere(RecordKind::Chargebacks, filter(), alias());
}

QVariant ChargebackTableModel::cell(const QVariantList &row, int column, int role) const
{
    const QString status = row.at(FStatus).toString();
    if (role == Qt::TextAlignmentRole)
        return int((column == Amount ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        const QColor c = display::statusColor(status);
        return (column == Status && c.isValid()) ? QVariant(QBrush(c)) : QVariant();
    }
    const bool raw = role == RawValueRole;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && !raw)
        return {};
    switch (Column(column)) {
    case Created:
        return raw ? QVariant(display::utc(row.at(FCreated).toLongLong()))
                   : QVariant(display::timestamp(row.at(FCreated).toLongLong()));
    case Account:
        return row.at(FieldAccountName).toString();
    case ChargebackId:
        return row.at(FieldRecordId).toString();
    case InvoiceId:
        return row.at(FieldInvoiceId).toString();
    case Amount:
        return raw ? QVariant(row.at(FAmount).toLongLong())
                   : QVariant(display::amount(row.at(FAmount).toLongLong(),
                                              row.at(FieldCurrency).toString()));
    case Reason:
        return row.at(FReason).toString();
    case Details:
        return row.at(FDetails).toString();
    case Status: {
        if (raw)
            return status;
        const QString own = row.at(FGatewayStatus).toString();
        const QString label = display::statusLabel(status);
        return own.isEmpty() || own.compare(status, Qt::CaseInsensitive) == 0
                   ? label
                   : QStringLiteral("%1 (%2)").arg(label, own);
    }
    case Resolution:
        return row.at(FResolution).toString();
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace rd
