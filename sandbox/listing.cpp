#include "listing.h"

#include "domain/money.h"

#include <QDateTime>

namespace rd::sandbox {

Page pageOfRange(quint32 lo, quint32 hi, std::optional<quint32> after,
                 std::optional<quint32> before, int limit)
{
    if (after)
        hi = std::min(hi, *after);
    if (before)
        lo = std::max(lo, *before + 1);
    Page page;
    if (lo >= hi)
        return page;
    const quint32 n = std::min<quint32>(quint32(limit), hi - lo);
    // With only ending_before, the page is the one adjacent to the cursor, newer side.
    const quint32 top = before && !after ? lo + n : hi;
    for (quint32 i = top; i > top - n; --i)
        page.items.push_back(i - 1);
    page.hasMore = before && !after ? top < hi : top - n > lo;
    return page;
}

Page pageOfList(const std::vector<quint32> &newestFirst, std::optional<quint32> after,
                std::optional<quint32> before, int limit)
{
    std::vector<quint32> window;
    for (quint32 i : newestFirst) {
        if ((!after || i < *after) && (!before || i > *before))
            window.push_back(i);
    }
    Page page;
    const size_t n = std::min(size_t(limit), window.size());
    if (before && !after)
        page.items.assign(window.end() - qsizetype(n), window.end());
    else
        page.items.assign(window.begin(), window.begin() + qsizetype(n));
    page.hasMore = window.size() > n;
    return page;
}

Page pageOfRangeAscending(quint32 lo, quint32 hi, std::optional<quint32> after, int limit)
{
    if (after)
        lo = std::max(lo, *after + 1);
    Page page;
    for (quint32 i = lo; i < hi && page.items.size() < size_t(limit); ++i)
        page.items.push_back(i);
    page.hasMore = lo + page.items.size() < hi;
    return page;
}

Page pageOfListAscending(const std::vector<quint32> &oldestFirst, std::optional<quint32> after,
                         int limit)
{
    Page page;
    for (quint32 i : oldestFirst) {
        if (after && i <= *after)
            continue;
        if (page.items.size() == size_t(limit)) {
            page.hasMore = true;
            break;
        }
        page.items.push_back(i);
    }
    return page;
}

bool parseCreatedFilter(const QUrlQuery &query, const QString &field, CreatedFilter *filter,
                        QString *badParam)
{
    const QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key != field && !key.startsWith(field + QLatin1Char('[')))
            continue;
        const QString op = key.mid(field.size());
        if (op == QLatin1String("[between]")) {
            // Chargebee's "[from,to]", both ends included.
            const QStringView v(value);
            const qsizetype comma = v.indexOf(QLatin1Char(','));
            const auto from =
                comma > 0 && v.startsWith(QLatin1Char('[')) && v.endsWith(QLatin1Char(']'))
                    ? parseInteger(v.mid(1, comma - 1).trimmed())
                    : std::nullopt;
            const auto to = from ? parseInteger(v.mid(comma + 1, v.size() - comma - 2).trimmed())
                                 : std::nullopt;
            if (!to) {
                *badParam = key;
                return false;
            }
            filter->min = std::max(filter->min, *from);
            filter->max = std::min(filter->max, *to);
            continue;
        }
        const auto t = parseInteger(value);
        if (!t) {
            *badParam = key;
            return false;
        }
        if (op.isEmpty()) {
            filter->min = std::max(filter->min, *t);
            filter->max = std::min(filter->max, *t);
        } else if (op == QLatin1String("[gt]") || op == QLatin1String("[after]")) {
            filter->min = std::max(filter->min, *t + 1);
        } else if (op == QLatin1String("[gte]")) {
            filter->min = std::max(filter->min, *t);
        } else if (op == QLatin1String("[lt]") || op == QLatin1String("[before]")) {
            filter->max = std::min(filter->max, *t - 1);
        } else if (op == QLatin1String("[lte]")) {
            filter->max = std::min(filter->max, *t);
        } else {
            *badParam = key;
            return false;
        }
    }
    return true;
}

std::vector<quint32> refundsOf(const DialectData &data, quint32 payment)
{
    std::vector<quint32> out;
    for (qint32 r = data.payments.at(payment).firstRefund; r >= 0; r = data.refunds[size_t(r)].next)
        out.push_back(quint32(r));
    return out;
}

std::vector<quint32> disputesOf(const DialectData &data, quint32 payment)
{
    std::vector<quint32> out;
    for (qint32 r = data.payments.at(payment).firstDispute; r >= 0;
         r = data.disputes[size_t(r)].next)
        out.push_back(quint32(r));
    return out;
}

std::optional<qint64> parseInteger(QStringView text)
{
    if (text.isEmpty() || text.size() > 19)
        return std::nullopt;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!(c.isDigit() && c.unicode() < 128) &&
            !(i == 0 && c == QLatin1Char('-') && text.size() > 1))
            return std::nullopt;
    }
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

QString majorString(qint64 minor, quint8 currency)
{
    return Money::formatMinor(minor, currencyExponent(currency));
}

std::optional<qint64> parseMajor(QStringView text, quint8 currency, AmountError *why)
{
    *why = AmountError::None;
    const QStringView trimmed = text.trimmed();
    bool numeric = !trimmed.isEmpty();
    int dots = 0;
    qsizetype decimals = 0;
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        const QChar c = trimmed.at(i);
        if (c == QLatin1Char('.')) {
            ++dots;
        } else if (c == QLatin1Char('-') && i == 0) {
            continue;
        } else if (!(c.isDigit() && c.unicode() < 128)) {
            numeric = false;
        } else if (dots > 0) {
            ++decimals;
        }
    }
    if (!numeric || dots > 1) {
        *why = AmountError::NotANumber;
        return std::nullopt;
    }
    if (decimals > currencyExponent(currency)) {
        *why = AmountError::TooManyDecimals;
        return std::nullopt;
    }
    QString error;
    const auto money =
        Money::parse(trimmed, currencyCode(currency), &error, Money::Sign::AllowNegative);
    if (!money) {
        *why = AmountError::NotANumber;
        return std::nullopt;
    }
    if (money->minorUnits() <= 0) {
        *why = AmountError::NotPositive;
        return std::nullopt;
    }
    return money->minorUnits();
}

QString isoTime(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(Qt::ISODate);
}

} // namespace rd::sandbox
