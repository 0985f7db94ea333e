// Operations RefundDesk has written to the outbox: by default only those still pending or with
// an unknown outcome, so a person can always see what may or may not have reached a gateway.
#pragma once

#include "lazytablemodel.h"

namespace rd {

class OutboxTableModel final : public LazyTableModel
{
    Q_OBJECT
public:
    enum Column {
        Created,
        Account,
        Operation,
        InvoiceId,
        Amount,
        State,
        Attempts,
        Message,
        OperationId,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit OutboxTableModel(const QString &databasePath, QObject *parent = nullptr);

    // Also show operations that finished (succeeded or rejected).
    void setShowClosed(bool show);
    bool showClosed() const { return m_showClosed; }

protected:
    int columns() const override { return ColumnCount; }
    QString columnTitle(int column) const override;
    QString selectList() const override;
    QString fromClause() const override;
    QString tableAndAlias() const override { return QStringLiteral("outbox o"); }
    QString alias() const override { return QStringLiteral("o"); }
    SqlWhere whereClause() const override;
    QStringList orderTerms(int column) const override;
    QVariant cell(const QVariantList &row, int column, int role) const override;

private:
    bool m_showClosed = false;
};

} // namespace rd
