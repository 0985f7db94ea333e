#include "processoutadapter.h"

#include <QJsonArray>

namespace rd {

namespace {

void requireSuccess(const JsonReader &r)
{
    if (!r.optBoolean(QStringLiteral("success"), true))
        r.fail(QStringLiteral("success"), QStringLiteral("false in a 2xx reply"));
}

QString transactionCursor(const JsonReader &r, const JsonArray &transactions)
{
    if (!r.boolean(QStringLiteral("has_more")) || transactions.isEmpty())
        return QString();
    return transactions.stringIn(transactions.size() - 1, QStringLiteral("id"));
}

} // namespace

ProcessOutAdapter::ProcessOutAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent)
    : AdapterBase(Dialect::ProcessOut, baseUrl, AuthScheme::BasicProjectSecret, secret, parent)
{}

QStringList ProcessOutAdapter::refundReasons() const
{
    return {QStringLiteral("customer_request"), QStringLiteral("duplicate"),
            QStringLiteral("fraud")};
}

QString ProcessOutAdapter::wireReason(const RefundRequest &request)
{
    if (!request.dialectReason.isEmpty())
        return request.dialectReason;
    if (request.reason == QLatin1String("requested_by_customer"))
        return QStringLiteral("customer_request");
    if (request.reason == QLatin1String("fraudulent"))
        return QStringLiteral("fraud");
    if (request.reason == QLatin1String("duplicate"))
        return QStringLiteral("duplicate");
    // ProcessOut requires one of its three values and has no "other": a refund the person did
    // not classify is the customer's request.
    return QStringLiteral("customer_request");
}

QString ProcessOutAdapter::commonReason(const QString &reason)
{
    if (reason.isEmpty())
        return QString();
    if (reason == QLatin1String("customer_request"))
        return QStringLiteral("requested_by_customer");
    if (reason == QLatin1String("fraud"))
        return QStringLiteral("fraudulent");
    if (reason == QLatin1String("duplicate"))
        return QStringLiteral("duplicate");
    return QStringLiteral("other");
}

Invoice ProcessOutAdapter::readTransaction(const JsonReader &r, const WireAmount &wire)
{
    Invoice inv;
    inv.gatewayId = r.string(QStringLiteral("id"));
    const QString currency = r.currency(QStringLiteral("currency"));
    // What was captured, when anything was; a failed transaction keeps the amount billed.
    if (r.has(QStringLiteral("captured_amount")))
        inv.amount = r.majorAmount(QStringLiteral("captured_amount"), currency, wire, false);
    if (!inv.amount.isValid() || inv.amount.isZero())
        inv.amount = r.majorAmount(QStringLiteral("amount"), currency, wire, false);
    inv.amountRefunded =
        r.isNull(QStringLiteral("refunded_amount"))
            ? Money(0, currency)
            : r.majorAmount(QStringLiteral("refunded_amount"), currency, wire, false);
    inv.gatewayStatus = r.string(QStringLiteral("status"));
    const QString &s = inv.gatewayStatus;
    inv.status = s == QLatin1String("completed") ? CommonStatus::Succeeded
                 : s == QLatin1String("failed")  ? CommonStatus::Failed
                                                 : CommonStatus::Pending;
    inv.description = r.optString(QStringLiteral("name"));
    const JsonReader customer = r.optAt(QStringLiteral("customer"));
    inv.customer = personName(customer);
    inv.email = customer.optString(QStringLiteral("email"));
    inv.disputed = r.optBoolean(QStringLiteral("chargedback"), false);
    inv.createdAt = r.isoTime(QStringLiteral("created_at"));
    return inv;
}

Refund ProcessOutAdapter::readRefund(const JsonReader &r, const QString &transactionCurrency,
                                     const WireAmount &wire)
{
    Refund ref;
    ref.gatewayId = r.string(QStringLiteral("id"));
    ref.invoiceId = r.optString(QStringLiteral("transaction_id"));
    const QString currency = r.isNull(QStringLiteral("currency"))
                                 ? transactionCurrency
                                 : r.currency(QStringLiteral("currency"));
    if (currency.isEmpty())
        r.fail(QStringLiteral("currency"), QStringLiteral("unknown: the refund has none and its "
                                                          "transaction's is not known"));
    ref.amount = r.majorAmount(QStringLiteral("amount"), currency, wire, false);
    ref.gatewayReason = r.optString(QStringLiteral("reason"));
    ref.reason = commonReason(ref.gatewayReason);
    ref.note = r.optString(QStringLiteral("information"));
    const bool failed = r.optBoolean(QStringLiteral("has_failed"), false);
    ref.gatewayStatus = failed ? QStringLiteral("failed") : QStringLiteral("succeeded");
    ref.status = failed ? CommonStatus::Failed : CommonStatus::Succeeded;
    ref.metadata = r.stringMap(QStringLiteral("metadata"));
    ref.operationId = ref.metadata.value(operationMetadataKey());
    ref.createdAt = r.isoTime(QStringLiteral("created_at"));
    return ref;
}

