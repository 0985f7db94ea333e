// Sends what the dialogs return (refunds, chargebacks, refund edits) through the exactly-once
// operations service and turns its result into an OperationOutcome for the dialog to show.
#pragma once

#include "operationtypes.h"

#include <QObject>

#include <functional>

namespace rd {

class SecretSource;

class OperationsController final : public QObject
{
    Q_OBJECT
public:
    OperationsController(const QString &databasePath, SecretSource *secrets,
                         QObject *parent = nullptr);
    ~OperationsController() override;

    // Empty when operations can be sent; otherwise why not, for a person.
    QString unavailableReason() const;
    static bool canFileChargebacks(Dialect d) { return d == Dialect::IntaSend; }
    static bool canCancelRefunds(Dialect d) { return d == Dialect::Stripe; }
    static bool canEditRefundMetadata(Dialect d) { return d == Dialect::Stripe; }

    using Done = std::function<void(const OperationOutcome &)>;
    void submitRefund(const RefundDraft &draft, Done done);
    void submitChargeback(const ChargebackDraft &draft, Done done);
    void cancelRefund(qint64 accountId, const QString &refundId, Done done);
    void updateRefundMetadata(const RefundMetadataDraft &draft, Done done);

Q_SIGNALS:
    // Something was written to the cache or the outbox: views refresh.
    void cacheChanged();

private:
    void refuse(const Done &done) const;

    QString m_path;
    SecretSource *m_secrets;
};

} // namespace rd
