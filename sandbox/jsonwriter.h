// Compact JSON written straight into bytes, byte for byte what QJsonDocument::toJson(Compact)
// gives for the same values, without building QJsonObjects first: the sandbox serves list pages
// of thousands of objects, and building the DOM and serializing it cost far more than the data.
// Keys must come in QJsonObject's order (sorted); debug builds assert it.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QString>

#include <cstring>
#include <vector>

namespace rd::sandbox {

class JsonWriter final
{
public:
    explicit JsonWriter(qsizetype reserve = 256) { grow(reserve); }

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    // The next member's key (an ASCII literal); the value follows with value() or begin*().
    template <size_t N> JsonWriter &key(const char (&name)[N])
    {
        checkKeyOrder(name);
        reserve(N + 3);
        if (m_needComma)
            m_buf[m_len++] = ',';
        m_buf[m_len++] = '"';
        std::memcpy(m_buf + m_len, name, N - 1);
        m_len += qsizetype(N - 1);
        m_buf[m_len++] = '"';
        m_buf[m_len++] = ':';
        m_needComma = false;
        return *this;
    }

    // A key that is not a literal (ASCII).
    JsonWriter &key(QLatin1String name);

    JsonWriter &value(qint64 v);
    JsonWriter &value(int v) { return value(qint64(v)); }
    JsonWriter &value(bool v);
    JsonWriter &value(std::nullptr_t);
    JsonWriter &value(QStringView s);
    JsonWriter &value(const QString &s) { return value(QStringView(s)); }
    JsonWriter &value(QLatin1String s);
    // Text known to be plain ASCII needing no escaping (literals, ids); debug builds check.
    JsonWriter &value(const char *plain);
    JsonWriter &value(const QJsonObject &o);
    JsonWriter &value(const QJsonArray &a);
    // A value that is compact JSON already.
    JsonWriter &raw(QByteArrayView json);

    template <size_t N, typename T> JsonWriter &field(const char (&name)[N], const T &v)
    {
        key(name);
        return value(v);
    }

    QByteArray take()
    {
        m_out.truncate(m_len);
        m_buf = nullptr;
        m_len = m_cap = 0;
        return std::move(m_out);
    }

private:
    JsonWriter &open(char bracket);
    JsonWriter &close(char bracket);
    void reserve(qsizetype more)
    {
        if (m_len + more > m_cap)
            grow(m_len + more);
    }
    void grow(qsizetype atLeast);
    void put(char c)
    {
        reserve(1);
        m_buf[m_len++] = c;
    }
    void put(const char *p, qsizetype n)
    {
        reserve(n);
        std::memcpy(m_buf + m_len, p, size_t(n));
        m_len += n;
    }
    void separate()
    {
        if (m_needComma)
            put(',');
        m_needComma = true;
    }
    void appendString(QStringView s);
#ifndef QT_NO_DEBUG
    void checkKeyOrder(const char *name);
    static void checkPlain(const char *s, size_t n);
#else
    void checkKeyOrder(const char *) {}
    static void checkPlain(const char *, size_t) {}
#endif

    // The bytes live in m_out, sized to its capacity; m_len of them are written.
    QByteArray m_out;
    char *m_buf = nullptr;
    qsizetype m_len = 0;
    qsizetype m_cap = 0;
    bool m_needComma = false;
#ifndef QT_NO_DEBUG
    std::vector<const char *> m_lastKeys; // per open object, for the key order check
#endif
};

} // namespace rd::sandbox
