// An in-memory gateway for the unit tests of RefundService and Reconciler: it keeps refunds and
// chargebacks, honours idempotency keys like the real dialects, and can be told to answer with
// an error, or to commit and then lose the answer.
#pragma once

#include "gateway/gateway.h"

#include <functional>
#include <utility>

namespace rdtest {

class FakeGateway final : public rd::Gateway
{
public:
    explicit FakeGateway(rd::Dialect d, QObject *parent = nullptr) : Gateway(parent), m_dialect(d)
    {}

    rd::Dialect dialect() const override { return m_dialect; }
    bool hasIdempotencyKeys() const override { return m_dialect != rd::Dialect::IntaSend; }
    bool canCreateRefunds() const override { return m_dialect != rd::Dialect::IntaSend; }
    bool canCreateChargebacks() const override { return m_dialect == rd::Dialect::IntaSend; }
    bool canCancelRefunds() const override { return m_dialect == rd::Dialect::Stripe; }
    bool canUpdateRefundMetadata() const override { return m_dialect == rd::Dialect::Stripe; }
    bool canFilterByCreated() const override { return false; }
    bool canFilterByUpdated() const override { return false; }
    QStringList refundReasons() const override
    {
        if (m_dialect == rd::Dialect::Chargebee)
            return {QStringLiteral("product_unsatisfactory"), QStringLiteral("order_change"),
                    QStringLiteral("other")};
        return {QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
                QStringLiteral("requested_by_customer"), QStringLiteral("resolved_dispute")};
    }

    void listInvoices(const rd::ListRequest &, Callback<rd::Page<rd::Invoice>> done) override
    {
        done({});
    }
    void listRefunds(const rd::ListRequest &request, Callback<rd::Page<rd::Refund>> done) override
    {
        rd::GatewayResult<rd::Page<rd::Refund>> r;
        r.error = listError;
        for (const rd::Refund &x : std::as_const(refunds)) {
            if (x.invoiceId == request.invoiceId)
                r.value.items << x;
        }
        done(r);
    }
    void listChargebacks(const rd::ListRequest &, Callback<rd::Page<rd::Chargeback>> done) override
    {
        rd::GatewayResult<rd::Page<rd::Chargeback>> r;
        r.error = listError;
        r.value.items = chargebacks;
        done(r);
    }
    void retrieveInvoice(const QString &, Callback<rd::Invoice> done) override { done({}); }

    void createRefund(const rd::RefundRequest &request, Callback<rd::Refund> done) override
    {
        if (holdAnswers) {
            // Answer later, as a slow gateway would: release() sends what was held.
            held << [this, request, done] {
                holdAnswers = false;
                createRefund(request, done);
            };
            return;
        }
        requests << request;
        rd::GatewayResult<rd::Refund> r;
        if (nextErrors.isEmpty() || commitThenLose > 0) {
            if (!request.idempotencyKey.isEmpty() && byKey.contains(request.idempotencyKey)) {
                r.value = byKey.value(request.idempotencyKey); // a replay
            } else {
                rd::Refund x;
                x.gatewayId = QStringLiteral("re_%1").arg(refunds.size() + 1);
                x.invoiceId = request.invoiceId;
                x.amount = *request.amount;
                x.status = rd::CommonStatus::Succeeded;
                x.gatewayStatus = QStringLiteral("succeeded");
                x.operationId = carryOperationId ? request.operationId : QString();
                x.createdAt = QDateTime::currentDateTimeUtc();
                refunds << x;
                byKey.insert(request.idempotencyKey, x);
                r.value = x;
            }
            if (commitThenLose > 0) {
                --commitThenLose;
                r.error.kind = rd::GatewayError::Kind::Network;
                r.error.outcomeUnknown = true;
                r.error.message = QStringLiteral("connection closed without a reply");
            }
        } else {
            r.error = nextErrors.takeFirst();
        }
        done(r);
    }

    void createChargeback(const rd::ChargebackRequest &request,
                          Callback<rd::Chargeback> done) override
    {
        if (holdAnswers) {
            held << [this, request, done] {
                holdAnswers = false;
                createChargeback(request, done);
            };
            return;
        }
        chargebackRequests << request;
        rd::GatewayResult<rd::Chargeback> r;
        if (!nextErrors.isEmpty() && commitThenLose == 0) {
            r.error = nextErrors.takeFirst();
            done(r);
            return;
        }
        rd::Chargeback c;
        c.gatewayId = QString::number(chargebacks.size() + 1);
        c.invoiceId = request.invoiceId;
        c.amount = request.amount;
        c.reason = request.reason;
        c.reasonDetails =
            request.reasonDetails + QStringLiteral(" [rd:%1]").arg(request.operationId);
        c.status = rd::CommonStatus::Pending;
        c.createdAt = QDateTime::currentDateTimeUtc();
        chargebacks << c;
        r.value = c;
        if (commitThenLose > 0) {
            --commitThenLose;
            r.error.kind = rd::GatewayError::Kind::Network;
            r.error.outcomeUnknown = true;
        }
        done(r);
    }

    QList<rd::RefundRequest> requests;
    QList<rd::ChargebackRequest> chargebackRequests;
    QList<rd::Refund> refunds;
    QList<rd::Chargeback> chargebacks;
    QHash<QString, rd::Refund> byKey;
    QList<rd::GatewayError> nextErrors; // answered instead of creating, one per request
    int commitThenLose = 0;             // create, then answer "no reply"
    bool carryOperationId = true;       // whether created refunds echo the operation id
    rd::GatewayError listError;
    bool holdAnswers = false;
    QList<std::function<void()>> held;
    void release()
    {
        const auto pending = std::exchange(held, {});
        for (const auto &answer : pending)
            answer();
    }

private:
    rd::Dialect m_dialect;
};

inline rd::GatewayError gatewayError(rd::GatewayError::Kind kind, int status, bool unknown,
                                     const QString &message = QStringLiteral("no"))
{
    rd::GatewayError e;
    e.kind = kind;
    e.httpStatus = status;
    e.outcomeUnknown = unknown;
    e.message = message;
    return e;
}

} // namespace rdtest
