#include "refundreasons.h"

#include <QCoreApplication>

namespace rd {

QList<ReasonChoice> refundReasonChoices(Dialect dialect, const QStringList &dialectReasons)
{
    // lupdate files tr() in a free function under its namespace ("rd"), so the lookup uses that
    // context too.
    auto tr = [](const char *s) { return QCoreApplication::translate("rd", s); };
    QList<ReasonChoice> out{
        {tr("Requested by customer"), QStringLiteral("requested_by_customer")},
        {tr("Duplicate payment"), QStringLiteral("duplicate")},
        {tr("Fraudulent payment"), QStringLiteral("fraudulent")},
        {tr("Other"), QStringLiteral("other")},
    };
    // ProcessOut's own values are the common three under other names: nothing to add.
    if (dialect == Dialect::ProcessOut)
        return out;
    for (const QString &own : dialectReasons) {
        if (refundReasonFromName(own))
            continue;
        QString label = own;
        label.replace(QLatin1Char('_'), QLatin1Char(' '));
        if (!label.isEmpty())
            label[0] = label.at(0).toUpper();
        out << ReasonChoice{label, own};
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
