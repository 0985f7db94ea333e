// refunddesk-cli refund --from-csv against the real sandbox: a dry run sends nothing, each row
// gets its outcome, two rows of one invoice cannot together over-refund it, a second run of the
// same file sends nothing, and a run killed halfway finishes on the next run with every row
// sent exactly once. A row above the account's approval threshold waits for approval (exit 8),
// and running the file again files no second request, before or after the approval.
#include "opsharness.h"

#include "ops/bulkrefund.h"
#include "report/csvreader.h"
#include "store/approvalrepository.h"

#include <QFile>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

using namespace rdtest;

namespace {

struct Results
{
    QStringList header;
    QList<QHash<QString, QString>> rows;
    QStringList column(const QString &name) const
    {
        QStringList out;
        for (const auto &r : rows)
            out << r.value(name);
        return out;
    }
};

Results readResults(const QString &path)
{
    Results r;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return r;
    const auto records = rd::parseCsv(QString::fromUtf8(f.readAll()));
    if (!records || records->isEmpty())
        return r;
    r.header = records->first().fields;
    for (qsizetype i = 1; i < records->size(); ++i) {
        QHash<QString, QString> row;
        for (int c = 0; c < r.header.size(); ++c)
            row.insert(r.header.at(c), records->at(i).fields.value(c));
        r.rows << row;
    }
    return r;
}

// refunddesk-cli on the harness's store, acting as `user`.
CliResult as(OpsHarness &h, const QString &user, const QStringList &args)
{
    return h.cliAs(user, args);
}

qint64 approvalRows(OpsHarness &h)
{
    QSqlQuery q(h.db.connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM approvals")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestBulkRefunds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void init();
    void dryRunSendsNothing();
    void rowsSentOnceAndRerunSendsNothing_data();
    void rowsSentOnceAndRerunSendsNothing();
    void fixedAndAddedRowsAreSentOnRerun();
    void killedHalfwayAndRerunSendsEachRowOnce();
    void unreadableFilesSendNothing_data();
    void unreadableFilesSendNothing();
    void rowAboveApprovalThresholdWaitsOnce();

private:
    QString writeFile(const QString &name, const QStringList &lines);
    QStringList bulk(OpsHarness &h, const QString &file, const QString &out, bool dry,
                     CliResult *result);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestBulkRefunds::init()
{
    BACKEND_OR_SKIP();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestBulkRefunds::writeFile(const QString &name, const QStringList &lines)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QString();
    f.write(lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n");
    return path;
}

// Runs the file; returns the outcome column of the results.
QStringList TestBulkRefunds::bulk(OpsHarness &h, const QString &file, const QString &out, bool dry,
                                  CliResult *result)
{
    QStringList args{QStringLiteral("refund"), QStringLiteral("--from-csv"), file,
                     QStringLiteral("--out"), m_dir->filePath(out)};
    if (dry)
        args << QStringLiteral("--dry-run");
    *result = h.cli(args);
    return readResults(m_dir->filePath(out)).column(QStringLiteral("outcome"));
}

void TestBulkRefunds::dryRunSendsNothing()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(QStringLiteral("stripe")), qPrintable(h.error()));
    const QStringList ids = h.freshInvoices(2, nullptr);
    QCOMPARE(ids.size(), 2);
    const rd::Money billed = h.cachedInvoice(ids.at(0))->amount;
    const QString cur = billed.currency();
    const QString half = major(billed.minorUnits() / 2, cur);
    const QString rest = major(billed.minorUnits() - billed.minorUnits() / 2 + 1, cur);
    const QString account = QString::fromLatin1(OpsHarness::accountName);
    // Columns in another order than the results, and with a note that looks like a formula.
    const QString file =
        writeFile(QStringLiteral("rows.csv"),
                  {QStringLiteral("invoice_id,amount,account,note"),
                   QStringLiteral("%1,%2,%3,=first half").arg(ids.at(0), half, account),
                   QStringLiteral("%1,%2,%3,one unit too many").arg(ids.at(0), rest, account),
                   QStringLiteral("%1,full,%2,").arg(ids.at(1), account),
                   QStringLiteral("%1,1.00,Nobody,").arg(ids.at(1)),
                   QStringLiteral("%1,12.3456,%2,").arg(ids.at(1), account)});
    QVERIFY(h.sandbox.resetStats());
    CliResult r;
    const QStringList outcomes = bulk(h, file, QStringLiteral("dry.csv"), true, &r);
    QCOMPARE(outcomes, (QStringList{QStringLiteral("would-send"), QStringLiteral("refused"),
                                    QStringLiteral("would-send"), QStringLiteral("refused"),
                                    QStringLiteral("refused")}));
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QLatin1String("dry run")), qPrintable(r.err));
    QCOMPARE(h.requestsSeen(), 0);
    QVERIFY(h.outbox(ids.at(0)).isEmpty());
    QVERIFY(h.outbox(ids.at(1)).isEmpty());
    QVERIFY(h.auditOfInvoice(ids.at(0)).isEmpty());

