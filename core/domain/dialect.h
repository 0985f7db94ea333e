// The five gateway dialects RefundDesk speaks, and the common status/reason vocabularies
// that every dialect's own values map onto.
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace rd {

enum class Dialect { Stripe, WooshPay, Chargebee, ProcessOut, IntaSend };

// "stripe", "wooshpay", "chargebee", "processout", "intasend": the names used on the
// command line, in the database and as the sandbox's path prefixes.
QString dialectName(Dialect d);
// "Stripe", "WooshPay", ...: for people.
QString dialectDisplayName(Dialect d);
std::optional<Dialect> dialectFromName(QStringView name);
QStringList dialectNames();

// Common statuses for filters and reports; the gateway's own value is always kept beside it.
enum class CommonStatus { Pending, RequiresAction, Succeeded, Failed, Canceled };
QString commonStatusName(CommonStatus s);
std::optional<CommonStatus> commonStatusFromName(QStringView name);

// Common refund reasons; adapters map them to and from each dialect's own values.
enum class RefundReason { Duplicate, Fraudulent, RequestedByCustomer, Other };
QString refundReasonName(RefundReason r);
std::optional<RefundReason> refundReasonFromName(QStringView name);

} // namespace rd
