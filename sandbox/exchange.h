// One HTTP exchange as the sandbox's handlers see it: a request copied out of QHttpServer (so it
// can outlive the server callback when a latency fault defers it) and the reply to write.
#pragma once

#include "jsonwriter.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace rd::sandbox {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct Request
{
    QByteArray method;    // "GET", "POST", "DELETE"
    QStringList segments; // path below the dialect prefix, split on '/', empty parts dropped
    QUrlQuery query;
    HeaderList headers;
    QByteArray body;
    QString baseUrl; // "http://127.0.0.1:PORT/intasend", for absolute links in replies

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    bool is(const char *verb) const { return method == verb; }
    QString segment(int i) const { return segments.value(i); }
};

struct Reply
{
    int status = 200;
    QByteArray body;
    HeaderList headers;
    // A refund or chargeback was committed by this request (drop_after_commit counts these).
    bool created = false;

    static Reply json(const QJsonObject &o, int status = 200)
    {
        return Reply{status, QJsonDocument(o).toJson(QJsonDocument::Compact), {}, false};
    }
    static Reply json(const QJsonArray &a, int status = 200)
    {
        return Reply{status, QJsonDocument(a).toJson(QJsonDocument::Compact), {}, false};
    }
    static Reply json(JsonWriter &&w, int status = 200)
    {
        return Reply{status, w.take(), {}, false};
    }
    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        for (auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
                h.second = value;
                return;
            }
        }
        headers.append({name, value});
    }
};

// The Request a dialect handler sees for one HTTP request below `prefix` ("/stripe"): the path
// under the prefix split into segments, the query, the headers and body as received, and the
// base URL from the Host header. Pure, so it can be fuzzed without a server.
Request gatewayRequest(const QByteArray &method, const QUrl &url, const HeaderList &headers,
                       const QByteArray &body, const QString &prefix);

// Form bodies ("a=1&metadata%5Bk%5D=v", '+' for space) as decoded key/value pairs, in order.
QList<QPair<QString, QString>> parseForm(const QByteArray &body);

} // namespace rd::sandbox
