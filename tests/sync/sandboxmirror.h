// A second, independent reading of what the sandbox serves, for the sync integration tests:
// it walks each dialect's lists over plain HTTP (not through the adapters) and sums counts
// and amounts per object kind and currency, and sums the cache the same way, so the two can
// be compared line by line.
#pragma once

#include "domain/money.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrlQuery>

namespace rdtest {

// "invoices USD" -> "count=12 amount=34500 refunded=1200"
using Summary = QMap<QString, QString>;

class SandboxMirror
{
public:
    SandboxMirror(QString baseUrl, QString dialect, QString secret)
        : m_base(std::move(baseUrl)), m_dialect(std::move(dialect)), m_secret(std::move(secret))
    {}

    // False with a reason when a request failed or a body could not be read.
    bool read(Summary *out, QString *error)
    {
        m_totals.clear();
        m_error.clear();
        if (m_dialect == QLatin1String("stripe") || m_dialect == QLatin1String("wooshpay")) {
            const bool stripe = m_dialect == QLatin1String("stripe");
            walkStripe(
                stripe ? QStringLiteral("/v1/charges") : QStringLiteral("/v1/payment_intents"),
                QStringLiteral("invoices"),
                stripe ? QStringLiteral("amount_captured") : QStringLiteral("amount_received"));
            walkStripe(QStringLiteral("/v1/refunds"), QStringLiteral("refunds"),
                       QStringLiteral("amount"));
            walkStripe(QStringLiteral("/v1/disputes"), QStringLiteral("chargebacks"),
                       QStringLiteral("amount"));
        } else if (m_dialect == QLatin1String("chargebee")) {
            walkChargebee(QStringLiteral("invoices"), QStringLiteral("invoice"),
                          QStringLiteral("invoices"), QStringLiteral("amount_paid"));
            walkChargebee(QStringLiteral("credit_notes"), QStringLiteral("credit_note"),
                          QStringLiteral("refunds"), QStringLiteral("total"));
        } else if (m_dialect == QLatin1String("processout")) {
            walkProcessOut();
        } else if (m_dialect == QLatin1String("intasend")) {
            walkIntaSend();
        }
        if (!m_error.isEmpty()) {
            *error = m_error;
            return false;
        }
        out->clear();
        for (auto it = m_totals.cbegin(); it != m_totals.cend(); ++it)
            out->insert(it.key(), it.value().text());
        return true;
    }

    // The same sums over the cache for one account. Kinds the sandbox has none of are left
    // out on both sides.
    static Summary fromCache(const QSqlDatabase &db, qint64 accountId, bool withRefunded)
    {
        Summary out;
        for (const QString &kind : {QStringLiteral("invoices"), QStringLiteral("refunds"),
                                    QStringLiteral("chargebacks")}) {
            QSqlQuery q(db);
            const bool inv = kind == QLatin1String("invoices");
            q.exec(
                QStringLiteral("SELECT currency, COUNT(*), SUM(amount), %1 FROM %2 WHERE "
                               "account_id = %3 GROUP BY currency")
                    .arg(inv ? QStringLiteral("SUM(amount_refunded)") : QStringLiteral("0"), kind)
                    .arg(accountId));
            while (q.next()) {
                Totals t;
                t.count = q.value(1).toLongLong();
                t.amount = q.value(2).toLongLong();
                t.refunded = inv && withRefunded ? q.value(3).toLongLong() : -1;
                out.insert(kind + QLatin1Char(' ') + q.value(0).toString(), t.text());
            }
        }
        return out;
    }

    // Whether the dialect's invoices report a refunded total this mirror can check.
    bool hasRefundedTotals() const
    {
        return m_dialect != QLatin1String("chargebee") && m_dialect != QLatin1String("intasend");
    }

    QJsonDocument get(const QString &path, const QUrlQuery &query)
    {
        return send("GET", path, query, {}, {});
    }

