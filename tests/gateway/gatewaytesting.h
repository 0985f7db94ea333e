// Shared by the gateway integration tests: adapters made by the real factory against the real
// sandbox, and small blocking waits for their asynchronous results (tests only).
#pragma once

#include "gateway/gatewayfactory.h"
#include "gateway/pagewalker.h"
#include "sandboxprocess.h"

#include <QEventLoop>
#include <QSet>
#include <QTimer>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

namespace rdtest {

inline rd::HttpClient::Options fastOptions(int attempts = 3, int timeoutMs = 15000)
{
    rd::HttpClient::Options o;
    o.timeoutMs = timeoutMs;
    o.retry.maxAttempts = attempts;
    o.retry.baseDelayMs = 5;
    o.retry.maxDelayMs = 50;
    return o;
}

inline std::unique_ptr<rd::Gateway> makeGateway(SandboxProcess &sandbox, const QString &dialect,
                                                const rd::HttpClient::Options &options,
                                                const QString &secret = QString())
{
    rd::Account account;
    account.name = dialect;
    account.dialect = *rd::dialectFromName(dialect);
    account.baseUrl = sandbox.baseUrl(dialect);
    return rd::createGateway(account, secret.isNull() ? SandboxProcess::secret(dialect) : secret,
                             options);
}

// Runs one asynchronous call and waits for its callback (with a generous guard, which is not an
// assertion on time: a hang shows up as a "no result" failure).
template <typename T>
rd::GatewayResult<T> await(const std::function<void(rd::Gateway::Callback<T>)> &start)
{
    rd::GatewayResult<T> out;
    bool done = false;
    QEventLoop loop;
    start([&](const rd::GatewayResult<T> &r) {
        out = r;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    if (!done)
        loop.exec();
    if (!done) {
        out.error.kind = rd::GatewayError::Kind::Network;
        out.error.message = QStringLiteral("test: no result");
    }
    return out;
}

template <typename T>
rd::GatewayResult<QList<T>> awaitAll(typename rd::PageWalker<T>::Fetch fetch,
                                     rd::ListRequest first = rd::ListRequest())
{
    return await<QList<T>>([&](rd::Gateway::Callback<QList<T>> done) {
        rd::PageWalker<T>::collect(fetch, first, done);
    });
}

// Every invoice; a failure is printed as a warning and gives an empty list, which the
// callers' count or lookup then reports.
inline QList<rd::Invoice> allInvoices(rd::Gateway &g, int pageSize = 100)
{
    rd::ListRequest r;
    r.pageSize = pageSize;
    const auto result = awaitAll<rd::Invoice>(
        [&g](const rd::ListRequest &req, rd::Gateway::Callback<rd::Page<rd::Invoice>> cb) {
            g.listInvoices(req, cb);
        },
        r);
    if (!result.ok())
        qWarning("listing invoices failed: %s", qPrintable(result.error.describe()));
    return result.value;
}

inline rd::GatewayResult<QList<rd::Refund>> allRefunds(rd::Gateway &g, const QString &invoice = {})
{
    rd::ListRequest r;
    r.invoiceId = invoice;
    return awaitAll<rd::Refund>(
        [&g](const rd::ListRequest &req, rd::Gateway::Callback<rd::Page<rd::Refund>> cb) {
            g.listRefunds(req, cb);
        },
        r);
}

inline rd::GatewayResult<QList<rd::Chargeback>> allChargebacks(rd::Gateway &g,
                                                               const QString &invoice = {})
{
    rd::ListRequest r;
    r.invoiceId = invoice;
    return awaitAll<rd::Chargeback>(
        [&g](const rd::ListRequest &req, rd::Gateway::Callback<rd::Page<rd::Chargeback>> cb) {
            g.listChargebacks(req, cb);
        },
        r);
}

inline rd::GatewayResult<rd::Refund> refund(rd::Gateway &g, const rd::RefundRequest &r)
{
    return await<rd::Refund>([&](rd::Gateway::Callback<rd::Refund> cb) { g.createRefund(r, cb); });
}

// An invoice nothing has touched yet: succeeded, nothing refunded, no dispute, online.
inline std::optional<rd::Invoice> untouchedInvoice(const QList<rd::Invoice> &invoices,
                                                   QSet<QString> *used)
{
    for (const rd::Invoice &inv : invoices) {
        if (inv.status == rd::CommonStatus::Succeeded && inv.amountRefunded.isZero() &&
            !inv.disputed && !inv.offline && inv.amount.minorUnits() >= 100 &&
            !used->contains(inv.gatewayId)) {
            used->insert(inv.gatewayId);
            return inv;
        }
    }
    return std::nullopt;
}

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A refund of 1/divisor of the invoice (divisor 0: the full refund, no amount sent) with a fresh
// operation id and idempotency key.
inline rd::RefundRequest refundOf(const rd::Invoice &invoice, int divisor)
{
    rd::RefundRequest r;
    r.invoiceId = invoice.gatewayId;
    if (divisor > 0)
        r.amount = rd::Money(invoice.amount.minorUnits() / divisor, invoice.amount.currency());
    r.operationId = newId();
    r.idempotencyKey = newId();
    return r;
}

inline rd::ChargebackRequest chargebackOf(const rd::Invoice &invoice, int divisor,
                                          const QString &reason)
{
    rd::ChargebackRequest r;
    r.invoiceId = invoice.gatewayId;
    r.amount = rd::Money(invoice.amount.minorUnits() / divisor, invoice.amount.currency());
    r.reason = reason;
    r.operationId = newId();
    return r;
}

inline int requestsTo(SandboxProcess &sandbox, const QString &dialect)
{
    return sandbox.stats().value(QStringLiteral("requests")).toObject().value(dialect).toInt();
}

} // namespace rdtest
