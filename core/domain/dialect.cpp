#include "dialect.h"

namespace rd {

QString dialectName(Dialect d)
{
    switch (d) {
    case Dialect::Stripe:
        return QStringLiteral("stripe");
    case Dialect::WooshPay:
        return QStringLiteral("wooshpay");
    case Dialect::Chargebee:
        return QStringLiteral("chargebee");
    case Dialect::ProcessOut:
        return QStringLiteral("processout");
    case Dialect::IntaSend:
        return QStringLiteral("intasend");
    }
    return QString();
}

QString dialectDisplayName(Dialect d)
{
    switch (d) {
    case Dialect::Stripe:
        return QStringLiteral("Stripe");
    case Dialect::WooshPay:
        return QStringLiteral("WooshPay");
    case Dialect::Chargebee:
        return QStringLiteral("Chargebee");
    case Dialect::ProcessOut:
        return QStringLiteral("ProcessOut");
    case Dialect::IntaSend:
        return QStringLiteral("IntaSend");
    }
    return QString();
}

std::optional<Dialect> dialectFromName(QStringView name)
{
    for (Dialect d : {Dialect::Stripe, Dialect::WooshPay, Dialect::Chargebee, Dialect::ProcessOut,
                      Dialect::IntaSend}) {
        if (name.compare(dialectName(d), Qt::CaseInsensitive) == 0)
            return d;
    }
    return std::nullopt;
}

QStringList dialectNames()
{
    return {QStringLiteral("stripe"), QStringLiteral("wooshpay"), QStringLiteral("chargebee"),
            QStringLiteral("processout"), QStringLiteral("intasend")};
}

QString commonStatusName(CommonStatus s)
{
    switch (s) {
    case CommonStatus::Pending:
        return QStringLiteral("pending");
    case CommonStatus::RequiresAction:
        return QStringLiteral("requires_action");
    case CommonStatus::Succeeded:
        return QStringLiteral("succeeded");
    case CommonStatus::Failed:
        return QStringLiteral("failed");
    case CommonStatus::Canceled:
        return QStringLiteral("canceled");
    }
    return QString();
}

std::optional<CommonStatus> commonStatusFromName(QStringView name)
{
    for (CommonStatus s : {CommonStatus::Pending, CommonStatus::RequiresAction,
                           CommonStatus::Succeeded, CommonStatus::Failed, CommonStatus::Canceled}) {
        if (name == commonStatusName(s))
            return s;
    }
    return std::nullopt;
}

QString refundReasonName(RefundReason r)
{
    switch (r) {
    case RefundReason::Duplicate:
        return QStringLiteral("duplicate");
    case RefundReason::Fraudulent:
        return QStringLiteral("fraudulent");
    case RefundReason::RequestedByCustomer:
        return QStringLiteral("requested_by_customer");
    case RefundReason::Other:
        return QStringLiteral("other");
    }
    return QString();
}

std::optional<RefundReason> refundReasonFromName(QStringView name)
{
    for (RefundReason r : {RefundReason::Duplicate, RefundReason::Fraudulent,
                           RefundReason::RequestedByCustomer, RefundReason::Other}) {
        if (name == refundReasonName(r))
            return r;
    }
    return std::nullopt;
}

} // namespace rd
