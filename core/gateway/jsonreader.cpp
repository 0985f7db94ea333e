#include "jsonreader.h"

#include "domain/currency.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringDecoder>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <vector>

namespace rd {

namespace {

using jsondetail::Value;
using jsondetail::wellFormed;
using simdjson::dom::element;
using simdjson::dom::element_type;

bool isObject(const Value &v)
{
    return v && v->type() == element_type::OBJECT;
}
bool isString(const Value &v)
{
    return v && v->type() == element_type::STRING;
}
bool isNumber(const Value &v)
{
    if (!v)
        return false;
    const element_type t = v->type();
    return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}
bool isMissingOrNull(const Value &v)
{
    return !v || v->type() == element_type::NULL_VALUE;
}

// UTF-8 text as Qt's parser read it: a leading U+FEFF is part of the text (QString::fromUtf8()
// would take it for a byte order mark and drop it).
QString fromUtf8(std::string_view s)
{
    if (s.size() >= 3 && s[0] == '\xEF' && s[1] == '\xBB' && s[2] == '\xBF') {
        QStringDecoder keepBom(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
        return keepBom(QByteArrayView(s.data(), qsizetype(s.size())));
    }
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString toQString(const element &e)
{
    return fromUtf8(e.get_string().value_unsafe());
}

QString typeName(const Value &v)
{
    if (!v)
        return QStringLiteral("missing");
    switch (v->type()) {
    case element_type::NULL_VALUE:
        return QStringLiteral("null");
    case element_type::BOOL:
        return QStringLiteral("a boolean");
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        return QStringLiteral("a number");
    case element_type::STRING:
        return QStringLiteral("a string");
    case element_type::ARRAY:
        return QStringLiteral("an array");
    case element_type::OBJECT:
        return QStringLiteral("an object");
    }
    return QStringLiteral("unknown");
}

QJsonValue toQt(const element &e);

// As Qt's parser made it: of a key given twice the last value, numbers beyond int64 as doubles.
QJsonObject toQt(const simdjson::dom::object &object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(fromUtf8(it.key()), toQt(it.value()));
    return out;
}

QJsonValue toQt(const element &e)
{
    switch (e.type()) {
    case element_type::NULL_VALUE:
        return QJsonValue(QJsonValue::Null);
    case element_type::BOOL:
        return QJsonValue(e.get_bool().value_unsafe());
    case element_type::INT64:
        return QJsonValue(qint64(e.get_int64().value_unsafe()));
    case element_type::UINT64:
        return QJsonValue(double(e.get_uint64().value_unsafe()));
    case element_type::DOUBLE:
        return QJsonValue(e.get_double().value_unsafe());
    case element_type::STRING:
        return QJsonValue(toQString(e));
    case element_type::ARRAY: {
        QJsonArray out;
        const simdjson::dom::array items = e.get_array().value_unsafe();
        for (const element item : items)
            out.append(toQt(item));
        return out;
    }
    case element_type::OBJECT:
        return toQt(e.get_object().value_unsafe());
    }
    return QJsonValue();
}

// The value of `field` in `object`; of a key given twice the last, as Qt's parser kept it.
Value member(const simdjson::dom::object &object, const QString &field)
{
    Value found;
    const qsizetype n = field.size();
    const char16_t *f = reinterpret_cast<const char16_t *>(field.constData());
    bool ascii = true;
    for (qsizetype i = 0; i < n && ascii; ++i)
        ascii = f[i] < 0x80;
    if (ascii) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key_length() != size_t(n))
                continue;
            const char *k = it.key_c_str();
            qsizetype i = 0;
            while (i < n && char16_t(uchar(k[i])) == f[i])
                ++i;
            if (i == n)
                found = it.value();
        }
        return found;
    }
    const QByteArray utf8 = field.toUtf8();
    const std::string_view want(utf8.constData(), size_t(utf8.size()));
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key_equals(want))
            found = it.value();
    }
    return found;
}

} // namespace

// --- JsonArray

JsonArray::JsonArray(std::shared_ptr<const jsondetail::Document> doc, simdjson::dom::array array)
    : m_doc(std::move(doc)), m_array(array)
{
    const size_t counted = m_array.size();
    if (counted < 0xFFFFFF) { // simdjson's count saturates there
        m_size = qsizetype(counted);
    } else {
        for (auto it = m_array.begin(); it != m_array.end(); ++it)
            ++m_size;
    }
}

