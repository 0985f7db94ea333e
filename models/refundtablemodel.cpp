#include "refundtablemodel.h"

#include "displayformat.h"
#include "modelroles.h"

#include <QBrush>

namespace rd {

namespace {

enum Field {
    FCreated = LazyTableModel::FirstSubclassField,
    FAmount,
    FReason,
    FGatewayReason,
    FStatus,
    FGatewayStatus,
    FNote,
    FFailure,
    FOperation
};

} // namespace

// Sortable columns are those an index in the schema keeps fast on a large cache.
QList<LazyTableModel::ColumnSpec> RefundTableModel::columnSpecs()
{
    return {
        {tr("Created"), {QStringLiteral("r.created_at")}},
        {tr("Account"), {QStringLiteral("r.account_id"), QStringLiteral("r.created_at")}},
        {tr("Refund"), {}},
        {tr("Invoice"), {}},
        {tr("Amount"), {}},
        {tr("Status"), {QStringLiteral("r.status"), QStringLiteral("r.created_at")}},
        {tr("Reason"), {}},
        {tr("Note"), {}},
        {tr("Failure reason"), {}},
    };
}

RefundTableModel::RefundTableModel(const QString &databasePath, QObject *parent)
    : LazyTableModel(databasePath, QStringLiteral("refunds"), QStringLiteral("r"), columnSpecs(),
                     Created, Qt::DescendingOrder, parent)
{
    start();
}

QString RefundTableModel::selectList() const
{
    return QStringLiteral("r.id, r.account_id, a.name, r.gateway_id, r.invoice_id, r.currency, "
                          "r.created_at, r.amount, r.reason, r.gateway_reason, r.status, "
                          "r.gateway_status, r.note, r.failure_reason, r.operation_id");
}

SqlWhere RefundTableModel::whereClause() const
{
    return buildWhere(RecordKind::Refunds, filter(), alias());
}

QVariant RefundTableModel::cell(const QVariantList &row, int column, int role) const
{
    const QString status = row.at(FStatus).toString();
    if (role == Qt::TextAlignmentRole)
        return int((column == Amount ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        if (column != Status && column != Amount && column != FailureReason)
            return {};
        const QColor c = display::statusColor(status);
        return c.isValid() ? QVariant(QBrush(c)) : QVariant(QBrush(display::refundedColor()));
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
    case RefundId:
        return row.at(FieldRecordId).toString();
    case InvoiceId:
        return row.at(FieldInvoiceId).toString();
    case Amount:
        return raw ? QVariant(row.at(FAmount).toLongLong())
                   : QVariant(display::amount(row.at(FAmount).toLongLong(),
                                              row.at(FieldCurrency).toString()));
    case Reason: {
        // The gateway's own word, with the common one beside it when they differ.
        const QString own = row.at(FGatewayReason).toString();
        const QString common = row.at(FReason).toString();
        if (raw || own.isEmpty() || own == common)
            return own.isEmpty() ? common : own;
        return common.isEmpty() ? own : QStringLiteral("%1 (%2)").arg(own, common);
    }
    case Status:
        return raw ? QVariant(status) : QVariant(display::statusLabel(status));
    case Note:
        return row.at(FNote).toString();
    case FailureReason:
        return row.at(FFailure).toString();
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace rd