    const Results res = readResults(m_dir->filePath(QStringLiteral("dry.csv")));
    QCOMPARE(res.header, rd::bulkResultColumns());
    QCOMPARE(res.rows.at(0).value(QStringLiteral("currency")), cur);
    QCOMPARE(res.rows.at(0).value(QStringLiteral("note")), QStringLiteral("'=first half"));
    QCOMPARE(res.rows.at(0).value(QStringLiteral("amount")), half);
    QVERIFY2(res.rows.at(1).value(QStringLiteral("message")).contains(QLatin1String("refund")),
             qPrintable(res.rows.at(1).value(QStringLiteral("message"))));
    QVERIFY(res.rows.at(3).value(QStringLiteral("message")).contains(QLatin1String("Nobody")));
    QCOMPARE(res.rows.at(2).value(QStringLiteral("amount")), QStringLiteral("full"));
}

void TestBulkRefunds::rowsSentOnceAndRerunSendsNothing_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addRow("stripe") << QStringLiteral("stripe");
    QTest::addRow("processout") << QStringLiteral("processout");
}

void TestBulkRefunds::rowsSentOnceAndRerunSendsNothing()
{
    QFETCH(QString, dialect);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(dialect), qPrintable(h.error()));
    const QStringList ids = h.freshInvoices(2, nullptr);
    QCOMPARE(ids.size(), 2);
    const rd::Money billed = h.cachedInvoice(ids.at(0))->amount;
    const QString cur = billed.currency();
    const qint64 part = billed.minorUnits() / 2;
    const QString account = QString::fromLatin1(OpsHarness::accountName);
    // Two identical rows are two refunds; the third would exceed the invoice.
    const QString file =
        writeFile(QStringLiteral("rows.csv"),
                  {QStringLiteral("account,invoice_id,amount,reason"),
                   QStringLiteral("%1,%2,%3,duplicate").arg(account, ids.at(0), major(part, cur)),
                   QStringLiteral("%1,%2,%3,duplicate").arg(account, ids.at(0), major(part, cur)),
                   QStringLiteral("%1,%2,%3,duplicate")
                       .arg(account, ids.at(0), major(billed.minorUnits() - 2 * part + 1, cur)),
                   QStringLiteral("%1,%2,full,").arg(account, ids.at(1))});
    CliResult r;
    QCOMPARE(bulk(h, file, QStringLiteral("run1.csv"), false, &r),
             (QStringList{QStringLiteral("ok"), QStringLiteral("ok"), QStringLiteral("refused"),
                          QStringLiteral("ok")}));
    QCOMPARE(r.exitCode, 3);
    const Results first = readResults(m_dir->filePath(QStringLiteral("run1.csv")));
    const OpsHarness::Created atGateway = h.createdAtGateway(ids.at(0));
    QCOMPARE(atGateway.count, 2);
    QCOMPARE(atGateway.total, 2 * part);
    QVERIFY(atGateway.ids.contains(first.rows.at(0).value(QStringLiteral("refund_id"))));
    QVERIFY(atGateway.ids.contains(first.rows.at(1).value(QStringLiteral("refund_id"))));
    QCOMPARE(h.createdAtGateway(ids.at(1)).total, h.cachedInvoice(ids.at(1))->amount.minorUnits());
    QCOMPARE(h.outbox(ids.at(0)).size(), 2);

    // The same file again: nothing reaches the gateway, the rows keep their refunds.
    QVERIFY(h.sandbox.resetStats());
    QCOMPARE(bulk(h, file, QStringLiteral("run2.csv"), false, &r),
             (QStringList{QStringLiteral("ok"), QStringLiteral("ok"), QStringLiteral("refused"),
                          QStringLiteral("ok")}));
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(h.requestsSeen(), 0);
    const Results second = readResults(m_dir->filePath(QStringLiteral("run2.csv")));
    QCOMPARE(second.column(QStringLiteral("refund_id")), first.column(QStringLiteral("refund_id")));
    QVERIFY(second.rows.at(0).value(QStringLiteral("message")).contains(QLatin1String("earlier")));
    QCOMPARE(h.createdAtGateway(ids.at(0)).count, 2);
    QCOMPARE(h.outbox(ids.at(0)).size(), 2);
}

