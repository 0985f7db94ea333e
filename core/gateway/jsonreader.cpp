#include "jsonreader.h"

#include "domain/currency.h"

#include <limits>

namespace rd {

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        return QStringLiteral("missing");
    }
    return QStringLiteral("unknown");
}

JsonReader::JsonReader(QJsonObject object, QString path)
    : JsonReader(std::move(object), std::move(path), std::make_shared<QString>())
{}

JsonReader::JsonReader(QJsonObject object, QString path, std::shared_ptr<QString> error)
    : m_object(std::move(object)), m_path(std::move(path)), m_error(std::move(error))
{}

QString JsonReader::fieldPath(const QString &field) const
{
    if (m_path.isEmpty())
        return field;
    if (field.isEmpty())
        return m_path;
    return m_path + QLatin1Char('.') + field;
}

void JsonReader::fail(const QString &field, const QString &what) const
{
    if (m_error->isEmpty())
        *m_error = QStringLiteral("field %1: %2").arg(fieldPath(field), what);
}

bool JsonReader::has(const QString &field) const
{
    return m_object.contains(field);
}

bool JsonReader::isNull(const QString &field) const
{
    const QJsonValue v = value(field);
    return v.isNull() || v.isUndefined();
}

JsonReader JsonReader::at(const QString &field) const
{
    const QJsonValue v = value(field);
    if (!v.isObject())
        fail(field, QStringLiteral("expected an object, got %1").arg(jsonTypeName(v)));
    return JsonReader(v.toObject(), fieldPath(field), m_error);
}

JsonReader JsonReader::optAt(const QString &field) const
{
    const QJsonValue v = value(field);
    if (!v.isObject() && !v.isNull() && !v.isUndefined())
        fail(field, QStringLiteral("expected an object, got %1").arg(jsonTypeName(v)));
    return JsonReader(v.toObject(), fieldPath(field), m_error);
}

JsonReader JsonReader::element(const QJsonArray &array, qsizetype index,
                               const QString &arrayField) const
{
    const QString path = QStringLiteral("%1[%2]").arg(fieldPath(arrayField)).arg(index);
    const QJsonValue v = array.at(index);
    if (!v.isObject() && m_error->isEmpty())
        *m_error =
            QStringLiteral("field %1: expected an object, got %2").arg(path, jsonTypeName(v));
    return JsonReader(v.toObject(), path, m_error);
}

namespace {

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

} // namespace

QString JsonReader::string(const QString &field) const
{
    const QJsonValue v = value(field);
    if (!v.isString()) {
        fail(field, QStringLiteral("expected a string, got %1").arg(jsonTypeName(v)));
        return QString();
    }
    if (v.toString().isEmpty())
        fail(field, QStringLiteral("must not be empty"));
    return wellFormed(v.toString());
}

QString JsonReader::optString(const QString &field) const
{
    const QJsonValue v = value(field);
    if (v.isNull() || v.isUndefined())
        return QString();
    if (!v.isString()) {
        fail(field, QStringLiteral("expected a string, got %1").arg(jsonTypeName(v)));
        return QString();
    }
    return wellFormed(v.toString());
}

bool JsonReader::readInteger(const QString &field, const QJsonValue &v, qint64 *out) const
{
    if (!v.isDouble()) {
        fail(field, QStringLiteral("expected an integer, got %1").arg(jsonTypeName(v)));
        return false;
    }
    // Two different fallbacks tell an integral value apart from a fraction or an overflow
    // without going through floating point.
    const qint64 a = v.toInteger(std::numeric_limits<qint64>::min());
    const qint64 b = v.toInteger(std::numeric_limits<qint64>::max());
    if (a != b) {
        fail(field, QStringLiteral("expected an integer, got a fraction or a number too large"));
        return false;
    }
    if (a > maxExactInteger || a < -maxExactInteger) {
        fail(field, QStringLiteral("number %1 is too large").arg(a));
        return false;
    }
    *out = a;
    return true;
}

QString JsonReader::stringOrInteger(const QString &field) const
{
    const QJsonValue v = value(field);
    if (v.isString())
        return string(field);
    qint64 n = 0;
    if (v.isDouble() && readInteger(field, v, &n))
        return QString::number(n);
    if (!v.isDouble())
        fail(field, QStringLiteral("expected a string or an integer, got %1").arg(jsonTypeName(v)));
    return QString();
}

qint64 JsonReader::integer(const QString &field) const
{
    qint64 n = 0;
    return readInteger(field, value(field), &n) ? n : 0;
}

qint64 JsonReader::optInteger(const QString &field, qint64 fallback) const
{
    const QJsonValue v = value(field);
    if (v.isNull() || v.isUndefined())
        return fallback;
    qint64 n = 0;
    return readInteger(field, v, &n) ? n : fallback;
}

bool JsonReader::boolean(const QString &field) const
{
    const QJsonValue v = value(field);
    if (!v.isBool()) {
        fail(field, QStringLiteral("expected a boolean, got %1").arg(jsonTypeName(v)));
        return false;
    }
    return v.toBool();
}

bool JsonReader::optBoolean(const QString &field, bool fallback) const
{
    const QJsonValue v = value(field);
    if (v.isNull() || v.isUndefined())
        return fallback;
    return boolean(field);
}

QJsonArray JsonReader::array(const QString &field) const
{
    const QJsonValue v = value(field);
    if (!v.isArray())
        fail(field, QStringLiteral("expected an array, got %1").arg(jsonTypeName(v)));
    return v.toArray();
}

QJsonArray JsonReader::optArray(const QString &field) const
{
    const QJsonValue v = value(field);
    if (v.isNull() || v.isUndefined())
        return QJsonArray();
    return array(field);
}

QMap<QString, QString> JsonReader::stringMap(const QString &field) const
{
    QMap<QString, QString> out;
    const JsonReader obj = optAt(field);
    const QJsonObject &o = obj.object();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        // Gateways store metadata as strings; other scalars are kept in their JSON text.
        if (it.value().isString())
            out.insert(wellFormed(it.key()), wellFormed(it.value().toString()));
        else if (it.value().isBool())
            out.insert(it.key(),
                       it.value().toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        else if (it.value().isDouble())
            out.insert(it.key(), obj.stringOrInteger(it.key()));
        else if (!it.value().isNull())
            obj.fail(it.key(),
                     QStringLiteral("expected a string, got %1").arg(jsonTypeName(it.value())));
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
    const QJsonValue v = value(field);
    QString text;
    if (v.isString()) {
        text = v.toString();
    } else if (acceptNumber && v.isDouble()) {
        qint64 n = 0;
        if (!readInteger(field, v, &n))
            return Money();
        text = QString::number(n);
    } else {
        fail(field, QStringLiteral("expected a decimal string, got %1").arg(jsonTypeName(v)));
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
