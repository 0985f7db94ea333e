// JsonDocument: one gateway reply parsed with simdjson, or (for what simdjson is stricter
// about than Qt) read by Qt's parser and written again as JSON simdjson accepts, so a reply is
// accepted and refused exactly as QJsonDocument::fromJson() did. Fields are read with
// JsonReader (jsonreader.cpp).
#include "jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <cstring>
#include <limits>
#include <mutex>
#include <vector>

namespace rd {

namespace jsondetail {

// Parsers are reused: a parser keeps its buffers sized for the largest reply it has read, so a
// sync's pages are parsed without allocating. A document holds its parser until it is gone.
class ParserPool
{
public:
    static std::unique_ptr<simdjson::dom::parser> take()
    {
        ParserPool &pool = instance();
        const std::lock_guard lock(pool.m_mutex);
        if (pool.m_free.empty())
            return std::make_unique<simdjson::dom::parser>();
        std::unique_ptr<simdjson::dom::parser> p = std::move(pool.m_free.back());
        pool.m_free.pop_back();
        return p;
    }
    static void give(std::unique_ptr<simdjson::dom::parser> parser)
    {
        // A parser holds about 15 bytes per byte of the largest reply it read (its tape, string
        // buffer, structural index and a copy of the text), so one that read a reply above a
        // megabyte gives its memory back instead of keeping it. A page of a hundred objects is
        // about 75-250 KB.
        if (!parser || parser->capacity() > maxKeptCapacity)
            return;
        ParserPool &pool = instance();
        const std::lock_guard lock(pool.m_mutex);
        if (pool.m_free.size() < maxKept)
            pool.m_free.push_back(std::move(parser));
    }

private:
    static constexpr size_t maxKept = 4;
    static constexpr size_t maxKeptCapacity = 1024 * 1024;
    static ParserPool &instance()
    {
        static ParserPool pool;
        return pool;
    }
    std::mutex m_mutex;
    std::vector<std::unique_ptr<simdjson::dom::parser>> m_free;
};

struct Document
{
    std::unique_ptr<simdjson::dom::parser> parser;
    simdjson::dom::element root;
    ~Document() { ParserPool::give(std::move(parser)); }
};

// Gateway text as it should have been sent: an unpaired surrogate (from a "\ud800" escape)
// becomes U+FFFD, so the cache, its search index and the CSV exports hold well-formed text.
QString wellFormed(QString text)
{
    if (text.isValidUtf16())
        return text;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            text[i] = QChar::ReplacementCharacter;
    }
    return text;
}

} // namespace jsondetail