simdjson::dom::element JsonArray::at(qsizetype index) const
{
    if (m_cursorIndex < 0 || index < m_cursorIndex) {
        m_cursor = m_array.begin();
        m_cursorIndex = 0;
    }
    while (m_cursorIndex < index) {
        ++m_cursor;
        ++m_cursorIndex;
    }
    return *m_cursor;
}

QString JsonArray::stringIn(qsizetype index, const QString &field) const
{
    if (index < 0 || index >= m_size)
        return QString();
    const element e = at(index);
    if (e.type() != element_type::OBJECT)
        return QString();
    const Value v = member(e.get_object().value_unsafe(), field);
    return isString(v) ? toQString(*v) : QString();
}

// --- JsonReader

JsonReader::JsonReader() : m_error(std::make_shared<QString>()) {}

JsonReader::JsonReader(std::shared_ptr<const jsondetail::Document> doc, Value object, Path path,
                       std::shared_ptr<QString> error)
    : m_doc(std::move(doc)), m_path(std::move(path)), m_error(std::move(error))
{
    if (isObject(object)) {
        m_object = object->get_object().value_unsafe();
        m_isObject = true;
    }
}

namespace {

// A key's hash from its length and three of its bytes: cheap, and enough for a few dozen keys.
size_t keyHash(const char *key, size_t length)
{
    if (length == 0)
        return 0;
    quint32 h = quint32(length) * 0x9E3779B1u;
    h ^= (quint32(uchar(key[0])) << 16 | quint32(uchar(key[length / 2])) << 8 |
          quint32(uchar(key[length - 1]))) *
         0x85EBCA6Bu;
    return h ^ (h >> 13);
}

} // namespace

void JsonReader::indexMembers() const
{
    m_indexed = true;
    size_t size = 16;
    while (size < 2 * m_object.size())
        size *= 2;
    m_members.assign(size, Member{nullptr, 0, {}});
    const size_t mask = size - 1;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        const Member m{it.key_c_str(), it.key_length(), it.value()};
        for (size_t slot = keyHash(m.key, m.length) & mask;; slot = (slot + 1) & mask) {
            Member &taken = m_members[slot];
            // Free, or the same key given again: the last value, as Qt's parser kept it.
            if (!taken.key ||
                (taken.length == m.length && std::memcmp(taken.key, m.key, m.length) == 0)) {
                taken = m;
                break;
            }
        }
    }
}

JsonReader::Value JsonReader::value(const QString &field) const
{
    if (!m_isObject)
        return Value();
    if (!m_indexed)
        indexMembers();
    // Field names are ASCII (their UTF-8 is their UTF-16 narrowed); others are converted.
    const qsizetype length = field.size();
    const QChar *chars = field.constData();
    char ascii[64];
    QByteArray utf8;
    const char *key = ascii;
    size_t keyLength = size_t(length);
    bool isAscii = length <= qsizetype(sizeof ascii);
    for (qsizetype i = 0; i < length && isAscii; ++i) {
        isAscii = chars[i].unicode() < 0x80;
        ascii[i] = char(chars[i].unicode());
    }
    if (!isAscii) {
        utf8 = field.toUtf8();
        key = utf8.constData();
        keyLength = size_t(utf8.size());
    }
    const size_t mask = m_members.size() - 1;
    for (size_t slot = keyHash(key, keyLength) & mask;; slot = (slot + 1) & mask) {
        const Member &m = m_members[slot];
        if (!m.key)
            return Value();
        if (m.length == keyLength && std::memcmp(m.key, key, keyLength) == 0)
            return m.value;
    }
}

JsonReader::Path JsonReader::pathTo(const QString &field, qsizetype index) const
{
    Path p = m_path;
    p.append(PathStep{field, index});
    return p;
}

QString JsonReader::path() const
{
    QString out;
    for (const PathStep &step : m_path) {
        if (!out.isEmpty() && !step.field.isEmpty())
            out += QLatin1Char('.');
        out += step.field;
        if (step.index >= 0)
            out += QLatin1Char('[') + QString::number(step.index) + QLatin1Char(']');
    }
    return out;
}

QString JsonReader::fieldPath(const QString &field) const
{
    const QString p = path();
    if (p.isEmpty())
        return field;
    if (field.isEmpty())
        return p;
    return p + QLatin1Char('.') + field;
}

void JsonReader::fail(const QString &field, const QString &what) const
{
    if (m_error->isEmpty())
        *m_error = QStringLiteral("field %1: %2").arg(fieldPath(field), what);
}

bool JsonReader::has(const QString &field) const
{
    return value(field).has_value();
}

