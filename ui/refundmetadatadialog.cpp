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
    : OperationDialog(parent), m_accountId(accountId), m_refund(refund), m_blocker(blocker)
{
    setWindowTitle(tr("Metadata of refund %1").arg(refund.gatewayId));
    auto *form = new QWidget(this);
    m_table = new QTableWidget(0, 2, form);
    m_hint = new QLabel(form);
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Refund metadata"));
    for (auto it = refund.metadata.cbegin(); it != refund.metadata.cend(); ++it) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_table->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    auto *add = new QPushButton(tr("&Add entry"), form);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Error)));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, form);
    m_review = buttons->addButton(tr("&Review changes…"), QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(form);
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
    connect(m_review, &QPushButton::clicked, this, &RefundMetadataDialog::review);
    setUpPages(form, tr("&Save to Stripe"));
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
    m_review->setEnabled(problem.isEmpty());
    m_review->setToolTip(problem);
}

void RefundMetadataDialog::review()
{
    const RefundMetadataDraft d = draft();
    QString rows;
    for (auto it = d.metadata.cbegin(); it != d.metadata.cend(); ++it)
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(it.key().toHtmlEscaped(),
                         it.value().isEmpty() ? tr("(removed)") : it.value().toHtmlEscaped());
    showConfirm(QStringLiteral("<p>%1</p><table cellspacing='4'>%2</table>")
                    .arg(tr("RefundDesk will ask Stripe to set these metadata keys on refund %1; "
                            "an empty value removes the key.")
                             .arg(m_refund.gatewayId.toHtmlEscaped()),
                         rows));
}

void RefundMetadataDialog::send()
{
    OperationDialog::showOutcome(tr("Saving…"), QString());
    Q_EMIT submitted(draft());
}

void RefundMetadataDialog::showOutcome(const OperationOutcome &outcome)
{
    const OutcomeText t = describeOutcome(outcome, QStringLiteral("Stripe"), tr("metadata change"));
    OperationDialog::showOutcome(t.title, t.html);
    closeButton()->setFocus();
}

} // namespace rd
