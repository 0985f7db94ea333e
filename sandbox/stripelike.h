// What Stripe and WooshPay share: list envelopes and cursors, the error shape, the refund rules
// (amount, remaining, disputes) and the refund object's common fields.
#pragma once

#include "dialecthandler.h"
#include "listing.h"

#include <variant>

namespace rd::sandbox {

class StripeLikeHandler : public DialectHandler
{
public:
    using DialectHandler::DialectHandler;

    Reply unauthorized() const override;
    Reply noRoute(const Request &request) const override;
    Reply injectedFailure(int status) const override;
    QByteArray idempotencyHeader() const override { return QByteArrayLiteral("Idempotency-Key"); }

protected:
    static Reply error(int status, const QString &code, const QString &message,
                       const QString &param = {},
                       const QString &type = QStringLiteral("invalid_request_error"));
    static Reply missing(const QString &what, const QString &id, const QString &param = {});

    struct Cursor
    {
        int limit = 10;
        std::optional<quint32> after;
        std::optional<quint32> before;
        CreatedFilter created;
    };
    // Reads limit, starting_after, ending_before and created[...] for a table of `kind`.
    std::optional<Reply> readCursor(const Request &request, Kind kind, const QString &noun,
                                    Cursor *cursor) const;
    // Lists a table newest first: the whole table (by created range) or an explicit subset.
    template <typename T>
    Page pageOf(const std::vector<T> &table, const Cursor &c,
                const std::optional<std::vector<quint32>> &subset) const
    {
        if (subset) {
            std::vector<quint32> filtered;
            for (quint32 i : *subset) {
                if (c.created.contains(table.at(i).created))
                    filtered.push_back(i);
            }
            return pageOfList(filtered, c.after, c.before, c.limit);
        }
        const auto [lo, hi] = createdRange(table, c.created);
        return pageOfRange(lo, hi, c.after, c.before, c.limit);
    }
    // A Stripe list object: {"data":[...],"has_more":…,"object":"list","url":…}, each item
    // written by `render(writer, index)`.
    template <typename Url, typename Render>
    static void writeList(JsonWriter &w, const Url &url, const std::vector<quint32> &items,
                          bool hasMore, Render render)
    {
        w.beginObject().key("data").beginArray();
        for (quint32 i : items)
            render(w, i);
        w.endArray();
        w.field("has_more", hasMore).field("object", "list").field("url", url);
        w.endObject();
    }
    template <typename Render>
    static Reply listReply(const QString &url, const Page &page, Render render)
    {
        JsonWriter w(qsizetype(page.items.size()) * 1024 + 128);
        writeList(w, url, page.items, page.hasMore, render);
        return Reply::json(std::move(w));
    }

    struct RefundAsk
    {
        quint32 payment = 0;
        std::optional<qint64> amount; // nullopt = what remains
        QString reason;
        QJsonObject metadata;
        QString description;
    };
    // Applies the refund rules and, when they pass, creates the refund (status succeeded).
    std::variant<quint32, Reply> createRefund(const RefundAsk &ask, const QString &paymentNoun);

    // A refund's "reason": the interned reason or null.
    void writeReason(JsonWriter &w, quint8 reason) const;
    static QLatin1String refundStatusName(RefundStatus s);
    static QLatin1String lowerCurrency(quint8 cur);
};

} // namespace rd::sandbox
