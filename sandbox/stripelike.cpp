#include "stripelike.h"

#include "errors.h"

namespace rd::sandbox {

Reply StripeLikeHandler::error(int status, const QString &code, const QString &message,
                               const QString &param, const QString &type)
{
    return errors::stripe(status, type, code, message, param);
}

Reply StripeLikeHandler::missing(const QString &what, const QString &id, const QString &param)
{
    return error(404, QStringLiteral("resource_missing"),
                 QStringLiteral("No such %1: '%2'").arg(what, id),
                 param.isEmpty() ? QStringLiteral("id") : param);
}

Reply StripeLikeHandler::unauthorized() const
{
    return error(401, QStringLiteral("api_key_invalid"),
                 QStringLiteral("Invalid API Key provided. Use the sandbox's test key."));
}

Reply StripeLikeHandler::noRoute(const Request &request) const
{
    return error(
        404, QString(),
        QStringLiteral("Unrecognized request URL (%1: /%2).")
            .arg(QString::fromLatin1(request.method), request.segments.join(QLatin1Char('/'))));
}

Reply StripeLikeHandler::injectedFailure(int status) const
{
    if (status == 429)
        return error(429, QStringLiteral("rate_limit"),
                     QStringLiteral("Too many requests hit the API too quickly."), {},
                     QStringLiteral("rate_limit_error"));
    if (status >= 500)
        return error(status, QString(),
                     QStringLiteral("Something went wrong on our end (injected by the sandbox)."),
                     {}, QStringLiteral("api_error"));
    return error(status, QString(), QStringLiteral("Injected failure."));
}

std::optional<Reply> StripeLikeHandler::readCursor(const Request &request, Kind kind,
                                                   const QString &noun, Cursor *cursor) const
{
    const QUrlQuery &q = request.query;
    if (q.hasQueryItem(QStringLiteral("limit"))) {
        const auto limit = parseInteger(q.queryItemValue(QStringLiteral("limit")));
        if (!limit)
            return error(400, QStringLiteral("parameter_invalid_integer"),
                         QStringLiteral("Invalid integer: %1")
                             .arg(q.queryItemValue(QStringLiteral("limit"))),
                         QStringLiteral("limit"));
        if (*limit < 1 || *limit > 100)
            return error(400, QStringLiteral("parameter_invalid_integer"),
                         QStringLiteral("This value must be between 1 and 100."),
                         QStringLiteral("limit"));
        cursor->limit = int(*limit);
    }
    for (const auto &[param, target] :
         {std::pair{QStringLiteral("starting_after"), &cursor->after},
          std::pair{QStringLiteral("ending_before"), &cursor->before}}) {
        if (!q.hasQueryItem(param))
            continue;
        const QString id = q.queryItemValue(param, QUrl::FullyDecoded);
        const auto index = m_store.find(dialect(), kind, id);
        if (!index)
            return missing(noun, id, param);
        *target = *index;
    }
    QString bad;
    if (!parseCreatedFilter(q, QStringLiteral("created"), &cursor->created, &bad))
        return error(400, QStringLiteral("parameter_invalid_integer"),
                     QStringLiteral("Invalid timestamp for %1.").arg(bad), bad);
    return std::nullopt;
}

std::variant<quint32, Reply> StripeLikeHandler::createRefund(const RefundAsk &ask,
                                                             const QString &paymentNoun)
{
    const Dialect d = dialect();
    const Payment &p = m_store.data(d).payments.at(ask.payment);
    const QString pid = m_store.id(d, Kind::Payment, ask.payment);
    if (p.status != PaymentStatus::Succeeded)
        return error(400, QStringLiteral("charge_not_refundable"),
                     QStringLiteral("%1 %2 has not succeeded, so there is nothing to refund.")
                         .arg(paymentNoun, pid));
    const bool disputeAllowed = ask.reason == QLatin1String("resolved_dispute");
    if ((p.flags & Disputed) && !disputeAllowed)
        return error(400, QStringLiteral("charge_disputed"),
                     QStringLiteral("%1 %2 has been charged back; cannot issue a refund.")
                         .arg(paymentNoun, pid));
    const qint64 refunded = m_store.refunded(d, ask.payment);
    const qint64 remaining = m_store.refundable(d, ask.payment);
    if (refunded >= p.amount)
        return error(400, QStringLiteral("charge_already_refunded"),
                     QStringLiteral("%1 %2 has already been refunded.").arg(paymentNoun, pid));
    const qint64 amount = ask.amount.value_or(remaining);
    if (ask.amount && amount <= 0)
        return error(400, QStringLiteral("amount_too_small"),
                     QStringLiteral("Refund amount must be a positive integer in the currency's "
                                    "smallest unit."),
                     QStringLiteral("amount"));
    if (amount > remaining || amount <= 0)
        return error(400, QStringLiteral("amount_too_large"),
                     QStringLiteral("Refund amount (%1 %3) is greater than the unrefunded amount "
                                    "on %4 %5 (%2 %3), pending refunds included.")
                         .arg(majorString(amount, p.currency), majorString(remaining, p.currency),
                              QString(lowerCurrency(p.currency)), paymentNoun.toLower(), pid),
                     QStringLiteral("amount"));
    Refund r;
    r.payment = ask.payment;
    r.amount = amount;
    r.created = m_store.runtimeNow(d);
    r.status = RefundStatus::Succeeded;
    r.reason = m_store.intern(ask.reason);
    Extras extras;
    extras.metadata = ask.metadata;
    extras.text = ask.description;
    return m_store.addRefund(d, r, &extras);
}

QLatin1String StripeLikeHandler::refundStatusName(RefundStatus s)
{
    switch (s) {
    case RefundStatus::Pending:
        return QLatin1String("pending");
    case RefundStatus::RequiresAction:
        return QLatin1String("requires_action");
    case RefundStatus::Succeeded:
        return QLatin1String("succeeded");
    case RefundStatus::Failed:
        return QLatin1String("failed");
    case RefundStatus::Canceled:
        return QLatin1String("canceled");
    }
    return {};
}

QLatin1String StripeLikeHandler::lowerCurrency(quint8 cur)
{
    static const char *const codes[] = {"usd", "eur", "gbp", "jpy", "kwd", "kes"};
    static_assert(std::size(codes) == size_t(Cur::Count));
    return cur < std::size(codes) ? QLatin1String(codes[cur]) : QLatin1String();
}

void StripeLikeHandler::writeReason(JsonWriter &w, quint8 reason) const
{
    w.key("reason");
    if (reason)
        w.value(m_store.string(reason));
    else
        w.value(nullptr);
}

} // namespace rd::sandbox