void TestBulkRefunds::fixedAndAddedRowsAreSentOnRerun()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(QStringLiteral("stripe")), qPrintable(h.error()));
    const QStringList ids = h.freshInvoices(3, nullptr);
    QCOMPARE(ids.size(), 3);
    const QString account = QString::fromLatin1(OpsHarness::accountName);
    const QString header = QStringLiteral("account,invoice_id,amount");
    const QString bad = QStringLiteral("%1,%2,1.2345").arg(account, ids.at(1));
    const QString file =
        writeFile(QStringLiteral("rows.csv"),
                  {header, QStringLiteral("%1,%2,full").arg(account, ids.at(0)), bad});
    CliResult r;
    QCOMPARE(bulk(h, file, QStringLiteral("run1.csv"), false, &r),
             (QStringList{QStringLiteral("ok"), QStringLiteral("refused")}));
    QCOMPARE(r.exitCode, 3);

    // The refused row fixed and one row added: only those two are sent.
    writeFile(
        QStringLiteral("rows.csv"),
        {header, QStringLiteral("%1,%2,full").arg(account, ids.at(0)),
         QStringLiteral("%1,%2,%3")
             .arg(account, ids.at(1), major(100, h.cachedInvoice(ids.at(1))->amount.currency())),
         QStringLiteral("%1,%2,full").arg(account, ids.at(2))});
    QCOMPARE(bulk(h, file, QStringLiteral("run2.csv"), false, &r),
             (QStringList{QStringLiteral("ok"), QStringLiteral("ok"), QStringLiteral("ok")}));
    QCOMPARE(r.exitCode, 0);
    for (const QString &id : ids)
        QCOMPARE(h.createdAtGateway(id).count, 1);
    QCOMPARE(h.createdAtGateway(ids.at(1)).total, 100);
}

