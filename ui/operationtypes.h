// Value objects passed between the dialogs and the code that sends: what a person asked for
// (drafts, returned by the dialogs) and what came of it (outcomes, shown by the dialogs).
#pragma once

#include "domain/dialect.h"
#include "domain/money.h"

#include <QMap>
#include <QString>

namespace rd {

struct RefundDraft
{
    qint64 accountId = 0;
    QString accountName;
    Dialect dialect = Dialect::Stripe;
    QString invoiceId;
    bool full = false;
    Money amount;          // what will be refunded; for a full refund, what is left to refund
    QString reason;        // common reason name, empty when the person chose a dialect value
    QString dialectReason; // the dialect's own reason value when it has no common equivalent
    QString reasonLabel;   // as the person saw it
    QString note;
};

struct ChargebackDraft
{
    qint64 accountId = 0;
    QString accountName;
    Dialect dialect = Dialect::IntaSend;
    QString invoiceId;
    Money amount;
    QString reason;
    QString reasonDetails;
};

struct RefundMetadataDraft
{
    qint64 accountId = 0;
    QString refundId;
    QMap<QString, QString> metadata;
};

struct OperationOutcome
{
    enum class Kind {
        Succeeded,      // the gateway confirmed; objectId is the new or changed object
        Rejected,       // the gateway said no; message is its own words
        Unknown,        // no definite answer; the operation stays in the outbox
        RefusedLocally, // nothing was sent
    };
    Kind kind = Kind::RefusedLocally;
    QString objectId;
    QString status;  // the created object's status, when known
    QString message; // verbatim from the gateway for Rejected
    QString code;    // the gateway's error code
    int httpStatus = 0;
    QString nextStep; // what the person can do now
};

} // namespace rd
