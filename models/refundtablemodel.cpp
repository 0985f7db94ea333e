#include "refundtablemodel.h"

#include "displayformat.h"
#include "modelroles.h"

#include <QBrush>

namespace rd {

namespace {

enum Field {
    FReason = LazyTableModel::FirstSubclassField,
    FGatewayReason,
    FStatus,
    FGatewayStatus,
    FNote,
    FFailure,
    FOperation
};

} // namespace

// Sortable columns are those an index in the schema keeps fast on a large cache.
RefundTableModel::RefundTableModel(const QString &databasePath, QObject *parent)
    : LazyTableModel(databasePath, QStringLiteral("refunds"), QStringLiteral("r"),
                     QStringLiteral("r.id, r.account_id, a.name, r.gateway_id, r.invoice_id, "
                                    "r.currency, r.created_at, r.amount, r.reason, "
                                    "r.gateway_reason, r.status, r.gateway_status, r.note, "
                                    "r.failure_reason, r.operation_id"),
                     {
                         createdColumn(QStringLiteral("r")),
                         accountColumn(QStringLiteral("r")),
                         sharedColumn(tr("Refund"), SharedCell::RecordId),
                         sharedColumn(tr("Invoice"), SharedCell::InvoiceId),
                         sharedColumn(tr("Amount"), SharedCell::Amount),
                         stateColumn(tr("Status"), QStringLiteral("r"), QStringLiteral("status")),
                         {tr("Reason"), {}},
                         {tr("Note"), {}},
                         {tr("Failure reason"), {}},
                     },
                     Created, Qt::DescendingOrder, parent)
{
    setSearchCountedWithFirstPage(true); // its search is full-text (store/recordfilter.cpp)
    start();
}

SqlWhere RefundTableModel::whereClause() const
{
    return buildWhere(RecordKind::Refunds, filter(), alias());
}

QVariant RefundTableModel::cell(const QVariantList &row, int column, int role) const
{
    const QString status = row.at(FStatus).toString();
    if (role == Qt::TextAlignmentRole)
        return alignment(column == Amount);
    if (role == Qt::ForegroundRole) {
        if (column != Status && column != Amount && column != FailureReason)
            return {};
        const QColor c = display::statusColor(status);
        return QBrush(c.isValid() ? c : display::refundedColor());
    }
    if (!isTextRole(role))
        return {};
    const bool raw = role == RawValueRole;
    switch (Column(column)) {
    case Reason: {
        // The gateway's own reason, read as a label like the refund dialog offers it; the raw
        // role keeps the stored code for exports and sorting.
        const QString own = row.at(FGatewayReason).toString();
        const QString code = own.isEmpty() ? row.at(FReason).toString() : own;
        return raw ? code : display::reasonLabel(code);
    }
    case Status:
        return raw ? QVariant(status) : QVariant(display::statusLabel(status));
    case Note:
        return row.at(FNote).toString();
    case FailureReason:
        return row.at(FFailure).toString();
    default: // the base answers the shared columns
        break;
    }
    return {};
}

} // namespace rd
