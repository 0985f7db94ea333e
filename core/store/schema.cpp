#include "schema.h"

#include "searchfold.h"

namespace rd::schema {

namespace {

// What a step's statement does to an index or trigger, read from its first words:
//   DROP INDEX|TRIGGER name, DROP TABLE name,
//   CREATE [UNIQUE] INDEX|TRIGGER name ... ON table ... (the first word ON after the name).
// Words are ASCII letters, digits and '_', as the steps' names are.
struct StatementTarget
{
    enum Kind { Other, DropObject, DropTable, CreateObject } kind = Other;
    QString name;
    QString table;
};

bool isWordChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
           u == u'_';
}

// The word at *pos after white space (empty if something else comes first); *pos moves past it.
QStringView nextWord(QStringView sql, qsizetype *pos)
{
    qsizetype i = *pos;
    while (i < sql.size() && sql[i].isSpace())
        ++i;
    const qsizetype start = i;
    while (i < sql.size() && isWordChar(sql[i]))
        ++i;
    *pos = i;
    return sql.mid(start, i - start);
}

StatementTarget statementTarget(const QString &sql)
{
    const QStringView s(sql);
    qsizetype pos = 0;
    const QStringView verb = nextWord(s, &pos);
    StatementTarget out;
    if (verb == u"DROP") {
        const QStringView what = nextWord(s, &pos);
        if (what == u"INDEX" || what == u"TRIGGER")
            out.kind = StatementTarget::DropObject;
        else if (what == u"TABLE")
            out.kind = StatementTarget::DropTable;
        out.name = nextWord(s, &pos).toString();
        if (out.name.isEmpty())
            out.kind = StatementTarget::Other;
        return out;
    }
    if (verb != u"CREATE")
        return out;
    QStringView what = nextWord(s, &pos);
    if (what == u"UNIQUE")
        what = nextWord(s, &pos);
    if (what != u"INDEX" && what != u"TRIGGER")
        return out;
    const QStringView name = nextWord(s, &pos);
    if (name.isEmpty())
        return out;
    while (pos < s.size()) {
        const QStringView word = nextWord(s, &pos);
        if (word.isEmpty()) {
            ++pos; // punctuation between words
        } else if (word == u"ON") {
            const QStringView table = nextWord(s, &pos);
            if (!table.isEmpty()) {
                out.kind = StatementTarget::CreateObject;
                out.name = name.toString();
                out.table = table.toString();
                return out;
            }
        }
    }
    return out;
}

// Schema 3's search index over `table`: the full-text table gains a `search_extra` column of
// folded words (see searchfold.h), filled here for the rows already cached and by
// RecordRepository for every row it writes. The triggers use built-in SQL only, so a plain
// sqlite3 shell can still write the tables; a row written there is found by its own words,
// just not by their folded spellings. Frozen as part of migration 2 -> 3: a later change to
// the index is a new step.
QStringList searchIndexV3(const QString &table, const QStringList &columns)
{
    const QString fts = table + QStringLiteral("_fts");
    const QStringList indexed = columns + QStringList{QStringLiteral("search_extra")};
    const auto prefixed = [&indexed](const QString &prefix) {
        QStringList out;
        for (const QString &c : indexed)
            out << prefix + c;
        return out.join(QStringLiteral(", "));
    };
    QStringList changed;
    for (const QString &c : indexed)
        changed << QStringLiteral("old.%1 IS NOT new.%1").arg(c);
    const QString names = prefixed(QString());
    const QString insertNew = QStringLiteral("INSERT INTO %1(rowid, %2) VALUES (new.id, %3);")
                                  .arg(fts, names, prefixed(QStringLiteral("new.")));
    const QString deleteOld =
        QStringLiteral("INSERT INTO %1(%1, rowid, %2) VALUES ('delete', old.id, %3);")
            .arg(fts, names, prefixed(QStringLiteral("old.")));
    const QString text = columns.join(QStringLiteral(" || ' ' || "));
    return {
        QStringLiteral("DROP TRIGGER %1_ai").arg(fts),
        QStringLiteral("DROP TRIGGER %1_ad").arg(fts),
        QStringLiteral("DROP TRIGGER %1_au").arg(fts),
        QStringLiteral("DROP TABLE %1").arg(fts),
        QStringLiteral("ALTER TABLE %1 ADD COLUMN search_extra TEXT NOT NULL DEFAULT ''")
            .arg(table),
        // Only rows with a character outside printable ASCII can fold to anything new.
        QStringLiteral("UPDATE %1 SET search_extra = %2 WHERE (%3) GLOB '*[^ -~]*'")
            .arg(table, foldLettersSql(QStringLiteral("(%1)").arg(text)), text),
        QStringLiteral("CREATE VIRTUAL TABLE %1 USING fts5(%2, content='%3', content_rowid='id', "
                       "tokenize='unicode61 remove_diacritics 2')")
            .arg(fts, names, table),
        QStringLiteral("CREATE TRIGGER %1_ai AFTER INSERT ON %2 BEGIN %3 END")
            .arg(fts, table, insertNew),
        QStringLiteral("CREATE TRIGGER %1_ad AFTER DELETE ON %2 BEGIN %3 END")
            .arg(fts, table, deleteOld),
        // Re-syncing rewrites every column; the index is touched only when a word changed.
        QStringLiteral("CREATE TRIGGER %1_au AFTER UPDATE OF %2 ON %3 WHEN %4 BEGIN %5 %6 END")
            .arg(fts, names, table, changed.join(QStringLiteral(" OR ")), deleteOld, insertNew),
        QStringLiteral("INSERT INTO %1(%1) VALUES ('rebuild')").arg(fts),
    };
}

} // namespace

