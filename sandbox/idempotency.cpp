#include "idempotency.h"

#include <QCryptographicHash>

#include <algorithm>

namespace rd::sandbox {

QByteArray IdempotencyCache::fingerprint(const Request &request)
{
    QByteArray canonical =
        request.method + ' ' + request.segments.join(QLatin1Char('/')).toUtf8() + '\n';
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!request.body.isEmpty() && (doc.isObject() || doc.isArray())) {
        // QJsonObject keeps keys sorted, so re-serialising normalises order and spacing.
        canonical += doc.toJson(QJsonDocument::Compact);
    } else {
        auto pairs = parseForm(request.body);
        std::stable_sort(pairs.begin(), pairs.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &p : pairs)
            canonical += p.first.toUtf8() + '=' + p.second.toUtf8() + '&';
    }
    return QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex();
}

const IdempotentReply *IdempotencyCache::find(int dialect, const QString &key) const
{
    const auto it = m_replies.constFind(QString::number(dialect) + QLatin1Char(':') + key);
    return it == m_replies.cend() ? nullptr : &it.value();
}

void IdempotencyCache::insert(int dialect, const QString &key, IdempotentReply reply)
{
    m_replies.insert(QString::number(dialect) + QLatin1Char(':') + key, std::move(reply));
}

} // namespace rd::sandbox
