// Reads gateway JSON defensively: every accessor checks the type, and the first problem is kept
// as "field <path>: <what>" so a malformed reply becomes one clear error instead of a crash or a
// half-filled record. Numbers are read as exact integers, never through floating point.
#pragma once

#include "domain/money.h"
#include "wireamount.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>

#include <memory>

namespace rd {

class JsonReader final
{
public:
    // `path` prefixes field names in errors ("data[3]"). Readers made with at() share one
    // error slot with their parent, so a nested failure fails the whole parse.
    explicit JsonReader(QJsonObject object, QString path = QString());

    JsonReader at(const QString &field) const;    // a required nested object
    JsonReader optAt(const QString &field) const; // missing/null → an empty object
    JsonReader element(const QJsonArray &array, qsizetype index, const QString &arrayField) const;

    bool has(const QString &field) const;
    bool isNull(const QString &field) const;
    const QJsonObject &object() const { return m_object; }

    QString string(const QString &field) const;    // required, non-empty
    QString optString(const QString &field) const; // missing/null → empty
    // A string, or an integral number written as its digits (ids some gateways send as numbers).
    QString stringOrInteger(const QString &field) const;
    qint64 integer(const QString &field) const; // required integral number
    qint64 optInteger(const QString &field, qint64 fallback) const;
    bool boolean(const QString &field) const;
    bool optBoolean(const QString &field, bool fallback) const;
    QJsonArray array(const QString &field) const;
    QJsonArray optArray(const QString &field) const;
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
    JsonReader(QJsonObject object, QString path, std::shared_ptr<QString> error);
    QString fieldPath(const QString &field) const;
    QJsonValue value(const QString &field) const { return m_object.value(field); }
    bool readInteger(const QString &field, const QJsonValue &v, qint64 *out) const;

    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<QString> m_error;
};

QString jsonTypeName(const QJsonValue &v);

} // namespace rd
