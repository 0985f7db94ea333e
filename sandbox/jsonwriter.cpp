#include "jsonwriter.h"

#include <QJsonDocument>

#include <cstring>

namespace rd::sandbox {

namespace {

// Everything below U+0020, the quote and the backslash are escaped, as QJsonDocument does.
bool needsEscape(char16_t u)
{
    return u < 0x20 || u == u'"' || u == u'\\';
}

// Latin-1 bytes that are written as they are: printable ASCII but the quote and backslash.
bool plainByte(uchar c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

} // namespace

void JsonWriter::grow(qsizetype atLeast)
{
    m_cap = std::max<qsizetype>(atLeast, m_cap * 2);
    m_out.resize(m_cap);
    m_buf = m_out.data();
}

#ifndef QT_NO_DEBUG
void JsonWriter::checkKeyOrder(const char *name)
{
    Q_ASSERT(!m_lastKeys.empty());
    // QJsonObject keeps its keys sorted; the same order keeps the bytes the same.
    Q_ASSERT_X(!m_lastKeys.back() || std::strcmp(m_lastKeys.back(), name) < 0, "JsonWriter::key",
               name);
    m_lastKeys.back() = name;
}

void JsonWriter::checkPlain(const char *s, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        Q_ASSERT_X(plainByte(uchar(s[i])), "JsonWriter::value", s);
}
#endif

void JsonWriter::appendString(QStringView s)
{
    // At most six bytes a code unit (\u00XX) and the quotes.
    reserve(6 * s.size() + 2);
    char *dst = m_buf + m_len;
    *dst++ = '"';
    const char16_t *begin = s.utf16();
    const char16_t *const end = begin + s.size();
    for (const char16_t *p = begin; p != end; ++p) {
        const char16_t u = *p;
        if (u < 0x80) {
            if (!needsEscape(u)) {
                *dst++ = char(u);
                continue;
            }
            *dst++ = '\\';
            switch (u) {
            case u'"':
                *dst++ = '"';
                break;
            case u'\\':
                *dst++ = '\\';
                break;
            case 0x8:
                *dst++ = 'b';
                break;
            case 0xc:
                *dst++ = 'f';
                break;
            case 0xa:
                *dst++ = 'n';
                break;
            case 0xd:
                *dst++ = 'r';
                break;
            case 0x9:
                *dst++ = 't';
                break;
            default: {
                static const char hex[] = "0123456789abcdef";
                *dst++ = 'u';
                *dst++ = '0';
                *dst++ = '0';
                *dst++ = hex[u >> 4];
                *dst++ = hex[u & 0xf];
            }
            }
        } else if (u < 0x800) {
            *dst++ = char(0xc0 | (u >> 6));
            *dst++ = char(0x80 | (u & 0x3f));
        } else if (u < 0xd800 || u > 0xdfff) {
            *dst++ = char(0xe0 | (u >> 12));
            *dst++ = char(0x80 | ((u >> 6) & 0x3f));
            *dst++ = char(0x80 | (u & 0x3f));
        } else {
            // Surrogates, paired or not: rare enough to leave to Qt's own writer, whose
            // "[...]" around the one string is dropped.
            const QByteArray qt = QJsonDocument(QJsonArray{s.mid(p - begin).toString()})
                                      .toJson(QJsonDocument::Compact);
            m_len = dst - m_buf;
            put(qt.constData() + 2, qt.size() - 4); // without [" and "]
            put('"');
            return;
        }
    }
    *dst++ = '"';
    m_len = dst - m_buf;
}

// Objects and arrays nest alike; arrays have no keys, and their entry keeps the debug stack of
// last keys balanced.
JsonWriter &JsonWriter::open(char bracket)
{
    separate();
    put(bracket);
    m_needComma = false;
#ifndef QT_NO_DEBUG
    m_lastKeys.push_back(nullptr);
#endif
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    put(bracket);
    m_needComma = true;
#ifndef QT_NO_DEBUG
    Q_ASSERT(!m_lastKeys.empty());
    m_lastKeys.pop_back();
#endif
    return *this;
}

JsonWriter &JsonWriter::beginObject()
{
    return open('{');
}

JsonWriter &JsonWriter::endObject()
{
    return close('}');
}

JsonWriter &JsonWriter::beginArray()
{
    return open('[');
}

JsonWriter &JsonWriter::endArray()
{
    return close(']');
}

JsonWriter &JsonWriter::key(QLatin1String name)
{
    checkKeyOrder(name.data());
    if (m_needComma)
        put(',');
    put('"');
    put(name.data(), name.size());
    put("\":", 2);
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::value(qint64 v)
{
    separate();
    char digits[24];
    char *end = digits + sizeof digits;
    char *p = end;
    quint64 u = v < 0 ? 0 - quint64(v) : quint64(v);
    do {
        *--p = char('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    put(p, end - p);
    return *this;
}

JsonWriter &JsonWriter::value(bool v)
{
    separate();
    if (v)
        put("true", 4);
    else
        put("false", 5);
    return *this;
}

JsonWriter &JsonWriter::value(std::nullptr_t)
{
    separate();
    put("null", 4);
    return *this;
}

JsonWriter &JsonWriter::value(QStringView s)
{
    separate();
    appendString(s);
    return *this;
}

JsonWriter &JsonWriter::value(const char *plain)
{
    const size_t n = std::strlen(plain);
    checkPlain(plain, n);
    separate();
    reserve(qsizetype(n) + 2);
    m_buf[m_len++] = '"';
    std::memcpy(m_buf + m_len, plain, n);
    m_len += qsizetype(n);
    m_buf[m_len++] = '"';
    return *this;
}

JsonWriter &JsonWriter::value(QLatin1String s)
{
    separate();
    // Copied while checked; anything but plain ASCII starts over the long way.
    reserve(s.size() + 2);
    char *dst = m_buf + m_len;
    *dst++ = '"';
    for (const char c : s) {
        if (!plainByte(uchar(c))) {
            appendString(QString(s));
            return *this;
        }
        *dst++ = c;
    }
    *dst++ = '"';
    m_len = dst - m_buf;
    return *this;
}

JsonWriter &JsonWriter::value(const QJsonObject &o)
{
    if (o.isEmpty())
        return raw("{}");
    return raw(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

JsonWriter &JsonWriter::value(const QJsonArray &a)
{
    if (a.isEmpty())
        return raw("[]");
    return raw(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

JsonWriter &JsonWriter::raw(QByteArrayView json)
{
    separate();
    put(json.data(), json.size());
    return *this;
}

} // namespace rd::sandbox
