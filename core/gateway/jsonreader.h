// Reads gateway JSON defensively: every accessor checks the type, and the first problem is kept
// as "field <path>: <what>" so a malformed reply becomes one clear error instead of a crash or a
// half-filled record. Numbers are read as exact integers, never through floating point.
//
// A reply is parsed once into simdjson's DOM (JsonDocument); readers and arrays are views into
// it that keep it alive. What Qt's parser reads and simdjson refuses (an unpaired surrogate
// escape, a raw control character in a string, a byte order mark) is read through Qt and handed
// to simdjson again as well-formed JSON, so every reply reads exactly as QJsonDocument read it.
#pragma once

#include "domain/money.h"
#include "wireamount.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonParseError>
#include <QMap>
#include <QString>
#include <QVarLengthArray>

#include <simdjson.h>

#include <memory>
#include <optional>
#include <vector>

namespace rd {

class JsonReader;

namespace jsondetail {
struct Document;                                     // the parser holding one reply's DOM
using Value = std::optional<simdjson::dom::element>; // nullopt: the field is missing
// Gateway text as it should have been sent: an unpaired surrogate becomes U+FFFD.
QString wellFormed(QString text);
} // namespace jsondetail

// An array inside a parsed reply; its elements are read with JsonReader::element().
class JsonArray final
{
public:
    JsonArray() = default;

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    // The string at `field` of element `index`, or empty when the element is not an object or
    // the field not a string (no error: for cursors taken after the elements were read).
    QString stringIn(qsizetype index, const QString &field) const;

private:
    friend class JsonReader;
    friend class JsonDocument;
    JsonArray(std::shared_ptr<const jsondetail::Document> doc, simdjson::dom::array array);
    simdjson::dom::element at(qsizetype index) const;

    std::shared_ptr<const jsondetail::Document> m_doc;
    simdjson::dom::array m_array;
    qsizetype m_size = 0;
    // The last element looked up, so reading the elements in order is linear.
    mutable simdjson::dom::array::iterator m_cursor;
    mutable qsizetype m_cursorIndex = -1;
};

// One parsed reply (a top-level object or array), like QJsonDocument.
class JsonDocument final
{
public:
    JsonDocument() = default;
    // Accepts and refuses exactly what QJsonDocument::fromJson does; on failure the document is
    // null and `error` holds Qt's error and offset.
    static JsonDocument fromJson(const QByteArray &json, QJsonParseError *error = nullptr);

    bool isNull() const { return !m_doc; }
    bool isObject() const;
    bool isArray() const;
    // A reader of the top-level object (an empty object when it is not one).
    JsonReader reader() const;
    // The top-level array (empty when it is not one).
    JsonArray array() const;

private:
    std::shared_ptr<const jsondetail::Document> m_doc;
};

class JsonReader final
{
public:
    // A reader of an empty object, with its own error slot (a parent for a top-level array).
    JsonReader();

    JsonReader at(const QString &field) const;    // a required nested object
    JsonReader optAt(const QString &field) const; // missing/null → an empty object
    // Element `index` of `array` (read from field `arrayField`), which must be an object. `path`
    // prefixes field names in errors ("data[3]"); readers made with at() and element() share
    // one error slot with their parent, so a nested failure fails the whole parse.
    JsonReader element(const JsonArray &array, qsizetype index, const QString &arrayField) const;

    bool has(const QString &field) const;
    bool isNull(const QString &field) const;
    // The object as Qt's type (for error bodies read field by field).
    QJsonObject object() const;

    QString string(const QString &field) const;    // required, non-empty
    QString optString(const QString &field) const; // missing/null → empty
    // A string, or an integral number written as its digits (ids some gateways send as numbers).
    QString stringOrInteger(const QString &field) const;
    qint64 integer(const QString &field) const; // required integral number
    qint64 optInteger(const QString &field, qint64 fallback) const;
    bool boolean(const QString &field) const;
    bool optBoolean(const QString &field, bool fallback) const;
    JsonArray array(const QString &field) const;
    JsonArray optArray(const QString &field) const;
    QMap<QString, QString> stringMap(const QString &field) const; // missing/null → empty
    QDateTime unixTime(const QString &field) const;
    QDateTime isoTime(const QString &field) const;
    QDateTime optIsoTime(const QString &field) const;

    // Amounts: integer minor units, or a decimal string (or integral number) in major units.
    Money minorAmount(const QString &field, const QString &currency, const WireAmount &wire) const;
    Money majorAmount(const QString &field, const QString &currency, const WireAmount &wire,
                      bool acceptNumber) const;
    // A currency code the table knows (any case), upper-cased.
    QString currency(const QString &field) const;

    void fail(const QString &field, const QString &what) const;
    bool ok() const { return m_error->isEmpty(); }
    // "field data[2].amount: expected an integer, got a string"
    QString error() const { return *m_error; }

    // Largest integer every JSON implementation carries exactly (2^53 - 1); bigger is refused.
    static constexpr qint64 maxExactInteger = 9007199254740991LL;

private:
    friend class JsonDocument;
    using Value = jsondetail::Value;
    // One step of a reader's path: a field, and the element of it when it is an array.
    struct PathStep
    {
        QString field;
        qsizetype index;
    };
    using Path = QVarLengthArray<PathStep, 4>;
    JsonReader(std::shared_ptr<const jsondetail::Document> doc, Value object, Path path,
               std::shared_ptr<QString> error);
    Path pathTo(const QString &field, qsizetype index = -1) const;
    QString path() const;
    QString fieldPath(const QString &field) const;
    void indexMembers() const;
    Value value(const QString &field) const;
    JsonReader nested(const QString &field, const Value &v) const;
    bool readInteger(const QString &field, const Value &v, qint64 *out) const;
    QString stringOrInteger(const QString &field, const Value &v) const;

    std::shared_ptr<const jsondetail::Document> m_doc;
    simdjson::dom::object m_object; // empty unless m_isObject
    bool m_isObject = false;
    // Written out as "data[3].customer" only for an error.
    Path m_path;
    std::shared_ptr<QString> m_error;
    // The members in a hash table by key (open addressing; a free slot has no key), made on
    // the first look-up.
    struct Member
    {
        const char *key;
        size_t length;
        simdjson::dom::element value;
    };
    mutable std::vector<Member> m_members;
    mutable bool m_indexed = false;
};

} // namespace rd
