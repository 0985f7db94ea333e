// Integration harness for the exactly-once tests: the real sandbox, a store (a cache file, or a
// PostgreSQL database of its own) driven by the real refunddesk-cli, and read-only looks at what
// the sandbox and the store hold afterwards.
#pragma once

#include "clirunner.h"
#include "sandboxprocess.h"
#include "testbackend.h"

#include "gateway/gatewayfactory.h"
#include "secretstore.h"
#include "store/accountrepository.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/outboxrepository.h"
#include "store/recordrepository.h"

#include <QEventLoop>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <optional>

namespace rdtest {

class OpsHarness
{
    // Before db, so the store outlives its connection.
    TestStore m_testStore;

public:
    static constexpr const char *accountName = "Ops Test";

    // On a SQLite cache file unless told otherwise.
    explicit OpsHarness(Backend backend = Backend::Sqlite) : m_testStore(backend) {}

    // Starts the sandbox and registers one account of `dialect` through the CLI. False with the
    // reason in `error` (when given) and in error().
    bool setUp(const QString &dialect, QString *error = nullptr,
               const QStringList &sandboxArgs = {})
    {
        m_dialect = dialect;
        QString why;
        if (m_store.isEmpty()) {
            m_store = m_testStore.address(QStringLiteral("cache"), &why);
            if (m_store.isEmpty())
                return fail(error, why);
        }
        if (!sandbox.start(sandboxArgs, &why))
            return fail(error, why);
        m_cli = std::make_unique<CliRunner>(dbPath());
        m_cli->setEnv(rd::SecretStore::environmentVariable(QString::fromLatin1(accountName)),
                      SandboxProcess::secret(dialect));
        m_cli->setEnv(QStringLiteral("REFUNDDESK_TEST_CRASH_AT"), QString());
        const CliResult added =
            cli({QStringLiteral("accounts"), QStringLiteral("add"),
                 QString::fromLatin1(accountName), QStringLiteral("--gateway"), dialect,
                 QStringLiteral("--base-url"), sandbox.baseUrl(dialect)});
        if (added.exitCode != 0)
            return fail(error, QStringLiteral("accounts add: ") + added.err);
        if (!db.open(dbPath(), &why))
            return fail(error, why);
        const auto a = rd::AccountRepository(db).findByName(QString::fromLatin1(accountName));
        if (!a)
            return fail(error, QStringLiteral("account not stored"));
        account = *a;
        return true;
    }

    // The start most scenarios share: setUp() and one new paid invoice, synced into the cache and
    // kept in `invoice`. False with the reason in error().
    bool setUpWithFreshInvoice(const QString &dialect)
    {
        if (!setUp(dialect))
            return false;
        const QStringList ids = freshInvoices(1, nullptr);
        if (ids.isEmpty())
            return false;
        invoice = *cachedInvoice(ids.first()); // freshInvoices() checked it is cached
        return true;
    }

    // Why the last setUp step failed.
    const QString &error() const { return m_error; }

    // The store: the cache file or PostgreSQL database of the harness's backend, or the one set
    // by useStore(). Known once setUp() began.
    const QString &dbPath() const { return m_store; }
    // Before setUp(): work on this store (a PostgreSQL address) instead of a fresh one.
    void useStore(const QString &address) { m_store = address; }
    // A path for the test's other files (exports, bulk files), on either backend.
    QString filePath(const QString &name) const { return m_testStore.filePath(name); }
    // Fresh stores of the harness's backend, e.g. a second desktop's.
    TestStore &stores() { return m_testStore; }
    const QString &dialect() const { return m_dialect; }

