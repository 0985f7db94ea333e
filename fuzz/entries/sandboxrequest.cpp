// The sandbox's side of a request: the pure split of an HTTP request into what a dialect
// handler sees (path segments, query, headers, body), the idempotency fingerprint, and each
// dialect's handler on a small seeded store; or the fault-control body. Whatever arrives, the
// answer is an HTTP status with a JSON body, and a refused fault setting changes nothing.
#include "fuzzentries.h"

#include "dialects.h"
#include "exchange.h"
#include "faults.h"
#include "idempotency.h"
#include "seed.h"
#include "store.h"

#include <QJsonDocument>

#include <memory>
#include <utility>

namespace rd::fuzz {

namespace {

using namespace rd::sandbox;

struct RawRequest
{
    QByteArray method;
    QByteArray target;
    HeaderList headers;
    QByteArray body;
};

// "METHOD TARGET\nName: value\n...\n\nbody" (CR before LF is allowed, as on the wire).
RawRequest split(const QByteArray &text)
{
    RawRequest raw;
    qsizetype pos = 0;
    const auto nextLine = [&](QByteArray *line) {
        const qsizetype end = text.indexOf('\n', pos);
        *line = text.mid(pos, end < 0 ? -1 : end - pos);
        if (line->endsWith('\r'))
            line->chop(1);
        pos = end < 0 ? text.size() : end + 1;
    };
    QByteArray line;
    nextLine(&line);
    const qsizetype space = line.indexOf(' ');
    raw.method = line.left(space < 0 ? line.size() : space);
    raw.target = space < 0 ? QByteArray() : line.mid(space + 1);
    while (pos < text.size()) {
        nextLine(&line);
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            raw.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    raw.body = text.mid(pos);
    return raw;
}

QString checkReply(const Reply &reply)
{
    if (reply.status < 100 || reply.status > 599)
        return QStringLiteral("HTTP status %1").arg(reply.status);
    if (!reply.body.isEmpty()) {
        QJsonParseError error;
        QJsonDocument::fromJson(reply.body, &error);
        if (error.error != QJsonParseError::NoError)
            return QStringLiteral("a %1 reply that is not JSON: %2")
                .arg(reply.status)
                .arg(QString::fromUtf8(reply.body.left(200)));
    }
    return QString();
}

QString faultControl(const QByteArray &body)
{
    Faults faults;
    faults.latencyMs = 5;
    const QJsonObject before = faults.toJson();
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return QString();
    QString error;
    if (faults.merge(doc.object(), &error)) {
        Faults again;
        if (!again.merge(faults.toJson(), &error) || again.toJson() != faults.toJson())
            return QStringLiteral("armed faults do not read back as themselves");
    } else if (error.isEmpty() || faults.toJson() != before) {
        return QStringLiteral("a refused fault setting changed something or gave no reason");
    }
    return QString();
}

} // namespace

QString sandboxRequest(const QByteArray &input)
{
    using Factory = std::unique_ptr<DialectHandler> (*)(Store &);
    static const std::pair<Dialect, Factory> dialects[] = {
        {Dialect::Stripe, &makeStripeHandler},       {Dialect::WooshPay, &makeWooshPayHandler},
        {Dialect::Chargebee, &makeChargebeeHandler}, {Dialect::ProcessOut, &makeProcessOutHandler},
        {Dialect::IntaSend, &makeIntaSendHandler},
    };
    if (input.isEmpty())
        return QString();
    const quint8 selector = quint8(input.at(0)) % (std::size(dialects) + 1);
    const RawRequest raw = split(input.mid(1));
    if (selector == std::size(dialects))
        return faultControl(raw.body);

    const auto [dialect, makeHandler] = dialects[selector];
    const QString prefix = QLatin1Char('/') + dialectName(dialect);
    const QUrl url = QUrl::fromEncoded(QByteArrayLiteral("http://127.0.0.1:8080") +
                                           prefix.toUtf8() + '/' + raw.target,
                                       QUrl::StrictMode);
    if (!url.isValid())
        return QString(); // the HTTP server answers 400 before any handler runs
    const Request request = gatewayRequest(raw.method, url, raw.headers, raw.body, prefix);
    // The server fingerprints every POST that carries a key; this runs its form and JSON
    // readers on the body (the sanitizers watch them).
    if (request.is("POST"))
        IdempotencyCache::fingerprint(request);

    // A fresh store each time, so every input replays alone exactly as it ran.
    Store store(1);
    seedStore(store, 12);
    const std::unique_ptr<DialectHandler> handler = makeHandler(store);
    if (const QString problem = checkReply(handler->handle(request)); !problem.isEmpty())
        return problem;
    // The same request again (a client's retry) must be answered just as cleanly.
    return checkReply(handler->handle(request));
}

} // namespace rd::fuzz
