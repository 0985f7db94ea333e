#include "sqlitereportstream.h"

#include "domain/currency.h"
#include "store/refundable.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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
QVariant qtValue(sqlite3_value *v)
{
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_value_int64(v)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_value_double(v));
    case SQLITE_BLOB:
        return QVariant(
            QByteArray(static_cast<const char *>(sqlite3_value_blob(v)), sqlite3_value_bytes(v)));
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    default:
        return QVariant(QString(static_cast<const QChar *>(sqlite3_value_text16(v)),
                                sqlite3_value_bytes16(v) / qsizetype(sizeof(QChar))));
    }
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

// The current row's columns, each asked of SQLite once: sqlite3_column_value() per column, then
// the sqlite3_value_*() readers, instead of a sqlite3_column_*() call (with its statement and
// error checks) for every type, text and length read. The values are the statement's own and
// valid until its next step; they are read on this connection's thread only, which is what
// SQLite asks of such values.
class RowValues
{
public:
    explicit RowValues(int count) : m_values(size_t(std::max(count, 0)), nullptr) {}
    void read(sqlite3_stmt *s)
    {
        for (size_t i = 0; i < m_values.size(); ++i)
            m_values[i] = sqlite3_column_value(s, int(i));
    }
    sqlite3_value *operator[](int i) const { return m_values[size_t(i)]; }

private:
    std::vector<sqlite3_value *> m_values;
};

// The invoices lane's account cells: each account's name and gateway, read and checked once
// (a report names few accounts) instead of on every row, and what InvoiceParts learnt of
// them. Looked up while the rows' statement is stepping, so in the same read transaction: the
// joined account is there.
class AccountCells
{
public:
    struct Cell
    {
        bool plain = false; // `utf8` is the column's text, strict UTF-8
        std::string utf8;
        QString text; // otherwise ReportDefinition::formatCell()'s cell
    };
    // Whether an invoice of the account with this status and these flags is blocked
    // (InvoiceParts::blockedFor()).
    struct BlockedCase
    {
        std::string status;
        bool offline = false;  // offline <> 0
        bool disputed = false; // disputed <> 0
        bool blocked = false;
    };
    struct Account
    {
        Cell name;
        Cell gateway;
        std::vector<BlockedCase> cases;
    };

    // The account with this id; null when SQLite fails (or, which the join rules out, there
    // is no such account).
    Account *find(sqlite3 *db, const ReportDefinition &def, qint64 id)
    {
        Recent &recent = m_recent[size_t(id) % m_recent.size()];
        if (recent.account && recent.id == id)
            return recent.account;
        if (const auto it = m_accounts.find(id); it != m_accounts.end())
            return remember(id, it->second.get());
        if (!m_lookup) {
            m_lookup =
                prepare(db, QStringLiteral("SELECT name, gateway FROM accounts WHERE id = ?"));
            if (!m_lookup)
                return nullptr;
        }
        sqlite3_stmt *q = m_lookup.get();
        sqlite3_reset(q);
        if (sqlite3_bind_int64(q, 1, id) != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW)
            return nullptr;
        auto account = std::make_unique<Account>();
        const bool ok = cellOf(def, 0, sqlite3_column_value(q, 0), &account->name) &&
                        cellOf(def, 1, sqlite3_column_value(q, 1), &account->gateway);
        sqlite3_reset(q);
        if (!ok)
            return nullptr;
        return remember(id, (m_accounts[id] = std::move(account)).get());
    }

