#include "refundreasons.h"

#include <QCoreApplication>

namespace rd {

QList<ReasonChoice> refundReasonChoices(Dialect dialect)
{
    auto tr = [](const char *s) { return QCoreApplication::translate("RefundReasons", s); };
    QList<ReasonChoice> out{
        {tr("Requested by customer"), QStringLiteral("requested_by_customer"), QString()},
        {tr("Duplicate payment"), QStringLiteral("duplicate"), QString()},
        {tr("Fraudulent payment"), QStringLiteral("fraudulent"), QString()},
    };
    switch (dialect) {
    case Dialect::WooshPay:
        out << ReasonChoice{tr("Resolved dispute"), QString(), QStringLiteral("resolved_dispute")};
        break;
    case Dialect::Chargebee:
        // Chargebee credit-note reason codes a person may set by hand.
        out << ReasonChoice{tr("Product unsatisfactory"), QString(),
                            QStringLiteral("product_unsatisfactory")}
            << ReasonChoice{tr("Service unsatisfactory"), QString(),
                            QStringLiteral("service_unsatisfactory")}
            << ReasonChoice{tr("Order change"), QString(), QStringLiteral("order_change")}
            << ReasonChoice{tr("Order cancellation"), QString(),
                            QStringLiteral("order_cancellation")}
            << ReasonChoice{tr("Waiver"), QString(), QStringLiteral("waiver")}
            << ReasonChoice{tr("Other"), QStringLiteral("other"), QString()};
        break;
    case Dialect::ProcessOut:
    case Dialect::Stripe:
    case Dialect::IntaSend:
        break;
    }
    return out;
}

QStringList chargebackReasonChoices()
{
    return {QStringLiteral("Goods not delivered"), QStringLiteral("Duplicate charge"),
            QStringLiteral("Unauthorised transaction"), QStringLiteral("Service not as described"),
            QStringLiteral("Other")};
}

} // namespace rd