    // Where `person` works on the store: on SQLite the same cache file (the CLI takes who acts
    // from REFUNDDESK_USER); on PostgreSQL the database, logged in as a login role of the
    // person's own that the team made an approver, on first use (names ignoring case, as the
    // store compares them). Empty, with the reason in `error`, when that failed.
    QString storeFor(const QString &person, QString *error)
    {
        if (!db.isPostgres())
            return m_store;
        const QString key = person.toLower();
        if (const auto known = m_people.constFind(key); known != m_people.cend())
            return m_testStore.postgres()->address(*known);
        PgTestDatabase *pg = m_testStore.postgres();
        if (!pg) {
            *error = QStringLiteral("people need the harness's own PostgreSQL database");
            return QString();
        }
        if (m_people.isEmpty()) {
            const CliResult init = cli({QStringLiteral("team"), QStringLiteral("init")});
            if (init.exitCode != 0) {
                *error = QStringLiteral("team init: ") + init.err;
                return QString();
            }
        }
        const QString role = pg->createLoginRole(key, error);
        if (role.isEmpty())
            return QString();
        const CliResult granted = cli(
            {QStringLiteral("team"), QStringLiteral("grant"), role, QStringLiteral("approver")});
        if (granted.exitCode != 0) {
            *error = QStringLiteral("team grant: ") + granted.err;
            return QString();
        }
        m_people.insert(key, role);
        return pg->address(role);
    }
    // refunddesk-cli acting as `person` on the store (see storeFor()), or on `store` when given
    // (someone else's cache or database, where REFUNDDESK_USER names them).
    CliResult cliAs(const QString &person, const QStringList &args,
                    const QString &store = QString())
    {
        QString error;
        const QString where = store.isEmpty() ? storeFor(person, &error) : store;
        if (where.isEmpty())
            return CliResult{-1, QString(), error, false};
        CliRunner runner(where);
        const QProcessEnvironment env = environment();
        for (const QString &key : env.keys())
            runner.setEnv(key, env.value(key));
        runner.setEnv(QStringLiteral("REFUNDDESK_USER"), person);
        return runner.run(args);
    }
    // Runs `sql` on the store directly, around RefundDesk, as `person`: on SQLite through this
    // harness's connection (the row names the person); on PostgreSQL logged in as the person's
    // login role (see storeFor()), which the server's triggers go by. False with the store's
    // words in `error`.
    bool execAs(const QString &person, const QString &sql, QString *error)
    {
        if (!db.isPostgres()) {
            QSqlQuery q(db.connection());
            if (q.exec(sql))
                return true;
            *error = q.lastError().text();
            return false;
        }
        if (storeFor(person, error).isEmpty())
            return false;
        return m_testStore.postgres()->execAs(userOf(person), sql, error);
    }
    // The user the store records for `person` (after storeFor()): the person on SQLite, their
    // login role on PostgreSQL.
    QString userOf(const QString &person) const
    {
        return db.isPostgres() ? m_people.value(person.toLower()) : person;
    }

