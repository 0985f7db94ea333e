#include "outboxtablemodel.h"

#include "displayformat.h"
#include "modelroles.h"

#include <QBrush>
#include <QCoreApplication>

namespace rd {

namespace {

enum Field {
    FKind = LazyTableModel::FirstSubclassField,
    FState,
    FAttempts,
    FMessage,
    FUpdated,
    FResult
};

QString kindLabel(const QString &kind)
{
    if (kind == QLatin1String("refund"))
        return QCoreApplication::translate("rd::OutboxTableModel", "Refund");
    if (kind == QLatin1String("chargeback"))
        return QCoreApplication::translate("rd::OutboxTableModel", "Chargeback");
    if (kind == QLatin1String("cancel_refund"))
        return QCoreApplication::translate("rd::OutboxTableModel", "Cancel refund");
    if (kind == QLatin1String("update_refund_metadata"))
        return QCoreApplication::translate("rd::OutboxTableModel", "Edit refund metadata");
    return kind;
}

QString stateLabel(const QString &state)
{
    if (state == QLatin1String("unknown"))
        return QCoreApplication::translate("rd::OutboxTableModel", "Outcome unknown");
    if (state == QLatin1String("pending"))
        return QCoreApplication::translate("rd::OutboxTableModel", "Pending");
    if (state == QLatin1String("succeeded"))
        return QCoreApplication::translate("rd::OutboxTableModel", "Succeeded");
    if (state == QLatin1String("rejected"))
        return QCoreApplication::translate("rd::OutboxTableModel", "Rejected");
    return state;
}

} // namespace

// Sortable columns are those an index in the schema keeps fast on a large cache.
OutboxTableModel::OutboxTableModel(const QString &databasePath, QObject *parent)
    : LazyTableModel(databasePath, QStringLiteral("outbox"), QStringLiteral("o"),
                     QStringLiteral("o.id, o.account_id, a.name, o.operation_id, o.invoice_id, "
                                    "o.currency, o.created_at, o.amount, o.kind, o.state, "
                                    "o.attempts, o.message, o.updated_at, o.result_id"),
                     {
                         createdColumn(QStringLiteral("o")),
                         accountColumn(QStringLiteral("o")),
                         {tr("Operation"), {}},
                         sharedColumn(tr("Invoice"), SharedCell::InvoiceId),
                         {tr("Amount"), {}},
                         stateColumn(tr("State"), QStringLiteral("o"), QStringLiteral("state")),
                         {tr("Attempts"), {}},
                         {tr("Message"), {}},
                         sharedColumn(tr("Operation id"), SharedCell::RecordId),
                     },
                     Created, Qt::DescendingOrder, parent)
{
    start();
}

void OutboxTableModel::setShowClosed(bool show)
{
    if (show == m_showClosed)
        return;
    m_showClosed = show;
    setFilter(filter());
}

SqlWhere OutboxTableModel::whereClause() const
{
    SqlWhere w;
    QStringList parts;
    if (!m_showClosed)
        parts << QStringLiteral("o.state IN ('pending', 'unknown')");
    if (filter().accountId != 0) {
        parts << QStringLiteral("o.account_id = ?");
        w.binds << filter().accountId;
    }
    const QString text = filter().search.trimmed();
    if (!text.isEmpty() && !searchProblem(text).isEmpty()) {
        parts << QStringLiteral("0"); // as in buildWhere(): finds nothing rather than everything
    } else if (!text.isEmpty()) {
        // The outbox holds a handful of rows; a prefix match on its ids is enough.
        parts << QStringLiteral("(o.invoice_id LIKE ? ESCAPE '\\' OR o.operation_id LIKE ? "
                                "ESCAPE '\\' OR o.result_id LIKE ? ESCAPE '\\')");
        const QString like = likePrefixPattern(text);
        w.binds << like << like << like;
    }
    if (!parts.isEmpty())
        w.clause = QStringLiteral("WHERE ") + parts.join(QStringLiteral(" AND "));
    return w;
}

QVariant OutboxTableModel::cell(const QVariantList &row, int column, int role) const
{
    const QString state = row.at(FState).toString();
    if (role == Qt::TextAlignmentRole)
        return alignment(column == Amount || column == Attempts);
    if (role == Qt::ForegroundRole) {
        if (column != State && column != Message)
            return {};
        if (state == QLatin1String("unknown") || state == QLatin1String("rejected"))
            return QBrush(display::statusColor(QStringLiteral("failed")));
        if (state == QLatin1String("pending"))
            return QBrush(display::warningColor());
        return {};
    }
    if (!isTextRole(role))
        return {};
    const bool raw = role == RawValueRole;
    switch (Column(column)) {
    case Operation:
        return raw ? row.at(FKind).toString() : kindLabel(row.at(FKind).toString());
    case Amount:
        // An operation without a currency has no amount to show.
        if (!raw && row.at(FieldCurrency).toString().isEmpty())
            return QString();
        return amountCell(row, raw);
    case State:
        return raw ? state : stateLabel(state);
    case Attempts:
        return raw ? QVariant(row.at(FAttempts).toInt()) : QVariant(row.at(FAttempts).toString());
    case Message:
        return row.at(FMessage).toString();
    default: // the base answers the shared columns
        break;
    }
    return {};
}

} // namespace rd
