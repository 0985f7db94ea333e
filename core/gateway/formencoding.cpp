#include "formencoding.h"

namespace rd {

void FormFields::addMap(const QString &prefix, const QMap<QString, QString> &map)
{
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        add(prefix + QLatin1Char('[') + it.key() + QLatin1Char(']'), it.value());
}

void FormFields::addList(const QString &prefix, const QStringList &values)
{
    for (const QString &v : values)
        add(prefix + QStringLiteral("[]"), v);
}

QString FormFields::value(const QString &key) const
{
    for (const Pair &p : m_pairs) {
        if (p.first == key)
            return p.second;
    }
    return QString();
}

QByteArray FormFields::encodeComponent(const QString &text)
{
    return text.toUtf8().toPercentEncoding();
}

QByteArray FormFields::encode() const
{
    QByteArray out;
    for (const Pair &p : m_pairs) {
        if (!out.isEmpty())
            out += '&';
        // Brackets in keys stay literal (metadata[k], created[gte]): that is how the gateways
        // document them, and some servers match the key text without decoding it first.
        out += p.first.toUtf8().toPercentEncoding("[]");
        out += '=';
        out += encodeComponent(p.second);
    }
    return out;
}

} // namespace rd
