// Edit the metadata (key/value pairs) of one Stripe refund. Returns a RefundMetadataDraft
// through submitted(); the caller sends it and hands the outcome back.
#pragma once

#include "domain/records.h"
#include "operationtypes.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace rd {

class RefundMetadataDialog final : public QDialog
{
    Q_OBJECT
public:
    RefundMetadataDialog(qint64 accountId, const Refund &refund, const QString &blocker,
                         QWidget *parent = nullptr);

    RefundMetadataDraft draft() const;
    void showOutcome(const OperationOutcome &outcome);

    QTableWidget *table() const { return m_table; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *messageLabel() const { return m_hint; }

Q_SIGNALS:
    void submitted(const rd::RefundMetadataDraft &draft);

private:
    void validate();

    qint64 m_accountId;
    Refund m_refund;
    QString m_blocker;
    bool m_submitted = false;
    QTableWidget *m_table;
    QLabel *m_hint;
    QPushButton *m_save;
};

} // namespace rd
