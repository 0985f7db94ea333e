// Edit the metadata (key/value pairs) of one Stripe refund. Returns a RefundMetadataDraft
// through submitted(); the caller sends it and hands the outcome back.
#pragma once

#include "domain/records.h"
#include "operationdialog.h"
#include "operationtypes.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace rd {

class RefundMetadataDialog final : public OperationDialog
{
    Q_OBJECT
public:
    RefundMetadataDialog(qint64 accountId, const Refund &refund, const QString &blocker,
                         QWidget *parent = nullptr);

    RefundMetadataDraft draft() const;
    void showOutcome(const OperationOutcome &outcome);

    QTableWidget *table() const { return m_table; }
    // The form's Review button; Save (sendButton()) is on the confirmation page.
    QPushButton *reviewButton() const { return m_review; }

Q_SIGNALS:
    void submitted(const rd::RefundMetadataDraft &draft);

protected:
    void send() override;

private:
    void validate();
    void review();

    qint64 m_accountId;
    Refund m_refund;
    QString m_blocker;
    QTableWidget *m_table;
    QLabel *m_hint;
    QPushButton *m_review;
};

} // namespace rd
