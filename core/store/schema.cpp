#include "schema.h"

#include "searchfold.h"

namespace rd::schema {

namespace {

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

// Each entry takes the database from version (index) to version (index + 1). Entries are
// never edited once released: a change is a new entry.
const QList<QStringList> &migrations()
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
        // 3 -> 4: each account's request-rate ceiling (requests per second) for syncs and
        // refunds; 0 means the gateway's documented default (see domain/ratelimits.h).
        {
            QStringLiteral("ALTER TABLE accounts ADD COLUMN max_rps INTEGER NOT NULL DEFAULT 0 "
                           "CHECK (max_rps >= 0)"),
        },
    };
    return steps;
}

int latestVersion()
{
    return int(migrations().size());
}

} // namespace rd::schema
