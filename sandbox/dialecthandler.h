// What one gateway dialect contributes to the server: its credentials check, its endpoints and
// JSON shapes, and its error bodies for the rules and faults the server applies to every dialect.
#pragma once

#include "exchange.h"
#include "store.h"

namespace rd::sandbox {

class DialectHandler
{
public:
    explicit DialectHandler(Store &store) : m_store(store) {}
    virtual ~DialectHandler() = default;
    DialectHandler(const DialectHandler &) = delete;
    DialectHandler &operator=(const DialectHandler &) = delete;

    virtual Dialect dialect() const = 0;
    // The Authorization header this dialect accepts, e.g. "Bearer sk_test_sandbox".
    virtual QByteArray expectedAuthorization() const = 0;
    virtual Reply unauthorized() const = 0;
    // The answer to an unknown path or method.
    virtual Reply noRoute(const Request &request) const = 0;
    // An armed "fail" fault, in this dialect's error shape (Retry-After is added by the server).
    virtual Reply injectedFailure(int status) const = 0;
    virtual Reply handle(const Request &request) = 0;

    // The request header carrying an idempotency key; empty when the dialect has none.
    virtual QByteArray idempotencyHeader() const { return {}; }
    virtual Reply idempotencyConflict(const QString &key) const
    {
        Q_UNUSED(key);
        return Reply{};
    }
    // Last touches on every reply (Stripe's Stripe-Should-Retry), replays included.
    virtual void finish(Reply &reply, bool replayed) const
    {
        Q_UNUSED(reply);
        Q_UNUSED(replayed);
    }

protected:
    Store &m_store;
};

} // namespace rd::sandbox
