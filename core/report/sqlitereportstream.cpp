#include "sqlitereportstream.h"

#include "domain/currency.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <cstring>
#include <memory>

namespace rd {

namespace {

using Format = ReportColumn::Format;

struct StatementDeleter
{
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

QString errorOf(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

ExportResult failed(const QString &why, qint64 rows)
{
    ExportResult r;
    r.status = ExportResult::Status::Failed;
    r.rows = rows;
    r.error = why;
    return r;
}

bool bindAll(sqlite3_stmt *s, const QVariantList &binds)
{
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant &v = binds.at(i);
        int rc = SQLITE_OK;
        switch (v.isNull() ? QMetaType::UnknownType : v.metaType().id()) {
        case QMetaType::UnknownType:
            rc = sqlite3_bind_null(s, i + 1);
            break;
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            rc = sqlite3_bind_int64(s, i + 1, v.toLongLong());
            break;
        case QMetaType::Double:
            rc = sqlite3_bind_double(s, i + 1, v.toDouble());
            break;
        default: {
            const QByteArray text = v.toString().toUtf8();
            rc = sqlite3_bind_text(s, i + 1, text.constData(), int(text.size()), SQLITE_TRANSIENT);
            break;
        }
        }
        if (rc != SQLITE_OK)
            return false;
    }
    return true;
}

// The value Qt's SQLite driver would hand QSqlQuery for this column (qsql_sqlite.cpp), for
// the rare cells the byte lane leaves to ReportDefinition::formatCell().
QVariant qtValue(sqlite3_stmt *s, int i)
{
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(s, i)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(s, i));
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char *>(sqlite3_column_blob(s, i)),
                                   sqlite3_column_bytes(s, i)));
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    default:
        return QVariant(QString(static_cast<const QChar *>(sqlite3_column_text16(s, i)),
                                sqlite3_column_bytes16(s, i) / qsizetype(sizeof(QChar))));
    }
}

// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF): exactly the
// text that survives SQLite's UTF-16 conversion and Qt's UTF-8 encoder unchanged.
bool isPlainUtf8(const unsigned char *p, qsizetype n)
{
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int more = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return false;
        }
        if (i + more >= n)
            return false;
        for (int k = 1; k <= more; ++k) {
            const unsigned char t = p[i + k];
            if ((t & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (t & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += more + 1;
    }
    return true;
}

bool isAscii(const unsigned char *p, qsizetype n)
{
    for (qsizetype i = 0; i < n; ++i) {
        if (p[i] >= 0x80)
            return false;
    }
    return true;
}

// isoUtcTimestamp() for years 1..9999, into `out` (20 bytes); false for other years.
bool formatTimestamp(qint64 secs, char *out)
{
    qint64 days = secs / 86400;
    qint64 rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    // Days since 1970-01-01 to the proleptic Gregorian civil date (the calendar QDate uses
    // for these years).
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1 || year > 9999)
        return false;
    const auto two = [](char *at, int v) {
        at[0] = char('0' + v / 10);
        at[1] = char('0' + v % 10);
    };
    two(out, int(year / 100));
    two(out + 2, int(year % 100));
    out[4] = '-';
    two(out + 5, month);
    out[7] = '-';
    two(out + 8, day);
    out[10] = 'T';
    two(out + 11, int(rem / 3600));
    out[13] = ':';
    two(out + 14, int(rem / 60 % 60));
    out[16] = ':';
    two(out + 17, int(rem % 60));
    out[19] = 'Z';
    return true;
}

// Money::formatMinor() into `out` (at least 32 bytes); returns the length.
int formatMinor(qint64 minor, int exponent, char *out)
{
    const bool negative = minor < 0;
    quint64 magnitude = negative ? quint64(0) - quint64(minor) : quint64(minor);
    char digits[24];
    int n = 0;
    do {
        digits[n++] = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    while (exponent > 0 && n <= exponent)
        digits[n++] = '0';
    int len = 0;
    if (negative)
        out[len++] = '-';
    for (int k = n - 1; k >= 0; --k) {
        out[len++] = digits[k];
        if (exponent > 0 && k == exponent)
            out[len++] = '.';
    }
    return len;
}

} // namespace

sqlite3 *sqliteHandleOf(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

ExportResult streamReport(sqlite3 *db, const ReportDefinition &def, const ExportRequest &request,
                          CsvWriter &writer, const ReportExporter::Progress &progress)
{
    const QString name = reportName(request.report);
    const ReportQuery rq = def.query(request.filter);
    const QByteArray sql = rq.sql.toUtf8();
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &raw, nullptr) != SQLITE_OK)
        return failed(
            QStringLiteral("Cannot read the %1 from the cache: %2").arg(name, errorOf(db)), 0);
    const Statement statement(raw);
    sqlite3_stmt *s = statement.get();
    if (!bindAll(s, rq.binds))
        return failed(
            QStringLiteral("Cannot read the %1 from the cache: %2").arg(name, errorOf(db)), 0);

    const QList<ReportColumn> &columns = def.columns();
    const int columnCount = int(columns.size());
    const int currencyColumn = def.currencyColumn();
    // The row's currency, upper-cased, with its exponent once looked up: the few currencies
    // of a report are kept, so rows alternating between them look nothing up again.
    struct KnownCurrency
    {
        QByteArray stored; // as the cache holds it
        QByteArray upper;
        QString text;
        int exponent = -1; // -1 until a row's amount needed it
    };
    QList<KnownCurrency> known;
    known.reserve(64); // `current` points into it: it must never move
    KnownCurrency *current = nullptr;
    QString currency; // the row's, when it is not plain ASCII text
    QString cell;
    QString why;
    char number[32];

    ExportResult result;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        current = nullptr;
        if (currencyColumn >= 0) {
            const auto *text =
                reinterpret_cast<const char *>(sqlite3_column_text(s, currencyColumn));
            const qsizetype size = sqlite3_column_bytes(s, currencyColumn);
            if (sqlite3_column_type(s, currencyColumn) == SQLITE_TEXT &&
                isAscii(reinterpret_cast<const unsigned char *>(text), size)) {
                const QByteArrayView stored(text, size);
                for (KnownCurrency &k : known) {
                    if (k.stored == stored) {
                        current = &k;
                        break;
                    }
                }
                if (!current && known.size() < 64) {
                    KnownCurrency k;
                    k.stored = stored.toByteArray();
                    k.upper = k.stored.toUpper(); // ASCII only, as QString::toUpper() here
                    k.text = QString::fromLatin1(k.upper);
                    known << k;
                    current = &known.last();
                }
            }
            currency = current ? current->text : qtValue(s, currencyColumn).toString().toUpper();
        }
        int exponent = current ? current->exponent : -1;
        for (int i = 0; i < columnCount; ++i) {
            const Format format = columns.at(i).format;
            const int type = sqlite3_column_type(s, i);
            if (format == Format::Text && (type == SQLITE_TEXT || type == SQLITE_NULL)) {
                const auto *text = sqlite3_column_text(s, i);
                const qsizetype size = sqlite3_column_bytes(s, i);
                if (isPlainUtf8(text, size)) {
                    writer.writeUtf8Cell(reinterpret_cast<const char *>(text), size);
                    continue;
                }
            } else if (format == Format::Currency && current) {
                writer.writeUtf8Cell(current->upper.constData(), current->upper.size());
                continue;
            } else if (format == Format::Timestamp && type == SQLITE_INTEGER) {
                if (formatTimestamp(sqlite3_column_int64(s, i), number)) {
                    writer.writeUtf8Cell(number, 20);
                    continue;
                }
            } else if (format == Format::Amount && type == SQLITE_INTEGER && exponent >= 0) {
                writer.writeUtf8Cell(number,
                                     formatMinor(sqlite3_column_int64(s, i), exponent, number));
                continue;
            }
            // Everything else (the first amount of a new currency, odd types, invalid
            // UTF-8, years outside 1..9999) takes the report's own formatting.
            if (!def.formatCell(i, qtValue(s, i), currency, &exponent, &cell, &why))
                return failed(why, result.rows);
            writer.writeCell(cell);
        }
        if (current)
            current->exponent = exponent;
        if (!writer.endRow())
            return result; // the caller reports the writer's error
        if (!ReportExporter::rowDone(result, progress))
            return result;
    }
    if (rc != SQLITE_DONE)
        return failed(QStringLiteral("Reading the %1 stopped: %2").arg(name, errorOf(db)),
                      result.rows);
    return ReportExporter::allRowsDone(result, progress);
}

} // namespace rd
