// Power-cut safety of the cache: while another connection commits operations (outbox entry,
// audit rows, the refund that settles the previous entry) the cache file and its WAL are copied
// at random moments, as a power cut would leave them on disk. Every copy must open intact and
// hold whole operations only: never an outbox entry without its audit row, never a settled
// entry without its refund.
#include "backgroundwriter.h"
#include "domain/records.h"
#include "store/accountrepository.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/outboxrepository.h"
#include "store/recordrepository.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

QString operationOf(int n)
{
    return QStringLiteral("rdop_cut%1").arg(n);
}
QString refundOf(int n)
{
    return QStringLiteral("re_cut%1").arg(n);
}

QVariant scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return QVariant();
    return q.value(0);
}

// Each batch queues operation n (n = the entries so far) and settles operation n-1 with its
// refund, in one transaction, so every committed state has exactly one pending entry (the newest)
// and n settled ones. n comes from the cache, not the writer's count, which also counts batches
// that could not begin.
bool writeBatch(Database &db, qint64 accountId)
{
    QSqlQuery count(db.connection());
    if (!count.exec(QStringLiteral("SELECT COUNT(*) FROM outbox")) || !count.next())
        return false;
    const int n = count.value(0).toInt();
    // Bounded, so a slow machine that takes the copies late checks a cache of known size; the
    // copies taken after this point see a cache at rest, which must be whole as well.
    if (n >= 1000) {
        QThread::msleep(2);
        return true;
    }
    QString why;
    OutboxEntry e;
    e.operationId = operationOf(n);
    e.accountId = accountId;
    e.invoiceId = QStringLiteral("ch_%1").arg(n);
    e.amount = Money(100 + n, u"EUR");
    e.reason = QStringLiteral("requested_by_customer");
    // Long enough that the WAL grows past the auto-checkpoint size during the test.
    e.note = QString(1500, QLatin1Char('n'));
    e.params = QJsonObject{{QStringLiteral("batch"), n}};
    e.idempotencyKey = QStringLiteral("rdkey_cut%1").arg(n);
    if (!OutboxRepository(db).insert(e, &why))
        return false;
    AuditEntry queued;
    queued.account = QStringLiteral("Cut");
    queued.invoiceId = e.invoiceId;
    queued.operationId = e.operationId;
    queued.action = QStringLiteral("queue");
    queued.amount = e.amount;
    queued.idempotencyKey = e.idempotencyKey;
    queued.outcome = QStringLiteral("pending");
    if (!AuditLog(db).append(queued, &why))
        return false;
    if (n == 0)
        return true;

    Refund r;
    r.gatewayId = refundOf(n - 1);
    r.invoiceId = QStringLiteral("ch_%1").arg(n - 1);
    r.amount = Money(100 + n - 1, u"EUR");
    r.gatewayStatus = QStringLiteral("succeeded");
    r.status = CommonStatus::Succeeded;
    r.operationId = operationOf(n - 1);
    r.createdAt = QDateTime::currentDateTimeUtc();
    if (!OutboxRepository(db).transition(operationOf(n - 1), OutboxState::Succeeded, r.gatewayId,
                                         QString(), &why) ||
        !RecordRepository(db).upsertRefunds(accountId, {r}, &why))
        return false;
    AuditEntry result = queued;
    result.invoiceId = r.invoiceId;
    result.operationId = r.operationId;
    result.action = QStringLiteral("result");
    result.amount = r.amount;
    result.idempotencyKey = QStringLiteral("rdkey_cut%1").arg(n - 1);
    result.outcome = QStringLiteral("succeeded");
    return AuditLog(db).append(result, &why);
}

} // namespace

class TestPowerCut : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void copiesTakenDuringWritesAreWhole();
};