void TestBulkRefunds::killedHalfwayAndRerunSendsEachRowOnce()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(QStringLiteral("stripe")), qPrintable(h.error()));
    const int count = 8;
    const QStringList ids = h.freshInvoices(count, nullptr);
    QCOMPARE(ids.size(), count);
    const QString account = QString::fromLatin1(OpsHarness::accountName);
    QStringList lines{QStringLiteral("account,invoice_id,amount")};
    for (const QString &id : ids)
        lines << QStringLiteral("%1,%2,full").arg(account, id);
    const QString file = writeFile(QStringLiteral("rows.csv"), lines);

    // Slow answers, so the kill lands while rows are still being sent.
    QVERIFY(h.sandbox.armFaults(QJsonObject{{QStringLiteral("latency_ms"), 150}}));
    QProcess p;
    p.setProcessEnvironment(h.environment());
    p.start(QStringLiteral(RD_CLI_PATH),
            {QStringLiteral("--db"), h.dbPath(), QStringLiteral("refund"),
             QStringLiteral("--from-csv"), file});
    QVERIFY(p.waitForStarted());
    const auto queued = [&h] {
        QSqlQuery q(h.db.connection());
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox")) && q.next()
                   ? q.value(0).toInt()
                   : -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(queued() >= count / 2, 60000);
    ::kill(pid_t(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished());
    const int sentBeforeKill = queued();
    QVERIFY2(sentBeforeKill < count, "the run ended before it was killed");
    QVERIFY(h.sandbox.clearFaults());

    CliResult r;
    const QStringList outcomes = bulk(h, file, QStringLiteral("rerun.csv"), false, &r);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(outcomes, QStringList(count, QStringLiteral("ok")));
    const Results res = readResults(m_dir->filePath(QStringLiteral("rerun.csv")));
    int earlier = 0;
    for (int i = 0; i < count; ++i) {
        const OpsHarness::Created c = h.createdAtGateway(ids.at(i));
        QCOMPARE(c.count, 1);
        QCOMPARE(c.total, h.cachedInvoice(ids.at(i))->amount.minorUnits());
        QCOMPARE(c.ids.first(), res.rows.at(i).value(QStringLiteral("refund_id")));
        if (res.rows.at(i).value(QStringLiteral("message")).contains(QLatin1String("earlier")))
            ++earlier;
    }
    // The rows the killed run had committed were answered from the outbox, not sent again.
    QCOMPARE(earlier, sentBeforeKill);
    QCOMPARE(h.openOperations(), OpsHarness::nothingOpen());
}

void TestBulkRefunds::unreadableFilesSendNothing_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("says");
    QTest::addRow("unknown column") << QStringList{QStringLiteral("account,invoice_id,amount,"
                                                                  "reasn"),
                                                   QStringLiteral("A,in_1,1.00,other")}
                                    << QStringLiteral("unknown column \"reasn\"");
    QTest::addRow("missing column")
        << QStringList{QStringLiteral("account,amount"), QStringLiteral("A,1.00")}
        << QStringLiteral("no \"invoice_id\" column");
    QTest::addRow("field count") << QStringList{QStringLiteral("account,invoice_id,amount"),
                                                QStringLiteral("A,in_1,1.00,extra")}
                                 << QStringLiteral("line 2 has 4 fields");
    QTest::addRow("open quote") << QStringList{QStringLiteral("account,invoice_id,amount"),
                                               QStringLiteral("A,\"in_1,1.00")}
                                << QStringLiteral("never closed");
    QTest::addRow("empty") << QStringList{} << QStringLiteral("empty");
}