GatewayResult<Page<Invoice>> ProcessOutAdapter::parseTransactionList(const QByteArray &body,
                                                                     const WireAmount &wire)
{
    return readObjectBody<Page<Invoice>>(body, [&wire](const JsonReader &r) {
        requireSuccess(r);
        Page<Invoice> page;
        const JsonArray txs = r.array(QStringLiteral("transactions"));
        page.items =
            readList<Invoice>(r, txs, QStringLiteral("transactions"),
                              [&wire](const JsonReader &e) { return readTransaction(e, wire); });
        page.nextCursor = transactionCursor(r, txs);
        return page;
    });
}

GatewayResult<Page<Refund>> ProcessOutAdapter::parseExpandedRefunds(const QByteArray &body,
                                                                    const WireAmount &wire)
{
    return readObjectBody<Page<Refund>>(body, [&wire](const JsonReader &r) {
        requireSuccess(r);
        Page<Refund> page;
        const JsonArray txs = r.array(QStringLiteral("transactions"));
        for (qsizetype i = 0; i < txs.size() && r.ok(); ++i) {
            const JsonReader tx = r.element(txs, i, QStringLiteral("transactions"));
            const QString id = tx.string(QStringLiteral("id"));
            const QString currency = tx.currency(QStringLiteral("currency"));
            const JsonArray refunds = tx.array(QStringLiteral("refunds"));
            const QList<Refund> items =
                readList<Refund>(tx, refunds, QStringLiteral("refunds"), [&](const JsonReader &e) {
                    return readRefund(e, currency, wire);
                });
            for (Refund ref : items) {
                if (ref.invoiceId.isEmpty())
                    ref.invoiceId = id;
                page.items.append(ref);
            }
        }
        page.nextCursor = transactionCursor(r, txs);
        return page;
    });
}

GatewayResult<Page<Refund>> ProcessOutAdapter::parseRefundList(const QByteArray &body,
                                                               const QString &currency,
                                                               const WireAmount &wire)
{
    return readObjectBody<Page<Refund>>(body, [&](const JsonReader &r) {
        requireSuccess(r);
        Page<Refund> page;
        page.items =
            readList<Refund>(r, r.array(QStringLiteral("refunds")), QStringLiteral("refunds"),
                             [&](const JsonReader &e) { return readRefund(e, currency, wire); });
        return page;
    });
}

GatewayResult<Refund> ProcessOutAdapter::parseRefundReply(const QByteArray &body,
                                                          const QString &currency,
                                                          const WireAmount &wire)
{
    return readObjectBody<Refund>(body, [&](const JsonReader &r) {
        requireSuccess(r);
        return readRefund(r.at(QStringLiteral("refund")), currency, wire);
    });
}

QJsonObject ProcessOutAdapter::refundJson(const RefundRequest &request, const Money &amount,
                                          const WireAmount &wire, QString *error)
{
    QJsonObject body;
    const QString major = wire.toMajor(amount, error);
    if (major.isEmpty())
        return body;
    body.insert(QStringLiteral("amount"), major);
    const QString reason = wireReason(request);
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    if (!request.note.isEmpty())
        body.insert(QStringLiteral("information"), request.note);
    if (!request.invoiceDetailIds.isEmpty())
        body.insert(QStringLiteral("invoice_detail_ids"),
                    QJsonArray::fromStringList(request.invoiceDetailIds));
    QJsonObject meta;
    for (auto it = request.metadata.cbegin(); it != request.metadata.cend(); ++it)
        meta.insert(it.key(), it.value());
    if (!request.operationId.isEmpty())
        meta.insert(operationMetadataKey(), request.operationId);
    if (!meta.isEmpty())
        body.insert(QStringLiteral("metadata"), meta);
    return body;
}

GatewayError ProcessOutAdapter::parseProcessOutError(const HttpResponse &response)
{
    return errorFromBody(response, [](const JsonReader &r, GatewayError &e) {
        e.code = r.optString(QStringLiteral("error_type"));
        e.message = r.optString(QStringLiteral("message"));
    });
}

void ProcessOutAdapter::listInvoices(const ListRequest &request, Callback<Page<Invoice>> done)
{
    HttpRequest req;
    req.path = HttpClient::pathOf({QStringLiteral("transactions")});
    req.query.add(QStringLiteral("limit"), QString::number(clampPageSize(request.pageSize)));
    if (!request.cursor.isEmpty())
        req.query.add(QStringLiteral("start_after"), request.cursor);
    const WireAmount w = wire();
    call<Page<Invoice>>(
        req, [w](const QByteArray &body) { return parseTransactionList(body, w); },
        std::move(done));
}

