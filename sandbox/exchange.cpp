#include "exchange.h"

namespace rd::sandbox {

QList<QPair<QString, QString>> parseForm(const QByteArray &body)
{
    // application/x-www-form-urlencoded writes spaces as '+'; QUrlQuery takes '+' literally.
    QByteArray text = body;
    text.replace('+', "%20");
    const QUrlQuery query(QString::fromUtf8(text));
    return query.queryItems(QUrl::FullyDecoded);
}

} // namespace rd::sandbox