bool JsonReader::isNull(const QString &field) const
{
    return isMissingOrNull(value(field));
}

QJsonObject JsonReader::object() const
{
    return m_isObject ? toQt(m_object) : QJsonObject();
}

JsonReader JsonReader::nested(const QString &field, const Value &v) const
{
    return JsonReader(m_doc, v, pathTo(field), m_error);
}

JsonReader JsonReader::at(const QString &field) const
{
    const Value v = value(field);
    if (!isObject(v))
        fail(field, QStringLiteral("expected an object, got %1").arg(typeName(v)));
    return nested(field, v);
}

JsonReader JsonReader::optAt(const QString &field) const
{
    const Value v = value(field);
    if (!isObject(v) && !isMissingOrNull(v))
        fail(field, QStringLiteral("expected an object, got %1").arg(typeName(v)));
    return nested(field, v);
}

JsonReader JsonReader::element(const JsonArray &array, qsizetype index,
                               const QString &arrayField) const
{
    const Value v = index >= 0 && index < array.size() ? Value(array.at(index)) : Value();
    JsonReader e(array.m_doc, v, pathTo(arrayField, index), m_error);
    if (!isObject(v) && m_error->isEmpty())
        *m_error =
            QStringLiteral("field %1: expected an object, got %2").arg(e.path(), typeName(v));
    return e;
}

QString JsonReader::string(const QString &field) const
{
    const Value v = value(field);
    if (!isString(v)) {
        fail(field, QStringLiteral("expected a string, got %1").arg(typeName(v)));
        return QString();
    }
    const QString s = toQString(*v);
    if (s.isEmpty())
        fail(field, QStringLiteral("must not be empty"));
    return s;
}

QString JsonReader::optString(const QString &field) const
{
    const Value v = value(field);
    if (isMissingOrNull(v))
        return QString();
    if (!isString(v)) {
        fail(field, QStringLiteral("expected a string, got %1").arg(typeName(v)));
        return QString();
    }
    return toQString(*v);
}

bool JsonReader::readInteger(const QString &field, const Value &v, qint64 *out) const
{
    if (!isNumber(v)) {
        fail(field, QStringLiteral("expected an integer, got %1").arg(typeName(v)));
        return false;
    }
    // An integral value within 64 bits, written as digits or as a double ("100.0", "1e2"),
    // told apart exactly as QJsonValue::toInteger() does; never rounded.
    qint64 n = 0;
    bool integral = false;
    switch (v->type()) {
    case element_type::INT64:
        n = v->get_int64().value_unsafe();
        integral = true;
        break;
    case element_type::DOUBLE: {
        const double d = v->get_double().value_unsafe();
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && std::trunc(d) == d) {
            n = qint64(d);
            integral = true;
        }
        break;
    }
    default: // UINT64: above the int64 range
        break;
    }
    if (!integral) {
        fail(field, QStringLiteral("expected an integer, got a fraction or a number too large"));
        return false;
    }
    if (n > maxExactInteger || n < -maxExactInteger) {
        fail(field, QStringLiteral("number %1 is too large").arg(n));
        return false;
    }
    *out = n;
    return true;
}

QString JsonReader::stringOrInteger(const QString &field, const Value &v) const
{
    if (isString(v))
        return string(field);
    qint64 n = 0;
    if (isNumber(v) && readInteger(field, v, &n))
        return QString::number(n);
    if (!isNumber(v))
        fail(field, QStringLiteral("expected a string or an integer, got %1").arg(typeName(v)));
    return QString();
}

QString JsonReader::stringOrInteger(const QString &field) const
{
    return stringOrInteger(field, value(field));
}

qint64 JsonReader::integer(const QString &field) const
{
    qint64 n = 0;
    return readInteger(field, value(field), &n) ? n : 0;
}

qint64 JsonReader::optInteger(const QString &field, qint64 fallback) const
{
    const Value v = value(field);
    if (isMissingOrNull(v))
        return fallback;
    qint64 n = 0;
    return readInteger(field, v, &n) ? n : fallback;
}

bool JsonReader::boolean(const QString &field) const
{
    const Value v = value(field);
    if (!v || v->type() != element_type::BOOL) {
        fail(field, QStringLiteral("expected a boolean, got %1").arg(typeName(v)));
        return false;
    }
    return v->get_bool().value_unsafe();
}

bool JsonReader::optBoolean(const QString &field, bool fallback) const
{
    const Value v = value(field);
    if (isMissingOrNull(v))
        return fallback;
    return boolean(field);
}