void TestPowerCut::copiesTakenDuringWritesAreWhole()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cache.sqlite3"));
    QString error;
    qint64 accountId = 0;
    {
        Database db;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        const auto account =
            AccountRepository(db).add(QStringLiteral("Cut"), Dialect::Stripe,
                                      QStringLiteral("https://api.stripe.com"), &error);
        QVERIFY2(account, qPrintable(error));
        accountId = account->id;
    }

    rdtest::BackgroundWriter writer(
        path, [accountId](Database &db, int) { return writeBatch(db, accountId); });
    QVERIFY(writer.waitForCommitted(1));

    // A reader's snapshot stops the writer from restarting the WAL between the two file copies,
    // which a power cut (both files frozen at one instant) could never show; checkpoints into
    // the main file and commits appended to the WAL, torn last frame included, still happen.
    QSqlDatabase reader =
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reader"));
    reader.setDatabaseName(path);
    QVERIFY(reader.open());
    // Closes the reader however the test ends, before its connection is removed.
    const auto removeReader = qScopeGuard([&reader] {
        reader.close();
        reader = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("reader"));
    });

    const int copies = 40;
    int largest = 0;
    for (int i = 0; i < copies; ++i) {
        QThread::usleep(QRandomGenerator::global()->bounded(20000));
        const QString copyDir = dir.filePath(QStringLiteral("copy%1").arg(i));
        QVERIFY(QDir().mkpath(copyDir));
        const QString copy = copyDir + QStringLiteral("/cache.sqlite3");
        {
            QSqlQuery hold(reader);
            QVERIFY(hold.exec(QStringLiteral("BEGIN")));
            QVERIFY(hold.exec(QStringLiteral("SELECT COUNT(*) FROM outbox")) && hold.next());
            QVERIFY(QFile::copy(path, copy));
            if (QFile::exists(path + QStringLiteral("-wal")))
                QVERIFY(QFile::copy(path + QStringLiteral("-wal"), copy + QStringLiteral("-wal")));
            QVERIFY(hold.exec(QStringLiteral("COMMIT")));
        }

        const QString name = QStringLiteral("copy%1").arg(i);
        int entries = 0;
        {
            QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            c.setDatabaseName(copy);
            QVERIFY(c.open());
            QCOMPARE(scalar(c, QStringLiteral("PRAGMA integrity_check")).toString(),
                     QStringLiteral("ok"));
            entries = scalar(c, QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt();
            QVERIFY2(entries >= 1, "the writer had committed before the first copy");
            largest = qMax(largest, entries);
            // Whole operations only: batches 0..entries-1, the newest pending, each earlier
            // one settled with its refund and both audit rows.
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral(
                "SELECT o.operation_id, o.state, o.result_id, o.amount, "
                "  (SELECT COUNT(*) FROM audit_log a WHERE a.operation_id = o.operation_id "
                "     AND a.action = 'queue'), "
                "  (SELECT COUNT(*) FROM audit_log a WHERE a.operation_id = o.operation_id "
                "     AND a.action = 'result'), "
                "  (SELECT COUNT(*) FROM refunds r WHERE r.account_id = o.account_id "
                "     AND r.gateway_id = o.result_id AND r.operation_id = o.operation_id "
                "     AND r.amount = o.amount), "
                "  json_extract(o.params, '$.batch') "
                "FROM outbox o ORDER BY o.id")));
            int n = 0;
            for (; q.next(); ++n) {
                const QString op = q.value(0).toString();
                QCOMPARE(op, operationOf(n));
                QCOMPARE(q.value(7).toInt(), n);
                QCOMPARE(q.value(3).toLongLong(), qint64(100 + n));
                QCOMPARE(q.value(4).toInt(), 1);
                const bool newest = n == entries - 1;
                QCOMPARE(q.value(1).toString(),
                         newest ? QStringLiteral("pending") : QStringLiteral("succeeded"));
                QCOMPARE(q.value(2).toString(), newest ? QString() : refundOf(n));
                QCOMPARE(q.value(5).toInt(), newest ? 0 : 1);
                QCOMPARE(q.value(6).toInt(), newest ? 0 : 1);
            }
            QCOMPARE(n, entries);
            QCOMPARE(scalar(c, QStringLiteral("SELECT COUNT(*) FROM refunds")).toInt(),
                     entries - 1);
            c.close();
        }
        QSqlDatabase::removeDatabase(name);

        // And RefundDesk itself, starting on the copy as after the power came back: it opens
        // (WAL recovery, no migration trouble) and sees the one open operation reconcile must
        // resolve.
        Database product;
        QVERIFY2(product.open(copy, &error), qPrintable(error));
        const auto open = OutboxRepository(product).openEntries();
        QVERIFY2(open, qPrintable(open.error()));
        QCOMPARE(open->size(), 1);
        QCOMPARE(open->first().operationId, operationOf(entries - 1));
    }
    qInfo("%d copies, up to %d operations in one, %d batches committed", copies, largest,
          writer.committed());
}

QTEST_GUILESS_MAIN(TestPowerCut)
#include "tst_powercut.moc"
