// The one interface every gateway dialect adapter implements. Calls are asynchronous: the
// callback runs on the adapter's thread when the HTTP exchange is over. Adapters convert wire
// formats to Money and the records of domain/records.h at this boundary and nowhere else.
#pragma once

#include "domain/records.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace rd {

struct GatewayError
{
    enum class Kind {
        None,
        Auth,        // 401/403: wrong or missing credentials
        NotFound,    // 404: unknown object
        Rejected,    // 4xx: the gateway refused the request (over-refund, bad amount, ...)
        RateLimited, // 429 after retries
        Server,      // 5xx after retries
        Network,     // connection refused/reset, DNS, TLS, timeout
        Malformed,   // a reply RefundDesk cannot read
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString code; // the gateway's own code, verbatim (Stripe code, Chargebee api_error_code, ...)
    QString message; // the gateway's own message, verbatim, or ours for network/malformed
    QString param;   // the field the gateway blamed, when it says
    // For writes: true when the request may have taken effect (no answer, 5xx, timeout after
    // sending). A definite 4xx rejection is a known outcome.
    bool outcomeUnknown = false;

    // A Rejected error with httpStatus 0 was refused by RefundDesk itself (unsupported operation,
    // bad request built locally): nothing was sent.
    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind k);
    // "rejected by the gateway (400 amount_too_large): <message>", for logs and the CLI.
    QString describe() const;
};

template <typename T> struct GatewayResult
{
    T value{};
    GatewayError error;
    bool ok() const { return !error.isError(); }
};

// One page of a list. `nextCursor` is opaque to callers: pass it back to get the next page.
template <typename T> struct Page
{
    QList<T> items;
    QString nextCursor; // empty when this was the last page
};

struct ListRequest
{
    QString cursor; // from the previous Page, empty for the first page
    int pageSize = 100;
    QDateTime createdSince; // when valid and the dialect can filter, only newer objects
    // When valid (dialects with canFilterByCreatedRange()), only objects created before it:
    // with createdSince a half-open window [createdSince, createdBefore) on `created`.
    QDateTime createdBefore;
    QDateTime updatedSince; // when valid and the dialect can filter by update time
    QString invoiceId;      // restrict to one invoice (refund/chargeback lists)
};

struct RefundRequest
{
    QString invoiceId; // the record's gatewayId (charge, payment intent, invoice, transaction)
    std::optional<Money> amount; // nullopt = full refund of what remains
    QString reason; // common reason name (duplicate, fraudulent, requested_by_customer, other)
    QString dialectReason;  // a dialect's own value, when the person chose one; wins over `reason`
    QString note;           // comment / information / description
    QString operationId;    // RefundDesk's id, carried in metadata/comment so it can be matched
    QString idempotencyKey; // sent where the dialect has idempotency
    QMap<QString, QString> metadata;
    // Chargebee
    QString customerNotes;
    QString creditNoteReasonCode;
    // ProcessOut
    QStringList invoiceDetailIds;
};

struct ChargebackRequest
{
    QString invoiceId;
    Money amount;
    QString reason;
    QString reasonDetails;
    QString operationId;
};

class Gateway : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Gateway() override = default;

    virtual Dialect dialect() const = 0;

    // What the dialect can do; callers check before offering an action.
    virtual bool hasIdempotencyKeys() const = 0;
    virtual bool canCreateRefunds() const = 0;
    virtual bool canCreateChargebacks() const = 0;
    virtual bool canCancelRefunds() const { return false; }
    virtual bool canUpdateRefundMetadata() const { return false; }
    // Whether list requests honour createdSince / updatedSince.
    virtual bool canFilterByCreated() const = 0;
    virtual bool canFilterByUpdated() const = 0;
    // Whether every list is newest first by `created` and honours createdSince and
    // createdBefore together with a page cursor, so a sync can read one list in time windows
    // side by side.
    virtual bool canFilterByCreatedRange() const { return false; }
    // Refund reasons the dialect accepts, as its own values.
    virtual QStringList refundReasons() const = 0;

    template <typename T> using Callback = std::function<void(const GatewayResult<T> &)>;

    virtual void listInvoices(const ListRequest &request, Callback<Page<Invoice>> done) = 0;
    virtual void listRefunds(const ListRequest &request, Callback<Page<Refund>> done) = 0;
    virtual void listChargebacks(const ListRequest &request, Callback<Page<Chargeback>> done) = 0;
    virtual void retrieveInvoice(const QString &id, Callback<Invoice> done) = 0;
    // One refund or chargeback by its gateway id, where the dialect can fetch one directly.
    virtual bool canRetrieveRefunds() const { return false; }
    virtual bool canRetrieveChargebacks() const { return false; }
    virtual void retrieveRefund(const QString &id, Callback<Refund> done);
    virtual void retrieveChargeback(const QString &id, Callback<Chargeback> done);

    virtual void createRefund(const RefundRequest &request, Callback<Refund> done) = 0;
    virtual void createChargeback(const ChargebackRequest &request, Callback<Chargeback> done);
    virtual void cancelRefund(const QString &refundId, const QString &idempotencyKey,
                              Callback<Refund> done);
    virtual void updateRefundMetadata(const QString &refundId,
                                      const QMap<QString, QString> &metadata,
                                      const QString &idempotencyKey, Callback<Refund> done);
};

} // namespace rd
