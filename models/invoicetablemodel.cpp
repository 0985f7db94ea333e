#include "invoicetablemodel.h"
#include "semanticcolors.h"

#include "displayformat.h"
#include "modelroles.h"
#include "store/refundable.h"

#include <QBrush>
#include <QFont>

namespace rd {

namespace {

enum Field {
    FCustomer = LazyTableModel::FirstSubclassField,
    FEmail,
    FRefunded,
    FPending,
    FRefundable,
    FBlocked,
    FStatus,
    FGatewayStatus,
    FDisputed,
    FOffline
};

} // namespace

// Sortable columns are those an index in the schema keeps fast on a large cache.
InvoiceTableModel::InvoiceTableModel(const QString &databasePath, QObject *parent)
    : LazyTableModel(
          databasePath, QStringLiteral("invoices"), QStringLiteral("i"),
          QStringLiteral("i.id, i.account_id, a.name, i.gateway_id, i.gateway_id, i.currency, "
                         "i.created_at, i.amount, i.customer, i.email, ") +
              refundablesql::refunded(QStringLiteral("i"), QStringLiteral("a")) +
              QStringLiteral(", ") +
              refundablesql::pending(QStringLiteral("i"), QStringLiteral("a")) +
              QStringLiteral(", ") +
              refundablesql::refundable(QStringLiteral("i"), QStringLiteral("a")) +
              QStringLiteral(", ") +
              refundablesql::blocked(QStringLiteral("i"), QStringLiteral("a")) +
              QStringLiteral(", i.status, i.gateway_status, i.disputed, i.offline"),
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
    setSearchCountedWithFirstPage(true); // its search is full-text (store/recordfilter.cpp)
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
    const qint64 pending = row.at(FPending).toLongLong();
    const bool fullyRefunded = amount > 0 && refunded >= amount;
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
            return QBrush(semantic::color(semantic::Role::Muted));
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
    case Refunded: {
        // Refunded is money that went back; refunds still pending are shown apart.
        if (raw)
            return refunded;
        QString text = refunded > 0 ? display::amount(refunded, currency) : QString();
        if (pending > 0) {
            const QString more = tr("%1 pending").arg(display::amount(pending, currency));
            text = text.isEmpty() ? more : tr("%1 + %2").arg(text, more);
        }
        return text;
    }
    case Refundable: {
        // The store's one rule (store/refundable.h). An invoice that cannot be refunded at all
        // shows a dash, which reads better than a zero amount.
        const qint64 left = row.at(FRefundable).toLongLong();
        if (raw)
            return left;
        return row.at(FBlocked).toBool() ? QString(QChar(0x2014)) : display::amount(left, currency);
    }
    case Status: {
        if (raw)
            return status;
        QString text = display::statusLabel(status);
        if (fullyRefunded)
            text = tr("Refunded");
        else if (refunded > 0)
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