    // A write straight to the sandbox (a refund made "elsewhere"), answered 200 or 201.
    QJsonDocument post(const QString &path, const QByteArray &body, const QByteArray &contentType)
    {
        return send("POST", path, {}, body, contentType);
    }

    QString lastError() const { return m_error; }

private:
    QJsonDocument send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                       const QByteArray &body, const QByteArray &contentType)
    {
        QUrl url(m_base + path);
        url.setQuery(query);
        QNetworkRequest request(url);
        const bool bearer =
            m_dialect == QLatin1String("stripe") || m_dialect == QLatin1String("intasend");
        const QString user =
            m_dialect == QLatin1String("processout") ? m_secret : m_secret + QLatin1Char(':');
        request.setRawHeader("Authorization", bearer ? "Bearer " + m_secret.toUtf8()
                                                     : "Basic " + user.toUtf8().toBase64());
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        const QByteArray answer = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QJsonParseError parse{};
        const QJsonDocument doc = QJsonDocument::fromJson(answer, &parse);
        if ((status != 200 && status != 201) || parse.error != QJsonParseError::NoError)
            m_error = QStringLiteral("%1 %2 answered %3: %4")
                          .arg(QString::fromLatin1(verb), url.toString())
                          .arg(status)
                          .arg(QString::fromUtf8(answer.left(300)));
        return doc;
    }

    struct Totals
    {
        qint64 count = 0;
        qint64 amount = 0;
        qint64 refunded = -1; // -1 = not compared
        QString text() const
        {
            QString s = QStringLiteral("count=%1 amount=%2").arg(count).arg(amount);
            if (refunded >= 0)
                s += QStringLiteral(" refunded=%1").arg(refunded);
            return s;
        }
    };

    // Integral JSON number of minor units, or a decimal string in major units.
    qint64 minor(const QJsonValue &v, const QString &currency, bool major)
    {
        if (!major)
            return v.toInteger();
        const QString text = v.isString() ? v.toString() : QString::number(v.toInteger());
        QString why;
        const auto m = rd::Money::parse(text, currency, &why, rd::Money::Sign::AllowNegative);
        if (!m)
            m_error = QStringLiteral("cannot read amount %1 %2: %3").arg(text, currency, why);
        return m ? m->minorUnits() : 0;
    }

    void add(const QString &kind, const QString &currency, qint64 amount, qint64 refunded)
    {
        Totals &t = m_totals[kind + QLatin1Char(' ') + currency.toUpper()];
        t.count += 1;
        t.amount += amount;
        if (refunded >= 0)
            t.refunded = std::max<qint64>(t.refunded, 0) + refunded;
    }