// Maker-checker's two tables (schema step 4), in each backend's types: `id` is the request's
// key column and `ref` the type of a column that refers to another table's key.
static QStringList approvalTables(const QString &id, const QString &ref)
{
    return {
        QStringLiteral(R"(CREATE TABLE approval_thresholds (
                account_id  %1 NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                currency    TEXT NOT NULL,
                above       BIGINT NOT NULL CHECK (above >= 0),
                scale       INTEGER NOT NULL CHECK (scale BETWEEN 0 AND 3),
                PRIMARY KEY (account_id, currency)
            ))")
            .arg(ref),
        QStringLiteral(R"(CREATE TABLE approvals (
                id            %1,
                account_id    %2 NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                kind          TEXT NOT NULL CHECK (kind IN ('refund','chargeback')),
                invoice_id    TEXT NOT NULL,
                amount        BIGINT NOT NULL CHECK (amount > 0),
                currency      TEXT NOT NULL,
                reason        TEXT NOT NULL DEFAULT '',
                note          TEXT NOT NULL DEFAULT '',
                params        TEXT NOT NULL DEFAULT '{}',
                state         TEXT NOT NULL CHECK (state IN ('awaiting','approved','rejected')),
                requested_by  TEXT NOT NULL CHECK (requested_by <> ''),
                requested_at  BIGINT NOT NULL,
                decided_by    TEXT NOT NULL DEFAULT '',
                decided_at    BIGINT,
                why           TEXT NOT NULL DEFAULT '',
                operation_id  TEXT NOT NULL DEFAULT ''
            ))")
            .arg(id, ref),
        // What the refundable rule reads for every invoice row.
        QStringLiteral("CREATE INDEX approvals_invoice ON approvals(account_id, invoice_id)"),
        QStringLiteral(
            "CREATE INDEX approvals_awaiting ON approvals(state) WHERE state = 'awaiting'"),
    };
}

