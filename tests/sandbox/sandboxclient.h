// Blocking HTTP calls to a running sandbox for the black-box tests, plus what the tests need to
// know about each dialect: its credentials, how it asks for a refund and how it reports errors.
#pragma once

#include "sandboxprocess.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QUrlQuery>

namespace rdtest {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    qint64 elapsedMs = 0;

    QJsonDocument doc() const { return QJsonDocument::fromJson(body); }
    QJsonObject json() const { return doc().object(); }
    bool isJson() const
    {
        QJsonParseError e;
        QJsonDocument::fromJson(body, &e);
        return e.error == QJsonParseError::NoError;
    }
};

enum class Auth { Good, None, WrongKey, WrongScheme };

inline const QStringList &dialects()
{
    static const QStringList names{QStringLiteral("stripe"), QStringLiteral("wooshpay"),
                                   QStringLiteral("chargebee"), QStringLiteral("processout"),
                                   QStringLiteral("intasend")};
    return names;
}

inline bool usesForm(const QString &dialect)
{
    return dialect == QLatin1String("stripe") || dialect == QLatin1String("chargebee");
}

inline QByteArray authorization(const QString &dialect, Auth auth)
{
    if (auth == Auth::None)
        return {};
    QByteArray secret = SandboxProcess::secret(dialect).toUtf8();
    if (auth == Auth::WrongKey)
        secret = dialect == QLatin1String("processout")
                     ? QByteArrayLiteral("test-proj_sandbox:wrong")
                     : QByteArrayLiteral("sk_wrong");
    const bool bearer = dialect == QLatin1String("stripe") || dialect == QLatin1String("intasend");
    if (bearer != (auth == Auth::WrongScheme))
        return QByteArrayLiteral("Bearer ") + secret;
    if (!secret.contains(':'))
        secret += ':';
    return QByteArrayLiteral("Basic ") + secret.toBase64();
}

class SandboxClient
{
public:
    explicit SandboxClient(SandboxProcess &sandbox) : m_sandbox(sandbox) {}

