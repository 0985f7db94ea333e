// Chargebee (seed 002): invoices, refunds as credit notes created by POST
// /invoices/{id}/refund (form body, credit_note[reason_code]), offset paging, and
// {message, api_error_code} errors. Chargebee has no chargeback API here.
#pragma once

#include "adapterbase.h"

namespace rd {

class ChargebeeAdapter final : public AdapterBase
{
    Q_OBJECT
public:
    ChargebeeAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent = nullptr);

    bool hasIdempotencyKeys() const override { return true; }
    bool canCreateRefunds() const override { return true; }
    bool canCreateChargebacks() const override { return false; }
    bool canFilterByCreated() const override { return false; }
    bool canFilterByUpdated() const override { return true; }
    // Invoices and credit notes filter on `date` (what createdAt is read from).
    bool canFilterByCreatedRange() const override { return true; }
    QStringList refundReasons() const override;

    void listInvoices(const ListRequest &request, Callback<Page<Invoice>> done) override;
    void listRefunds(const ListRequest &request, Callback<Page<Refund>> done) override;
    void listChargebacks(const ListRequest &request, Callback<Page<Chargeback>> done) override;
    void retrieveInvoice(const QString &id, Callback<Invoice> done) override;
    void createRefund(const RefundRequest &request, Callback<Refund> done) override;

    // Wire readers and writers, public for tests.
    static Invoice readInvoice(const JsonReader &r, const WireAmount &wire);
    static Refund readCreditNote(const JsonReader &r, const WireAmount &wire);
    static GatewayResult<Page<Invoice>> parseInvoiceList(const QByteArray &body,
                                                         const WireAmount &wire);
    static GatewayResult<Page<Refund>> parseCreditNoteList(const QByteArray &body,
                                                           const WireAmount &wire);
    static GatewayResult<Refund> parseRefundReply(const QByteArray &body, const WireAmount &wire);
    static FormFields refundForm(const RefundRequest &request, const WireAmount &wire,
                                 QString *error);
    static GatewayError parseChargebeeError(const HttpResponse &response);
    static QString creditNoteReason(const RefundRequest &request);
    static QString commonReason(const QString &reasonCode);

protected:
    GatewayError parseError(const HttpResponse &response) const override
    {
        return parseChargebeeError(response);
    }

private:
    HttpRequest listRequest(const QString &collection, const ListRequest &request) const;
};

} // namespace rd
