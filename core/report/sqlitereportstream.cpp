#include "sqlitereportstream.h"

#include "domain/currency.h"
#include "store/refundable.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

Statement prepare(sqlite3 *db, const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &raw, nullptr) != SQLITE_OK) {
        sqlite3_finalize(raw);
        return nullptr;
    }
    return Statement(raw);
}

// The invoices report's refundable column, worked out here instead of in the report's SQL:
// the rows the rule sums (refundablesql::partRowsByInvoice(): refunds, chargebacks, open outbox
// entries, requests awaiting approval) are read once and summed per (account, invoice,
// currency) in a hash table, and each invoice row of ReportDefinition::invoiceRowsWithoutParts()
// gets the rule's arithmetic from store/refundable.h (whether the invoice is blocked at all
// comes from the rule's own SQL). That spares SQLite the grouped join (a sort of every part and
// an automatic index probed per invoice). Whatever SQL would not treat as plain int64
// arithmetic on well-typed keys (values of other types, sums past int64) takes SQL's own form,
// so the bytes are those of ReportDefinition::query().
class InvoiceParts
{
public:
    // The columns of ReportDefinition::invoiceRowsWithoutParts().
    enum Column {
        InvoiceId = 2,
        Amount = 5,
        AmountRefunded = 6,
        Currency = 7,
        AccountId = 9, // in the refundable column's place
        Blocked = 10,  // refundablesql::blocked(): 1, 0 or null
        RowId = 11,
    };

    enum class Loaded { Ready, UseSql, Failed };

    // Reads and sums every part row. UseSql when a sum leaves the range of int64 (SQLite's
    // SUM() then fails with its own error, which the report's SQL form gives).
    Loaded load(sqlite3 *db)
    {
        const Statement parts = prepare(db, refundablesql::partRowsByInvoice());
        if (!parts)
            return Loaded::Failed;
        sqlite3_stmt *s = parts.get();
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            // A part whose key is not (integer, text, text) can only match an invoice whose
            // key is not either, and such an invoice takes the SQL form: it is not summed.
            if (sqlite3_column_type(s, 0) != SQLITE_INTEGER ||
                sqlite3_column_type(s, 1) != SQLITE_TEXT ||
                sqlite3_column_type(s, 2) != SQLITE_TEXT)
                continue;
            Entry &e = m_sums.insert(keyOf(s, 0, 1, 2));
            if (e.odd)
                continue;
            for (int i = 3; i <= 6; ++i)
                e.odd = e.odd || sqlite3_column_type(s, i) != SQLITE_INTEGER;
            if (e.odd)
                continue; // SQL sums these as it does (reals, text read as numbers)
            if (!e.sums.add(sqlite3_column_int64(s, 3), sqlite3_column_int64(s, 4),
                            sqlite3_column_int64(s, 5), sqlite3_column_int64(s, 6)))
                return Loaded::UseSql;
        }
        return rc == SQLITE_DONE ? Loaded::Ready : Loaded::Failed;
    }

    // The refundable amount of the current row of `s`, or empty where that row takes the SQL
    // form (sqlRefundable()).
    std::optional<qint64> refundable(sqlite3_stmt *s)
    {
        const int blocked = sqlite3_column_type(s, Blocked);
        if (sqlite3_column_type(s, AccountId) != SQLITE_INTEGER ||
            sqlite3_column_type(s, InvoiceId) != SQLITE_TEXT ||
            sqlite3_column_type(s, Currency) != SQLITE_TEXT ||
            sqlite3_column_type(s, Amount) != SQLITE_INTEGER ||
            sqlite3_column_type(s, AmountRefunded) != SQLITE_INTEGER ||
            (blocked != SQLITE_INTEGER && blocked != SQLITE_NULL))
            return std::nullopt;
        RefundableSums sums;
        if (const Entry *e = m_sums.find(keyOf(s, AccountId, InvoiceId, Currency))) {
            if (e->odd)
                return std::nullopt;
            sums = e->sums;
        }
        // CASE WHEN blocked THEN 0: a null is not true.
        return refundableFromSums(
            blocked == SQLITE_INTEGER && sqlite3_column_int64(s, Blocked) != 0,
            sqlite3_column_int64(s, Amount), sqlite3_column_int64(s, AmountRefunded), sums);
    }

    // The row's refundable as the rule's per-invoice SQL form gives it (which agrees with the
    // grouped form: tests/ops/tst_refundable_agreement.cpp), stepped onto its value; null when
    // SQLite fails.
    sqlite3_stmt *sqlRefundable(sqlite3 *db, sqlite3_stmt *s)
    {
        if (!m_single) {
            m_single = prepare(
                db, QStringLiteral("SELECT ") +
                        refundablesql::refundable(QStringLiteral("t"), QStringLiteral("a")) +
                        QStringLiteral(" FROM invoices t JOIN accounts a ON "
                                       "a.id = t.account_id WHERE t.id = ?"));
            if (!m_single)
                return nullptr;
        }
        sqlite3_stmt *q = m_single.get();
        sqlite3_reset(q);
        if (sqlite3_bind_value(q, 1, sqlite3_column_value(s, RowId)) != SQLITE_OK ||
            sqlite3_step(q) != SQLITE_ROW)
            return nullptr;
        return q;
    }