    void walkStripe(const QString &path, const QString &kind, const QString &amountField)
    {
        QString after;
        for (;;) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
            if (!after.isEmpty())
                q.addQueryItem(QStringLiteral("starting_after"), after);
            const QJsonObject page = get(path, q).object();
            if (!m_error.isEmpty())
                return;
            const QJsonArray data = page.value(QStringLiteral("data")).toArray();
            for (const QJsonValue &v : data) {
                const QJsonObject o = v.toObject();
                // What was captured or received when anything was, else the amount billed.
                const QString field =
                    o.value(amountField).toInteger() > 0 ? amountField : QStringLiteral("amount");
                add(kind, o.value(QStringLiteral("currency")).toString(),
                    o.value(field).toInteger(),
                    kind == QLatin1String("invoices")
                        ? o.value(QStringLiteral("amount_refunded")).toInteger()
                        : -1);
                after = o.value(QStringLiteral("id")).toString();
            }
            if (!page.value(QStringLiteral("has_more")).toBool() || data.isEmpty())
                return;
        }
    }

    void walkChargebee(const QString &collection, const QString &key, const QString &kind,
                       const QString &amountField)
    {
        QString offset;
        for (;;) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
            if (!offset.isEmpty())
                q.addQueryItem(QStringLiteral("offset"), offset);
            const QJsonObject page = get(QStringLiteral("/api/v2/") + collection, q).object();
            if (!m_error.isEmpty())
                return;
            const QJsonArray list = page.value(QStringLiteral("list")).toArray();
            for (const QJsonValue &v : list) {
                const QJsonObject o = v.toObject().value(key).toObject();
                // An unpaid invoice counts with its total, as billed.
                const qint64 amount =
                    o.value(amountField).toInteger() == 0 && o.contains(QStringLiteral("total"))
                        ? o.value(QStringLiteral("total")).toInteger()
                        : o.value(amountField).toInteger();
                add(kind, o.value(QStringLiteral("currency_code")).toString(), amount, -1);
            }
            offset = page.value(QStringLiteral("next_offset")).toString();
            if (offset.isEmpty())
                return;
        }
    }

    void walkProcessOut()
    {
        QString after;
        for (;;) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
            q.addQueryItem(QStringLiteral("expand[]"), QStringLiteral("refunds"));
            if (!after.isEmpty())
                q.addQueryItem(QStringLiteral("start_after"), after);
            const QJsonObject page = get(QStringLiteral("/transactions"), q).object();
            if (!m_error.isEmpty())
                return;
            const QJsonArray txs = page.value(QStringLiteral("transactions")).toArray();
            for (const QJsonValue &v : txs) {
                const QJsonObject t = v.toObject();
                const QString currency = t.value(QStringLiteral("currency")).toString();
                const qint64 captured =
                    minor(t.value(QStringLiteral("captured_amount")), currency, true);
                add(QStringLiteral("invoices"), currency,
                    captured > 0 ? captured
                                 : minor(t.value(QStringLiteral("amount")), currency, true),
                    minor(t.value(QStringLiteral("refunded_amount")), currency, true));
                const QJsonArray refunds = t.value(QStringLiteral("refunds")).toArray();
                for (const QJsonValue &r : refunds)
                    add(QStringLiteral("refunds"), currency,
                        minor(r.toObject().value(QStringLiteral("amount")), currency, true), -1);
                after = t.value(QStringLiteral("id")).toString();
            }
            if (!page.value(QStringLiteral("has_more")).toBool() || txs.isEmpty())
                return;
        }
    }

    void walkIntaSend()
    {
        QHash<QString, QString> currencyOf;
        for (int n = 1;; ++n) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("page"), QString::number(n));
            q.addQueryItem(QStringLiteral("page_size"), QStringLiteral("100"));
            const QJsonObject page = get(QStringLiteral("/api/v1/invoices/"), q).object();
            if (!m_error.isEmpty())
                return;
            const QJsonArray results = page.value(QStringLiteral("results")).toArray();
            for (const QJsonValue &v : results) {
                const QJsonObject o = v.toObject();
                const QString currency = o.value(QStringLiteral("currency")).toString();
                currencyOf.insert(o.value(QStringLiteral("invoice_id")).toString(), currency);
                add(QStringLiteral("invoices"), currency,
                    minor(o.value(QStringLiteral("value")), currency, true), -1);
            }
            if (page.value(QStringLiteral("next")).isNull() || results.isEmpty())
                break;
        }
        const QJsonArray cbs = get(QStringLiteral("/api/v1/chargebacks/"), {}).array();
        for (const QJsonValue &v : cbs) {
            const QJsonObject o = v.toObject();
            QString currency = o.value(QStringLiteral("currency")).toString();
            if (currency.isEmpty())
                currency = currencyOf.value(o.value(QStringLiteral("invoice")).toString());
            add(QStringLiteral("chargebacks"), currency,
                minor(o.value(QStringLiteral("amount")), currency, true), -1);
        }
    }

    QString m_base;
    QString m_dialect;
    QString m_secret;
    QNetworkAccessManager m_nam;
    QMap<QString, Totals> m_totals;
    QString m_error;
};

} // namespace rdtest
