#include "exchange.h"

namespace rd::sandbox {

Request gatewayRequest(const QByteArray &method, const QUrl &url, const HeaderList &headers,
                       const QByteArray &body, const QString &prefix)
{
    Request request;
    request.method = method;
    request.segments = url.path().mid(prefix.size()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    request.query = QUrlQuery(url);
    request.headers = headers;
    request.body = body;
    request.baseUrl = QStringLiteral("http://") +
                      QString::fromUtf8(request.header(QByteArrayLiteral("Host"))) + prefix;
    return request;
}

QList<QPair<QString, QString>> parseForm(const QByteArray &body)
{
    // application/x-www-form-urlencoded writes spaces as '+'; QUrlQuery takes '+' literally.
    QByteArray text = body;
    text.replace('+', "%20");
    const QUrlQuery query(QString::fromUtf8(text));
    return query.queryItems(QUrl::FullyDecoded);
}

} // namespace rd::sandbox
