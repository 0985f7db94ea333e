// IntaSend (seed 000): a chargeback is IntaSend's refund request, so this dialect files
// chargebacks rather than refunds. JSON, decimal-string amounts in major units, no idempotency
// keys (a lost reply is found again by the "[rd:ID]" tag at the end of reason_details).
#pragma once

#include "adapterbase.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>

namespace rd {

class IntaSendAdapter final : public AdapterBase
{
    Q_OBJECT
public:
    IntaSendAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent = nullptr);

    bool hasIdempotencyKeys() const override { return false; }
    bool canCreateRefunds() const override { return false; }
    bool canCreateChargebacks() const override { return true; }
    bool canRetrieveChargebacks() const override { return true; }
    bool canFilterByCreated() const override { return false; }
    bool canFilterByUpdated() const override { return false; }
    QStringList refundReasons() const override { return {}; }

    void listInvoices(const ListRequest &request, Callback<Page<Invoice>> done) override;
    void listRefunds(const ListRequest &request, Callback<Page<Refund>> done) override;
    // The whole list in one page (the endpoint does not page); `invoiceId` filters locally.
    // Chargebacks that carry no currency take their invoice's, looked up once per invoice.
    void listChargebacks(const ListRequest &request, Callback<Page<Chargeback>> done) override;
    void retrieveInvoice(const QString &id, Callback<Invoice> done) override;
    void retrieveChargeback(const QString &id, Callback<Chargeback> done) override;
    void createRefund(const RefundRequest &request, Callback<Refund> done) override;
    void createChargeback(const ChargebackRequest &request, Callback<Chargeback> done) override;

    // Wire readers and writers, public for tests. `invoiceCurrency` maps invoice ids to the
    // currency used when a chargeback has none; without it such a chargeback is malformed.
    static Invoice readInvoice(const JsonReader &r, const WireAmount &wire);
    static Chargeback readChargeback(const JsonReader &r,
                                     const QHash<QString, QString> &invoiceCurrency,
                                     const WireAmount &wire);
    static GatewayResult<Page<Invoice>> parseInvoicePage(const QByteArray &body,
                                                         const WireAmount &wire);
    static GatewayResult<Page<Chargeback>>
    parseChargebackList(const QByteArray &body, const QHash<QString, QString> &invoiceCurrency,
                        const WireAmount &wire);
    static GatewayResult<Chargeback> parseChargeback(const QByteArray &body,
                                                     const QHash<QString, QString> &invoiceCurrency,
                                                     const WireAmount &wire);
    // Invoice ids of chargebacks in `body` (an array or one object) that have no currency.
    static QSet<QString> invoicesWithoutCurrency(const QByteArray &body);
    static QJsonObject chargebackJson(const ChargebackRequest &request, const WireAmount &wire,
                                      QString *error);
    static GatewayError parseIntaSendError(const HttpResponse &response);
    static CommonStatus chargebackStatus(const QString &state);

protected:
    GatewayError parseError(const HttpResponse &response) const override
    {
        return parseIntaSendError(response);
    }

private:
    // Runs `then` once every invoice in `ids` has a known currency (or a lookup failed).
    void resolveCurrencies(QList<QString> ids, std::function<void(const GatewayError &)> then);

    QHash<QString, QString> m_invoiceCurrency;
};

} // namespace rd