    HttpResult send(const QByteArray &verb, const QString &dialect, const QString &path,
                    const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {},
                    Auth auth = Auth::Good)
    {
        QNetworkRequest request(QUrl(m_sandbox.baseUrl(dialect) + path));
        const QByteArray authValue = authorization(dialect, auth);
        if (!authValue.isEmpty())
            request.setRawHeader(QByteArrayLiteral("Authorization"), authValue);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              usesForm(dialect)
                                  ? QByteArrayLiteral("application/x-www-form-urlencoded")
                                  : QByteArrayLiteral("application/json"));
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        request.setTransferTimeout(60000);
        return run(request, verb, body);
    }

    HttpResult get(const QString &dialect, const QString &path)
    {
        return send("GET", dialect, path);
    }

    // A sandbox control call (no credentials).
    HttpResult control(const QByteArray &verb, const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_sandbox.port()).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        return run(request, verb, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    }

    // A new succeeded payment with a known currency and amount ("100.00"); its id.
    QString freshInvoice(const QString &dialect, const QString &currency = QStringLiteral("USD"),
                         const QString &amount = QStringLiteral("100.00"))
    {
        const HttpResult r = control("POST", QStringLiteral("/_sandbox/invoices"),
                                     QJsonObject{{QStringLiteral("dialect"), dialect},
                                                 {QStringLiteral("count"), 1},
                                                 {QStringLiteral("currency"), currency},
                                                 {QStringLiteral("amount"), amount}});
        return r.json().value(QStringLiteral("ids")).toArray().at(0).toString();
    }

    struct Call
    {
        QString path;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    // The request that asks for a refund (a chargeback on IntaSend) of `amount`: minor units
    // for Stripe, WooshPay and Chargebee, major units for ProcessOut and IntaSend; empty = omitted.
    static Call refundCall(const QString &dialect, const QString &id, const QString &amount,
                           const QByteArray &idempotencyKey = {}, const QJsonObject &extra = {})
    {
        Call call;
        if (!idempotencyKey.isEmpty())
            call.headers.append({dialect == QLatin1String("chargebee")
                                     ? QByteArrayLiteral("chargebee-idempotency-key")
                                     : QByteArrayLiteral("Idempotency-Key"),
                                 idempotencyKey});
        if (dialect == QLatin1String("stripe") || dialect == QLatin1String("chargebee")) {
            QUrlQuery form;
            const bool stripe = dialect == QLatin1String("stripe");
            if (stripe)
                form.addQueryItem(QStringLiteral("charge"), id);
            if (!amount.isEmpty())
                form.addQueryItem(
                    stripe ? QStringLiteral("amount") : QStringLiteral("refund_amount"), amount);
            for (auto it = extra.begin(); it != extra.end(); ++it)
                form.addQueryItem(it.key(), it.value().toString());
            call.path = stripe ? QStringLiteral("/v1/refunds")
                               : QStringLiteral("/api/v2/invoices/%1/refund").arg(id);
            call.body = form.toString(QUrl::FullyEncoded).toUtf8();
            return call;
        }
        QJsonObject body = extra;
        if (!amount.isEmpty())
            body.insert(QStringLiteral("amount"), amount);
        if (dialect == QLatin1String("wooshpay")) {
            body.insert(QStringLiteral("payment_intent"), id);
            call.path = QStringLiteral("/v1/refunds");
        } else if (dialect == QLatin1String("processout")) {
            if (!body.contains(QStringLiteral("reason")))
                body.insert(QStringLiteral("reason"), QStringLiteral("customer_request"));
            call.path = QStringLiteral("/transactions/%1/refunds").arg(id);
        } else {
            body.insert(QStringLiteral("invoice"), id);
            if (!body.contains(QStringLiteral("reason")))
                body.insert(QStringLiteral("reason"), QStringLiteral("Returned goods"));
            call.path = QStringLiteral("/api/v1/chargebacks/");
        }
        call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return call;
    }

    HttpResult refund(const QString &dialect, const QString &id, const QString &amount,
                      const QByteArray &idempotencyKey = {}, const QJsonObject &extra = {})
    {
        const Call call = refundCall(dialect, id, amount, idempotencyKey, extra);
        return send("POST", dialect, call.path, call.body, call.headers);
    }

    // The refunds (credit notes, chargebacks) the dialect lists for one payment, newest first.
    QJsonArray refundsOf(const QString &dialect, const QString &id)
    {
        if (dialect == QLatin1String("stripe"))
            return get(dialect, QStringLiteral("/v1/refunds?charge=") + id)
                .json()
                .value(QStringLiteral("data"))
                .toArray();
        if (dialect == QLatin1String("wooshpay"))
            return get(dialect, QStringLiteral("/v1/refunds?payment_intent=") + id)
                .json()
                .value(QStringLiteral("data"))
                .toArray();
        if (dialect == QLatin1String("chargebee")) {
            QJsonArray out;
            for (const QJsonValue &v :
                 get(dialect, QStringLiteral("/api/v2/credit_notes?reference_invoice_id[is]=") + id)
                     .json()
                     .value(QStringLiteral("list"))
                     .toArray())
                out.append(v.toObject().value(QStringLiteral("credit_note")));
            return out;
        }
        if (dialect == QLatin1String("processout"))
            return get(dialect, QStringLiteral("/transactions/%1/refunds").arg(id))
                .json()
                .value(QStringLiteral("refunds"))
                .toArray();
        QJsonArray out;
        for (const QJsonValue &v :
             get(dialect, QStringLiteral("/api/v1/chargebacks/")).doc().array()) {
            if (v.toObject().value(QStringLiteral("invoice")).toString() == id)
                out.append(v);
        }
        return out;
    }

    // The same request as bytes on the wire, for rawExchange().
    QByteArray rawRequest(const QByteArray &verb, const QString &dialect, const Call &call) const
    {
        const QUrl url(m_sandbox.baseUrl(dialect) + call.path);
        QByteArray bytes = verb + ' ' + url.path(QUrl::FullyEncoded).toUtf8() + " HTTP/1.1\r\n";
        bytes += "Host: 127.0.0.1:" + QByteArray::number(m_sandbox.port()) + "\r\n";
        bytes += "Authorization: " + authorization(dialect, Auth::Good) + "\r\n";
        bytes += QByteArrayLiteral("Content-Type: ") +
                 (usesForm(dialect) ? "application/x-www-form-urlencoded" : "application/json") +
                 "\r\n";
        for (const auto &h : call.headers)
            bytes += h.first + ": " + h.second + "\r\n";
        bytes += "Content-Length: " + QByteArray::number(call.body.size()) + "\r\n";
        bytes += "Connection: close\r\n\r\n" + call.body;
        return bytes;
    }

    // One line that holds the dialect's error code and message, for "contains" checks.
    static QString errorSignature(const QString &dialect, const HttpResult &r)
    {
        const QJsonObject o = r.json();
        if (dialect == QLatin1String("stripe") || dialect == QLatin1String("wooshpay")) {
            const QJsonObject e = o.value(QStringLiteral("error")).toObject();
            return e.value(QStringLiteral("type")).toString() + QLatin1Char(' ') +
                   e.value(QStringLiteral("code")).toString() + QStringLiteral(": ") +
                   e.value(QStringLiteral("message")).toString();
        }
        if (dialect == QLatin1String("chargebee"))
            return o.value(QStringLiteral("api_error_code")).toString() + QStringLiteral(": ") +
                   o.value(QStringLiteral("message")).toString();
        if (dialect == QLatin1String("processout"))
            return o.value(QStringLiteral("error_type")).toString() + QStringLiteral(": ") +
                   o.value(QStringLiteral("message")).toString();
        return o.value(QStringLiteral("detail")).toString();
    }

    // Whether an error body has exactly the dialect's shape; the reason when it does not.
    static QString errorShapeProblem(const QString &dialect, const HttpResult &r)
    {
        if (!r.isJson() || !r.doc().isObject())
            return QStringLiteral("not a JSON object: ") + QString::fromUtf8(r.body);
        const QJsonObject o = r.json();
        auto need = [&](const QJsonObject &obj, const char *key) {
            return obj.value(QLatin1String(key)).isString() &&
                   !obj.value(QLatin1String(key)).toString().isEmpty();
        };
        if (dialect == QLatin1String("stripe") || dialect == QLatin1String("wooshpay")) {
            const QJsonObject e = o.value(QStringLiteral("error")).toObject();
            if (o.size() != 1 || !need(e, "type") || !need(e, "message"))
                return QStringLiteral("not {\"error\":{type,message,...}}");
        } else if (dialect == QLatin1String("chargebee")) {
            if (!need(o, "message") || !need(o, "api_error_code") ||
                o.value(QStringLiteral("http_status_code")).toInteger() != r.status)
                return QStringLiteral("not {message, api_error_code, http_status_code}");
        } else if (dialect == QLatin1String("processout")) {
            if (o.value(QStringLiteral("success")) != QJsonValue(false) || !need(o, "error_type") ||
                !need(o, "message"))
                return QStringLiteral("not {success:false, error_type, message}");
        } else if (o.size() != 1 || !need(o, "detail")) {
            return QStringLiteral("not {detail}");
        }
        return {};
    }

    // Sends raw bytes on a fresh connection and returns everything the server sent back
    // before closing (for faults that must close the connection without a reply).
    QByteArray rawExchange(const QByteArray &requestBytes, bool *closed)
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_sandbox.port());
        *closed = false;
        if (!socket.waitForConnected(10000))
            return QByteArrayLiteral("<no connection>");
        socket.write(requestBytes);
        socket.flush();
        QByteArray received;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30000) {
            if (socket.bytesAvailable() > 0)
                received += socket.readAll();
            if (socket.state() == QAbstractSocket::UnconnectedState) {
                *closed = true;
                break;
            }
            socket.waitForReadyRead(100);
        }
        received += socket.readAll();
        return received;
    }

    // The id and creation time of a dialect's payment object as its list shows them.
    static QString idOf(const QString &dialect, const QJsonObject &o)
    {
        return o
            .value(dialect == QLatin1String("intasend") ? QStringLiteral("invoice_id")
                                                        : QStringLiteral("id"))
            .toString();
    }
    static QString createdOf(const QString &dialect, const QJsonObject &o)
    {
        if (dialect == QLatin1String("stripe") || dialect == QLatin1String("wooshpay"))
            return QStringLiteral("%1").arg(o.value(QStringLiteral("created")).toInteger(), 12, 10,
                                            QLatin1Char('0'));
        if (dialect == QLatin1String("chargebee"))
            return QStringLiteral("%1").arg(o.value(QStringLiteral("date")).toInteger(), 12, 10,
                                            QLatin1Char('0'));
        return o.value(QStringLiteral("created_at")).toString();
    }

    // Follows a dialect's payment list from the first page to the last, the way that dialect
    // pages. Returns the objects in the order served; `pages` counts the requests made.
    QJsonArray listAll(const QString &dialect, int pageSize, int *pages = nullptr,
                       QString *problem = nullptr)
    {
        QJsonArray all;
        QString cursor;
        QString nextUrl;
        int count = 0;
        for (;;) {
            if (++count > 100000) {
                if (problem)
                    *problem = QStringLiteral("paging does not end");
                break;
            }
            HttpResult r;
            QJsonArray data;
            bool more = false;
            const QString n = QString::number(pageSize);
            if (dialect == QLatin1String("stripe") || dialect == QLatin1String("wooshpay")) {
                const QString path = dialect == QLatin1String("stripe")
                                         ? QStringLiteral("/v1/charges")
                                         : QStringLiteral("/v1/payment_intents");
                r = get(dialect,
                        path + QStringLiteral("?limit=") + n +
                            (cursor.isEmpty() ? QString()
                                              : QStringLiteral("&starting_after=") + cursor));
                data = r.json().value(QStringLiteral("data")).toArray();
                more = r.json().value(QStringLiteral("has_more")).toBool();
            } else if (dialect == QLatin1String("chargebee")) {
                r = get(dialect, QStringLiteral("/api/v2/invoices?limit=") + n +
                                     (cursor.isEmpty() ? QString()
                                                       : QStringLiteral("&offset=") +
                                                             QString::fromUtf8(
                                                                 QUrl::toPercentEncoding(cursor))));
                for (const QJsonValue &v : r.json().value(QStringLiteral("list")).toArray())
                    data.append(v.toObject().value(QStringLiteral("invoice")));
                more = r.json().contains(QStringLiteral("next_offset"));
            } else if (dialect == QLatin1String("processout")) {
                r = get(dialect, QStringLiteral("/transactions?limit=") + n +
                                     (cursor.isEmpty() ? QString()
                                                       : QStringLiteral("&start_after=") + cursor));
                data = r.json().value(QStringLiteral("transactions")).toArray();
                more = r.json().value(QStringLiteral("has_more")).toBool();
            } else {
                if (nextUrl.isEmpty()) {
                    r = get(dialect, QStringLiteral("/api/v1/invoices/?page_size=") + n);
                } else {
                    // Follow the absolute "next" link exactly as served.
                    const QString base = m_sandbox.baseUrl(dialect);
                    r = get(dialect, nextUrl.startsWith(base)
                                         ? nextUrl.mid(base.size())
                                         : QStringLiteral("/<foreign next link: ") + nextUrl);
                }
                data = r.json().value(QStringLiteral("results")).toArray();
                nextUrl = r.json().value(QStringLiteral("next")).toString();
                more = !nextUrl.isEmpty();
            }
            if (r.status != 200) {
                if (problem)
                    *problem = QStringLiteral("HTTP %1: %2")
                                   .arg(r.status)
                                   .arg(QString::fromUtf8(r.body.left(300)));
                break;
            }
            for (const QJsonValue &v : data)
                all.append(v);
            if (dialect == QLatin1String("chargebee"))
                cursor = r.json().value(QStringLiteral("next_offset")).toString();
            else if (!data.isEmpty())
                cursor = idOf(dialect, data.last().toObject());
            if (!more)
                break;
            if (data.isEmpty()) {
                if (problem)
                    *problem = QStringLiteral("an empty page claims there is more");
                break;
            }
        }
        if (pages)
            *pages = count;
        return all;
    }

private:
    HttpResult run(QNetworkRequest request, const QByteArray &verb, const QByteArray &body)
    {
        HttpResult result;
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        result.elapsedMs = timer.elapsed();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.body = reply->readAll();
        for (const auto &h : reply->rawHeaderPairs())
            result.headers.insert(h.first.toLower(), h.second);
        delete reply;
        return result;
    }

    SandboxProcess &m_sandbox;
    QNetworkAccessManager m_nam;
};

} // namespace rdtest
