#include "invoicetablemodel.h"

#include "displayformat.h"
#include "modelroles.h"
#include "refundablesql.h"

#include <QBrush>
#include <QFont>

namespace rd {

namespace {

enum Field {
    FCustomer = LazyTableModel::FirstSubclassField,
    FEmail,
    FRefunded,
    FWaiting,
    FStatus,
    FGatewayStatus,
    FDisputed,
    FOffline,
    FPending // refunds (IntaSend: refund requests) still pending or requiring action
};

// Only a succeeded payment can be refunded (ops/refundrules.h); others have nothing refundable.
qint64 refundable(const QVariantList &row)
{
    if (row.at(FStatus).toString() != QLatin1String("succeeded"))
        return 0;
    const qint64 left = row.at(LazyTableModel::FieldAmount).toLongLong() -
                        row.at(FRefunded).toLongLong() - row.at(FWaiting).toLongLong();
    return std::max<qint64>(0, left);
}

} // namespace

// Sortable columns are those an index in the schema keeps fast on a large cache.
InvoiceTableModel::InvoiceTableModel(const QString &databasePath, QObject *parent)
    : LazyTableModel(
          databasePath, QStringLiteral("invoices"), QStringLiteral("i"),
          QStringLiteral("i.id, i.account_id, a.name, i.gateway_id, i.gateway_id, i.currency, "
                         "i.created_at, i.amount, i.customer, i.email, ") +
              refundablesql::refunded(QStringLiteral("i"), QStringLiteral("a")) +
              QStringLiteral(", ") + refundablesql::waitingInOutbox(QStringLiteral("i")) +
              QStringLiteral(", i.status, i.gateway_status, i.disputed, i.offline, ") +
              // The part of Refunded that has not succeeded yet, shown apart from it.
              invoiceRefundSumSql(QStringLiteral("i"),
                                  {QStringLiteral("pending"), QStringLiteral("requires_action")}),
          {
              createdColumn(QStringLiteral("i")),
              accountColumn(QStringLiteral("i")),
              sharedColumn(tr("Invoice"), SharedCell::RecordId),
              {tr("Customer"), {QStringLiteral("i.customer COLLATE NOCASE")}},
              sharedColumn(tr("Amount"), SharedCell::Amount, {QStringLiteral("i.amount")}),
              {tr("Refunded"), {}},
              {tr("Refundable"), {}},
              stateColumn(tr("Status"), QStringLiteral("i"), QStringLiteral("status")),
              {tr("Gateway status"), {}},
              {tr("Email"), {QStringLiteral("i.email COLLATE NOCASE")}},
          },
          Created, Qt::DescendingOrder, parent)
{
    start();
}

SqlWhere InvoiceTableModel::whereClause() const
{
    return buildWhere(RecordKind::Invoices, filter(), alias());
}

QVariant InvoiceTableModel::cell(const QVariantList &row, int column, int role) const
{
    const QString currency = row.at(FieldCurrency).toString();
    const qint64 amount = row.at(FieldAmount).toLongLong();
    const qint64 refunded = row.at(FRefunded).toLongLong();
    const qint64 pending = std::min(refunded, row.at(FPending).toLongLong());
    // Only succeeded refunds make an invoice "Refunded"; pending ones are shown apart.
    const qint64 succeeded = refunded - pending;
    const bool fullyRefunded = amount > 0 && succeeded >= amount;
    const bool disputed = row.at(FDisputed).toBool();
    const QString status = row.at(FStatus).toString();

    if (role == Qt::TextAlignmentRole)
        return alignment(column == Amount || column == Refunded || column == Refundable);
    if (role == Qt::ForegroundRole) {
        if (column == Refunded && refunded > 0)
            return QBrush(display::refundedColor());
        if (column == Status) {
            if (disputed)
                return QBrush(display::statusColor(QStringLiteral("failed")));
            if (refunded > 0)
                return QBrush(display::refundedColor());
            return brushOrNone(display::statusColor(status));
        }
        if (fullyRefunded)
            return QBrush(QColor(0x70, 0x70, 0x70));
        return {};
    }
    if (role == Qt::FontRole && fullyRefunded && column == Amount) {
        QFont f;
        f.setStrikeOut(true);
        return f;
    }
    if (!isTextRole(role))
        return {};
    const bool raw = role == RawValueRole;
    switch (Column(column)) {
    case Customer:
        return row.at(FCustomer).toString();
    case Email:
        return row.at(FEmail).toString();
    case Refunded:
        if (raw)
            return refunded;
        if (pending > 0)
            return succeeded > 0 ? tr("%1 + %2 pending")
                                       .arg(display::amount(succeeded, currency),
                                            display::amount(pending, currency))
                                 : tr("%1 pending").arg(display::amount(pending, currency));
        return refunded > 0 ? display::amount(refunded, currency) : QString();
    case Refundable:
        if (raw)
            return refundable(row);
        // An unpaid invoice has nothing to refund: a dash reads better than a zero amount.
        return status == QLatin1String("succeeded") ? display::amount(refundable(row), currency)
                                                    : QString(QChar(0x2014));
    case Status: {
        if (raw)
            return status;
        QString text = display::statusLabel(status);
        if (fullyRefunded)
            text = tr("Refunded");
        else if (succeeded > 0)
            text = tr("Partly refunded");
        if (pending > 0)
            text += tr(" · refund pending");
        if (disputed)
            text += tr(" · disputed");
        if (row.at(FOffline).toBool())
            text += tr(" · offline invoice");
        return text;
    }
    case GatewayStatus:
        return row.at(FGatewayStatus).toString();
    default: // the base answers the shared columns
        break;
    }
    return {};
}

} // namespace rd
