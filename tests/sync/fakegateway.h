// An in-memory gateway for the unit test of the sync engine only: it keeps lists of invoices,
// refunds and chargebacks, pages them like a real dialect (newest first, or by update time
// when it "filters by updated"), counts requests and can be told to fail. Integration tests
// use the real sandbox instead.
#pragma once

#include "gateway/gateway.h"

#include <QMutex>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>

namespace rdtest {

enum class FakeFilter { Created, Updated, None };

// Shared between the test thread (between syncs) and the engine's thread (during a sync).
struct FakeData
{
    QMutex mutex;
    FakeFilter filter = FakeFilter::Created;
    QList<rd::Invoice> invoices;
    QList<rd::Refund> refunds;
    QList<rd::Chargeback> chargebacks;
    QHash<QString, qint64> updatedAt; // gateway id -> update time (seconds)
    bool chargebacksUnsupported = false;
    int requests = 0;
    int retrieves = 0;
    int failAfter = -1; // answer every request after this many with `failKind`
    rd::GatewayError::Kind failKind = rd::GatewayError::Kind::Network;
    int hangAfter = -1; // never answer requests after this many (a gateway gone silent)
    QList<rd::ListRequest> listRequests;
    // Called with the mutex held after each list request is answered (its page is taken by
    // then): changes the lists between one page and the next, as a live gateway does.
    std::function<void(FakeData &)> afterListRequest;
};

class FakeGateway final : public rd::Gateway
{
public:
    FakeGateway(std::shared_ptr<FakeData> data, QObject *parent)
        : rd::Gateway(parent), m_data(std::move(data))
    {}

    rd::Dialect dialect() const override { return rd::Dialect::Stripe; }
    bool hasIdempotencyKeys() const override { return true; }
    bool canCreateRefunds() const override { return false; }
    bool canCreateChargebacks() const override { return false; }
    bool canFilterByCreated() const override { return m_data->filter == FakeFilter::Created; }
    bool canFilterByUpdated() const override { return m_data->filter == FakeFilter::Updated; }
    QStringList refundReasons() const override { return {}; }

    void listInvoices(const rd::ListRequest &r, Callback<rd::Page<rd::Invoice>> done) override
    {
        answer(r, &FakeData::invoices, std::move(done));
    }
    void listRefunds(const rd::ListRequest &r, Callback<rd::Page<rd::Refund>> done) override
    {
        answer(r, &FakeData::refunds, std::move(done));
    }
    void listChargebacks(const rd::ListRequest &r, Callback<rd::Page<rd::Chargeback>> done) override
    {
        if (m_data->chargebacksUnsupported) {
            rd::GatewayResult<rd::Page<rd::Chargeback>> result;
            result.error.kind = rd::GatewayError::Kind::Rejected;
            result.error.code = QStringLiteral("unsupported");
            later([done, result] { done(result); });
            return;
        }
        answer(r, &FakeData::chargebacks, std::move(done));
    }
    void retrieveInvoice(const QString &id, Callback<rd::Invoice> done) override
    {
        rd::GatewayResult<rd::Invoice> result;
        {
            QMutexLocker lock(&m_data->mutex);
            ++m_data->retrieves;
            if (!failing(&result.error)) {
                result.error.kind = rd::GatewayError::Kind::NotFound;
                for (const rd::Invoice &inv : std::as_const(m_data->invoices)) {
                    if (inv.gatewayId == id) {
                        result.value = inv;
                        result.error = rd::GatewayError();
                    }
                }
            }
        }
        later([done, result] { done(result); });
    }
    void createRefund(const rd::RefundRequest &, Callback<rd::Refund> done) override
    {
        rd::GatewayResult<rd::Refund> result;
        result.error.kind = rd::GatewayError::Kind::Rejected;
        later([done, result] { done(result); });
    }

private:
    // Counts the request and says whether it must fail; the caller holds the mutex.
    bool failing(rd::GatewayError *error)
    {
        ++m_data->requests;
        if (m_data->failAfter >= 0 && m_data->requests > m_data->failAfter) {
            error->kind = m_data->failKind;
            error->message = QStringLiteral("connection refused");
            return true;
        }
        return false;
    }

    template <typename T>
    void answer(const rd::ListRequest &r, QList<T> FakeData::*list, Callback<rd::Page<T>> done)
    {
        rd::GatewayResult<rd::Page<T>> result;
        {
            QMutexLocker lock(&m_data->mutex);
            m_data->listRequests << r;
            if (!failing(&result.error)) {
                QList<T> all;
                for (const T &item : std::as_const((*m_data).*list)) {
                    const qint64 created = item.createdAt.toSecsSinceEpoch();
                    const qint64 updated = m_data->updatedAt.value(item.gatewayId, created);
                    if (r.createdSince.isValid() && created < r.createdSince.toSecsSinceEpoch())
                        continue;
                    if (r.updatedSince.isValid() && updated <= r.updatedSince.toSecsSinceEpoch())
                        continue;
                    all << item;
                }
                const bool byUpdate = m_data->filter == FakeFilter::Updated;
                std::stable_sort(all.begin(), all.end(), [&](const T &a, const T &b) {
                    if (byUpdate)
                        return m_data->updatedAt.value(a.gatewayId,
                                                       a.createdAt.toSecsSinceEpoch()) <
                               m_data->updatedAt.value(b.gatewayId, b.createdAt.toSecsSinceEpoch());
                    return a.createdAt > b.createdAt;
                });
                const int from = r.cursor.isEmpty() ? 0 : r.cursor.toInt();
                result.value.items = all.mid(from, r.pageSize);
                if (from + r.pageSize < all.size())
                    result.value.nextCursor = QString::number(from + r.pageSize);
            }
            if (m_data->afterListRequest)
                m_data->afterListRequest(*m_data);
        }
        later([done, result] { done(result); });
    }

    // Answers asynchronously, as a real adapter does.
    template <typename F> void later(F f)
    {
        if (m_data->hangAfter >= 0 && m_data->requests > m_data->hangAfter)
            return;
        QTimer::singleShot(0, this, std::move(f));
    }

    std::shared_ptr<FakeData> m_data;
};

} // namespace rdtest