// The SQLite side of steps(): each entry takes the cache from version (index) to version
// (index + 1). Entries are never edited once released: a change is a new entry.
static const QList<QStringList> &sqliteSteps()
{
    static const QList<QStringList> steps = {
        // 0 -> 1: the cache, the outbox and the audit log.
        {
            QStringLiteral(R"(CREATE TABLE accounts (
                id          INTEGER PRIMARY KEY,
                name        TEXT NOT NULL UNIQUE,
                gateway     TEXT NOT NULL CHECK (gateway IN
                              ('stripe','wooshpay','chargebee','processout','intasend')),
                base_url    TEXT NOT NULL,
                created_at  INTEGER NOT NULL,
                last_sync_at INTEGER
            ))"),
            QStringLiteral(R"(CREATE TABLE invoices (
                id              INTEGER PRIMARY KEY,
                account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                gateway_id      TEXT NOT NULL,
                payment_intent  TEXT NOT NULL DEFAULT '',
                customer        TEXT NOT NULL DEFAULT '',
                email           TEXT NOT NULL DEFAULT '',
                description     TEXT NOT NULL DEFAULT '',
                amount          INTEGER NOT NULL,
                amount_refunded INTEGER NOT NULL DEFAULT 0,
                currency        TEXT NOT NULL,
                status          TEXT NOT NULL,
                gateway_status  TEXT NOT NULL DEFAULT '',
                disputed        INTEGER NOT NULL DEFAULT 0,
                offline         INTEGER NOT NULL DEFAULT 0,
                created_at      INTEGER NOT NULL,
                synced_at       INTEGER NOT NULL DEFAULT 0,
                UNIQUE (account_id, gateway_id)
            ))"),
            QStringLiteral("CREATE INDEX invoices_created ON invoices(created_at)"),
            QStringLiteral(
                "CREATE INDEX invoices_account_created ON invoices(account_id, created_at)"),
            QStringLiteral("CREATE INDEX invoices_status_created ON invoices(status, created_at)"),
            QStringLiteral("CREATE INDEX invoices_currency ON invoices(currency)"),
            QStringLiteral("CREATE INDEX invoices_customer ON invoices(customer COLLATE NOCASE)"),
            QStringLiteral("CREATE INDEX invoices_email ON invoices(email COLLATE NOCASE)"),
            QStringLiteral("CREATE INDEX invoices_amount ON invoices(amount)"),
            QStringLiteral(R"(CREATE TABLE refunds (
                id              INTEGER PRIMARY KEY,
                account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                gateway_id      TEXT NOT NULL,
                invoice_id      TEXT NOT NULL,
                amount          INTEGER NOT NULL,
                currency        TEXT NOT NULL,
                reason          TEXT NOT NULL DEFAULT '',
                gateway_reason  TEXT NOT NULL DEFAULT '',
                status          TEXT NOT NULL,
                gateway_status  TEXT NOT NULL DEFAULT '',
                note            TEXT NOT NULL DEFAULT '',
                failure_reason  TEXT NOT NULL DEFAULT '',
                operation_id    TEXT NOT NULL DEFAULT '',
                metadata        TEXT NOT NULL DEFAULT '{}',
                created_at      INTEGER NOT NULL,
                synced_at       INTEGER NOT NULL DEFAULT 0,
                UNIQUE (account_id, gateway_id)
            ))"),
            QStringLiteral("CREATE INDEX refunds_invoice ON refunds(account_id, invoice_id)"),
            QStringLiteral("CREATE INDEX refunds_created ON refunds(created_at)"),
            QStringLiteral(
                "CREATE INDEX refunds_account_created ON refunds(account_id, created_at)"),
            QStringLiteral("CREATE INDEX refunds_status_created ON refunds(status, created_at)"),
            QStringLiteral(
                "CREATE INDEX refunds_operation ON refunds(operation_id) WHERE operation_id <> ''"),
            QStringLiteral(R"(CREATE TABLE chargebacks (
                id              INTEGER PRIMARY KEY,
                account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                gateway_id      TEXT NOT NULL,
                invoice_id      TEXT NOT NULL,
                amount          INTEGER NOT NULL,
                currency        TEXT NOT NULL,
                reason          TEXT NOT NULL DEFAULT '',
                reason_details  TEXT NOT NULL DEFAULT '',
                status          TEXT NOT NULL,
                gateway_status  TEXT NOT NULL DEFAULT '',
                resolution      TEXT NOT NULL DEFAULT '',
                operation_id    TEXT NOT NULL DEFAULT '',
                created_at      INTEGER NOT NULL,
                synced_at       INTEGER NOT NULL DEFAULT 0,
                UNIQUE (account_id, gateway_id)
            ))"),
            QStringLiteral(
                "CREATE INDEX chargebacks_invoice ON chargebacks(account_id, invoice_id)"),
            QStringLiteral("CREATE INDEX chargebacks_created ON chargebacks(created_at)"),
            QStringLiteral(
                "CREATE INDEX chargebacks_account_created ON chargebacks(account_id, created_at)"),
            QStringLiteral(
                "CREATE INDEX chargebacks_status_created ON chargebacks(status, created_at)"),
            QStringLiteral(R"(CREATE TABLE sync_state (
                account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                object      TEXT NOT NULL CHECK (object IN ('invoices','refunds','chargebacks')),
                cursor      TEXT NOT NULL DEFAULT '',
                watermark   INTEGER NOT NULL DEFAULT 0,
                complete    INTEGER NOT NULL DEFAULT 0,
                updated_at  INTEGER NOT NULL,
                PRIMARY KEY (account_id, object)
            ))"),
            QStringLiteral(R"(CREATE TABLE outbox (
                id               INTEGER PRIMARY KEY,
                operation_id     TEXT NOT NULL UNIQUE,
                account_id       INTEGER NOT NULL REFERENCES accounts(id),
                kind             TEXT NOT NULL,
                invoice_id       TEXT NOT NULL,
                target_id        TEXT NOT NULL DEFAULT '',
                amount           INTEGER NOT NULL DEFAULT 0,
                currency         TEXT NOT NULL DEFAULT '',
                reason           TEXT NOT NULL DEFAULT '',
                note             TEXT NOT NULL DEFAULT '',
                params           TEXT NOT NULL DEFAULT '{}',
                idempotency_key  TEXT NOT NULL,
                state            TEXT NOT NULL CHECK (state IN
                                   ('pending','unknown','succeeded','rejected')),
                result_id        TEXT NOT NULL DEFAULT '',
                message          TEXT NOT NULL DEFAULT '',
                attempts         INTEGER NOT NULL DEFAULT 0,
                created_at       INTEGER NOT NULL,
                updated_at       INTEGER NOT NULL
            ))"),
            QStringLiteral(
                "CREATE INDEX outbox_open ON outbox(state) WHERE state IN ('pending','unknown')"),
            QStringLiteral("CREATE INDEX outbox_invoice ON outbox(account_id, invoice_id)"),
            QStringLiteral(R"(CREATE TABLE audit_log (
                id               INTEGER PRIMARY KEY,
                at               INTEGER NOT NULL,
                os_user          TEXT NOT NULL,
                account          TEXT NOT NULL,
                invoice_id       TEXT NOT NULL DEFAULT '',
                operation_id     TEXT NOT NULL DEFAULT '',
                action           TEXT NOT NULL,
                amount           INTEGER,
                currency         TEXT NOT NULL DEFAULT '',
                reason           TEXT NOT NULL DEFAULT '',
                idempotency_key  TEXT NOT NULL DEFAULT '',
                outcome          TEXT NOT NULL DEFAULT '',
                message          TEXT NOT NULL DEFAULT ''
            ))"),
            QStringLiteral("CREATE INDEX audit_invoice ON audit_log(account, invoice_id)"),
            QStringLiteral("CREATE INDEX audit_operation ON audit_log(operation_id)"),
            // The audit log is append-only, and the database itself says so.
            QStringLiteral(R"(CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END)"),
            QStringLiteral(R"(CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END)"),
        },
        // 1 -> 2: full-text search over invoice ids, customers, emails and descriptions, and
        // over refund ids and notes, kept in step by triggers.
        {
            QStringLiteral(R"(CREATE VIRTUAL TABLE invoices_fts USING fts5(
                gateway_id, customer, email, description,
                content='invoices', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
            ))"),
            QStringLiteral(R"(CREATE TRIGGER invoices_fts_ai AFTER INSERT ON invoices BEGIN
                INSERT INTO invoices_fts(rowid, gateway_id, customer, email, description)
                VALUES (new.id, new.gateway_id, new.customer, new.email, new.description);
            END)"),
            QStringLiteral(R"(CREATE TRIGGER invoices_fts_ad AFTER DELETE ON invoices BEGIN
                INSERT INTO invoices_fts(invoices_fts, rowid, gateway_id, customer, email, description)
                VALUES ('delete', old.id, old.gateway_id, old.customer, old.email, old.description);
            END)"),
            QStringLiteral(
                R"(CREATE TRIGGER invoices_fts_au AFTER UPDATE OF gateway_id, customer, email, description ON invoices BEGIN
                INSERT INTO invoices_fts(invoices_fts, rowid, gateway_id, customer, email, description)
                VALUES ('delete', old.id, old.gateway_id, old.customer, old.email, old.description);
                INSERT INTO invoices_fts(rowid, gateway_id, customer, email, description)
                VALUES (new.id, new.gateway_id, new.customer, new.email, new.description);
            END)"),
            QStringLiteral("INSERT INTO invoices_fts(invoices_fts) VALUES ('rebuild')"),
            QStringLiteral(R"(CREATE VIRTUAL TABLE refunds_fts USING fts5(
                gateway_id, invoice_id, note,
                content='refunds', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
            ))"),
            QStringLiteral(R"(CREATE TRIGGER refunds_fts_ai AFTER INSERT ON refunds BEGIN
                INSERT INTO refunds_fts(rowid, gateway_id, invoice_id, note)
                VALUES (new.id, new.gateway_id, new.invoice_id, new.note);
            END)"),
            QStringLiteral(R"(CREATE TRIGGER refunds_fts_ad AFTER DELETE ON refunds BEGIN
                INSERT INTO refunds_fts(refunds_fts, rowid, gateway_id, invoice_id, note)
                VALUES ('delete', old.id, old.gateway_id, old.invoice_id, old.note);
            END)"),
            QStringLiteral(
                R"(CREATE TRIGGER refunds_fts_au AFTER UPDATE OF gateway_id, invoice_id, note ON refunds BEGIN
                INSERT INTO refunds_fts(refunds_fts, rowid, gateway_id, invoice_id, note)
                VALUES ('delete', old.id, old.gateway_id, old.invoice_id, old.note);
                INSERT INTO refunds_fts(rowid, gateway_id, invoice_id, note)
                VALUES (new.id, new.gateway_id, new.invoice_id, new.note);
            END)"),
            QStringLiteral("INSERT INTO refunds_fts(refunds_fts) VALUES ('rebuild')"),
        },
        // 2 -> 3: search folds letters people type without their marks (Søren/soren,
        // Łukasz/lukasz, Straße/strasse), for the rows already cached too.
        searchIndexV3(QStringLiteral("invoices"),
                      {QStringLiteral("gateway_id"), QStringLiteral("customer"),
                       QStringLiteral("email"), QStringLiteral("description")}) +
            searchIndexV3(QStringLiteral("refunds"),
                          {QStringLiteral("gateway_id"), QStringLiteral("invoice_id"),
                           QStringLiteral("note")}),
        // 3 -> 4: maker-checker. An account's approval thresholds, and refunds or chargebacks
        // above them waiting for a second person. Plain tables and portable SQL, so the
        // PostgreSQL backend can hold the same rows; the triggers are SQLite's form of rules
        // that backend enforces with its own. In approval_thresholds, `above` counts 10^-scale
        // major units, and currency '' is every currency of the account.
        approvalTables(QStringLiteral("INTEGER PRIMARY KEY"), QStringLiteral("INTEGER")) +
            QStringList{
                // A request starts awaiting; nobody writes a decision in with it.
                QStringLiteral(
                    R"(CREATE TRIGGER approvals_insert_awaiting BEFORE INSERT ON approvals
                WHEN new.state <> 'awaiting' OR new.decided_by <> ''
                BEGIN SELECT RAISE(ABORT, 'an approval request starts awaiting approval'); END)"),
                // A decision is made once, and what was asked for (and by whom) never changes.
                QStringLiteral(R"(CREATE TRIGGER approvals_decided_once BEFORE UPDATE ON approvals
                WHEN old.state <> 'awaiting' OR new.account_id <> old.account_id
                  OR new.kind <> old.kind OR new.invoice_id <> old.invoice_id
                  OR new.amount <> old.amount OR new.currency <> old.currency
                  OR new.reason <> old.reason OR new.note <> old.note OR new.params <> old.params
                  OR new.requested_by <> old.requested_by OR new.requested_at <> old.requested_at
                BEGIN SELECT RAISE(ABORT, 'an approval request is decided once and never edited');
                END)"),
                // Maker-checker: the person who asked never approves, whoever writes the row.
                QStringLiteral(R"(CREATE TRIGGER approvals_not_own BEFORE UPDATE ON approvals
                WHEN new.state = 'approved'
                  AND (new.decided_by = '' OR lower(new.decided_by) = lower(new.requested_by))
                BEGIN SELECT RAISE(ABORT, 'the requester cannot approve their own request'); END)"),
            },
        // 4 -> 5: each account's request-rate ceiling (requests per second) for syncs and
        // refunds; 0 means the gateway's documented default (see domain/ratelimits.h).
        {
            QStringLiteral("ALTER TABLE accounts ADD COLUMN max_rps INTEGER NOT NULL DEFAULT 0 "
                           "CHECK (max_rps >= 0)"),
        },
        // 5 -> 6: an approval request remembers the bulk file row it was filed for, so running
        // the file again finds it (under the invoice's lock) instead of filing a second one.
        // The key is part of what was asked for, so it never changes either.
        {
            QStringLiteral("ALTER TABLE approvals ADD COLUMN request_key TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("CREATE INDEX approvals_request_key ON approvals(account_id, "
                           "request_key) WHERE request_key <> ''"),
            QStringLiteral("DROP TRIGGER approvals_decided_once"),
            QStringLiteral(R"(CREATE TRIGGER approvals_decided_once BEFORE UPDATE ON approvals
                WHEN old.state <> 'awaiting' OR new.account_id <> old.account_id
                  OR new.kind <> old.kind OR new.invoice_id <> old.invoice_id
                  OR new.amount <> old.amount OR new.currency <> old.currency
                  OR new.reason <> old.reason OR new.note <> old.note OR new.params <> old.params
                  OR new.requested_by <> old.requested_by OR new.requested_at <> old.requested_at
                  OR new.request_key <> old.request_key
                BEGIN SELECT RAISE(ABORT, 'an approval request is decided once and never edited');
                END)"),
        },
        // 6 -> 7: a request filed again because its approval reached nothing names the request
        // it repeats, so a team database can keep its requester (see the PostgreSQL step). Part
        // of what was asked for, so it never changes either.
        {
            QStringLiteral(
                "ALTER TABLE approvals ADD COLUMN refiled_from INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("DROP TRIGGER approvals_decided_once"),
            QStringLiteral(R"(CREATE TRIGGER approvals_decided_once BEFORE UPDATE ON approvals
                WHEN old.state <> 'awaiting' OR new.account_id <> old.account_id
                  OR new.kind <> old.kind OR new.invoice_id <> old.invoice_id
                  OR new.amount <> old.amount OR new.currency <> old.currency
                  OR new.reason <> old.reason OR new.note <> old.note OR new.params <> old.params
                  OR new.requested_by <> old.requested_by OR new.requested_at <> old.requested_at
                  OR new.request_key <> old.request_key OR new.refiled_from <> old.refiled_from
                BEGIN SELECT RAISE(ABORT, 'an approval request is decided once and never edited');
                END)"),
        },
        // 7 -> 8: PostgreSQL's customer and email indexes (see postgresSteps()); a SQLite
        // index holds a value of any length.
        {},
    };
    return steps;
}

