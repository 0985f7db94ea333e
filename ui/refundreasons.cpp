#include "refundreasons.h"

#include "displayformat.h"

namespace rd {

QList<ReasonChoice> refundReasonChoices(Dialect dialect, const QStringList &dialectReasons)
{
    QList<ReasonChoice> out;
    for (const char *common : {"requested_by_customer", "duplicate", "fraudulent", "other"}) {
        const QString value = QString::fromLatin1(common);
        out << ReasonChoice{display::reasonLabel(value), value};
    }
    // ProcessOut's own values are the common three under other names: nothing to add.
    if (dialect == Dialect::ProcessOut)
        return out;
    for (const QString &own : dialectReasons) {
        if (refundReasonFromName(own))
            continue;
        out << ReasonChoice{display::reasonLabel(own), own};
    }
    return out;
}

QStringList chargebackReasonChoices()
{
    return {QStringLiteral("Requested by customer"), QStringLiteral("Goods not delivered"),
            QStringLiteral("Duplicate charge"), QStringLiteral("Unauthorised transaction"),
            QStringLiteral("Service not as described")};
}

} // namespace rd