    CliResult cli(const QStringList &args, const QString &crashAt = QString()) const
    {
        CliRunner runner = *m_cli;
        if (!crashAt.isEmpty())
            runner.setEnv(QStringLiteral("REFUNDDESK_TEST_CRASH_AT"), crashAt);
        return runner.run(args);
    }
    // The environment a refunddesk-cli process of this harness runs with.
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("REFUNDDESK_DB"));
        env.insert(rd::SecretStore::environmentVariable(QString::fromLatin1(accountName)),
                   SandboxProcess::secret(m_dialect));
        return env;
    }

    // `command` run on this harness's account, then `rest`: "refund cancel --account A ...".
    QStringList forAccount(const QStringList &command, const QStringList &rest = {}) const
    {
        return command +
               QStringList{QStringLiteral("--account"), QString::fromLatin1(accountName)} + rest;
    }

    // A refund of `amount` (a decimal string), or of everything left when it is empty.
    QStringList refundArgs(const QString &invoiceId, const QString &amount) const
    {
        QStringList args =
            forAccount({QStringLiteral("refund")}, {QStringLiteral("--invoice"), invoiceId});
        if (amount.isEmpty())
            args << QStringLiteral("--full");
        else
            args << QStringLiteral("--amount") << amount;
        return args;
    }
    CliResult refund(const QString &invoiceId, const QString &amount, const QStringList &extra = {},
                     const QString &crashAt = QString()) const
    {
        return cli(refundArgs(invoiceId, amount) + extra, crashAt);
    }

    // The fresh invoice's id, and minor units of its currency as the decimal string the CLI takes.
    const QString &invoiceId() const { return invoice.gatewayId; }
    QString amountText(qint64 minor) const
    {
        return rd::Money(minor, invoice.amount.currency()).toDecimalString();
    }

    // How many requests reached the sandbox since sandbox.resetStats().
    qint64 requestsSeen() { return sandbox.stats().value(QStringLiteral("total")).toInteger(); }

    // What `outbox` prints: the open operations, or nothingOpen().
    QString openOperations() const { return cli({QStringLiteral("outbox")}).out.trimmed(); }
    static QString nothingOpen() { return QStringLiteral("no pending or unknown operations"); }

    // The audit trail of an operation queued, sent once and answered with `outcome`.
    static QStringList sentOnce(const QString &outcome)
    {
        return {QStringLiteral("queue:pending"), QStringLiteral("send:pending"),
                QStringLiteral("result:") + outcome};
    }

    // New paid invoices at the sandbox, brought into the cache; their gateway ids.
    QStringList freshInvoices(int count, QString *error)
    {
        const QStringList ids = sandbox.createInvoices(m_dialect, count);
        if (ids.size() != count) {
            fail(error, QStringLiteral("the sandbox created %1 invoices").arg(ids.size()));
            return {};
        }
        if (!populateCache(error))
            return {};
        for (const QString &id : ids) {
            if (!cachedInvoice(id)) {
                fail(error, QStringLiteral("invoice %1 is not in the cache after sync").arg(id));
                return {};
            }
        }
        return ids;
    }

    // Brings the account's invoices, refunds and chargebacks into the cache: a real sync.
    bool populateCache(QString *error)
    {
        const CliResult r = cli(forAccount({QStringLiteral("sync")}));
        if (r.exitCode != 0)
            return fail(error, QStringLiteral("sync exited %1: %2").arg(r.exitCode).arg(r.err));
        return true;
    }

    // What the sandbox holds for an invoice: refunds, or chargebacks on IntaSend.
    struct Created
    {
        int count = 0;
        qint64 total = 0;
        QStringList ids;
        QStringList operationIds;
        QList<rd::Refund> refunds; // as listed, for the dialects that refund
        bool ok = false;
    };
    Created createdAtGateway(const QString &invoiceId)
    {
        Created c;
        auto gateway = rd::createGateway(account, SandboxProcess::secret(m_dialect));
        QString cursor;
        for (int page = 0; page < 50; ++page) {
            rd::ListRequest request;
            request.invoiceId = invoiceId;
            request.cursor = cursor;
            if (m_dialect == QLatin1String("intasend")) {
                const auto r = wait<rd::Page<rd::Chargeback>>(
                    [&](auto done) { gateway->listChargebacks(request, done); });
                if (!r.ok())
                    return c;
                for (const rd::Chargeback &x : r.value.items) {
                    if (x.invoiceId != invoiceId || x.status == rd::CommonStatus::Failed)
                        continue;
                    ++c.count;
                    c.total += x.amount.minorUnits();
                    c.ids << x.gatewayId;
                    c.operationIds << x.operationId;
                }
                cursor = r.value.nextCursor;
            } else {
                const auto r = wait<rd::Page<rd::Refund>>(
                    [&](auto done) { gateway->listRefunds(request, done); });
                if (!r.ok())
                    return c;
                for (const rd::Refund &x : r.value.items) {
                    if (x.invoiceId != invoiceId || x.status == rd::CommonStatus::Failed ||
                        x.status == rd::CommonStatus::Canceled)
                        continue;
                    ++c.count;
                    c.total += x.amount.minorUnits();
                    c.ids << x.gatewayId;
                    c.operationIds << x.operationId;
                    c.refunds << x;
                }
                cursor = r.value.nextCursor;
            }
            if (cursor.isEmpty())
                break;
        }
        c.ok = true;
        return c;
    }

    // What the cache holds for an invoice, the same way.
    Created createdInCache(const QString &invoiceId)
    {
        Created c;
        const bool chargebacks = m_dialect == QLatin1String("intasend");
        QSqlQuery q(db.connection());
        q.prepare(
            QStringLiteral("SELECT gateway_id, amount, operation_id FROM %1 WHERE "
                           "account_id = ? AND invoice_id = ? AND status NOT IN "
                           "('failed','canceled')")
                .arg(chargebacks ? QStringLiteral("chargebacks") : QStringLiteral("refunds")));
        q.bindValue(0, account.id);
        q.bindValue(1, invoiceId);
        c.ok = q.exec();
        while (q.next()) {
            ++c.count;
            c.ids << q.value(0).toString();
            c.total += q.value(1).toLongLong();
            c.operationIds << q.value(2).toString();
        }
        return c;
    }

    // The first cached refund in `status` (e.g. "requires_action"), with its invoice.
    std::optional<rd::Refund> cachedRefundIn(const QString &status)
    {
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT gateway_id, invoice_id FROM refunds WHERE account_id = ? "
                                 "AND status = ? ORDER BY id LIMIT 1"));
        q.bindValue(0, account.id);
        q.bindValue(1, status);
        if (!q.exec() || !q.next())
            return std::nullopt;
        for (const rd::Refund &r :
             rd::RecordRepository(db).refundsOf(account.id, q.value(1).toString()).value()) {
            if (r.gatewayId == q.value(0).toString())
                return r;
        }
        return std::nullopt;
    }

    std::optional<rd::Invoice> cachedInvoice(const QString &id)
    {
        return rd::RecordRepository(db).invoice(account.id, id).value();
    }
    QList<rd::OutboxEntry> outbox(const QString &invoiceId)
    {
        return rd::OutboxRepository(db).entriesOf(account.id, invoiceId).value();
    }
    QStringList auditTrail(const QString &operationId)
    {
        QStringList out;
        for (const rd::AuditEntry &e : rd::AuditLog(db).forOperation(operationId).value())
            out << e.action + QLatin1Char(':') + e.outcome;
        return out;
    }
    QList<rd::AuditEntry> auditOfInvoice(const QString &invoiceId)
    {
        return rd::AuditLog(db).forInvoice(QString::fromLatin1(accountName), invoiceId).value();
    }

    SandboxProcess sandbox;
    rd::Database db;
    rd::Account account;
    rd::Invoice invoice; // set by setUpWithFreshInvoice()