private:
    struct Entry
    {
        RefundableSums sums;
        bool odd = false; // a part of it is not an integer: SQL sums it
    };

    // Entries by key bytes, open addressing over one array of slots: an invoice without parts
    // (most of them) costs one look at a slot, and the table is a few contiguous arrays, not a
    // node per part.
    class Table
    {
    public:
        const Entry *find(const std::string &key) const
        {
            if (m_slots.empty())
                return nullptr;
            const quint64 h = hashOf(key);
            for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
                const Slot &slot = m_slots[i];
                if (slot.entry == 0)
                    return nullptr;
                if (slot.hash == quint32(h >> 32) && keyAt(slot.entry - 1) == key)
                    return &m_entries[slot.entry - 1].entry;
            }
        }

        Entry &insert(const std::string &key)
        {
            if ((m_entries.size() + 1) * 2 > m_slots.size())
                grow();
            const quint64 h = hashOf(key);
            size_t i = h & m_mask;
            for (;; i = (i + 1) & m_mask) {
                const Slot &slot = m_slots[i];
                if (slot.entry == 0)
                    break;
                if (slot.hash == quint32(h >> 32) && keyAt(slot.entry - 1) == key)
                    return m_entries[slot.entry - 1].entry;
            }
            m_entries.push_back({Entry(), m_keys.size(), key.size(), quint32(h >> 32)});
            m_keys += key;
            m_slots[i] = Slot{quint32(h >> 32), quint32(m_entries.size())};
            return m_entries.back().entry;
        }

    private:
        struct Slot
        {
            quint32 hash = 0;  // the key hash's high half
            quint32 entry = 0; // index + 1 into m_entries; 0 when free
        };
        struct Stored
        {
            Entry entry;
            size_t keyAt;
            size_t keySize;
            quint32 hash;
        };

        static quint64 hashOf(std::string_view key)
        {
            quint64 h = 14695981039346656037ULL; // FNV-1a, then a final mix
            for (const char c : key)
                h = (h ^ quint64(static_cast<unsigned char>(c))) * 1099511628211ULL;
            h ^= h >> 33;
            h *= 0xff51afd7ed558ccdULL;
            h ^= h >> 33;
            return h;
        }

        std::string_view keyAt(size_t entry) const
        {
            const Stored &e = m_entries[entry];
            return std::string_view(m_keys).substr(e.keyAt, e.keySize);
        }

        void grow()
        {
            const size_t size = std::max<size_t>(1024, m_slots.size() * 2);
            m_slots.assign(size, Slot());
            m_mask = size - 1;
            for (size_t n = 0; n < m_entries.size(); ++n) {
                const std::string_view key = keyAt(n);
                size_t i = hashOf(key) & m_mask;
                while (m_slots[i].entry != 0)
                    i = (i + 1) & m_mask;
                m_slots[i] = Slot{m_entries[n].hash, quint32(n + 1)};
            }
        }

        std::vector<Slot> m_slots;
        std::vector<Stored> m_entries;
        std::string m_keys; // every key's bytes, one after another
        size_t m_mask = 0;
    };

    // (account, invoice, currency) as bytes: the id, the invoice id's length, both texts
    // (SQL compares them byte for byte).
    const std::string &keyOf(sqlite3_stmt *s, int account, int invoice, int currency)
    {
        const qint64 id = sqlite3_column_int64(s, account);
        const auto *invoiceText = sqlite3_column_text(s, invoice);
        const int invoiceSize = sqlite3_column_bytes(s, invoice);
        const auto *currencyText = sqlite3_column_text(s, currency);
        const int currencySize = sqlite3_column_bytes(s, currency);
        m_key.assign(reinterpret_cast<const char *>(&id), sizeof id);
        m_key.append(reinterpret_cast<const char *>(&invoiceSize), sizeof invoiceSize);
        m_key.append(reinterpret_cast<const char *>(invoiceText), size_t(invoiceSize));
        m_key.append(reinterpret_cast<const char *>(currencyText), size_t(currencySize));
        return m_key;
    }

    Table m_sums;
    std::string m_key;
    Statement m_single;
};

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
    // The invoices report's refundable column is worked out here when its parts sum as plain
    // integers; otherwise (and for every other report) the report's own query gives it.
    std::optional<InvoiceParts> parts;
    int computedColumn = -1;
    if (def.kind() == ReportKind::Invoices) {
        parts.emplace();
        switch (parts->load(db)) {
        case InvoiceParts::Loaded::Ready:
            computedColumn = InvoiceParts::AccountId;
            break;
        case InvoiceParts::Loaded::UseSql:
            parts.reset();
            break;
        case InvoiceParts::Loaded::Failed:
            return failed(
                QStringLiteral("Cannot read the %1 from the cache: %2").arg(name, errorOf(db)), 0);
        }
    }
    const ReportQuery rq =
        parts ? def.invoiceRowsWithoutParts(request.filter) : def.query(request.filter);
    const Statement statement = prepare(db, rq.sql);
    if (!statement)
        return failed(
            QStringLiteral("Cannot read the %1 from the cache: %2").arg(name, errorOf(db)), 0);
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
            // Column i of the report is column `at` of statement `from`.
            sqlite3_stmt *from = s;
            int at = i;
            if (i == computedColumn) {
                if (const std::optional<qint64> left = parts->refundable(s)) {
                    if (exponent >= 0) {
                        writer.writeUtf8Cell(number, formatMinor(*left, exponent, number));
                        continue;
                    }
                    if (!def.formatCell(i, QVariant(*left), currency, &exponent, &cell, &why))
                        return failed(why, result.rows);
                    writer.writeCell(cell);
                    continue;
                }
                from = parts->sqlRefundable(db, s);
                at = 0;
                if (!from)
                    return failed(
                        QStringLiteral("Reading the %1 stopped: %2").arg(name, errorOf(db)),
                        result.rows);
            }
            const Format format = columns.at(i).format;
            const int type = sqlite3_column_type(from, at);
            if (format == Format::Text && (type == SQLITE_TEXT || type == SQLITE_NULL)) {
                const auto *text = sqlite3_column_text(from, at);
                const qsizetype size = sqlite3_column_bytes(from, at);
                if (isPlainUtf8(text, size)) {
                    writer.writeUtf8Cell(reinterpret_cast<const char *>(text), size);
                    continue;
                }
            } else if (format == Format::Currency && current) {
                writer.writeUtf8Cell(current->upper.constData(), current->upper.size());
                continue;
            } else if (format == Format::Timestamp && type == SQLITE_INTEGER) {
                if (formatTimestamp(sqlite3_column_int64(from, at), number)) {
                    writer.writeUtf8Cell(number, 20);
                    continue;
                }
            } else if (format == Format::Amount && type == SQLITE_INTEGER && exponent >= 0) {
                writer.writeUtf8Cell(number,
                                     formatMinor(sqlite3_column_int64(from, at), exponent, number));
                continue;
            }
            // Everything else (the first amount of a new currency, odd types, invalid
            // UTF-8, years outside 1..9999) takes the report's own formatting.
            if (!def.formatCell(i, qtValue(from, at), currency, &exponent, &cell, &why))
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
