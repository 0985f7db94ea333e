#include "intasendadapter.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace rd {

namespace {
QList<QString> apiPath(std::initializer_list<QString> rest)
{
    QList<QString> p{QStringLiteral("api"), QStringLiteral("v1")};
    p.append(QList<QString>(rest));
    return p;
}
} // namespace

IntaSendAdapter::IntaSendAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent)
    : AdapterBase(Dialect::IntaSend, baseUrl, AuthScheme::Bearer, secret, parent)
{}

CommonStatus IntaSendAdapter::chargebackStatus(const QString &state)
{
    if (state == QLatin1String("APPROVED") || state == QLatin1String("REFUNDED"))
        return CommonStatus::Succeeded;
    if (state == QLatin1String("REJECTED"))
        return CommonStatus::Failed;
    return CommonStatus::Pending;
}

Invoice IntaSendAdapter::readInvoice(const JsonReader &r, const WireAmount &wire)
{
    Invoice inv;
    inv.gatewayId = r.stringOrInteger(QStringLiteral("invoice_id"));
    const QString currency = r.currency(QStringLiteral("currency"));
    inv.amount = r.majorAmount(QStringLiteral("value"), currency, wire, true);
    inv.amountRefunded = Money(0, currency); // IntaSend reports no refunded total
    inv.gatewayStatus = r.string(QStringLiteral("state"));
    const QString &s = inv.gatewayStatus;
    inv.status = s == QLatin1String("COMPLETE") ? CommonStatus::Succeeded
                 : s == QLatin1String("FAILED") ? CommonStatus::Failed
                                                : CommonStatus::Pending;
    const JsonReader customer = r.optAt(QStringLiteral("customer"));
    inv.customer = personName(customer);
    inv.email = customer.optString(QStringLiteral("email"));
    inv.description = r.optString(QStringLiteral("provider"));
    inv.createdAt = r.isoTime(QStringLiteral("created_at"));
    return inv;
}

Chargeback IntaSendAdapter::readChargeback(const JsonReader &r,
                                           const QHash<QString, QString> &invoiceCurrency,
                                           const WireAmount &wire)
{
    Chargeback cb;
    cb.gatewayId = r.stringOrInteger(QStringLiteral("id"));
    cb.invoiceId = r.stringOrInteger(QStringLiteral("invoice"));
    const QString currency = r.isNull(QStringLiteral("currency"))
                                 ? invoiceCurrency.value(cb.invoiceId)
                                 : r.currency(QStringLiteral("currency"));
    if (currency.isEmpty())
        r.fail(QStringLiteral("currency"),
               QStringLiteral("missing, and the currency of invoice %1 is not known")
                   .arg(cb.invoiceId));
    cb.amount = r.majorAmount(QStringLiteral("amount"), currency, wire, true);
    cb.reason = r.optString(QStringLiteral("reason"));
    cb.reasonDetails = r.optString(QStringLiteral("reason_details"));
    cb.operationId = takeOperationTag(&cb.reasonDetails);
    cb.gatewayStatus = r.string(QStringLiteral("status"));
    cb.status = chargebackStatus(cb.gatewayStatus);
    cb.resolution = r.optString(QStringLiteral("resolution"));
    cb.createdAt = r.optIsoTime(QStringLiteral("created_at"));
    return cb;
}

GatewayResult<Page<Invoice>> IntaSendAdapter::parseInvoicePage(const QByteArray &body,
                                                               const WireAmount &wire)
{
    return readObjectBody<Page<Invoice>>(body, [&wire](const JsonReader &r) {
        Page<Invoice> page;
        page.items =
            readList<Invoice>(r, r.array(QStringLiteral("results")), QStringLiteral("results"),
                              [&wire](const JsonReader &e) { return readInvoice(e, wire); });
        // `next` is a full URL; only its page number is kept, so paging never follows a URL
        // the gateway chose to another host.
        const QString next = r.optString(QStringLiteral("next"));
        if (!next.isEmpty()) {
            const QString page_ = QUrlQuery(QUrl(next)).queryItemValue(QStringLiteral("page"));
            bool ok = false;
            const int n = page_.toInt(&ok);
            if (!ok || n < 1)
                r.fail(QStringLiteral("next"), QStringLiteral("has no page number"));
            else
                page.nextCursor = QString::number(n);
        }
        return page;
    });
}

