#include "refundmetadatadialog.h"
#include "semanticcolors.h"

#include "outcometext.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rd {

RefundMetadataDialog::RefundMetadataDialog(qint64 accountId, const Refund &refund,
                                           const QString &blocker, QWidget *parent)
    : QDialog(parent), m_accountId(accountId), m_refund(refund), m_blocker(blocker),
      m_table(new QTableWidget(0, 2, this)), m_hint(new QLabel(this))
{
    setWindowTitle(tr("Metadata of refund %1").arg(refund.gatewayId));
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Refund metadata"));
    for (auto it = refund.metadata.cbegin(); it != refund.metadata.cend(); ++it) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_table->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    auto *add = new QPushButton(tr("&Add entry"), this);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Error)));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("&Save to Stripe"), QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(add, 0, Qt::AlignLeft);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem);
        m_table->setItem(row, 1, new QTableWidgetItem);
        m_table->setCurrentCell(row, 0);
        m_table->editItem(m_table->item(row, 0));
    });
    connect(m_table, &QTableWidget::itemChanged, this, &RefundMetadataDialog::validate);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (m_submitted)
            return;
        m_submitted = true;
        m_save->setEnabled(false);
        m_hint->setText(tr("Saving…"));
        Q_EMIT submitted(draft());
    });
    validate();
}

RefundMetadataDraft RefundMetadataDialog::draft() const
{
    RefundMetadataDraft d;
    d.accountId = m_accountId;
    d.refundId = m_refund.gatewayId;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *k = m_table->item(row, 0);
        const QTableWidgetItem *v = m_table->item(row, 1);
        if (k && !k->text().trimmed().isEmpty())
            d.metadata.insert(k->text().trimmed(), v ? v->text() : QString());
    }
    return d;
}

void RefundMetadataDialog::validate()
{
    const QString problem = m_blocker;
    m_hint->setText(problem);
    m_save->setEnabled(problem.isEmpty() && !m_submitted);
    m_save->setToolTip(problem);
}

void RefundMetadataDialog::showOutcome(const OperationOutcome &outcome)
{
    const OutcomeText t = describeOutcome(outcome, QStringLiteral("Stripe"), tr("metadata change"));
    m_hint->setStyleSheet(QString());
    m_hint->setObjectName(QStringLiteral("metadataOutcome"));
    m_hint->setText(QStringLiteral("<p><b>%1</b></p>%2").arg(t.title.toHtmlEscaped(), t.html));
}

} // namespace rd
