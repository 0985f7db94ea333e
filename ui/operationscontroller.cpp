#include "operationscontroller.h"

#include "secretsource.h"

namespace rd {

OperationsController::OperationsController(const QString &databasePath, SecretSource *secrets,
                                           QObject *parent)
    : QObject(parent), m_path(databasePath), m_secrets(secrets)
{}

OperationsController::~OperationsController() = default;

QString OperationsController::unavailableReason() const
{
    return tr("Sending is not part of this build yet: the refund service has not been merged.");
}

void OperationsController::refuse(const Done &done) const
{
    OperationOutcome o;
    o.kind = OperationOutcome::Kind::RefusedLocally;
    o.message = unavailableReason();
    done(o);
}

void OperationsController::submitRefund(const RefundDraft &, Done done)
{
    refuse(done);
}
void OperationsController::submitChargeback(const ChargebackDraft &, Done done)
{
    refuse(done);
}
void OperationsController::cancelRefund(qint64, const QString &, Done done)
{
    refuse(done);
}
void OperationsController::updateRefundMetadata(const RefundMetadataDraft &, Done done)
{
    refuse(done);
}

} // namespace rd