void ProcessOutAdapter::listRefunds(const ListRequest &request, Callback<Page<Refund>> done)
{
    const WireAmount w = wire();
    if (request.invoiceId.isEmpty()) {
        HttpRequest req;
        req.path = HttpClient::pathOf({QStringLiteral("transactions")});
        req.query.add(QStringLiteral("limit"), QString::number(clampPageSize(request.pageSize)));
        if (!request.cursor.isEmpty())
            req.query.add(QStringLiteral("start_after"), request.cursor);
        req.query.add(QStringLiteral("expand[]"), QStringLiteral("refunds"));
        call<Page<Refund>>(
            req, [w](const QByteArray &body) { return parseExpandedRefunds(body, w); },
            std::move(done));
        return;
    }
    const QString id = request.invoiceId;
    retrieveInvoice(id, [this, id, w, done](const GatewayResult<Invoice> &tx) {
        if (!tx.ok()) {
            GatewayResult<Page<Refund>> r;
            r.error = tx.error;
            done(r);
            return;
        }
        HttpRequest req;
        req.path =
            HttpClient::pathOf({QStringLiteral("transactions"), id, QStringLiteral("refunds")});
        const QString currency = tx.value.amount.currency();
        call<Page<Refund>>(
            req,
            [w, currency, id](const QByteArray &body) {
                auto r = parseRefundList(body, currency, w);
                for (Refund &ref : r.value.items) {
                    if (ref.invoiceId.isEmpty())
                        ref.invoiceId = id;
                }
                return r;
            },
            done);
    });
}

void ProcessOutAdapter::listChargebacks(const ListRequest &, Callback<Page<Chargeback>> done)
{
    // The dialect has no chargeback list; transactions carry a `chargedback` flag instead.
    QMetaObject::invokeMethod(
        this, [done] { done(GatewayResult<Page<Chargeback>>()); }, Qt::QueuedConnection);
}

void ProcessOutAdapter::retrieveInvoice(const QString &id, Callback<Invoice> done)
{
    HttpRequest req;
    req.path = HttpClient::pathOf({QStringLiteral("transactions"), id});
    const WireAmount w = wire();
    call<Invoice>(
        req,
        [w](const QByteArray &body) {
            return readObjectBody<Invoice>(body, [&w](const JsonReader &r) {
                requireSuccess(r);
                return readTransaction(r.at(QStringLiteral("transaction")), w);
            });
        },
        std::move(done));
}

void ProcessOutAdapter::createRefund(const RefundRequest &request, Callback<Refund> done)
{
    if (request.invoiceId.startsWith(QLatin1String("iv_"))) {
        // Refunding through the invoice: its transaction is not looked up, so the amount
        // (and with it the currency) must be given.
        if (!request.amount) {
            refuse<Refund>(QStringLiteral("invalid_request"),
                           QStringLiteral("Refunding a ProcessOut invoice needs an amount."),
                           std::move(done));
            return;
        }
        Invoice stub;
        stub.gatewayId = request.invoiceId;
        stub.amount = Money(0, request.amount->currency());
        postRefund(request, stub, std::move(done));
        return;
    }
    retrieveInvoice(request.invoiceId, [this, request, done](const GatewayResult<Invoice> &tx) {
        if (!tx.ok()) {
            GatewayResult<Refund> r;
            r.error = tx.error;
            done(r);
            return;
        }
        postRefund(request, tx.value, done);
    });
}

void ProcessOutAdapter::postRefund(const RefundRequest &request, const Invoice &transaction,
                                   Callback<Refund> done)
{
    const QString currency = transaction.amount.currency();
    Money amount;
    if (request.amount) {
        if (!request.amount->sameCurrency(transaction.amount)) {
            refuse<Refund>(QStringLiteral("currency_mismatch"),
                           QStringLiteral("The refund is in %1 but the transaction is in %2.")
                               .arg(request.amount->currency(), currency),
                           std::move(done));
            return;
        }
        amount = *request.amount;
    } else {
        const std::optional<Money> remaining =
            transaction.amount.checkedSubtract(transaction.amountRefunded);
        if (!remaining || remaining->minorUnits() <= 0) {
            refuse<Refund>(QStringLiteral("fully_refunded"),
                           QStringLiteral("Nothing is left to refund on transaction %1.")
                               .arg(transaction.gatewayId),
                           std::move(done));
            return;
        }
        amount = *remaining;
    }
    QString why;
    HttpRequest req;
    req.method = "POST";
    req.path = HttpClient::pathOf({request.invoiceId.startsWith(QLatin1String("iv_"))
                                       ? QStringLiteral("invoices")
                                       : QStringLiteral("transactions"),
                                   request.invoiceId, QStringLiteral("refunds")});
    req.body = HttpRequest::Body::Json;
    req.json = QJsonDocument(refundJson(request, amount, wire(), &why));
    if (!why.isEmpty()) {
        refuse<Refund>(QStringLiteral("invalid_request"), why, std::move(done));
        return;
    }
    req.idempotencyHeader = "Idempotency-Key";
    req.idempotencyKey = request.idempotencyKey;
    const WireAmount w = wire();
    const QString id = request.invoiceId;
    call<Refund>(
        req,
        [w, currency, id](const QByteArray &body) {
            auto r = parseRefundReply(body, currency, w);
            if (r.value.invoiceId.isEmpty())
                r.value.invoiceId = id;
            return r;
        },
        std::move(done));
}

} // namespace rd
