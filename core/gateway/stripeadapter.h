// Stripe (seed 003): charges are the invoices; refunds are created from form bodies and can be
// cancelled (requires_action only) and have their metadata updated.
#pragma once

#include "stripefamilyadapter.h"

namespace rd {

class StripeAdapter final : public StripeFamilyAdapter
{
    Q_OBJECT
public:
    StripeAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent = nullptr);

    bool canCancelRefunds() const override { return true; }
    bool canUpdateRefundMetadata() const override { return true; }
    QStringList refundReasons() const override;

    void cancelRefund(const QString &refundId, const QString &idempotencyKey,
                      Callback<Refund> done) override;
    void updateRefundMetadata(const QString &refundId, const QMap<QString, QString> &metadata,
                              const QString &idempotencyKey, Callback<Refund> done) override;

    // The form body of POST /v1/refunds, public for tests.
    static FormFields refundForm(const RefundRequest &request, const WireAmount &wire,
                                 QString *error);

protected:
    QString invoiceCollection() const override { return QStringLiteral("charges"); }
    Invoice readInvoice(const JsonReader &r) const override { return readCharge(r, wire()); }
    HttpRequest refundRequest(const RefundRequest &request, QString *error) const override;
    QString invoiceParameter(const QString &invoiceId) const override;
};

} // namespace rd