    static void write(CsvWriter &writer, const Cell &cell)
    {
        if (cell.plain)
            writer.writeUtf8Cell(cell.utf8.data(), qsizetype(cell.utf8.size()));
        else
            writer.writeCell(cell.text);
    }

private:
    static bool cellOf(const ReportDefinition &def, int column, sqlite3_value *v, Cell *cell)
    {
        const int type = sqlite3_value_type(v);
        if (type == SQLITE_TEXT || type == SQLITE_NULL) {
            const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(v));
            const int size = sqlite3_value_bytes(v);
            if (CsvWriter::isStrictUtf8(text, size)) {
                cell->plain = true;
                cell->utf8.assign(text ? text : "", size_t(size));
                return true;
            }
        }
        int exponent = -1;
        QString why;
        return def.formatCell(column, qtValue(v), QString(), &exponent, &cell->text, &why);
    }

    Account *remember(qint64 id, Account *account)
    {
        m_recent[size_t(id) % m_recent.size()] = Recent{id, account};
        return account;
    }

    std::unordered_map<qint64, std::unique_ptr<Account>> m_accounts;
    // The accounts last found, by id: rows of a few accounts in turn find theirs here.
    struct Recent
    {
        qint64 id = 0;
        Account *account = nullptr;
    };
    std::array<Recent, 16> m_recent;
    Statement m_lookup;
};

// The invoices report's refundable column, worked out here instead of in the report's SQL:
// the rows the rule sums (refundablesql::partRowsByInvoice(): refunds, chargebacks, open outbox
// entries, requests awaiting approval) are read once and summed per (account, invoice,
// currency) in a hash table, and each invoice row of ReportDefinition::invoiceRowsWithoutParts()
// gets the rule's arithmetic from store/refundable.h (whether the invoice is blocked at all
// comes from the rule's own SQL, asked once per case: blockedFor()). That spares SQLite the grouped
// join (a sort of every part and an automatic index probed per invoice). Whatever SQL would not
// treat as plain int64 arithmetic on well-typed keys (values of other types, sums past int64) takes
// SQL's own form, so the bytes are those of ReportDefinition::query().
class InvoiceParts
{
public:
    // The columns of ReportDefinition::invoiceRowsWithoutParts().
    enum Column {
        AccountRow = 0, // the joined account's id: its name and gateway are looked up once
        InvoiceId = 1,
        Amount = 4,
        AmountRefunded = 5,
        Currency = 6,
        Status = 7,
        AccountId = 8, // the invoice's own account_id, as the parts are keyed
        Offline = 9,
        Disputed = 10,
        RowId = 11,
        Read = RowId, // the columns read for every row (the row id only where SQL answers)
    };
    // The statement column of each report column, or one of the negative markers below.
    enum Source { AccountName = -1, AccountGateway = -2, Refundable = -3 };
    static constexpr int kSources[] = {AccountName, AccountGateway, InvoiceId, 2,      3,
                                       Amount,      AmountRefunded, Currency,  Status, Refundable};

    enum class Loaded { Ready, UseSql, Failed };