namespace {

using jsondetail::Document;
using jsondetail::wellFormed;
using simdjson::dom::element;
using simdjson::dom::element_type;

// Whether a number with a fraction or an exponent came out as zero. simdjson rounds a number
// too small for a double to 0, where Qt's parser refuses it; only Qt can tell "1e-400" from
// "0.0". Walks simdjson's tape (its documented layout: one word per value, a type in the top
// byte, numbers followed by a word holding their 64 bits).
bool hasZeroDouble(const simdjson::dom::document &doc)
{
    const uint64_t *tape = doc.tape.get();
    const uint64_t end = tape[0] & 0x00FFFFFFFFFFFFFFull; // the root word holds its last index
    for (uint64_t i = 1; i < end;) {
        const auto type = char(tape[i] >> 56);
        if (type == 'd') {
            double d;
            std::memcpy(&d, &tape[i + 1], sizeof d);
            if (d == 0)
                return true;
        }
        i += type == 'd' || type == 'l' || type == 'u' ? 2 : 1;
    }
    return false;
}

// A top-level object or array simdjson accepts, or null.
std::shared_ptr<const Document> parseDocument(const char *data, size_t size)
{
    auto doc = std::make_shared<Document>();
    doc->parser = jsondetail::ParserPool::take();
    // true: simdjson copies the bytes into its own padded buffer (kept by the pooled parser).
    const simdjson::simdjson_result<element> parsed = doc->parser->parse(data, size, true);
    if (parsed.error())
        return nullptr;
    doc->root = parsed.value_unsafe();
    const element_type type = doc->root.type();
    if (type != element_type::OBJECT && type != element_type::ARRAY)
        return nullptr; // Qt refuses a bare scalar; its reading gives the error
    if (hasZeroDouble(doc->parser->doc))
        return nullptr; // "1e-400" reads as 0 here; Qt refuses it, and reads "0.0" alike
    return doc;
}

// Whether a string may start with a raw U+FEFF: Qt's parser drops it there (unless the string
// has an escape), which only Qt's own reading reproduces.
bool startsTextWithBom(const QByteArray &json)
{
    const std::string_view bytes(json.constData(), size_t(json.size()));
    for (size_t i = bytes.find("\xEF\xBB\xBF"); i != std::string_view::npos;
         i = bytes.find("\xEF\xBB\xBF", i + 3)) {
        if (i > 0 && bytes[i - 1] == '"')
            return true;
    }
    return false;
}

void writeJsonString(QByteArray &out, const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    for (const char c : wellFormed(text).toUtf8()) {
        if (c == '"' || c == '\\')
            out.append('\\').append(c);
        else if (uchar(c) < 0x20)
            out.append("\\u00", 4).append(hex[uchar(c) >> 4]).append(hex[uchar(c) & 0xf]);
        else
            out.append(c);
    }
    out.append('"');
}

// What Qt read, written again as JSON simdjson accepts: text well-formed (as the readers
// returned it before), duplicate keys already resolved by Qt, and every number as a value that
// reads the same: an integral one within 64 bits as its digits, any other with a fraction or an
// exponent (Qt kept such numbers as doubles, and so does simdjson).
void writeJson(QByteArray &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        return;
    case QJsonValue::Bool:
        out.append(v.toBool() ? "true" : "false");
        return;
    case QJsonValue::Double: {
        const qint64 a = v.toInteger(std::numeric_limits<qint64>::min());
        const qint64 b = v.toInteger(std::numeric_limits<qint64>::max());
        if (a == b) {
            out.append(QByteArray::number(a));
        } else {
            QByteArray d = QByteArray::number(v.toDouble(), 'g', 17);
            if (!d.contains('.') && !d.contains('e'))
                d.append(".0");
            out.append(d);
        }
        return;
    }
    case QJsonValue::String:
        writeJsonString(out, v.toString());
        return;
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i > 0)
                out.append(',');
            writeJson(out, a.at(i));
        }
        out.append(']');
        return;
    }
    case QJsonValue::Object: {
        out.append('{');
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (it != o.constBegin())
                out.append(',');
            writeJsonString(out, it.key());
            out.append(':');
            writeJson(out, it.value());
        }
        out.append('}');
        return;
    }
    }
}

} // namespace

JsonDocument JsonDocument::fromJson(const QByteArray &json, QJsonParseError *error)
{
    if (error) {
        error->error = QJsonParseError::NoError;
        error->offset = 0;
    }
    JsonDocument out;
    if (!startsTextWithBom(json)) {
        out.m_doc = parseDocument(json.constData(), size_t(json.size()));
        if (out.m_doc)
            return out;
    }
    // What simdjson refused goes to Qt's parser: it either refuses it too (and says why in the
    // words reply errors always had), or it is JSON that simdjson is stricter about (or reads
    // otherwise: a leading U+FEFF).
    QJsonParseError qtError;
    const QJsonDocument qt = QJsonDocument::fromJson(json, &qtError);
    if (qtError.error != QJsonParseError::NoError) {
        if (error)
            *error = qtError;
        return out;
    }
    QByteArray text;
    text.reserve(json.size() + 64);
    writeJson(text, qt.isArray() ? QJsonValue(qt.array()) : QJsonValue(qt.object()));
    out.m_doc = parseDocument(text.constData(), size_t(text.size()));
    if (!out.m_doc && error) // not expected: the text was written above
        error->error = QJsonParseError::IllegalValue;
    return out;
}

bool JsonDocument::isObject() const
{
    return m_doc && m_doc->root.type() == element_type::OBJECT;
}

bool JsonDocument::isArray() const
{
    return m_doc && m_doc->root.type() == element_type::ARRAY;
}

JsonReader JsonDocument::reader() const
{
    if (!isObject())
        return JsonReader();
    return JsonReader(m_doc, m_doc->root, JsonReader::Path(), std::make_shared<QString>());
}

JsonArray JsonDocument::array() const
{
    if (!isArray())
        return JsonArray();
    return JsonArray(m_doc, m_doc->root.get_array().value_unsafe());
}

} // namespace rd
