// Paging over the store's creation-ordered tables: newest-first pages by cursor (an object's
// index), created-time ranges by binary search, and the amount formats the dialects share.
#pragma once

#include "store.h"

#include <QUrlQuery>

#include <optional>
#include <vector>

namespace rd::sandbox {

struct Page
{
    std::vector<quint32> items; // newest first
    bool hasMore = false;
};

// A newest-first page of the indices [lo, hi): items older than `after` (exclusive) or, with
// only `before`, the `limit` items just newer than `before`.
Page pageOfRange(quint32 lo, quint32 hi, std::optional<quint32> after,
                 std::optional<quint32> before, int limit);
// The same over an explicit newest-first list (one payment's refunds, a filtered set).
Page pageOfList(const std::vector<quint32> &newestFirst, std::optional<quint32> after,
                std::optional<quint32> before, int limit);

// Oldest-first counterparts (Chargebee's sort_by[asc]): items newer than `after`.
Page pageOfRangeAscending(quint32 lo, quint32 hi, std::optional<quint32> after, int limit);
Page pageOfListAscending(const std::vector<quint32> &oldestFirst, std::optional<quint32> after,
                         int limit);

// Bounds on `created` read from Stripe-style "created[gt]=…" parameters (unix seconds).
struct CreatedFilter
{
    qint64 min = std::numeric_limits<qint64>::min(); // inclusive
    qint64 max = std::numeric_limits<qint64>::max(); // inclusive
    bool isSet() const
    {
        return min != std::numeric_limits<qint64>::min() ||
               max != std::numeric_limits<qint64>::max();
    }
    bool contains(qint64 t) const { return t >= min && t <= max; }
};
// Parses FIELD[gt|gte|lt|lte] (Stripe), FIELD[after|before] (exclusive) and
// FIELD[between]=[from,to] (inclusive; Chargebee), and a bare FIELD=; several combine. On a bad
// value or operator returns false and names the parameter in `badParam`.
bool parseCreatedFilter(const QUrlQuery &query, const QString &field, CreatedFilter *filter,
                        QString *badParam);

// The index range [lo, hi) of a creation-ordered table whose `created` lies in the filter.
template <typename T>
std::pair<quint32, quint32> createdRange(const std::vector<T> &table, const CreatedFilter &f)
{
    const auto lo = std::partition_point(table.begin(), table.end(),
                                         [&](const T &x) { return x.created < f.min; });
    const auto hi =
        std::partition_point(lo, table.end(), [&](const T &x) { return x.created <= f.max; });
    return {quint32(lo - table.begin()), quint32(hi - table.begin())};
}

// A payment's refunds (or disputes), newest first.
std::vector<quint32> refundsOf(const DialectData &data, quint32 payment);
std::vector<quint32> disputesOf(const DialectData &data, quint32 payment);

// Strict integers: optional '-', digits only, no overflow.
std::optional<qint64> parseInteger(QStringView text);
// "12.50" for 1250 minor units of a 2-decimal currency.
QString majorString(qint64 minor, quint8 currency);
// Parses major units with the currency's decimals; sets `why` to the failure reason.
enum class AmountError { None, NotANumber, TooManyDecimals, NotPositive };
std::optional<qint64> parseMajor(QStringView text, quint8 currency, AmountError *why);
// "2024-05-07T06:32:00Z"
QString isoTime(qint64 unixSeconds);

} // namespace rd::sandbox