// The PostgreSQL side of steps(), one entry per SQLite entry. The team database started at
// schema 3, so its first entry builds what SQLite's first three built, in PostgreSQL's terms:
// BIGINT for money and times, identity columns, a folded `search_text` column searched with
// LIKE instead of FTS5, the append-only audit log enforced by triggers (TRUNCATE too), and each
// audit row stamped with the database user and client address by the server itself. A few
// SQLite scalar functions the store's SQL uses get PostgreSQL twins, so that SQL (above all the
// refundable rule, store/refundable.cpp) is written once for both backends.
static const QList<QStringList> &postgresSteps()
{
    static const QList<QStringList> steps = {
        {
            // SQLite's two-argument MAX() is PostgreSQL's GREATEST().
            QStringLiteral("CREATE FUNCTION max(a numeric, b numeric) RETURNS numeric "
                           "LANGUAGE sql IMMUTABLE AS 'SELECT GREATEST(a, b)'"),
            QStringLiteral("CREATE FUNCTION json(doc text) RETURNS jsonb LANGUAGE sql IMMUTABLE "
                           "AS 'SELECT doc::jsonb'"),
            // json_set(doc, '$.a.b', value) on the TEXT columns that hold JSON.
            QStringLiteral(R"(CREATE FUNCTION json_set(doc text, path text, val jsonb) RETURNS text
                LANGUAGE sql IMMUTABLE AS $$
                SELECT jsonb_set(COALESCE(NULLIF(doc, ''), '{}')::jsonb,
                                 string_to_array(substr(path, 3), '.'), val, true)::text $$)"),
            // json('false') with a literal is PostgreSQL's cast to its json type.
            QStringLiteral("CREATE FUNCTION json_set(doc text, path text, val json) RETURNS text "
                           "LANGUAGE sql IMMUTABLE AS 'SELECT json_set(doc, path, val::jsonb)'"),
            // The two date() forms the charts use (core/report/chartdata.cpp): the first of
            // the month and the Monday of the week of an epoch-seconds column, as YYYY-MM-DD.
            QStringLiteral(R"(CREATE FUNCTION date(ts bigint, unit text, modifier text)
                RETURNS text LANGUAGE sql IMMUTABLE AS $$
                SELECT CASE WHEN unit = 'unixepoch' AND modifier = 'start of month' THEN
                    to_char(date_trunc('month', to_timestamp(ts) AT TIME ZONE 'UTC'), 'YYYY-MM-DD')
                END $$)"),
            QStringLiteral(R"(CREATE FUNCTION date(ts bigint, unit text, m1 text, m2 text)
                RETURNS text LANGUAGE sql IMMUTABLE AS $$
                SELECT CASE WHEN unit = 'unixepoch' AND m1 = '-6 days' AND m2 = 'weekday 1' THEN
                    to_char(date_trunc('week', to_timestamp(ts) AT TIME ZONE 'UTC'), 'YYYY-MM-DD')
                END $$)"),
            // SQLite's NOCASE, which the tables' sort columns name (models/).
            QStringLiteral("CREATE COLLATION nocase (provider = icu, locale = "
                           "'und-u-ks-level2', deterministic = false)"),
            QStringLiteral(R"(CREATE TABLE accounts (
                id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                name        TEXT NOT NULL UNIQUE,
                gateway     TEXT NOT NULL CHECK (gateway IN
                              ('stripe','wooshpay','chargebee','processout','intasend')),
                base_url    TEXT NOT NULL,
                created_at  BIGINT NOT NULL,
                last_sync_at BIGINT
            ))"),
            QStringLiteral(R"(CREATE TABLE invoices (
                id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                account_id      BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                gateway_id      TEXT NOT NULL,
                payment_intent  TEXT NOT NULL DEFAULT '',
                customer        TEXT NOT NULL DEFAULT '',
                email           TEXT NOT NULL DEFAULT '',
                description     TEXT NOT NULL DEFAULT '',
                amount          BIGINT NOT NULL,
                amount_refunded BIGINT NOT NULL DEFAULT 0,
                currency        TEXT NOT NULL,
                status          TEXT NOT NULL,
                gateway_status  TEXT NOT NULL DEFAULT '',
                disputed        INTEGER NOT NULL DEFAULT 0,
                offline         INTEGER NOT NULL DEFAULT 0,
                created_at      BIGINT NOT NULL,
                synced_at       BIGINT NOT NULL DEFAULT 0,
                search_extra    TEXT NOT NULL DEFAULT '',
                search_text     TEXT GENERATED ALWAYS AS (' ' || regexp_replace(lower(
                    gateway_id || ' ' || customer || ' ' || email || ' ' || description || ' ' ||
                    search_extra), '[[:space:][:punct:]]+', ' ', 'g')) STORED,
                UNIQUE (account_id, gateway_id)
            ))"),
            QStringLiteral("CREATE INDEX invoices_created ON invoices(created_at)"),
            QStringLiteral(
                "CREATE INDEX invoices_account_created ON invoices(account_id, created_at)"),
            QStringLiteral("CREATE INDEX invoices_status_created ON invoices(status, created_at)"),
            QStringLiteral("CREATE INDEX invoices_currency ON invoices(currency)"),
            QStringLiteral("CREATE INDEX invoices_customer ON invoices(customer COLLATE nocase)"),
            QStringLiteral("CREATE INDEX invoices_email ON invoices(email COLLATE nocase)"),
            QStringLiteral("CREATE INDEX invoices_amount ON invoices(amount)"),
            QStringLiteral(R"(CREATE TABLE refunds (
                id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                account_id      BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                gateway_id      TEXT NOT NULL,
                invoice_id      TEXT NOT NULL,
                amount          BIGINT NOT NULL,
                currency        TEXT NOT NULL,
                reason          TEXT NOT NULL DEFAULT '',
                gateway_reason  TEXT NOT NULL DEFAULT '',
                status          TEXT NOT NULL,
                gateway_status  TEXT NOT NULL DEFAULT '',
                note            TEXT NOT NULL DEFAULT '',
                failure_reason  TEXT NOT NULL DEFAULT '',
                operation_id    TEXT NOT NULL DEFAULT '',
                metadata        TEXT NOT NULL DEFAULT '{}',
                created_at      BIGINT NOT NULL,
                synced_at       BIGINT NOT NULL DEFAULT 0,
                search_extra    TEXT NOT NULL DEFAULT '',
                search_text     TEXT GENERATED ALWAYS AS (' ' || regexp_replace(lower(
                    gateway_id || ' ' || invoice_id || ' ' || note || ' ' || search_extra),
                    '[[:space:][:punct:]]+', ' ', 'g')) STORED,
                UNIQUE (account_id, gateway_id)
            ))"),
            QStringLiteral("CREATE INDEX refunds_invoice ON refunds(account_id, invoice_id)"),
            QStringLiteral("CREATE INDEX refunds_created ON refunds(created_at)"),
            QStringLiteral(
                "CREATE INDEX refunds_account_created ON refunds(account_id, created_at)"),
            QStringLiteral("CREATE INDEX refunds_status_created ON refunds(status, created_at)"),
            QStringLiteral(
                "CREATE INDEX refunds_operation ON refunds(operation_id) WHERE operation_id <> ''"),
            QStringLiteral(R"(CREATE TABLE chargebacks (
                id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                account_id      BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                gateway_id      TEXT NOT NULL,
                invoice_id      TEXT NOT NULL,
                amount          BIGINT NOT NULL,
                currency        TEXT NOT NULL,
                reason          TEXT NOT NULL DEFAULT '',
                reason_details  TEXT NOT NULL DEFAULT '',
                status          TEXT NOT NULL,
                gateway_status  TEXT NOT NULL DEFAULT '',
                resolution      TEXT NOT NULL DEFAULT '',
                operation_id    TEXT NOT NULL DEFAULT '',
                created_at      BIGINT NOT NULL,
                synced_at       BIGINT NOT NULL DEFAULT 0,
                UNIQUE (account_id, gateway_id)
            ))"),
            QStringLiteral(
                "CREATE INDEX chargebacks_invoice ON chargebacks(account_id, invoice_id)"),
            QStringLiteral("CREATE INDEX chargebacks_created ON chargebacks(created_at)"),
            QStringLiteral(
                "CREATE INDEX chargebacks_account_created ON chargebacks(account_id, created_at)"),
            QStringLiteral(
                "CREATE INDEX chargebacks_status_created ON chargebacks(status, created_at)"),
            QStringLiteral(R"(CREATE TABLE sync_state (
                account_id  BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                object      TEXT NOT NULL CHECK (object IN ('invoices','refunds','chargebacks')),
                cursor      TEXT NOT NULL DEFAULT '',
                watermark   BIGINT NOT NULL DEFAULT 0,
                complete    INTEGER NOT NULL DEFAULT 0,
                updated_at  BIGINT NOT NULL,
                PRIMARY KEY (account_id, object)
            ))"),
            QStringLiteral(R"(CREATE TABLE outbox (
                id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                operation_id     TEXT NOT NULL UNIQUE,
                account_id       BIGINT NOT NULL REFERENCES accounts(id),
                kind             TEXT NOT NULL,
                invoice_id       TEXT NOT NULL,
                target_id        TEXT NOT NULL DEFAULT '',
                amount           BIGINT NOT NULL DEFAULT 0,
                currency         TEXT NOT NULL DEFAULT '',
                reason           TEXT NOT NULL DEFAULT '',
                note             TEXT NOT NULL DEFAULT '',
                params           TEXT NOT NULL DEFAULT '{}',
                idempotency_key  TEXT NOT NULL,
                state            TEXT NOT NULL CHECK (state IN
                                   ('pending','unknown','succeeded','rejected')),
                result_id        TEXT NOT NULL DEFAULT '',
                message          TEXT NOT NULL DEFAULT '',
                attempts         INTEGER NOT NULL DEFAULT 0,
                created_at       BIGINT NOT NULL,
                updated_at       BIGINT NOT NULL
            ))"),
            QStringLiteral(
                "CREATE INDEX outbox_open ON outbox(state) WHERE state IN ('pending','unknown')"),
            QStringLiteral("CREATE INDEX outbox_invoice ON outbox(account_id, invoice_id)"),
            QStringLiteral(R"(CREATE TABLE audit_log (
                id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                at               BIGINT NOT NULL,
                os_user          TEXT NOT NULL,
                account          TEXT NOT NULL,
                invoice_id       TEXT NOT NULL DEFAULT '',
                operation_id     TEXT NOT NULL DEFAULT '',
                action           TEXT NOT NULL,
                amount           BIGINT,
                currency         TEXT NOT NULL DEFAULT '',
                reason           TEXT NOT NULL DEFAULT '',
                idempotency_key  TEXT NOT NULL DEFAULT '',
                outcome          TEXT NOT NULL DEFAULT '',
                message          TEXT NOT NULL DEFAULT '',
                db_user          TEXT NOT NULL DEFAULT current_user,
                client_host      TEXT NOT NULL DEFAULT ''
            ))"),
            QStringLiteral("CREATE INDEX audit_invoice ON audit_log(account, invoice_id)"),
            QStringLiteral("CREATE INDEX audit_operation ON audit_log(operation_id)"),
            QStringLiteral(R"(CREATE FUNCTION audit_log_append_only() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$)"),
            QStringLiteral("CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON "
                           "audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"),
            QStringLiteral("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
                           "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"),
            // Who wrote a row is the server's word, not the client's: whatever the insert says.
            QStringLiteral(R"(CREATE FUNCTION audit_log_stamp() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.db_user := current_user;
                    NEW.client_host := COALESCE(host(inet_client_addr()), 'local');
                    RETURN NEW;
                END $$)"),
            QStringLiteral("CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log FOR EACH "
                           "ROW EXECUTE FUNCTION audit_log_stamp()"),
            // Other desktops refresh when something changed (store/changelistener.h): one
            // notification per table and transaction, however many rows it wrote.
            QStringLiteral(R"(CREATE FUNCTION refunddesk_notify() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_notify('refunddesk_changes', TG_TABLE_NAME); RETURN NULL; END $$)"),
            QStringLiteral("CREATE TRIGGER accounts_notify AFTER INSERT OR UPDATE OR DELETE ON "
                           "accounts FOR EACH STATEMENT EXECUTE FUNCTION refunddesk_notify()"),
            QStringLiteral("CREATE TRIGGER invoices_notify AFTER INSERT OR UPDATE OR DELETE ON "
                           "invoices FOR EACH STATEMENT EXECUTE FUNCTION refunddesk_notify()"),
            QStringLiteral("CREATE TRIGGER refunds_notify AFTER INSERT OR UPDATE OR DELETE ON "
                           "refunds FOR EACH STATEMENT EXECUTE FUNCTION refunddesk_notify()"),
            QStringLiteral("CREATE TRIGGER chargebacks_notify AFTER INSERT OR UPDATE OR DELETE "
                           "ON chargebacks FOR EACH STATEMENT EXECUTE FUNCTION "
                           "refunddesk_notify()"),
            QStringLiteral("CREATE TRIGGER outbox_notify AFTER INSERT OR UPDATE OR DELETE ON "
                           "outbox FOR EACH STATEMENT EXECUTE FUNCTION refunddesk_notify()"),
        },
        // 1 -> 2 and 2 -> 3: the search column above already folds and matches word starts.
        {},
        {},
        // 3 -> 4: maker-checker, as in SQLite's step; the server stamps who asked and who
        // decided (current_user), so neither can be claimed by a client.
        approvalTables(QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
                       QStringLiteral("BIGINT")) +
            QStringList{
                QStringLiteral(R"(CREATE FUNCTION approvals_insert() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.state <> 'awaiting' OR NEW.decided_by <> '' THEN
                        RAISE EXCEPTION 'an approval request starts awaiting approval';
                    END IF;
                    NEW.requested_by := current_user;
                    RETURN NEW;
                END $$)"),
                QStringLiteral(
                    "CREATE TRIGGER approvals_insert BEFORE INSERT ON approvals FOR EACH "
                    "ROW EXECUTE FUNCTION approvals_insert()"),
                QStringLiteral(R"(CREATE FUNCTION approvals_decide() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.state <> 'awaiting' OR NEW.account_id <> OLD.account_id
                       OR NEW.kind <> OLD.kind OR NEW.invoice_id <> OLD.invoice_id
                       OR NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency
                       OR NEW.reason <> OLD.reason OR NEW.note <> OLD.note
                       OR NEW.params <> OLD.params OR NEW.requested_by <> OLD.requested_by
                       OR NEW.requested_at <> OLD.requested_at THEN
                        RAISE EXCEPTION 'an approval request is decided once and never edited';
                    END IF;
                    NEW.decided_by := current_user;
                    IF NEW.state = 'approved' AND lower(NEW.decided_by) = lower(OLD.requested_by)
                    THEN
                        RAISE EXCEPTION 'the requester cannot approve their own request';
                    END IF;
                    RETURN NEW;
                END $$)"),
                QStringLiteral(
                    "CREATE TRIGGER approvals_decide BEFORE UPDATE ON approvals FOR EACH "
                    "ROW EXECUTE FUNCTION approvals_decide()"),
                QStringLiteral(
                    "CREATE TRIGGER approvals_notify AFTER INSERT OR UPDATE OR DELETE ON "
                    "approvals FOR EACH STATEMENT EXECUTE FUNCTION refunddesk_notify()"),
            },
        // 4 -> 5: the request-rate ceiling, as in SQLite's step.
        {
            QStringLiteral("ALTER TABLE accounts ADD COLUMN max_rps INTEGER NOT NULL DEFAULT 0 "
                           "CHECK (max_rps >= 0)"),
        },
        // 5 -> 6: the bulk file row an approval request was filed for, as in SQLite's step.
        {
            QStringLiteral("ALTER TABLE approvals ADD COLUMN request_key TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("CREATE INDEX approvals_request_key ON approvals(account_id, "
                           "request_key) WHERE request_key <> ''"),
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION approvals_decide() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.state <> 'awaiting' OR NEW.account_id <> OLD.account_id
                       OR NEW.kind <> OLD.kind OR NEW.invoice_id <> OLD.invoice_id
                       OR NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency
                       OR NEW.reason <> OLD.reason OR NEW.note <> OLD.note
                       OR NEW.params <> OLD.params OR NEW.requested_by <> OLD.requested_by
                       OR NEW.requested_at <> OLD.requested_at
                       OR NEW.request_key <> OLD.request_key THEN
                        RAISE EXCEPTION 'an approval request is decided once and never edited';
                    END IF;
                    NEW.decided_by := current_user;
                    IF NEW.state = 'approved' AND lower(NEW.decided_by) = lower(OLD.requested_by)
                    THEN
                        RAISE EXCEPTION 'the requester cannot approve their own request';
                    END IF;
                    RETURN NEW;
                END $$)"),
        },
        // 6 -> 7: the server stamps the requester, so a request filed again because its
        // approval reached nothing would otherwise name the approver who files it, and the
        // first requester could then approve their own refund. Such a request names the one it
        // repeats (refiled_from) and keeps that one's requester, when it is the same request,
        // filed once, by the approver whose approval was closed unsent.
        {
            QStringLiteral(
                "ALTER TABLE approvals ADD COLUMN refiled_from BIGINT NOT NULL DEFAULT 0"),
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION approvals_insert() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    asker TEXT;
                BEGIN
                    IF NEW.state <> 'awaiting' OR NEW.decided_by <> '' THEN
                        RAISE EXCEPTION 'an approval request starts awaiting approval';
                    END IF;
                    IF NEW.refiled_from = 0 THEN
                        NEW.requested_by := current_user;
                        RETURN NEW;
                    END IF;
                    SELECT a.requested_by INTO asker FROM approvals a
                        JOIN outbox o ON o.operation_id = a.operation_id
                     WHERE a.id = NEW.refiled_from AND a.state = 'approved'
                       AND a.decided_by = current_user AND o.state = 'rejected'
                       AND a.account_id = NEW.account_id AND a.kind = NEW.kind
                       AND a.invoice_id = NEW.invoice_id AND a.amount = NEW.amount
                       AND a.currency = NEW.currency AND a.reason = NEW.reason
                       AND a.note = NEW.note AND a.params = NEW.params
                       AND a.request_key = NEW.request_key
                       AND NOT EXISTS (SELECT 1 FROM approvals b
                                        WHERE b.refiled_from = NEW.refiled_from);
                    IF asker IS NULL THEN
                        RAISE EXCEPTION 'only its approver files a request again, unchanged, once';
                    END IF;
                    NEW.requested_by := asker;
                    RETURN NEW;
                END $$)"),
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION approvals_decide() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.state <> 'awaiting' OR NEW.account_id <> OLD.account_id
                       OR NEW.kind <> OLD.kind OR NEW.invoice_id <> OLD.invoice_id
                       OR NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency
                       OR NEW.reason <> OLD.reason OR NEW.note <> OLD.note
                       OR NEW.params <> OLD.params OR NEW.requested_by <> OLD.requested_by
                       OR NEW.requested_at <> OLD.requested_at
                       OR NEW.request_key <> OLD.request_key
                       OR NEW.refiled_from <> OLD.refiled_from THEN
                        RAISE EXCEPTION 'an approval request is decided once and never edited';
                    END IF;
                    NEW.decided_by := current_user;
                    IF NEW.state = 'approved' AND lower(NEW.decided_by) = lower(OLD.requested_by)
                    THEN
                        RAISE EXCEPTION 'the requester cannot approve their own request';
                    END IF;
                    RETURN NEW;
                END $$)"),
        },
        // 7 -> 8: a b-tree entry holds at most about 2,700 bytes, so a gateway's overlong
        // customer name or email failed the whole page's insert. The indexes keep the first 256
        // characters (at most 1 KiB), enough to order by; the rows keep the whole text.
        {
            QStringLiteral("DROP INDEX invoices_customer"),
            QStringLiteral("CREATE INDEX invoices_customer ON invoices((left(customer, 256) "
                           "COLLATE nocase))"),
            QStringLiteral("DROP INDEX invoices_email"),
            QStringLiteral(
                "CREATE INDEX invoices_email ON invoices((left(email, 256) COLLATE nocase))"),
        },
    };
    return steps;
}

