#include "chargebeeadapter.h"

namespace rd {

namespace {

// {"list":[{"<key>":{...}}, ...],"next_offset":"..."}: next_offset is absent on the last page.
template <typename T>
GatewayResult<Page<T>> parseOffsetList(const QByteArray &body, const QString &key,
                                       const std::function<T(const JsonReader &)> &read)
{
    return readObjectBody<Page<T>>(body, [&](const JsonReader &r) {
        Page<T> page;
        const JsonArray list = r.array(QStringLiteral("list"));
        page.items = readList<T>(r, list, QStringLiteral("list"),
                                 [&](const JsonReader &entry) { return read(entry.at(key)); });
        if (!r.isNull(QStringLiteral("next_offset")))
            page.nextCursor = r.stringOrInteger(QStringLiteral("next_offset"));
        return page;
    });
}

} // namespace

ChargebeeAdapter::ChargebeeAdapter(const QUrl &baseUrl, const QString &secret, QObject *parent)
    : AdapterBase(Dialect::Chargebee, baseUrl, AuthScheme::BasicKeyAsUser, secret, parent)
{}

QStringList ChargebeeAdapter::refundReasons() const
{
    return {QStringLiteral("product_unsatisfactory"),
            QStringLiteral("service_unsatisfactory"),
            QStringLiteral("order_change"),
            QStringLiteral("order_cancellation"),
            QStringLiteral("waiver"),
            QStringLiteral("fraudulent"),
            QStringLiteral("other")};
}

QString ChargebeeAdapter::creditNoteReason(const RefundRequest &request)
{
    if (!request.creditNoteReasonCode.isEmpty())
        return request.creditNoteReasonCode;
    if (!request.dialectReason.isEmpty())
        return request.dialectReason;
    if (request.reason.isEmpty())
        return QString();
    if (request.reason == QLatin1String("fraudulent"))
        return QStringLiteral("fraudulent");
    if (request.reason == QLatin1String("requested_by_customer"))
        return QStringLiteral("order_cancellation");
    return QStringLiteral("other");
}

QString ChargebeeAdapter::commonReason(const QString &reasonCode)
{
    if (reasonCode.isEmpty())
        return QString();
    if (reasonCode == QLatin1String("fraudulent"))
        return QStringLiteral("fraudulent");
    static const QStringList byCustomer = {
        QStringLiteral("product_unsatisfactory"), QStringLiteral("service_unsatisfactory"),
        QStringLiteral("order_change"), QStringLiteral("order_cancellation"),
        QStringLiteral("subscription_cancellation")};
    if (byCustomer.contains(reasonCode))
        return QStringLiteral("requested_by_customer");
    return QStringLiteral("other");
}

Invoice ChargebeeAdapter::readInvoice(const JsonReader &r, const WireAmount &wire)
{
    Invoice inv;
    inv.gatewayId = r.string(QStringLiteral("id"));
    const QString currency = r.currency(QStringLiteral("currency_code"));
    // What was paid, when anything was; an unpaid invoice keeps its total, as billed.
    inv.amount = r.minorAmount(QStringLiteral("amount_paid"), currency, wire);
    if (inv.amount.minorUnits() == 0 && r.has(QStringLiteral("total")))
        inv.amount = r.minorAmount(QStringLiteral("total"), currency, wire);
    inv.gatewayStatus = r.string(QStringLiteral("status"));
    const QString &s = inv.gatewayStatus;
    inv.status = s == QLatin1String("paid")       ? CommonStatus::Succeeded
                 : s == QLatin1String("voided")   ? CommonStatus::Canceled
                 : s == QLatin1String("not_paid") ? CommonStatus::Failed
                                                  : CommonStatus::Pending;
    const JsonReader billing = r.optAt(QStringLiteral("billing_address"));
    inv.customer = personName(billing);
    inv.email = billing.optString(QStringLiteral("email"));
    if (inv.customer.isEmpty())
        inv.customer = r.optString(QStringLiteral("customer_id"));
    inv.createdAt = r.unixTime(QStringLiteral("date"));

    const JsonArray payments = r.optArray(QStringLiteral("linked_payments"));
    for (qsizetype i = 0; i < payments.size() && r.ok(); ++i) {
        const JsonReader p = r.element(payments, i, QStringLiteral("linked_payments"));
        if (p.optString(QStringLiteral("payment_method")) == QLatin1String("offline"))
            inv.offline = true;
    }
    // Refunded = the refunded credit notes issued against the invoice.
    Money refunded(0, currency);
    const JsonArray notes = r.optArray(QStringLiteral("issued_credit_notes"));
    for (qsizetype i = 0; i < notes.size() && r.ok(); ++i) {
        const JsonReader n = r.element(notes, i, QStringLiteral("issued_credit_notes"));
        if (n.optString(QStringLiteral("cn_status")) != QLatin1String("refunded"))
            continue;
        const Money total = n.minorAmount(QStringLiteral("cn_total"), currency, wire);
        if (!n.ok())
            break;
        QString why;
        const std::optional<Money> sum = refunded.checkedAdd(total, &why);
        if (!sum) {
            n.fail(QStringLiteral("cn_total"), why);
            break;
        }
        refunded = *sum;
    }
    inv.amountRefunded = refunded;
    return inv;
}

Refund ChargebeeAdapter::readCreditNote(const JsonReader &r, const WireAmount &wire)
{
    Refund ref;
    ref.gatewayId = r.string(QStringLiteral("id"));
    ref.invoiceId = r.optString(QStringLiteral("reference_invoice_id"));
    const QString currency = r.currency(QStringLiteral("currency_code"));
    ref.amount = r.minorAmount(QStringLiteral("total"), currency, wire);
    ref.gatewayReason = r.optString(QStringLiteral("reason_code"));
    ref.reason = commonReason(ref.gatewayReason);
    ref.gatewayStatus = r.string(QStringLiteral("status"));
    const QString &s = ref.gatewayStatus;
    ref.status = (s == QLatin1String("refunded") || s == QLatin1String("adjusted"))
                     ? CommonStatus::Succeeded
                 : s == QLatin1String("voided") ? CommonStatus::Canceled
                                                : CommonStatus::Pending;
    QString comment = r.optString(QStringLiteral("comment"));
    ref.operationId = takeOperationTag(&comment);
    ref.note = comment;
    const QString customerNotes = r.optString(QStringLiteral("customer_notes"));
    if (!customerNotes.isEmpty())
        ref.metadata.insert(QStringLiteral("customer_notes"), customerNotes);
    ref.createdAt = r.unixTime(QStringLiteral("date"));
    return ref;
}

GatewayResult<Page<Invoice>> ChargebeeAdapter::parseInvoiceList(const QByteArray &body,
                                                                const WireAmount &wire)
{
    return parseOffsetList<Invoice>(body, QStringLiteral("invoice"),
                                    [&wire](const JsonReader &r) { return readInvoice(r, wire); });
}

GatewayResult<Page<Refund>> ChargebeeAdapter::parseCreditNoteList(const QByteArray &body,
                                                                  const WireAmount &wire)
{
    return parseOffsetList<Refund>(
        body, QStringLiteral("credit_note"),
        [&wire](const JsonReader &r) { return readCreditNote(r, wire); });
}

GatewayResult<Refund> ChargebeeAdapter::parseRefundReply(const QByteArray &body,
                                                         const WireAmount &wire)
{
    return readObjectBody<Refund>(body, [&wire](const JsonReader &r) {
        Refund ref = readCreditNote(r.at(QStringLiteral("credit_note")), wire);
        // The reply's transaction says whether money actually moved.
        const JsonReader txn = r.optAt(QStringLiteral("transaction"));
        const QString txnStatus = txn.optString(QStringLiteral("status"));
        if (!txnStatus.isEmpty() && txnStatus != QLatin1String("success")) {
            ref.gatewayStatus = txnStatus;
            ref.status = txnStatus == QLatin1String("failure") ? CommonStatus::Failed
                                                               : CommonStatus::Pending;
        }
        return ref;
    });
}

FormFields ChargebeeAdapter::refundForm(const RefundRequest &request, const WireAmount &wire,
                                        QString *error)
{
    FormFields form;
    if (request.amount) {
        const QString minor = wire.toMinorString(*request.amount, error);
        if (minor.isEmpty())
            return form;
        form.add(QStringLiteral("refund_amount"), minor);
    }
    const QString comment = appendOperationTag(request.note, request.operationId);
    if (!comment.isEmpty())
        form.add(QStringLiteral("comment"), comment);
    if (!request.customerNotes.isEmpty())
        form.add(QStringLiteral("customer_notes"), request.customerNotes);
    const QString reason = creditNoteReason(request);
    if (!reason.isEmpty())
        form.add(QStringLiteral("credit_note[reason_code]"), reason);
    return form;
}

GatewayError ChargebeeAdapter::parseChargebeeError(const HttpResponse &response)
{
    return errorFromBody(response, [](const JsonReader &r, GatewayError &e) {
        e.code = r.optString(QStringLiteral("api_error_code"));
        if (e.code.isEmpty())
            e.code = r.optString(QStringLiteral("type"));
        e.message = r.optString(QStringLiteral("message"));
        e.param = r.optString(QStringLiteral("param"));
    });
}

HttpRequest ChargebeeAdapter::listRequest(const QString &collection,
                                          const ListRequest &request) const
{
    HttpRequest req;
    req.path = HttpClient::pathOf({QStringLiteral("api"), QStringLiteral("v2"), collection});
    req.query.add(QStringLiteral("limit"), QString::number(clampPageSize(request.pageSize)));
    if (!request.cursor.isEmpty())
        req.query.add(QStringLiteral("offset"), request.cursor);
    if (request.updatedSince.isValid()) {
        req.query.add(QStringLiteral("updated_at[after]"),
                      QString::number(request.updatedSince.toSecsSinceEpoch()));
        req.query.add(QStringLiteral("sort_by[asc]"), QStringLiteral("updated_at"));
    }
    // Chargebee's timestamp operators are exclusive: [after] t-1 and [before] t make the
    // half-open window [createdSince, createdBefore) on `date`, to the second.
    if (request.createdSince.isValid())
        req.query.add(QStringLiteral("date[after]"),
                      QString::number(request.createdSince.toSecsSinceEpoch() - 1));
    if (request.createdBefore.isValid())
        req.query.add(QStringLiteral("date[before]"),
                      QString::number(request.createdBefore.toSecsSinceEpoch()));
    return req;
}

void ChargebeeAdapter::listInvoices(const ListRequest &request, Callback<Page<Invoice>> done)
{
    const WireAmount w = wire();
    call<Page<Invoice>>(
        listRequest(QStringLiteral("invoices"), request),
        [w](const QByteArray &body) { return parseInvoiceList(body, w); }, std::move(done));
}

void ChargebeeAdapter::listRefunds(const ListRequest &request, Callback<Page<Refund>> done)
{
    HttpRequest req = listRequest(QStringLiteral("credit_notes"), request);
    if (!request.invoiceId.isEmpty())
        req.query.add(QStringLiteral("reference_invoice_id[is]"), request.invoiceId);
    const WireAmount w = wire();
    call<Page<Refund>>(
        req, [w](const QByteArray &body) { return parseCreditNoteList(body, w); }, std::move(done));
}

void ChargebeeAdapter::listChargebacks(const ListRequest &, Callback<Page<Chargeback>> done)
{
    // Chargebee records chargebacks as credit notes with reason "chargeback"; there is no
    // separate list to mirror, so this is always one empty page.
    QMetaObject::invokeMethod(
        this, [done] { done(GatewayResult<Page<Chargeback>>()); }, Qt::QueuedConnection);
}

void ChargebeeAdapter::retrieveInvoice(const QString &id, Callback<Invoice> done)
{
    HttpRequest req;
    req.path = HttpClient::pathOf(
        {QStringLiteral("api"), QStringLiteral("v2"), QStringLiteral("invoices"), id});
    const WireAmount w = wire();
    call<Invoice>(
        req,
        [w](const QByteArray &body) {
            return readObjectBody<Invoice>(body, [&w](const JsonReader &r) {
                return readInvoice(r.at(QStringLiteral("invoice")), w);
            });
        },
        std::move(done));
}

void ChargebeeAdapter::createRefund(const RefundRequest &request, Callback<Refund> done)
{
    QString why;
    HttpRequest req;
    req.method = "POST";
    req.path =
        HttpClient::pathOf({QStringLiteral("api"), QStringLiteral("v2"), QStringLiteral("invoices"),
                            request.invoiceId, QStringLiteral("refund")});
    req.body = HttpRequest::Body::Form;
    req.form = refundForm(request, wire(), &why);
    if (!why.isEmpty()) {
        refuse<Refund>(QStringLiteral("invalid_request"), why, std::move(done));
        return;
    }
    req.idempotencyHeader = "chargebee-idempotency-key";
    req.idempotencyKey = request.idempotencyKey;
    const WireAmount w = wire();
    call<Refund>(
        req, [w](const QByteArray &body) { return parseRefundReply(body, w); }, std::move(done));
}

} // namespace rd
