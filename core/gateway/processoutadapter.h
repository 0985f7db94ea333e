// ProcessOut (seed 001): transactions are the invoices; refunds are posted per transaction (or
// invoice) as JSON with decimal-string amounts in major units, a reason, information and
// invoice_detail_ids. Refund objects carry no currency, so the transaction's is used.
#pragma once

#include "adapterbase.h"

#include <QJsonObject>

namespace rd {

class ProcessOutAdapter final : public AdapterBase
{
    Q_OBJECT
public:
    ProcessOutAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent = nullptr);

    bool hasIdempotencyKeys() const override { return true; }
    bool canCreateRefunds() const override { return true; }
    bool canCreateChargebacks() const override { return false; }
    bool canFilterByCreated() const override { return false; }
    bool canFilterByUpdated() const override { return false; }
    QStringList refundReasons() const override;

    void listInvoices(const ListRequest &request, Callback<Page<Invoice>> done) override;
    // With an invoiceId: that transaction's refunds. Without: the refunds of one page of
    // transactions (expanded), so paging follows the transaction list.
    void listRefunds(const ListRequest &request, Callback<Page<Refund>> done) override;
    void listChargebacks(const ListRequest &request, Callback<Page<Chargeback>> done) override;
    void retrieveInvoice(const QString &id, Callback<Invoice> done) override;
    // Looks the transaction up first (for its currency and, for a full refund, what remains),
    // then posts the refund. A caller retrying an unknown full refund with the same key should
    // pass the amount explicitly, so the retried body is identical.
    void createRefund(const RefundRequest &request, Callback<Refund> done) override;

    // Wire readers and writers, public for tests.
    static Invoice readTransaction(const JsonReader &r, const WireAmount &wire);
    static Refund readRefund(const JsonReader &r, const QString &transactionCurrency,
                             const WireAmount &wire);
    static GatewayResult<Page<Invoice>> parseTransactionList(const QByteArray &body,
                                                             const WireAmount &wire);
    // Refunds embedded in an expanded transaction list.
    static GatewayResult<Page<Refund>> parseExpandedRefunds(const QByteArray &body,
                                                            const WireAmount &wire);
    static GatewayResult<Page<Refund>>
    parseRefundList(const QByteArray &body, const QString &currency, const WireAmount &wire);
    static GatewayResult<Refund> parseRefundReply(const QByteArray &body, const QString &currency,
                                                  const WireAmount &wire);
    static QJsonObject refundJson(const RefundRequest &request, const Money &amount,
                                  const WireAmount &wire, QString *error);
    static GatewayError parseProcessOutError(const HttpResponse &response);
    static QString wireReason(const RefundRequest &request);
    static QString commonReason(const QString &reason);

protected:
    GatewayError parseError(const HttpResponse &response) const override
    {
        return parseProcessOutError(response);
    }

private:
    void postRefund(const RefundRequest &request, const Invoice &transaction,
                    Callback<Refund> done);
};

} // namespace rd
