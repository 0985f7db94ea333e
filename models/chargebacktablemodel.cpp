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

ChargebackTableModel::ChargebackTableModel(const QString &databasePath, QObject *parent)
    : LazyTableModel(databasePath, Created, Qt::DescendingOrder, parent)
{
    start();
}

QString ChargebackTableModel::columnTitle(int column) const
{
    switch (Column(column)) {
    case Created:
        return tr("Created");
    case Account:
        return tr("Account");
    case ChargebackId:
        return tr("Chargeback");
    case InvoiceId:
        return tr("Invoice");
    case Amount:
        return tr("Amount");
    case Reason:
        return tr("Reason");
    case Details:
        return tr("Details");
    case Status:
        return tr("Status");
    case Resolution:
        return tr("Resolution");
    case ColumnCount:
        break;
    }
    return QString();
}

QString ChargebackTableModel::selectList() const
{
    return QStringLiteral("c.id, c.account_id, a.name, c.gateway_id, c.invoice_id, c.currency, "
                          "c.created_at, c.amount, c.reason, c.reason_details, c.status, "
                          "c.gateway_status, c.resolution");
}

QString ChargebackTableModel::fromClause() const
{
    return QStringLiteral("chargebacks c LEFT JOIN accounts a ON a.id = c.account_id");
}

SqlWhere ChargebackTableModel::whereClause() const
{
    return buildWhere(RecordKind::Chargebacks, filter(), alias());
}

QStringList ChargebackTableModel::orderTerms(int column) const
{
    switch (Column(column)) {
    case Created:
        return {QStringLiteral("c.created_at")};
    case Account:
        return {QStringLiteral("c.account_id"), QStringLiteral("c.created_at")};
    case Status:
        return {QStringLiteral("c.status"), QStringLiteral("c.created_at")};
    default:
        return {};
    }
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
