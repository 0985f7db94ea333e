// Gateway replies: every parser the adapters run on a 2xx body, and every dialect's error-body
// reader, exactly as the adapters call them. Whatever the bytes, a parse either yields records
// with an id and a valid amount or one "malformed" error with a message; an error body always
// becomes an error that keeps its HTTP status. The body also goes through the replies' JSON
// parser and Qt's, which must accept and refuse alike.
#include "fuzzentries.h"

#include "gateway/chargebeeadapter.h"
#include "gateway/intasendadapter.h"
#include "gateway/processoutadapter.h"
#include "gateway/stripeadapter.h"
#include "gateway/wooshpayadapter.h"

#include <QJsonDocument>

#include <functional>

namespace rd::fuzz {

namespace {

QString checkRecord(const QString &gatewayId, const Money &amount)
{
    if (gatewayId.isEmpty())
        return QStringLiteral("a parsed record has no id");
    if (!amount.isValid())
        return QStringLiteral("record %1 has no valid amount").arg(gatewayId);
    return QString();
}

template <typename T> QString checkRecords(const QList<T> &items)
{
    for (const T &item : items) {
        const QString problem = checkRecord(item.gatewayId, item.amount);
        if (!problem.isEmpty())
            return problem;
    }
    return QString();
}

template <typename T> QString checkItems(const T &value)
{
    return checkRecord(value.gatewayId, value.amount);
}
template <typename T> QString checkItems(const Page<T> &page)
{
    return checkRecords(page.items);
}

template <typename T> QString check(const GatewayResult<T> &result)
{
    if (result.ok())
        return checkItems(result.value);
    if (result.error.kind != GatewayError::Kind::Malformed)
        return QStringLiteral("a bad body gave a %1 error, not malformed")
            .arg(GatewayError::kindName(result.error.kind));
    if (result.error.message.isEmpty())
        return QStringLiteral("a malformed error without a message");
    return QString();
}

QString checkError(const GatewayError &error, int status)
{
    if (!error.isError())
        return QStringLiteral("an error body gave no error");
    if (error.httpStatus != status)
        return QStringLiteral("the error lost its HTTP status %1").arg(status);
    if (error.message.isEmpty() || error.describe().isEmpty())
        return QStringLiteral("an error without a message");
    return QString();
}

using Parse = std::function<QString(const QByteArray &body, int status)>;

template <typename T, typename Read> GatewayResult<T> object(const QByteArray &body, Read read)
{
    return readObjectBody<T>(body, std::function<T(const JsonReader &)>(read));
}

QList<Parse> parsers()
{
    const WireAmount stripe = WireAmount::forDialect(Dialect::Stripe);
    const WireAmount woosh = WireAmount::forDialect(Dialect::WooshPay);
    const WireAmount chargebee = WireAmount::forDialect(Dialect::Chargebee);
    const WireAmount processout = WireAmount::forDialect(Dialect::ProcessOut);
    const WireAmount intasend = WireAmount::forDialect(Dialect::IntaSend);
    using S = StripeFamilyAdapter;
    const auto httpError = [](GatewayError (*read)(const HttpResponse &)) {
        return [read](const QByteArray &body, int status) {
            HttpResponse response;
            response.status = status;
            response.body = body;
            return checkError(read(response), status);
        };
    };
    // IntaSend chargebacks without a currency take their invoice's, looked up by the adapter.
    const auto intasendCurrencies = [](const QByteArray &body) {
        QHash<QString, QString> currencies;
        for (const QString &id : IntaSendAdapter::invoicesWithoutCurrency(body))
            currencies.insert(id, QStringLiteral("KES"));
        return currencies;
    };
    return {
        // Stripe: charges, refunds, disputes as lists and single objects; errors.
        [=](const QByteArray &b, int) {
            return check(S::parseList<Invoice>(
                b, [&](const JsonReader &r) { return S::readCharge(r, stripe); }));
        },
        [=](const QByteArray &b, int) { return check(S::parseRefundList(b, stripe)); },
        [=](const QByteArray &b, int) {
            return check(S::parseList<Chargeback>(
                b, [&](const JsonReader &r) { return S::readDispute(r, stripe); }));
        },
        [=](const QByteArray &b, int) {
            return check(
                object<Invoice>(b, [&](const JsonReader &r) { return S::readCharge(r, stripe); }));
        },
        [=](const QByteArray &b, int) {
            return check(
                object<Refund>(b, [&](const JsonReader &r) { return S::readRefund(r, stripe); }));
        },
        [=](const QByteArray &b, int) {
            return check(object<Chargeback>(
                b, [&](const JsonReader &r) { return S::readDispute(r, stripe); }));
        },
        httpError(&S::parseStripeError),
        // WooshPay: payment intents, refunds, disputes (errors are Stripe's shape).
        [=](const QByteArray &b, int) {
            return check(S::parseList<Invoice>(
                b, [&](const JsonReader &r) { return S::readPaymentIntent(r, woosh); }));
        },
        [=](const QByteArray &b, int) { return check(S::parseRefundList(b, woosh)); },
        [=](const QByteArray &b, int) {
            return check(object<Invoice>(
                b, [&](const JsonReader &r) { return S::readPaymentIntent(r, woosh); }));
        },
        // Chargebee: invoices, credit notes, the refund reply, one invoice, errors.
        [=](const QByteArray &b, int) {
            return check(ChargebeeAdapter::parseInvoiceList(b, chargebee));
        },
        [=](const QByteArray &b, int) {
            return check(ChargebeeAdapter::parseCreditNoteList(b, chargebee));
        },
        [=](const QByteArray &b, int) {
            return check(ChargebeeAdapter::parseRefundReply(b, chargebee));
        },
        [=](const QByteArray &b, int) {
            return check(object<Invoice>(b, [&](const JsonReader &r) {
                return ChargebeeAdapter::readInvoice(r.at(QStringLiteral("invoice")), chargebee);
            }));
        },
        httpError(&ChargebeeAdapter::parseChargebeeError),
        // ProcessOut: transactions, expanded refunds, refund lists and replies, errors.
        [=](const QByteArray &b, int) {
            return check(ProcessOutAdapter::parseTransactionList(b, processout));
        },
        [=](const QByteArray &b, int) {
            return check(ProcessOutAdapter::parseExpandedRefunds(b, processout));
        },
        [=](const QByteArray &b, int) {
            return check(ProcessOutAdapter::parseRefundList(b, QStringLiteral("EUR"), processout));
        },
        [=](const QByteArray &b, int) {
            return check(ProcessOutAdapter::parseRefundReply(b, QStringLiteral("KWD"), processout));
        },
        [=](const QByteArray &b, int) {
            return check(object<Invoice>(b, [&](const JsonReader &r) {
                return ProcessOutAdapter::readTransaction(r.at(QStringLiteral("transaction")),
                                                          processout);
            }));
        },
        httpError(&ProcessOutAdapter::parseProcessOutError),
        // IntaSend: invoice pages, the bare chargeback array, one chargeback, errors.
        [=](const QByteArray &b, int) {
            return check(IntaSendAdapter::parseInvoicePage(b, intasend));
        },
        [=](const QByteArray &b, int) {
            return check(IntaSendAdapter::parseChargebackList(b, intasendCurrencies(b), intasend));
        },
        [=](const QByteArray &b, int) {
            return check(IntaSendAdapter::parseChargeback(b, intasendCurrencies(b), intasend));
        },
        [=](const QByteArray &b, int) {
            return check(object<Invoice>(
                b, [&](const JsonReader &r) { return IntaSendAdapter::readInvoice(r, intasend); }));
        },
        httpError(&IntaSendAdapter::parseIntaSendError),
    };
}

// The replies' parser (simdjson, with Qt's parser for what simdjson refuses) accepts and
// refuses exactly what QJsonDocument does, with the same error at the same offset.
QString parsersAgree(const QByteArray &body)
{
    QJsonParseError qtError;
    const QJsonDocument qt = QJsonDocument::fromJson(body, &qtError);
    QJsonParseError error;
    const JsonDocument doc = JsonDocument::fromJson(body, &error);
    if (error.error != qtError.error || error.offset != qtError.offset)
        return QStringLiteral("the reply parser said \"%1\" at %2, Qt \"%3\" at %4")
            .arg(error.errorString())
            .arg(error.offset)
            .arg(qtError.errorString())
            .arg(qtError.offset);
    if (doc.isObject() != qt.isObject() || doc.isArray() != qt.isArray())
        return QStringLiteral("the reply parser and Qt read different top-level types");
    return QString();
}

} // namespace

QString gatewayReply(const QByteArray &input)
{
    static const QList<Parse> all = parsers();
    static const int statuses[] = {400, 401, 402, 403, 404, 409, 422, 429, 500, 502, 503, 418};
    if (input.isEmpty())
        return QString();
    const quint8 selector = quint8(input.at(0));
    const int status = statuses[(selector / all.size()) % std::size(statuses)];
    const QByteArray body = input.mid(1);
    const QString disagreement = parsersAgree(body);
    if (!disagreement.isEmpty())
        return disagreement;
    return all.at(selector % all.size())(body, status);
}

} // namespace rd::fuzz
