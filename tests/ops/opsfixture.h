// A store with one account and one paid invoice (and an in-memory gateway), for the unit tests
// of RefundService and Reconciler, and the waits for their finished() signal. The store is a
// temporary SQLite file, or a PostgreSQL database of its own for the PostgreSQL row.
#pragma once

#include "fakegateway.h"
#include "testbackend.h"

#include "ops/reconciler.h"
#include "ops/refundservice.h"
#include "store/accountrepository.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/outboxrepository.h"
#include "store/recordrepository.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace rdtest {

struct OpsFixture
{
    explicit OpsFixture(Backend backend = Backend::Sqlite) : store(backend) {}

    TestStore store; // outlives db
    rd::Database db;
    rd::Account account;
    QString error; // why open() failed

    bool open(rd::Dialect dialect, qint64 captured, const QString &currency = QStringLiteral("USD"))
    {
        const QString address = store.address(QStringLiteral("cache"), &error);
        if (address.isEmpty() || !db.open(address, &error))
            return false;
        const auto added = rd::AccountRepository(db).add(
            QStringLiteral("Main"), dialect, QStringLiteral("http://127.0.0.1:9/x"), &error);
        if (!added)
            return false;
        account = *added;
        rd::Invoice inv;
        inv.gatewayId = QStringLiteral("inv_1");
        inv.amount = rd::Money(captured, currency);
        inv.amountRefunded = rd::Money(0, currency);
        inv.status = rd::CommonStatus::Succeeded;
        inv.gatewayStatus = QStringLiteral("succeeded");
        inv.createdAt = QDateTime::currentDateTimeUtc().addDays(-1);
        return rd::RecordRepository(db).upsertInvoices(account.id, {inv}, &error);
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    QStringList auditTrail(const QString &operationId)
    {
        QStringList out;
        for (const rd::AuditEntry &e : rd::AuditLog(db).forOperation(operationId).value())
            out << e.action + QLatin1Char(':') + e.outcome;
        return out;
    }

    std::optional<rd::OutboxEntry> outboxEntry(const QString &operationId)
    {
        return rd::OutboxRepository(db).find(operationId).value();
    }

    // An outbox entry for the invoice that was queued and never sent.
    rd::OutboxEntry unsentEntry(const rd::Money &amount) const
    {
        rd::OutboxEntry e;
        e.operationId = rd::OutboxRepository::newId(u"rdop_");
        e.idempotencyKey = rd::OutboxRepository::newId(u"rdkey_");
        e.accountId = account.id;
        e.invoiceId = QStringLiteral("inv_1");
        e.amount = amount;
        return e;
    }
};

// OpsFixture with an in-memory gateway of the invoice's dialect: 10.00 USD unless told otherwise.
struct GatewayFixture : OpsFixture
{
    explicit GatewayFixture(rd::Dialect dialect, Backend backend = Backend::Sqlite)
        : OpsFixture(backend), gateway(dialect)
    {}

    bool open(qint64 captured = 1000, const QString &currency = QStringLiteral("USD"))
    {
        return OpsFixture::open(gateway.dialect(), captured, currency);
    }
    // Hands the in-memory gateway to a Reconciler for every account.
    rd::Reconciler::GatewayProvider provider()
    {
        return [this](const rd::Account &, QString *) -> rd::Gateway * { return &gateway; };
    }

    // Reconciles every open entry through the gateway; the summary, or an empty one when the
    // reconciler never finished.
    rd::ReconcileSummary reconcile()
    {
        rd::Reconciler r(db, provider());
        QSignalSpy spy(&r, &rd::Reconciler::finished);
        r.reconcile();
        if (spy.isEmpty())
            spy.wait(5000);
        return spy.isEmpty() ? rd::ReconcileSummary()
                             : spy.first().first().value<rd::ReconcileSummary>();
    }

    FakeGateway gateway;
};

// Submits `draft` and waits for its outcome; an empty outcome unless exactly one came.
inline rd::OperationOutcome submitAndWait(rd::RefundService &service, const rd::RefundDraft &draft)
{
    QSignalSpy spy(&service, &rd::RefundService::finished);
    service.submit(draft);
    if (spy.isEmpty())
        spy.wait(5000);
    if (spy.size() != 1)
        return {};
    return spy.first().first().value<rd::OperationOutcome>();
}

} // namespace rdtest
