// WooshPay (seed 004): Stripe-like, but Basic auth with the key as user, payment intents as the
// invoices, JSON bodies whose refund amount is a string of minor units, and resolved_dispute.
#pragma once

#include "stripefamilyadapter.h"

#include <QJsonObject>

namespace rd {

class WooshPayAdapter final : public StripeFamilyAdapter
{
    Q_OBJECT
public:
    WooshPayAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent = nullptr);

    QStringList refundReasons() const override;

    // The JSON body of POST /v1/refunds, public for tests.
    static QJsonObject refundJson(const RefundRequest &request, const WireAmount &wire,
                                  QString *error);

protected:
    QString invoiceCollection() const override { return QStringLiteral("payment_intents"); }
    Invoice readInvoice(const JsonReader &r) const override { return readPaymentIntent(r, wire()); }
    HttpRequest refundRequest(const RefundRequest &request, QString *error) const override;
    QString invoiceParameter(const QString &) const override
    {
        return QStringLiteral("payment_intent");
    }
};

} // namespace rd
