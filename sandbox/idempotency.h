// Idempotency keys per dialect: the first reply to a key is kept and replayed byte for byte to
// a retry with the same parameters; the same key with other parameters is a conflict.
#pragma once

#include "exchange.h"

#include <QHash>

namespace rd::sandbox {

struct IdempotentReply
{
    QByteArray fingerprint; // method, path and the parameters in a canonical order
    int status = 0;
    QByteArray body;
    HeaderList headers;
};

class IdempotencyCache final
{
public:
    // Same parameters give the same fingerprint whatever their order or the body encoding.
    static QByteArray fingerprint(const Request &request);

    const IdempotentReply *find(int dialect, const QString &key) const;
    void insert(int dialect, const QString &key, IdempotentReply reply);

private:
    QHash<QString, IdempotentReply> m_replies; // "dialect:key"
};

} // namespace rd::sandbox
