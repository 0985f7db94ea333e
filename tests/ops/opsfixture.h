// A cache on a temporary file with one account and one paid invoice, for the unit tests of
// RefundService and Reconciler.
#pragma once

#include "store/accountrepository.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/outboxrepository.h"
#include "store/recordrepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace rdtest {

struct OpsFixture
{
    QTemporaryDir dir;
    rd::Database db;
    rd::Account account;

    bool open(rd::Dialect dialect, qint64 captured, const QString &currency = QStringLiteral("USD"))
    {
        QString error;
        if (!db.open(dir.filePath(QStringLiteral("cache.sqlite3")), &error))
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
        for (const rd::AuditEntry &e : rd::AuditLog(db).forOperation(operationId))
            out << e.action + QLatin1Char(':') + e.outcome;
        return out;
    }
};

} // namespace rdtest