const QList<QStringList> &migrations()
{
    return sqliteSteps();
}

const QList<QStringList> &migrations(Backend backend)
{
    return backend == Backend::Postgres ? postgresSteps() : sqliteSteps();
}

QHash<QString, QString> sqliteDefinitionsOn(const QString &table)
{
    // Read once per process: every writable open of a cache asks (bulkload::finish()). A plain
    // scan, not regular expressions: compiling and running those was most of that open's check.
    static const QHash<QString, QHash<QString, QString>> byTable = [] {
        QHash<QString, QString> tableOf; // object name -> its table
        QHash<QString, QString> sqlOf;   // object name -> its CREATE statement
        for (const QStringList &step : sqliteSteps()) {
            for (const QString &sql : step) {
                const StatementTarget target = statementTarget(sql);
                switch (target.kind) {
                case StatementTarget::DropObject:
                    tableOf.remove(target.name);
                    sqlOf.remove(target.name);
                    break;
                case StatementTarget::DropTable:
                    // A dropped table takes its indexes and triggers with it.
                    for (const QString &name : tableOf.keys(target.name)) {
                        tableOf.remove(name);
                        sqlOf.remove(name);
                    }
                    break;
                case StatementTarget::CreateObject:
                    tableOf.insert(target.name, target.table);
                    sqlOf.insert(target.name, sql);
                    break;
                case StatementTarget::Other:
                    break;
                }
            }
        }
        QHash<QString, QHash<QString, QString>> out;
        for (auto it = tableOf.cbegin(); it != tableOf.cend(); ++it)
            out[it.value()].insert(it.key(), sqlOf.value(it.key()));
        return out;
    }();
    return byTable.value(table);
}

int latestVersion()
{
    Q_ASSERT(sqliteSteps().size() == postgresSteps().size());
    return int(sqliteSteps().size());
}

} // namespace rd::schema