    // Reads and sums every part row. UseSql when a sum leaves the range of int64 (SQLite's
    // SUM() then fails with its own error, which the report's SQL form gives).
    Loaded load(sqlite3 *db)
    {
        const Statement parts = prepare(db, refundablesql::partRowsByInvoice());
        if (!parts)
            return Loaded::Failed;
        sqlite3_stmt *s = parts.get();
        RowValues v(7);
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            v.read(s);
            // A part whose key is not (integer, text, text) can only match an invoice whose
            // key is not either, and such an invoice takes the SQL form: it is not summed.
            if (sqlite3_value_type(v[0]) != SQLITE_INTEGER ||
                sqlite3_value_type(v[1]) != SQLITE_TEXT || sqlite3_value_type(v[2]) != SQLITE_TEXT)
                continue;
            Entry &e = m_sums.insert(keyOf(v[0], v[1], v[2]));
            if (e.odd)
                continue;
            for (int i = 3; i <= 6; ++i)
                e.odd = e.odd || sqlite3_value_type(v[i]) != SQLITE_INTEGER;
            if (e.odd)
                continue; // SQL sums these as it does (reals, text read as numbers)
            if (!e.sums.add(sqlite3_value_int64(v[3]), sqlite3_value_int64(v[4]),
                            sqlite3_value_int64(v[5]), sqlite3_value_int64(v[6])))
                return Loaded::UseSql;
        }
        return rc == SQLITE_DONE ? Loaded::Ready : Loaded::Failed;
    }

    // Starts on the current row (its values `v`, its joined account `account`): what can be
    // known before its cells are written, so the key is the bytes SQL compared, and the sums'
    // slot is on its way into the processor's cache while they are written. False when SQLite
    // fails.
    bool begin(sqlite3 *db, const RowValues &v, AccountCells::Account &account)
    {
        m_row = Row();
        if (sqlite3_value_type(v[AccountId]) != SQLITE_INTEGER ||
            sqlite3_value_type(v[InvoiceId]) != SQLITE_TEXT ||
            sqlite3_value_type(v[Currency]) != SQLITE_TEXT ||
            sqlite3_value_type(v[Amount]) != SQLITE_INTEGER ||
            sqlite3_value_type(v[AmountRefunded]) != SQLITE_INTEGER ||
            sqlite3_value_type(v[Status]) != SQLITE_TEXT ||
            sqlite3_value_type(v[Offline]) != SQLITE_INTEGER ||
            sqlite3_value_type(v[Disputed]) != SQLITE_INTEGER) {
            m_row.useSql = true;
            return true;
        }
        const std::optional<bool> blocked = blockedFor(db, v, account);
        if (!blocked)
            return false;
        // CASE WHEN blocked THEN 0: a blocked invoice needs no sums.
        m_row.blocked = *blocked;
        if (m_row.blocked)
            return true;
        m_row.amount = sqlite3_value_int64(v[Amount]);
        m_row.amountRefunded = sqlite3_value_int64(v[AmountRefunded]);
        m_row.hash = m_sums.prefetch(keyOf(v[AccountId], v[InvoiceId], v[Currency]));
        return true;
    }

    // The refundable amount of the row begin() started on, or empty where that row takes the
    // SQL form (sqlRefundable()).
    std::optional<qint64> refundable() const
    {
        if (m_row.useSql)
            return std::nullopt;
        if (m_row.blocked)
            return 0;
        RefundableSums sums;
        if (const Entry *e = m_sums.find(m_key, m_row.hash)) {
            if (e->odd)
                return std::nullopt;
            sums = e->sums;
        }
        return refundableFromSums(false, m_row.amount, m_row.amountRefunded, sums);
    }

    // The row's refundable as the rule's per-invoice SQL form gives it (which agrees with the
    // grouped form: tests/ops/tst_refundable_agreement.cpp); null when SQLite fails.
    sqlite3_value *sqlRefundable(sqlite3 *db, sqlite3_stmt *s)
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
        return sqlite3_column_value(q, 0);
    }

