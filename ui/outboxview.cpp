#include "outboxview.h"

#include "outboxtablemodel.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>

#include <QTableView>

namespace rd {

OutboxView::OutboxView(const QString &databasePath, QWidget *parent)
    : OutboxView(new OutboxTableModel(databasePath), parent)
{}

OutboxView::OutboxView(OutboxTableModel *model, QWidget *parent)
    : RecordTableView(model, QStringLiteral("outbox"),
                      tr("Nothing is waiting: every refund and chargeback sent from here has a "
                         "known outcome."),
                      parent),
      m_outbox(model)
{
    table()->setAccessibleName(tr("Outbox"));
    // Created, Account, Operation, Invoice, Amount, State, Attempts, Message, Operation id.
    const int date = widthFor(sampleTimestamp());
    const int money = widthFor(sampleAmount());
    setColumnWidths(
        {date, 130, 110, 170, money, 130, 80, 320, 200},
        {date, 0, 0, 90, money,
         widthFor(QCoreApplication::translate("rd::OutboxTableModel", "Outcome unknown"))});
    setMiddleElidedColumns({3, 8});

    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(6, 4, 6, 4);
    auto *explain = new QLabel(
        tr("An <b>unknown</b> outcome means the gateway did not answer after the request was "
           "sent: the refund may or may not exist. RefundDesk never sends it again with a new "
           "key; it is resolved by the next sync or reconcile."),
        row);
    explain->setWordWrap(true);
    auto *closed = new QCheckBox(tr("&Show finished operations"), row);
    closed->setAccessibleName(tr("Show finished operations"));
    layout->addWidget(explain, 1);
    layout->addWidget(closed);
    addToolRow(row);
    connect(closed, &QCheckBox::toggled, m_outbox, &OutboxTableModel::setShowClosed);
}

} // namespace rd
