// What Stripe and WooshPay share: Bearer/Basic key auth, /v1 paths, list envelopes with
// starting_after cursors, integer minor-unit amounts, the {"error":{...}} shape, refunds and
// disputes. Subclasses say how an invoice looks (charge or payment intent) and how a refund
// request is encoded (form or JSON).
#pragma once

#include "adapterbase.h"

namespace rd {

class StripeFamilyAdapter : public AdapterBase
{
    Q_OBJECT
public:
    using AdapterBase::AdapterBase;

    bool hasIdempotencyKeys() const override { return true; }
    bool canCreateRefunds() const override { return true; }
    bool canCreateChargebacks() const override { return false; }
    bool canFilterByCreated() const override { return true; }
    bool canFilterByUpdated() const override { return false; }
    bool canFilterByCreatedRange() const override { return true; }
    bool canRetrieveRefunds() const override { return true; }
    bool canRetrieveChargebacks() const override { return true; }

    void listInvoices(const ListRequest &request, Callback<Page<Invoice>> done) override;
    void listRefunds(const ListRequest &request, Callback<Page<Refund>> done) override;
    void listChargebacks(const ListRequest &request, Callback<Page<Chargeback>> done) override;
    void retrieveInvoice(const QString &id, Callback<Invoice> done) override;
    void retrieveRefund(const QString &id, Callback<Refund> done) override;
    void retrieveChargeback(const QString &id, Callback<Chargeback> done) override;
    void createRefund(const RefundRequest &request, Callback<Refund> done) override;

    // Wire readers, public so the parsers can be tested on recorded bodies.
    static Invoice readCharge(const JsonReader &r, const WireAmount &wire);
    static Invoice readPaymentIntent(const JsonReader &r, const WireAmount &wire);
    static Refund readRefund(const JsonReader &r, const WireAmount &wire);
    static Chargeback readDispute(const JsonReader &r, const WireAmount &wire);
    // {"object":"list","has_more":..,"data":[...]} → a page whose cursor is the last id.
    template <typename T>
    static GatewayResult<Page<T>> parseList(const QByteArray &body,
                                            const std::function<T(const JsonReader &)> &read);
    static GatewayResult<Page<Refund>> parseRefundList(const QByteArray &body,
                                                       const WireAmount &wire);
    static GatewayError parseStripeError(const HttpResponse &response);

    static CommonStatus refundStatus(const QString &status);
    static CommonStatus disputeStatus(const QString &status);
    static QString commonReason(const QString &gatewayReason);

protected:
    GatewayError parseError(const HttpResponse &response) const override
    {
        return parseStripeError(response);
    }
    virtual QString invoiceCollection() const = 0; // "charges" or "payment_intents"
    virtual Invoice readInvoice(const JsonReader &r) const = 0;
    // The body of POST /v1/refunds (form or JSON). Empty error when it could be built.
    virtual HttpRequest refundRequest(const RefundRequest &request, QString *error) const = 0;
    // Query parameter that restricts refunds/disputes to one invoice.
    virtual QString invoiceParameter(const QString &invoiceId) const = 0;

    // Shared pieces of a refund request: reason (dialect value or mapped common one) and the
    // metadata with RefundDesk's operation id and note.
    static QString wireReason(const RefundRequest &request);
    static QMap<QString, QString> wireMetadata(const RefundRequest &request);
    HttpRequest get(const QStringList &segments, const ListRequest *list) const;
    std::function<GatewayResult<Refund>(const QByteArray &)> refundParser() const;
};

template <typename T>
GatewayResult<Page<T>>
StripeFamilyAdapter::parseList(const QByteArray &body,
                               const std::function<T(const JsonReader &)> &read)
{
    return readObjectBody<Page<T>>(body, [&read](const JsonReader &r) {
        Page<T> page;
        const JsonArray data = r.array(QStringLiteral("data"));
        const bool hasMore = r.boolean(QStringLiteral("has_more"));
        page.items = readList<T>(r, data, QStringLiteral("data"), read);
        if (r.ok() && hasMore) {
            if (page.items.isEmpty())
                r.fail(QStringLiteral("has_more"), QStringLiteral("true on an empty page"));
            else
                page.nextCursor = page.items.constLast().gatewayId;
        }
        return page;
    });
}

} // namespace rd