private:
    struct Row
    {
        bool useSql = false;
        bool blocked = false;
        qint64 amount = 0;
        qint64 amountRefunded = 0;
        quint64 hash = 0; // of m_key
    };

    // refundablesql::blocked() for the row, from the account's cases: the rule reads the
    // invoice's status, whether offline and disputed are 0, and the account's gateway, so
    // SQL answers it once per case instead of on every row (where it cost more than all the
    // invoice's other columns). Empty when SQLite fails; a rule that read more of the invoice
    // would fail to prepare here, and with it the export, in every test.
    std::optional<bool> blockedFor(sqlite3 *db, const RowValues &v, AccountCells::Account &account)
    {
        const auto *status = reinterpret_cast<const char *>(sqlite3_value_text(v[Status]));
        const size_t statusSize = size_t(sqlite3_value_bytes(v[Status]));
        const bool offline = sqlite3_value_int64(v[Offline]) != 0;
        const bool disputed = sqlite3_value_int64(v[Disputed]) != 0;
        for (const AccountCells::BlockedCase &c : account.cases) {
            if (c.offline == offline && c.disputed == disputed && c.status.size() == statusSize &&
                (statusSize == 0 || std::memcmp(c.status.data(), status, statusSize) == 0))
                return c.blocked;
        }
        if (!m_blocked) {
            // The invoice's values as the row holds them, under the names the rule reads.
            m_blocked = prepare(
                db, QStringLiteral("SELECT ") +
                        refundablesql::blocked(QStringLiteral("i"), QStringLiteral("a")) +
                        QStringLiteral(" FROM (SELECT ? AS status, ? AS offline, ? AS disputed) "
                                       "AS i JOIN accounts a ON a.id = ?"));
            if (!m_blocked)
                return std::nullopt;
        }
        sqlite3_stmt *q = m_blocked.get();
        sqlite3_reset(q);
        if (sqlite3_bind_value(q, 1, v[Status]) != SQLITE_OK ||
            sqlite3_bind_value(q, 2, v[Offline]) != SQLITE_OK ||
            sqlite3_bind_value(q, 3, v[Disputed]) != SQLITE_OK ||
            sqlite3_bind_value(q, 4, v[AccountRow]) != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW)
            return std::nullopt;
        // CASE WHEN blocked: true for a non-zero integer; the rule gives 0, 1 or null.
        AccountCells::BlockedCase c;
        c.status.assign(status ? status : "", statusSize);
        c.offline = offline;
        c.disputed = disputed;
        c.blocked = sqlite3_column_type(q, 0) == SQLITE_INTEGER && sqlite3_column_int64(q, 0) != 0;
        sqlite3_reset(q);
        account.cases.push_back(c);
        return c.blocked;
    }

    struct Entry
    {
        RefundableSums sums;
        bool odd = false; // a part of it is not an integer: SQL sums it
    };

    // Entries by key bytes, open addressing over one array of slots: an invoice without parts
    // (most of them) costs one look at a one-byte tag, and the table is a few contiguous
    // arrays, not a node per part. The tags (a hundred thousand parts take 256 KiB of them)
    // stay in the processor's cache where the slots would not: probed in the rows' order,
    // which is not the parts', every probe of the slots missed it.
    class Table
    {
    public:
        // hashOf(key), with the lines find() reads first on their way into the cache.
        quint64 prefetch(const std::string &key) const
        {
            const quint64 h = hashOf(key);
            if (!m_slots.empty()) {
                __builtin_prefetch(&m_tags[h & m_mask]);
                __builtin_prefetch(&m_slots[h & m_mask]);
            }
            return h;
        }

        const Entry *find(const std::string &key, quint64 h) const
        {
            if (m_slots.empty())
                return nullptr;
            const quint8 tag = tagOf(quint32(h >> 32));
            for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
                const quint8 t = m_tags[i];
                if (t == 0)
                    return nullptr;
                if (t != tag)
                    continue;
                const Slot &slot = m_slots[i];
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
            m_tags[i] = tagOf(quint32(h >> 32));
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

        // A used slot's tag: its hash's top seven bits, and the eighth set; 0 is a free slot.
        static quint8 tagOf(quint32 highHalf) { return quint8(0x80 | (highHalf >> 25)); }

        static quint64 hashOf(std::string_view key)
        {
            // Eight bytes at a time, each word multiplied in, then a final mix.
            constexpr quint64 k = 0xff51afd7ed558ccdULL;
            quint64 h = 0x9e3779b97f4a7c15ULL ^ key.size();
            const char *p = key.data();
            size_t n = key.size();
            for (; n >= 8; p += 8, n -= 8) {
                quint64 w;
                std::memcpy(&w, p, 8);
                h = (h ^ w) * k;
                h ^= h >> 32;
            }
            quint64 w = 0;
            std::memcpy(&w, p, n);
            h = (h ^ w) * k;
            h ^= h >> 33;
            h *= 0xc4ceb9fe1a85ec53ULL;
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
            m_tags.assign(size, 0);
            m_mask = size - 1;
            for (size_t n = 0; n < m_entries.size(); ++n) {
                const std::string_view key = keyAt(n);
                size_t i = hashOf(key) & m_mask;
                while (m_slots[i].entry != 0)
                    i = (i + 1) & m_mask;
                m_slots[i] = Slot{m_entries[n].hash, quint32(n + 1)};
                m_tags[i] = tagOf(m_entries[n].hash);
            }
        }

        std::vector<Slot> m_slots;
        std::vector<quint8> m_tags;
        std::vector<Stored> m_entries;
        std::string m_keys; // every key's bytes, one after another
        size_t m_mask = 0;
    };

    // (account, invoice, currency) as bytes: the id, the invoice id's length, both texts
    // (SQL compares them byte for byte).
    const std::string &keyOf(sqlite3_value *account, sqlite3_value *invoice,
                             sqlite3_value *currency)
    {
        const qint64 id = sqlite3_value_int64(account);
        const auto *invoiceText = sqlite3_value_text(invoice);
        const int invoiceSize = sqlite3_value_bytes(invoice);
        const auto *currencyText = sqlite3_value_text(currency);
        const int currencySize = sqlite3_value_bytes(currency);
        m_key.resize(sizeof id + sizeof invoiceSize + size_t(invoiceSize) + size_t(currencySize));
        char *out = m_key.data();
        std::memcpy(out, &id, sizeof id);
        std::memcpy(out + sizeof id, &invoiceSize, sizeof invoiceSize);
        out += sizeof id + sizeof invoiceSize;
        if (invoiceSize > 0)
            std::memcpy(out, invoiceText, size_t(invoiceSize));
        if (currencySize > 0)
            std::memcpy(out + invoiceSize, currencyText, size_t(currencySize));
        return m_key;
    }

    Table m_sums;
    std::string m_key;
    Statement m_single;
    Statement m_blocked;
    Row m_row;
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
    const auto cannotRead = [&name, db] {
        return failed(
            QStringLiteral("Cannot read the %1 from the cache: %2").arg(name, errorOf(db)), 0);
    };
    // The invoices report's refundable column is worked out here when its parts sum as plain
    // integers; otherwise (and for every other report) the report's own query gives it.
    std::optional<InvoiceParts> parts;
    if (def.kind() == ReportKind::Invoices) {
        parts.emplace();
        switch (parts->load(db)) {
        case InvoiceParts::Loaded::Ready:
            break;
        case InvoiceParts::Loaded::UseSql:
            parts.reset();
            break;
        case InvoiceParts::Loaded::Failed:
            return cannotRead();
        }
    }
    const ReportQuery rq =
        parts ? def.invoiceRowsWithoutParts(request.filter) : def.query(request.filter);
    const Statement statement = prepare(db, rq.sql);
    if (!statement)
        return cannotRead();
    sqlite3_stmt *s = statement.get();
    if (!bindAll(s, rq.binds))
        return cannotRead();

    const QList<ReportColumn> &columns = def.columns();
    const int columnCount = int(columns.size());
    // Report column i is statement column sources[i] (or an InvoiceParts::Source).
    std::vector<int> sources(static_cast<size_t>(columnCount));
    for (int i = 0; i < columnCount; ++i)
        sources[size_t(i)] = parts ? InvoiceParts::kSources[i] : i;
    RowValues v(parts ? int(InvoiceParts::Read) : columnCount);
    AccountCells accounts;
    const int currencyColumn =
        def.currencyColumn() >= 0 ? sources[size_t(def.currencyColumn())] : -1;
    // The row's currency, upper-cased, with its exponent once looked up: the few currencies
    // of a report are kept, so rows alternating between them look nothing up again.
    struct KnownCurrency
    {
        std::string stored; // as the cache holds it
        QByteArray upper;
        QString text;
        int exponent = -1; // -1 until a row's amount needed it
    };
    std::vector<KnownCurrency> known;
    known.reserve(64); // `current` points into it: it must never move
    KnownCurrency *current = nullptr;
    QString oddCurrency; // the row's, when it is not plain ASCII text
    QString cell;
    QString why;
    char number[32];

    ExportResult result;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        v.read(s);
        // The refundable first, while the key columns hold the bytes SQL compared.
        const AccountCells::Account *account = nullptr;
        if (parts) {
            AccountCells::Account *joined =
                accounts.find(db, def, sqlite3_value_int64(v[InvoiceParts::AccountRow]));
            if (!joined || !parts->begin(db, v, *joined))
                return failed(QStringLiteral("Reading the %1 stopped: %2").arg(name, errorOf(db)),
                              result.rows);
            account = joined;
        }
        current = nullptr;
        const QString *currency = &oddCurrency;
        if (currencyColumn >= 0) {
            sqlite3_value *c = v[currencyColumn];
            if (sqlite3_value_type(c) == SQLITE_TEXT) {
                const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(c));
                const size_t size = size_t(sqlite3_value_bytes(c));
                for (KnownCurrency &k : known) {
                    if (k.stored.size() == size && std::memcmp(k.stored.data(), text, size) == 0) {
                        current = &k;
                        break;
                    }
                }
                if (!current && known.size() < 64 &&
                    isAscii(reinterpret_cast<const unsigned char *>(text), qsizetype(size))) {
                    KnownCurrency k;
                    k.stored.assign(text, size);
                    k.upper = QByteArray(text, qsizetype(size)).toUpper(); // as QString here
                    k.text = QString::fromLatin1(k.upper);
                    known.push_back(std::move(k));
                    current = &known.back();
                }
            }
            if (current)
                currency = &current->text;
            else
                oddCurrency = qtValue(c).toString().toUpper();
        }
        int exponent = current ? current->exponent : -1;
        for (int i = 0; i < columnCount; ++i) {
            sqlite3_value *x = nullptr;
            switch (const int source = sources[size_t(i)]) {
            case InvoiceParts::AccountName:
                AccountCells::write(writer, account->name);
                continue;
            case InvoiceParts::AccountGateway:
                AccountCells::write(writer, account->gateway);
                continue;
            case InvoiceParts::Refundable:
                if (const std::optional<qint64> left = parts->refundable()) {
                    if (exponent >= 0) {
                        writer.writePlainCell(number, formatMinor(*left, exponent, number));
                        continue;
                    }
                    if (!def.formatCell(i, QVariant(*left), *currency, &exponent, &cell, &why))
                        return failed(why, result.rows);
                    writer.writeCell(cell);
                    continue;
                }
                x = parts->sqlRefundable(db, s);
                if (!x)
                    return failed(
                        QStringLiteral("Reading the %1 stopped: %2").arg(name, errorOf(db)),
                        result.rows);
                break;
            default:
                x = v[source];
                break;
            }
            const Format format = columns.at(i).format;
            const int type = sqlite3_value_type(x);
            if (format == Format::Text && (type == SQLITE_TEXT || type == SQLITE_NULL)) {
                if (writer.writeTextCell(reinterpret_cast<const char *>(sqlite3_value_text(x)),
                                         sqlite3_value_bytes(x)))
                    continue;
            } else if (format == Format::Currency && current) {
                writer.writeUtf8Cell(current->upper.constData(), current->upper.size());
                continue;
            } else if (format == Format::Timestamp && type == SQLITE_INTEGER) {
                if (formatTimestamp(sqlite3_value_int64(x), number)) {
                    writer.writePlainCell(number, 20);
                    continue;
                }
            } else if (format == Format::Amount && type == SQLITE_INTEGER && exponent >= 0) {
                writer.writePlainCell(number,
                                      formatMinor(sqlite3_value_int64(x), exponent, number));
                continue;
            }
            // Everything else (the first amount of a new currency, odd types, invalid
            // UTF-8, years outside 1..9999) takes the report's own formatting.
            if (!def.formatCell(i, qtValue(x), *currency, &exponent, &cell, &why))
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