JsonArray JsonReader::array(const QString &field) const
{
    const Value v = value(field);
    if (!v || v->type() != element_type::ARRAY) {
        fail(field, QStringLiteral("expected an array, got %1").arg(typeName(v)));
        return JsonArray();
    }
    return JsonArray(m_doc, v->get_array().value_unsafe());
}

JsonArray JsonReader::optArray(const QString &field) const
{
    const Value v = value(field);
    if (isMissingOrNull(v))
        return JsonArray();
    return array(field);
}

QMap<QString, QString> JsonReader::stringMap(const QString &field) const
{
    QMap<QString, QString> out;
    const JsonReader obj = optAt(field);
    if (!obj.m_isObject)
        return out;
    // In Qt's order: by key, and of a key given twice the last value.
    struct Entry
    {
        QString key;
        simdjson::dom::element value;
    };
    std::vector<Entry> entries;
    for (auto it = obj.m_object.begin(); it != obj.m_object.end(); ++it) {
        entries.push_back({fromUtf8(it.key()), it.value()});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry &a, const Entry &b) { return a.key < b.key; });
    for (size_t i = 0; i < entries.size(); ++i) {
        if (i + 1 < entries.size() && entries[i + 1].key == entries[i].key)
            continue;
        const QString &key = entries[i].key;
        const Value v = entries[i].value;
        // Gateways store metadata as strings; other scalars are kept in their JSON text.
        switch (v->type()) {
        case element_type::STRING:
            out.insert(key, toQString(*v));
            break;
        case element_type::BOOL:
            out.insert(key, v->get_bool().value_unsafe() ? QStringLiteral("true")
                                                         : QStringLiteral("false"));
            break;
        case element_type::INT64:
        case element_type::UINT64:
        case element_type::DOUBLE:
            out.insert(key, obj.stringOrInteger(key, v));
            break;
        case element_type::NULL_VALUE:
            break;
        default:
            obj.fail(key, QStringLiteral("expected a string, got %1").arg(typeName(v)));
        }
    }
    return out;
}

QDateTime JsonReader::unixTime(const QString &field) const
{
    const qint64 s = integer(field);
    if (!ok())
        return QDateTime();
    // Years 1970..9999: anything else is not a timestamp a gateway meant.
    if (s < 0 || s > 253402300799LL) {
        fail(field, QStringLiteral("timestamp %1 is out of range").arg(s));
        return QDateTime();
    }
    return QDateTime::fromSecsSinceEpoch(s, Qt::UTC);
}

QDateTime JsonReader::isoTime(const QString &field) const
{
    const QString s = string(field);
    if (!ok())
        return QDateTime();
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    if (!t.isValid()) {
        fail(field, QStringLiteral("\"%1\" is not an ISO 8601 date-time").arg(s));
        return QDateTime();
    }
    // A time without an offset is taken as UTC, which is what these gateways mean.
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC);
    return t.toUTC();
}

QDateTime JsonReader::optIsoTime(const QString &field) const
{
    return isNull(field) ? QDateTime() : isoTime(field);
}

QString JsonReader::currency(const QString &field) const
{
    const QString raw = string(field);
    if (!ok())
        return QString();
    const QString code = Currency::normalized(raw);
    if (code.isEmpty())
        fail(field, QStringLiteral("unknown currency \"%1\"").arg(raw));
    return code;
}

Money JsonReader::minorAmount(const QString &field, const QString &currency,
                              const WireAmount &wire) const
{
    const qint64 n = integer(field);
    if (!ok() || currency.isEmpty())
        return Money();
    QString why;
    const std::optional<Money> m = wire.fromMinor(n, currency, &why);
    if (!m) {
        fail(field, why);
        return Money();
    }
    return *m;
}

Money JsonReader::majorAmount(const QString &field, const QString &currency, const WireAmount &wire,
                              bool acceptNumber) const
{
    const Value v = value(field);
    QString text;
    if (isString(v)) {
        text = toQString(*v);
    } else if (acceptNumber && isNumber(v)) {
        qint64 n = 0;
        if (!readInteger(field, v, &n))
            return Money();
        text = QString::number(n);
    } else {
        fail(field, QStringLiteral("expected a decimal string, got %1").arg(typeName(v)));
        return Money();
    }
    if (!ok() || currency.isEmpty())
        return Money();
    QString why;
    const std::optional<Money> m = wire.fromMajor(text, currency, &why, Money::Sign::AllowNegative);
    if (!m) {
        fail(field, why);
        return Money();
    }
    return *m;
}

} // namespace rd