private:
    template <typename T, typename Start> static rd::GatewayResult<T> wait(Start start)
    {
        std::optional<rd::GatewayResult<T>> result;
        QEventLoop loop;
        start([&](const rd::GatewayResult<T> &r) {
            result = r;
            loop.quit();
        });
        if (!result)
            loop.exec();
        return *result;
    }
    bool fail(QString *error, const QString &why)
    {
        m_error = why;
        if (error)
            *error = why;
        return false;
    }

    QString m_store;
    QHash<QString, QString> m_people; // person (lower case) -> login role, on PostgreSQL
    QString m_dialect;
    QString m_error;
    std::unique_ptr<CliRunner> m_cli;
};

// The five gateway dialects, in the order the data-driven tests list them.
inline QStringList allDialects()
{
    return {QStringLiteral("stripe"), QStringLiteral("wooshpay"), QStringLiteral("chargebee"),
            QStringLiteral("processout"), QStringLiteral("intasend")};
}

// A `dialect` column with one row per dialect, named after it.
inline void addDialectRows()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : allDialects())
        QTest::addRow("%s", qPrintable(d)) << d;
}

// Minor units of a fraction of an invoice, as a decimal string the CLI takes.
inline QString major(qint64 minor, const QString &currency)
{
    return rd::Money(minor, currency).toDecimalString();
}

} // namespace rdtest