GatewayResult<Page<Chargeback>> IntaSendAdapter::parseChargebackList(
    const QByteArray &body, const QHash<QString, QString> &invoiceCurrency, const WireAmount &wire)
{
    GatewayResult<Page<Chargeback>> out;
    const std::optional<JsonDocument> doc = parseJsonBody(body, &out.error);
    if (!doc)
        return out;
    if (!doc->isArray()) {
        out.error = malformedError(QStringLiteral("the chargeback list is not a JSON array"));
        return out;
    }
    const JsonReader root;
    out.value.items = readList<Chargeback>(root, doc->array(), QString(), [&](const JsonReader &e) {
        return readChargeback(e, invoiceCurrency, wire);
    });
    if (!root.ok())
        out = GatewayResult<Page<Chargeback>>{{}, malformedError(root.error())};
    return out;
}

GatewayResult<Chargeback> IntaSendAdapter::parseChargeback(
    const QByteArray &body, const QHash<QString, QString> &invoiceCurrency, const WireAmount &wire)
{
    return readObjectBody<Chargeback>(
        body, [&](const JsonReader &r) { return readChargeback(r, invoiceCurrency, wire); });
}

QSet<QString> IntaSendAdapter::invoicesWithoutCurrency(const QByteArray &body)
{
    QSet<QString> ids;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonArray items = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        const QJsonValue cur = o.value(QStringLiteral("currency"));
        if (!cur.isNull() && !cur.isUndefined())
            continue;
        const QJsonValue inv = o.value(QStringLiteral("invoice"));
        if (inv.isString() && !inv.toString().isEmpty())
            ids.insert(inv.toString());
        else if (inv.isDouble())
            ids.insert(QString::number(inv.toInteger()));
    }
    return ids;
}

QJsonObject IntaSendAdapter::chargebackJson(const ChargebackRequest &request,
                                            const WireAmount &wire, QString *error)
{
    QJsonObject body;
    if (request.invoiceId.isEmpty()) {
        *error = QStringLiteral("No invoice to file a chargeback on.");
        return body;
    }
    const QString amount = wire.toMajor(request.amount, error);
    if (amount.isEmpty())
        return body;
    body.insert(QStringLiteral("invoice"), request.invoiceId);
    body.insert(QStringLiteral("amount"), amount);
    body.insert(QStringLiteral("reason"), request.reason);
    body.insert(QStringLiteral("reason_details"),
                appendOperationTag(request.reasonDetails, request.operationId));
    return body;
}

GatewayError IntaSendAdapter::parseIntaSendError(const HttpResponse &response)
{
    return errorFromBody(response, [](const JsonReader &r, GatewayError &e) {
        e.message = r.optString(QStringLiteral("detail"));
        if (!e.message.isEmpty())
            return;
        // Field errors: {"amount": ["Ensure this value is ..."]}.
        const QJsonObject o = r.object();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const QJsonValue first =
                it.value().isArray() ? it.value().toArray().first() : it.value();
            if (first.isString()) {
                e.param = it.key();
                e.message = first.toString();
                return;
            }
        }
    });
}

void IntaSendAdapter::resolveCurrencies(QList<QString> ids,
                                        std::function<void(const GatewayError &)> then)
{
    while (!ids.isEmpty() && m_invoiceCurrency.contains(ids.constFirst()))
        ids.removeFirst();
    if (ids.isEmpty()) {
        then(GatewayError());
        return;
    }
    const QString id = ids.takeFirst();
    retrieveInvoice(id, [this, id, ids, then](const GatewayResult<Invoice> &r) {
        if (!r.ok()) {
            then(r.error);
            return;
        }
        m_invoiceCurrency.insert(id, r.value.amount.currency());
        resolveCurrencies(ids, then);
    });
}

void IntaSendAdapter::listInvoices(const ListRequest &request, Callback<Page<Invoice>> done)
{
    HttpRequest req;
    req.path = HttpClient::pathOf(apiPath({QStringLiteral("invoices")}), true);
    req.query.add(QStringLiteral("page"),
                  request.cursor.isEmpty() ? QStringLiteral("1") : request.cursor);
    req.query.add(QStringLiteral("page_size"), QString::number(clampPageSize(request.pageSize)));
    const WireAmount w = wire();
    call<Page<Invoice>>(
        req,
        [this, w](const QByteArray &body) {
            auto r = parseInvoicePage(body, w);
            for (const Invoice &inv : std::as_const(r.value.items))
                m_invoiceCurrency.insert(inv.gatewayId, inv.amount.currency());
            return r;
        },
        std::move(done));
}