void TestBulkRefunds::unreadableFilesSendNothing()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, says);
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(QStringLiteral("stripe")), qPrintable(h.error()));
    QVERIFY(h.sandbox.resetStats());
    QFile f(m_dir->filePath(QStringLiteral("bad.csv")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(lines.join(QLatin1Char('\n')).toUtf8());
    f.close();
    const CliResult r =
        h.cli({QStringLiteral("refund"), QStringLiteral("--from-csv"), f.fileName(),
               QStringLiteral("--out"), m_dir->filePath(QStringLiteral("out.csv"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(says), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("nothing was sent")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("out.csv"))));
    QCOMPARE(h.requestsSeen(), 0);
}

void TestBulkRefunds::rowAboveApprovalThresholdWaitsOnce()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(QStringLiteral("stripe")), qPrintable(h.error()));
    const QStringList ids = h.freshInvoices(3, nullptr);
    QCOMPARE(ids.size(), 3);
    const QString cur = h.cachedInvoice(ids.at(0))->amount.currency();
    qint64 smallest = h.cachedInvoice(ids.at(0))->amount.minorUnits();
    for (const QString &id : ids) {
        QCOMPARE(h.cachedInvoice(id)->amount.currency(), cur);
        smallest = qMin(smallest, h.cachedInvoice(id)->amount.minorUnits());
    }
    const qint64 threshold = smallest / 4;
    QVERIFY(threshold > 0);
    const QString maker = QStringLiteral("maker");
    const QString checker = QStringLiteral("checker");
    const QString account = QString::fromLatin1(OpsHarness::accountName);
    // Thresholds are set by whoever administers the store (the owner on PostgreSQL).
    CliResult r = h.cli({QStringLiteral("accounts"), QStringLiteral("set"), account,
                         QStringLiteral("--approval-above"), major(threshold, cur)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // At the threshold is sent at once; the full refund of the middle invoice is above it.
    const QString file =
        writeFile(QStringLiteral("rows.csv"),
                  {QStringLiteral("account,invoice_id,amount"),
                   QStringLiteral("%1,%2,%3").arg(account, ids.at(0), major(threshold, cur)),
                   QStringLiteral("%1,%2,full").arg(account, ids.at(1)),
                   QStringLiteral("%1,%2,%3").arg(account, ids.at(2), major(threshold, cur))});
    const QStringList sentAndWaiting{QStringLiteral("ok"), QStringLiteral("awaiting-approval"),
                                     QStringLiteral("ok")};

    // A dry run says which row would wait, and records nothing.
    QCOMPARE(bulk(h, file, QStringLiteral("dry.csv"), true, &r),
             QStringList(3, QStringLiteral("would-send")));
    QCOMPARE(r.exitCode, 0);
    QVERIFY(readResults(m_dir->filePath(QStringLiteral("dry.csv")))
                .rows.at(1)
                .value(QStringLiteral("message"))
                .contains(QLatin1String("approval request")));
    QCOMPARE(approvalRows(h), 0);

    QVERIFY(h.sandbox.resetStats());
    QStringList args{QStringLiteral("refund"), QStringLiteral("--from-csv"), file,
                     QStringLiteral("--out"), m_dir->filePath(QStringLiteral("run1.csv"))};
    r = as(h, maker, args);
    QCOMPARE(
        readResults(m_dir->filePath(QStringLiteral("run1.csv"))).column(QStringLiteral("outcome")),
        sentAndWaiting);
    QCOMPARE(r.exitCode, 8);
    QVERIFY2(r.err.count(QLatin1Char('\n')) == 1, qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("waiting for approval")), qPrintable(r.err));
    QCOMPARE(h.createdAtGateway(ids.at(0)).count, 1);
    QCOMPARE(h.createdAtGateway(ids.at(1)).count, 0);
    QCOMPARE(h.createdAtGateway(ids.at(2)).count, 1);
    QVERIFY(h.outbox(ids.at(1)).isEmpty());
    QCOMPARE(approvalRows(h), 1);
    const auto waiting = rd::ApprovalRepository(h.db).awaiting();
    QVERIFY(waiting && waiting->size() == 1);
    const qint64 requestId = waiting->first().id;
    QCOMPARE(waiting->first().invoiceId, ids.at(1));
    QVERIFY(!waiting->first().requestKey.isEmpty());
    const QString message = readResults(m_dir->filePath(QStringLiteral("run1.csv")))
                                .rows.at(1)
                                .value(QStringLiteral("message"));
    QVERIFY2(message.contains(QStringLiteral("approval request %1").arg(requestId)),
             qPrintable(message));

    // The same file again: no second request, nothing reaches the gateway.
    QVERIFY(h.sandbox.resetStats());
    args[4] = m_dir->filePath(QStringLiteral("run2.csv"));
    r = as(h, maker, args);
    const Results second = readResults(m_dir->filePath(QStringLiteral("run2.csv")));
    QCOMPARE(second.column(QStringLiteral("outcome")), sentAndWaiting);
    QCOMPARE(r.exitCode, 8);
    QCOMPARE(h.requestsSeen(), 0);
    QCOMPARE(approvalRows(h), 1);
    QVERIFY2(
        second.rows.at(1)
            .value(QStringLiteral("message"))
            .contains(QStringLiteral("approval request %1 from an earlier run").arg(requestId)),
        qPrintable(second.rows.at(1).value(QStringLiteral("message"))));

    // Another person approves it: it is sent once.
    r = as(h, checker,
           {QStringLiteral("approvals"), QStringLiteral("approve"), QString::number(requestId)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(h.createdAtGateway(ids.at(1)).count, 1);

    // And the file once more: every row was sent, none again, no new request.
    QVERIFY(h.sandbox.resetStats());
    args[4] = m_dir->filePath(QStringLiteral("run3.csv"));
    r = as(h, maker, args);
    QCOMPARE(
        readResults(m_dir->filePath(QStringLiteral("run3.csv"))).column(QStringLiteral("outcome")),
        QStringList(3, QStringLiteral("ok")));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(h.requestsSeen(), 0);
    QCOMPARE(approvalRows(h), 1);
    QCOMPARE(h.createdAtGateway(ids.at(0)).count, 1);
    QCOMPARE(h.createdAtGateway(ids.at(1)).count, 1);
    QCOMPARE(h.createdAtGateway(ids.at(2)).count, 1);
}

QTEST_GUILESS_MAIN(TestBulkRefunds)
#include "tst_bulk_refunds.moc"
