#include "chargebacktablemodel.h"

#include "displayformat.h"
#include "modelroles.h"

namespace rd {

namespace {

enum Field {
    FReason = LazyTableModel::FirstSubclassField,
    FDetails,
    FStatus,
    FGatewayStatus,
    FResolution
};

} // namespace

// Sortable columns are those an index in the schema keeps fast on a large cache.
ChargebackTableModel::ChargebackTableModel(const QString &databasePath, QObject *parent)
    : LazyTableModel(databasePath, QStringLiteral("chargebacks"), QStringLiteral("c"),
                     QStringLiteral("c.id, c.account_id, a.name, c.gateway_id, c.invoice_id, "
                                    "c.currency, c.created_at, c.amount, c.reason, "
                                    "c.reason_details, c.status, c.gateway_status, c.resolution"),
                     {
                         createdColumn(QStringLiteral("c")),
                         accountColumn(QStringLiteral("c")),
                         sharedColumn(tr("Chargeback"), SharedCell::RecordId),
                         sharedColumn(tr("Invoice"), SharedCell::InvoiceId),
                         sharedColumn(tr("Amount"), SharedCell::Amount),
                         stateColumn(tr("Status"), QStringLiteral("c"), QStringLiteral("status")),
                         {tr("Reason"), {}},
                         {tr("Details"), {}},
                         {tr("Resolution"), {}},
                         {tr("Gateway status"), {}},
                     },
                     Created, Qt::DescendingOrder, parent)
{
    start();
}

SqlWhere ChargebackTableModel::whereClause() const
{
    return buildWhere(RecordKind::Chargebacks, filter(), alias());
}

QVariant ChargebackTableModel::cell(const QVariantList &row, int column, int role) const
{
    const QString status = row.at(FStatus).toString();
    if (role == Qt::TextAlignmentRole)
        return alignment(column == Amount);
    if (role == Qt::ForegroundRole)
        return column == Status ? brushOrNone(display::statusColor(status)) : QVariant();
    if (!isTextRole(role))
        return {};
    const bool raw = role == RawValueRole;
    switch (Column(column)) {
    case Reason:
        return row.at(FReason).toString();
    case Details:
        return row.at(FDetails).toString();
    case Status: {
        // The common state reads at a glance; the gateway's own word is beside it in the
        // tooltip and in its own column (as for invoices), so a narrow table cuts neither.
        if (raw)
            return status;
        const QString own = row.at(FGatewayStatus).toString();
        const QString label = display::statusLabel(status);
        return role != Qt::ToolTipRole || own.isEmpty() ||
                       own.compare(status, Qt::CaseInsensitive) == 0
                   ? label
                   : QStringLiteral("%1 (%2)").arg(label, own);
    }
    case GatewayStatus:
        return row.at(FGatewayStatus).toString();
    case Resolution:
        return row.at(FResolution).toString();
    default: // the base answers the shared columns
        break;
    }
    return {};
}

} // namespace rd
