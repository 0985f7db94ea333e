#include "operation.h"

namespace rd {

QString operationStateName(OperationState s)
{
    switch (s) {
    case OperationState::Refused:
        return QStringLiteral("refused");
    case OperationState::Succeeded:
        return QStringLiteral("succeeded");
    case OperationState::Rejected:
        return QStringLiteral("rejected");
    case OperationState::NotSent:
        return QStringLiteral("not_sent");
    case OperationState::Unknown:
        return QStringLiteral("unknown");
    case OperationState::Failed:
        return QStringLiteral("failed");
    case OperationState::AwaitingApproval:
        return QStringLiteral("awaiting_approval");
    }
    return QString();
}

} // namespace rd
