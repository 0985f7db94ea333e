// Plain value types for what RefundDesk mirrors from a gateway: invoices (payments),
// refunds and chargebacks. Adapters produce them, the store persists them, views show them.
#pragma once

#include "dialect.h"
#include "money.h"

#include <QDateTime>
#include <QMap>
#include <QString>

namespace rd {

struct Invoice
{
    QString gatewayId; // ch_..., pi_..., chargebee invoice id, ProcessOut tr_..., IntaSend invoice
    QString paymentIntent; // Stripe/WooshPay payment_intent, when there is one
    QString customer;      // customer name
    QString email;
    QString description;
    Money amount;          // captured amount
    Money amountRefunded;  // as the gateway reports it
    QString gatewayStatus; // the gateway's own value, verbatim
    CommonStatus status = CommonStatus::Succeeded;
    bool disputed = false;
    bool offline = false; // Chargebee offline invoice: refunds go through "record refund"
    QDateTime createdAt;  // UTC
};

struct Refund
{
    QString gatewayId;
    QString invoiceId; // gateway id of the invoice it refunds
    Money amount;
    QString gatewayReason; // verbatim
    QString reason;        // common reason name, or empty
    QString gatewayStatus;
    CommonStatus status = CommonStatus::Pending;
    QString note; // comment / information / description
    QString failureReason;
    QString operationId; // RefundDesk operation id found in metadata/comment, if any
    QMap<QString, QString> metadata;
    QDateTime createdAt;
};

struct Chargeback
{
    QString gatewayId;
    QString invoiceId;
    Money amount;
    QString reason;
    QString reasonDetails;
    QString gatewayStatus;
    CommonStatus status = CommonStatus::Pending;
    QString resolution;
    QString operationId;
    QDateTime createdAt;
};

} // namespace rd
