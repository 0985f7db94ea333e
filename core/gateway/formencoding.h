// Builds application/x-www-form-urlencoded bodies and query strings with bracket keys
// (metadata[k]=v, credit_note[reason_code]=...), the way Stripe and Chargebee read them.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace rd {

class FormFields final
{
public:
    using Pair = QPair<QString, QString>;

    FormFields() = default;
    FormFields(std::initializer_list<Pair> pairs) : m_pairs(pairs) {}

    void add(const QString &key, const QString &value) { m_pairs.append({key, value}); }
    // Adds prefix[key]=value for every entry, in key order (so bodies are deterministic).
    void addMap(const QString &prefix, const QMap<QString, QString> &map);
    // Adds prefix[]=value for every entry.
    void addList(const QString &prefix, const QStringList &values);

    bool isEmpty() const { return m_pairs.isEmpty(); }
    const QList<Pair> &pairs() const { return m_pairs; }
    QString value(const QString &key) const;

    // Percent-encodes every byte outside RFC 3986's unreserved set (so '+' is escaped and a
    // space is %20, which every decoder reads the same way); brackets in keys stay literal.
    QByteArray encode() const;
    static QByteArray encodeComponent(const QString &text);

private:
    QList<Pair> m_pairs;
};

} // namespace rd