void IntaSendAdapter::listRefunds(const ListRequest &, Callback<Page<Refund>> done)
{
    // IntaSend's refunds are its chargebacks; they are listed by listChargebacks().
    QMetaObject::invokeMethod(
        this, [done] { done(GatewayResult<Page<Refund>>()); }, Qt::QueuedConnection);
}

void IntaSendAdapter::listChargebacks(const ListRequest &request, Callback<Page<Chargeback>> done)
{
    HttpRequest req;
    req.path = HttpClient::pathOf(apiPath({QStringLiteral("chargebacks")}), true);
    auto raw = std::make_shared<QByteArray>();
    const QString only = request.invoiceId;
    exchange(
        req,
        [raw](const QByteArray &body) {
            *raw = body;
            return GatewayError();
        },
        [this, raw, only, done](const GatewayError &error) {
            if (error.isError()) {
                done(GatewayResult<Page<Chargeback>>{{}, error});
                return;
            }
            const QSet<QString> missing = invoicesWithoutCurrency(*raw);
            resolveCurrencies(missing.values(), [this, raw, only, done](const GatewayError &e) {
                if (e.isError()) {
                    done(GatewayResult<Page<Chargeback>>{{}, e});
                    return;
                }
                auto r = parseChargebackList(*raw, m_invoiceCurrency, wire());
                if (!only.isEmpty())
                    r.value.items.removeIf(
                        [&only](const Chargeback &c) { return c.invoiceId != only; });
                done(r);
            });
        });
}

void IntaSendAdapter::retrieveInvoice(const QString &id, Callback<Invoice> done)
{
    HttpRequest req;
    req.path = HttpClient::pathOf(apiPath({QStringLiteral("invoices"), id}), true);
    const WireAmount w = wire();
    call<Invoice>(
        req,
        [w](const QByteArray &body) {
            return readObjectBody<Invoice>(body,
                                           [&w](const JsonReader &r) { return readInvoice(r, w); });
        },
        std::move(done));
}

void IntaSendAdapter::retrieveChargeback(const QString &id, Callback<Chargeback> done)
{
    HttpRequest req;
    req.path = HttpClient::pathOf(apiPath({QStringLiteral("chargebacks"), id}), true);
    auto raw = std::make_shared<QByteArray>();
    exchange(
        req,
        [raw](const QByteArray &body) {
            *raw = body;
            return GatewayError();
        },
        [this, raw, done](const GatewayError &error) {
            if (error.isError()) {
                done(GatewayResult<Chargeback>{{}, error});
                return;
            }
            resolveCurrencies(invoicesWithoutCurrency(*raw).values(),
                              [this, raw, done](const GatewayError &e) {
                                  if (e.isError()) {
                                      done(GatewayResult<Chargeback>{{}, e});
                                      return;
                                  }
                                  done(parseChargeback(*raw, m_invoiceCurrency, wire()));
                              });
        });
}

void IntaSendAdapter::createRefund(const RefundRequest &, Callback<Refund> done)
{
    refuse<Refund>(QStringLiteral("unsupported"),
                   QStringLiteral("IntaSend refunds are filed as chargebacks."), std::move(done));
}

void IntaSendAdapter::createChargeback(const ChargebackRequest &request, Callback<Chargeback> done)
{
    QString why;
    HttpRequest req;
    req.method = "POST";
    req.path = HttpClient::pathOf(apiPath({QStringLiteral("chargebacks")}), true);
    req.body = HttpRequest::Body::Json;
    req.json = QJsonDocument(chargebackJson(request, wire(), &why));
    if (!why.isEmpty()) {
        refuse<Chargeback>(QStringLiteral("invalid_request"), why, std::move(done));
        return;
    }
    // The reply may omit the currency; the request's is the invoice's.
    QHash<QString, QString> currency{{request.invoiceId, request.amount.currency()}};
    const WireAmount w = wire();
    call<Chargeback>(
        req, [currency, w](const QByteArray &body) { return parseChargeback(body, currency, w); },
        std::move(done));
}

} // namespace rd
