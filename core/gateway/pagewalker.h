// Follows every page of one gateway list for callers that want all of it (sync, CLI, tests),
// with a cancel hook and protection against a gateway that repeats a cursor forever.
#pragma once

#include "gateway.h"

#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

namespace rd {

template <typename T> class PageWalker final
{
public:
    // Fetches one page: e.g. [gw](const ListRequest &r, auto done) { gw->listRefunds(r, done); }
    using Fetch = std::function<void(const ListRequest &, Gateway::Callback<Page<T>>)>;
    // Receives each page as it arrives; return false to stop (cancel) after it.
    using OnPage = std::function<bool(const QList<T> &)>;
    // Runs once at the end: error set when a page failed; `canceled` when OnPage said stop.
    using Done = std::function<void(const GatewayError &error, bool canceled)>;

    static void walk(Fetch fetch, ListRequest first, OnPage onPage, Done done,
                     int maxPages = 100000)
    {
        auto state = std::make_shared<State>();
        state->fetch = std::move(fetch);
        state->onPage = std::move(onPage);
        state->done = std::move(done);
        state->maxPages = maxPages;
        next(state, std::move(first));
    }

    // Collects every item into one list.
    static void collect(Fetch fetch, ListRequest first,
                        std::function<void(const GatewayResult<QList<T>> &)> done)
    {
        auto items = std::make_shared<QList<T>>();
        walk(
            std::move(fetch), std::move(first),
            [items](const QList<T> &page) {
                items->append(page);
                return true;
            },
            [items, done](const GatewayError &error, bool) {
                GatewayResult<QList<T>> r;
                r.error = error;
                if (!error.isError())
                    r.value = *items;
                done(r);
            });
    }

private:
    struct State
    {
        Fetch fetch;
        OnPage onPage;
        Done done;
        QSet<QString> seenCursors;
        int pages = 0;
        int maxPages = 0;
    };

    static void next(const std::shared_ptr<State> &state, ListRequest request)
    {
        state->fetch(request, [state, request](const GatewayResult<Page<T>> &r) {
            if (!r.ok()) {
                state->done(r.error, false);
                return;
            }
            ++state->pages;
            if (!state->onPage(r.value.items)) {
                state->done(GatewayError(), true);
                return;
            }
            const QString cursor = r.value.nextCursor;
            if (cursor.isEmpty()) {
                state->done(GatewayError(), false);
                return;
            }
            if (state->seenCursors.contains(cursor) || state->pages >= state->maxPages) {
                GatewayError e;
                e.kind = GatewayError::Kind::Malformed;
                e.code = QStringLiteral("malformed");
                e.message = QStringLiteral("field nextCursor: the gateway repeated page cursor "
                                           "\"%1\"; listing stopped")
                                .arg(cursor);
                state->done(e, false);
                return;
            }
            state->seenCursors.insert(cursor);
            ListRequest following = request;
            following.cursor = cursor;
            next(state, following);
        });
    }
};

} // namespace rd
