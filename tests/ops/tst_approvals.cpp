// Maker-checker with the real refunddesk-cli against the real sandbox: a refund above the
// account's approval threshold is recorded and nothing is sent (exit 8); another person's
// approval sends it exactly once through the outbox; the requester can never approve it (nor
// can a direct SQL write); a rejection says why; the refundable rule counts requests awaiting
// approval and is checked again when one is approved; an approval that reaches nothing waits
// again.
#include "opsharness.h"

#include "store/approvalrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QTest>

using namespace rdtest;

namespace {

const QString alice = QStringLiteral("alice");
const QString bob = QStringLiteral("bob");

// refunddesk-cli on the harness's store (or on `dbPath`), acting as `user`.
CliResult as(OpsHarness &h, const QString &user, const QStringList &args,
             const QString &dbPath = QString())
{
    return h.cliAs(user, args, dbPath);
}

QJsonArray jsonOf(const CliResult &r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

} // namespace

class TestApprovals : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void init() { BACKEND_OR_SKIP(); }
    void thresholdOnTheCommandLine();
    void aboveThresholdWaitsAndSendsNothing();
    void approvedByAnotherIsSentExactlyOnce_data();
    void approvedByAnotherIsSentExactlyOnce();
    void requesterCannotApprove();
    void directSqlSelfApprovalIsRefused();
    void rejectSaysWhy();
    void refundableIsCheckedAgainAtApproval();
    void twoRequestsCannotTogetherExceedRefundable();
    void approvalThatReachesNothingWaitsAgain();

private:
    // Sets up `dialect` with a fresh invoice and an approval threshold of a quarter of it.
    bool setUp(OpsHarness &h, const QString &dialect = QStringLiteral("stripe"));
    QString refundable(OpsHarness &h);
    // Alice asks for `minor` units (half the invoice when 0); the request's id, or empty when
    // the refund did not wait for approval.
    QString requestAsAlice(OpsHarness &h, qint64 minor = 0);
    qint64 total(const OpsHarness &h) const { return h.invoice.amount.minorUnits(); }
};

bool TestApprovals::setUp(OpsHarness &h, const QString &dialect)
{
    if (!h.setUpWithFreshInvoice(dialect))
        return false;
    // Thresholds are set by whoever administers the store (the owner on PostgreSQL).
    const CliResult set = h.cli({QStringLiteral("accounts"), QStringLiteral("set"),
                                 QString::fromLatin1(OpsHarness::accountName),
                                 QStringLiteral("--approval-above"), h.amountText(total(h) / 4)});
    return set.exitCode == 0 && total(h) >= 8;
}

// The invoice's refundable amount as `list invoices --format json` reports it.
QString TestApprovals::refundable(OpsHarness &h)
{
    const CliResult r =
        as(h, alice,
           {QStringLiteral("list"), QStringLiteral("invoices"), QStringLiteral("--search"),
            h.invoiceId(), QStringLiteral("--format"), QStringLiteral("json")});
    for (const QJsonValue &row : jsonOf(r)) {
        if (row[QStringLiteral("invoice_id")].toString() == h.invoiceId())
            return row[QStringLiteral("refundable")].toString();
    }
    return QStringLiteral("(not listed)");
}

QString TestApprovals::requestAsAlice(OpsHarness &h, qint64 minor)
{
    const CliResult r =
        as(h, alice, h.refundArgs(h.invoiceId(), h.amountText(minor ? minor : total(h) / 2)));
    return r.exitCode == 8 ? r.out.trimmed() : QString();
}

void TestApprovals::thresholdOnTheCommandLine()
{
    OpsHarness h(currentBackend());
    QVERIFY2(h.setUp(QStringLiteral("stripe")), qPrintable(h.error()));
    const QStringList set{QStringLiteral("accounts"), QStringLiteral("set"),
                          QString::fromLatin1(OpsHarness::accountName)};
    const auto above = [](const QString &v) {
        return QStringList{QStringLiteral("--approval-above"), v};
    };
    rd::ApprovalRepository repo(h.db);

    CliResult r = h.cli(set + above(QStringLiteral("250")) + above(QStringLiteral("30000:JPY")));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(repo.policy(h.account.id)->toLine(), QStringLiteral("250, 30000:JPY"));

    // Usage errors change nothing.
    for (const QString &bad :
         {QStringLiteral("12,50"), QStringLiteral("1.5:JPY"), QStringLiteral("10:XYZ")}) {
        r = h.cli(set + above(bad));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }
    r = h.cli(set);
    QCOMPARE(r.exitCode, 2);
    r = h.cli(
        QStringList{QStringLiteral("accounts"), QStringLiteral("set"), QStringLiteral("Nobody")} +
        above(QStringLiteral("5")));
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(repo.policy(h.account.id)->toLine(), QStringLiteral("250, 30000:JPY"));

    r = h.cli(set + above(QStringLiteral("none")));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(repo.policy(h.account.id)->isEmpty());
}

void TestApprovals::aboveThresholdWaitsAndSendsNothing()
{
    OpsHarness h(currentBackend());
    QVERIFY2(setUp(h), qPrintable(h.error()));
    const qint64 half = total(h) / 2;
    const qint64 quarter = total(h) / 4;

    h.sandbox.resetStats();
    const CliResult r =
        as(h, alice,
           h.refundArgs(h.invoiceId(), h.amountText(half)) +
               QStringList{QStringLiteral("--reason"), QStringLiteral("requested_by_customer")});
    QCOMPARE(r.exitCode, 8);
    QVERIFY2(r.err.startsWith(QLatin1String("refunddesk-cli: waiting for approval; nothing sent")),
             qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    const qint64 id = r.out.trimmed().toLongLong();
    QVERIFY(id > 0);
    QCOMPARE(h.requestsSeen(), 0);
    QVERIFY(h.outbox(h.invoiceId()).isEmpty());
    QCOMPARE(h.createdAtGateway(h.invoiceId()).count, 0);

    // approvals list --format json: exactly the documented fields.
    const CliResult listed = as(h, bob,
                                {QStringLiteral("approvals"), QStringLiteral("list"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray rows = jsonOf(listed);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first().toObject();
    QStringList keys = row.keys();
    keys.sort();
    QCOMPARE(keys, QStringList({QStringLiteral("account"), QStringLiteral("amount"),
                                QStringLiteral("currency"), QStringLiteral("id"),
                                QStringLiteral("invoice_id"), QStringLiteral("reason"),
                                QStringLiteral("requested_at"), QStringLiteral("requested_by")}));
    QCOMPARE(row[QStringLiteral("id")].toInteger(), id);
    QCOMPARE(row[QStringLiteral("account")].toString(),
             QString::fromLatin1(OpsHarness::accountName));
    QCOMPARE(row[QStringLiteral("invoice_id")].toString(), h.invoiceId());
    QCOMPARE(row[QStringLiteral("amount")].toString(), h.amountText(half));
    QCOMPARE(row[QStringLiteral("currency")].toString(), h.invoice.amount.currency());
    QCOMPARE(row[QStringLiteral("reason")].toString(), QStringLiteral("requested_by_customer"));
    QCOMPARE(row[QStringLiteral("requested_by")].toString(), h.userOf(alice));
    const QDateTime at =
        QDateTime::fromString(row[QStringLiteral("requested_at")].toString(), Qt::ISODate);
    QVERIFY(at.isValid());
    QCOMPARE(at.timeSpec(), Qt::UTC);
    QVERIFY(qAbs(at.secsTo(QDateTime::currentDateTimeUtc())) < 600);

    // The audit log has the request: who, when, how much.
    const QList<rd::AuditEntry> audit = h.auditOfInvoice(h.invoiceId());
    QCOMPARE(audit.last().action, QStringLiteral("request"));
    QCOMPARE(audit.last().outcome, QStringLiteral("awaiting_approval"));
    QCOMPARE(audit.last().osUser, h.userOf(alice));
    QCOMPARE(audit.last().amount->minorUnits(), half);

    // At the threshold itself it is sent at once; the request still counts against the rest.
    const CliResult atThreshold = as(h, alice, h.refundArgs(h.invoiceId(), h.amountText(quarter)));
    QVERIFY2(atThreshold.exitCode == 0, qPrintable(atThreshold.err));
    QCOMPARE(h.createdAtGateway(h.invoiceId()).count, 1);
    QCOMPARE(refundable(h), h.amountText(total(h) - half - quarter));
}

void TestApprovals::approvedByAnotherIsSentExactlyOnce_data()
{
    addDialectRows();
}

void TestApprovals::approvedByAnotherIsSentExactlyOnce()
{
    QFETCH(QString, dialect);
    OpsHarness h(currentBackend());
    QVERIFY2(setUp(h, dialect), qPrintable(h.error()));
    const qint64 half = total(h) / 2;
    const QString id = requestAsAlice(h);
    QVERIFY(!id.isEmpty());

    const CliResult approved =
        as(h, bob, {QStringLiteral("approvals"), QStringLiteral("approve"), id});
    QVERIFY2(approved.exitCode == 0, qPrintable(approved.err));
    const QString created = approved.out.trimmed();
    QVERIFY(!created.isEmpty());

    const OpsHarness::Created atGateway = h.createdAtGateway(h.invoiceId());
    QVERIFY(atGateway.ok);
    QCOMPARE(atGateway.count, 1);
    QCOMPARE(atGateway.total, half);
    QCOMPARE(atGateway.ids, QStringList{created});
    const QList<rd::OutboxEntry> entries = h.outbox(h.invoiceId());
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().state, rd::OutboxState::Succeeded);
    QCOMPARE(entries.first().attempts, 1);
    QCOMPARE(entries.first().resultId, created);
    QCOMPARE(h.auditTrail(entries.first().operationId),
             QStringList{QStringLiteral("approve:approved")} +
                 OpsHarness::sentOnce(QStringLiteral("succeeded")));
    const auto request = rd::ApprovalRepository(h.db).find(id.toLongLong()).value();
    QCOMPARE(request->state, rd::ApprovalState::Approved);
    QCOMPARE(request->decidedBy, h.userOf(bob));
    QCOMPARE(request->operationId, entries.first().operationId);
    const QList<rd::AuditEntry> audit = h.auditOfInvoice(h.invoiceId());
    QCOMPARE(audit.first().action, QStringLiteral("request"));
    QCOMPARE(audit.first().osUser, h.userOf(alice));
    QCOMPARE(audit.at(1).action, QStringLiteral("approve"));
    QCOMPARE(audit.at(1).osUser, h.userOf(bob));

    // Approving again sends nothing more.
    h.sandbox.resetStats();
    const CliResult again = as(h, QStringLiteral("carol"),
                               {QStringLiteral("approvals"), QStringLiteral("approve"), id});
    QCOMPARE(again.exitCode, 3);
    QVERIFY2(again.err.contains(QStringLiteral("already approved by ") + h.userOf(bob)),
             qPrintable(again.err));
    QCOMPARE(h.requestsSeen(), 0);
    QCOMPARE(h.createdAtGateway(h.invoiceId()).count, 1);
    QCOMPARE(jsonOf(as(h, bob,
                       {QStringLiteral("approvals"), QStringLiteral("list"),
                        QStringLiteral("--format"), QStringLiteral("json")}))
                 .size(),
             0);
    QCOMPARE(h.openOperations(), OpsHarness::nothingOpen());
}

void TestApprovals::requesterCannotApprove()
{
    OpsHarness h(currentBackend());
    QVERIFY2(setUp(h), qPrintable(h.error()));
    const QString id = requestAsAlice(h);
    QVERIFY(!id.isEmpty());

    h.sandbox.resetStats();
    for (const QString &self : {alice, QStringLiteral("ALICE")}) {
        const CliResult r =
            as(h, self, {QStringLiteral("approvals"), QStringLiteral("approve"), id});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QLatin1String("cannot approve it; another person must")),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QCOMPARE(r.out, QString());
    }
    QCOMPARE(h.requestsSeen(), 0);
    QVERIFY(h.outbox(h.invoiceId()).isEmpty());
    QCOMPARE(rd::ApprovalRepository(h.db).find(id.toLongLong()).value()->state,
             rd::ApprovalState::Awaiting);
    // Unknown ids and usage.
    QCOMPARE(
        as(h, bob, {QStringLiteral("approvals"), QStringLiteral("approve"), QStringLiteral("9999")})
            .exitCode,
        3);
    QCOMPARE(as(h, bob, {QStringLiteral("approvals"), QStringLiteral("approve")}).exitCode, 2);
}

void TestApprovals::directSqlSelfApprovalIsRefused()
{
    OpsHarness h(currentBackend());
    QVERIFY2(setUp(h), qPrintable(h.error()));
    const QString id = requestAsAlice(h);
    QVERIFY(!id.isEmpty());
    // Refused by the store itself, to the requester going around RefundDesk: SQLite's trigger
    // compares the names in the row; PostgreSQL's compares the requester with who logged in.
    QString error;
    QVERIFY(!h.execAs(alice,
                      QStringLiteral("UPDATE approvals SET state = 'approved', decided_by = "
                                     "requested_by WHERE id = %1")
                          .arg(id),
                      &error));
    QVERIFY2(error.contains(QLatin1String("cannot approve their own request")), qPrintable(error));
    QCOMPARE(rd::ApprovalRepository(h.db).find(id.toLongLong()).value()->state,
             rd::ApprovalState::Awaiting);
}

void TestApprovals::rejectSaysWhy()
{
    OpsHarness h(currentBackend());
    QVERIFY2(setUp(h), qPrintable(h.error()));
    h.sandbox.resetStats();
    const QString id = requestAsAlice(h);
    QVERIFY(!id.isEmpty());
    QCOMPARE(refundable(h), h.amountText(total(h) - total(h) / 2));

    const QStringList reject{QStringLiteral("approvals"), QStringLiteral("reject"), id};
    QCOMPARE(as(h, bob, reject).exitCode, 2);
    QCOMPARE(
        as(h, bob, reject + QStringList{QStringLiteral("--why"), QStringLiteral(" ")}).exitCode, 2);
    const QString why = QStringLiteral("duplicate of ticket 4711");
    const CliResult r = as(h, bob, reject + QStringList{QStringLiteral("--why"), why});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QLatin1String("nothing was sent")));

    const auto request = rd::ApprovalRepository(h.db).find(id.toLongLong()).value();
    QCOMPARE(request->state, rd::ApprovalState::Rejected);
    QCOMPARE(request->decidedBy, h.userOf(bob));
    QCOMPARE(request->why, why);
    const rd::AuditEntry last = h.auditOfInvoice(h.invoiceId()).last();
    QCOMPARE(last.action, QStringLiteral("reject"));
    QCOMPARE(last.osUser, h.userOf(bob));
    QVERIFY2(last.message.contains(why), qPrintable(last.message));

    // Decided once: neither approved nor rejected again; the amount is refundable again.
    QCOMPARE(
        as(h, QStringLiteral("carol"), {QStringLiteral("approvals"), QStringLiteral("approve"), id})
            .exitCode,
        3);
    QCOMPARE(
        as(h, QStringLiteral("carol"), reject + QStringList{QStringLiteral("--why"), why}).exitCode,
        3);
    QCOMPARE(refundable(h), h.amountText(total(h)));
    QCOMPARE(h.requestsSeen(), 0);
}

void TestApprovals::refundableIsCheckedAgainAtApproval()
{
    OpsHarness h(currentBackend());
    QVERIFY2(setUp(h), qPrintable(h.error()));
    const QString id = requestAsAlice(h);
    QVERIFY(!id.isEmpty());

    // Meanwhile a colleague with a cache of their own refunds three quarters at the gateway.
    QString error;
    const QString otherDb = h.stores().address(QStringLiteral("other"), &error);
    QVERIFY2(!otherDb.isEmpty(), qPrintable(error));
    QCOMPARE(as(h, QStringLiteral("carol"),
                {QStringLiteral("accounts"), QStringLiteral("add"),
                 QString::fromLatin1(OpsHarness::accountName), QStringLiteral("--gateway"),
                 QStringLiteral("stripe"), QStringLiteral("--base-url"),
                 h.sandbox.baseUrl(QStringLiteral("stripe"))},
                otherDb)
                 .exitCode,
             0);
    QCOMPARE(as(h, QStringLiteral("carol"), {QStringLiteral("sync")}, otherDb).exitCode, 0);
    const qint64 most = total(h) - total(h) / 4;
    const CliResult meanwhile =
        as(h, QStringLiteral("carol"), h.refundArgs(h.invoiceId(), h.amountText(most)), otherDb);
    QVERIFY2(meanwhile.exitCode == 0, qPrintable(meanwhile.err));

    const CliResult approved =
        as(h, bob, {QStringLiteral("approvals"), QStringLiteral("approve"), id});
    QCOMPARE(approved.exitCode, 3);
    QVERIFY2(approved.err.contains(QLatin1String("is more than")), qPrintable(approved.err));
    QVERIFY2(approved.err.contains(QLatin1String("still awaits a decision")),
             qPrintable(approved.err));
    const OpsHarness::Created atGateway = h.createdAtGateway(h.invoiceId());
    QCOMPARE(atGateway.count, 1);
    QCOMPARE(atGateway.total, most);
    QVERIFY(h.outbox(h.invoiceId()).isEmpty());
    QCOMPARE(rd::ApprovalRepository(h.db).find(id.toLongLong()).value()->state,
             rd::ApprovalState::Awaiting);
    QCOMPARE(h.auditOfInvoice(h.invoiceId()).last().outcome, QStringLiteral("refused"));
}

void TestApprovals::twoRequestsCannotTogetherExceedRefundable()
{
    OpsHarness h(currentBackend());
    QVERIFY2(setUp(h), qPrintable(h.error()));
    const qint64 half = total(h) / 2;
    const qint64 rest = total(h) - half;
    QCOMPARE(as(h, alice, h.refundArgs(h.invoiceId(), h.amountText(half))).exitCode, 8);

    // A second request for more than what is left is refused at request time.
    const CliResult over =
        as(h, QStringLiteral("carol"), h.refundArgs(h.invoiceId(), h.amountText(rest + 1)));
    QCOMPARE(over.exitCode, 3);
    QVERIFY2(over.err.contains(QLatin1String("is more than")), qPrintable(over.err));
    const CliResult fits =
        as(h, QStringLiteral("carol"), h.refundArgs(h.invoiceId(), h.amountText(rest)));
    QCOMPARE(fits.exitCode, 8);
    QCOMPARE(refundable(h), h.amountText(0));
    // Nor does a refund below the threshold get past them.
    QCOMPARE(as(h, alice, h.refundArgs(h.invoiceId(), h.amountText(1))).exitCode, 3);

    const QJsonArray waiting = jsonOf(as(h, bob,
                                         {QStringLiteral("approvals"), QStringLiteral("list"),
                                          QStringLiteral("--format"), QStringLiteral("json")}));
    QCOMPARE(waiting.size(), 2);
    for (const QJsonValue &row : waiting) {
        const CliResult r = as(h, bob,
                               {QStringLiteral("approvals"), QStringLiteral("approve"),
                                QString::number(row[QStringLiteral("id")].toInteger())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    const OpsHarness::Created atGateway = h.createdAtGateway(h.invoiceId());
    QCOMPARE(atGateway.count, 2);
    QCOMPARE(atGateway.total, total(h));
}

void TestApprovals::approvalThatReachesNothingWaitsAgain()
{
    OpsHarness h(currentBackend());
    QVERIFY2(setUp(h), qPrintable(h.error()));
    const QString id = requestAsAlice(h);
    QVERIFY(!id.isEmpty());
    h.sandbox.stop(); // connection refused: not one byte can reach it

    const CliResult r = as(h, bob, {QStringLiteral("approvals"), QStringLiteral("approve"), id});
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.err.contains(QLatin1String("waits for approval again as request")),
             qPrintable(r.err));
    const QList<rd::OutboxEntry> entries = h.outbox(h.invoiceId());
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().state, rd::OutboxState::Rejected); // closed as not sent

    // The same refund waits again under a new id, for the same requester; nothing is lost.
    const QJsonArray waiting = jsonOf(as(h, bob,
                                         {QStringLiteral("approvals"), QStringLiteral("list"),
                                          QStringLiteral("--format"), QStringLiteral("json")}));
    QCOMPARE(waiting.size(), 1);
    const QJsonObject again = waiting.first().toObject();
    QVERIFY(again[QStringLiteral("id")].toInteger() != id.toLongLong());
    QVERIFY2(r.err.contains(QString::number(again[QStringLiteral("id")].toInteger())),
             qPrintable(r.err));
    QCOMPARE(again[QStringLiteral("requested_by")].toString(), h.userOf(alice));
    QCOMPARE(again[QStringLiteral("amount")].toString(), h.amountText(total(h) / 2));
    QCOMPARE(refundable(h), h.amountText(total(h) - total(h) / 2));

    // Still alice's request: she cannot approve it herself, another person can.
    const QString againId = QString::number(again[QStringLiteral("id")].toInteger());
    const CliResult own =
        as(h, alice, {QStringLiteral("approvals"), QStringLiteral("approve"), againId});
    QCOMPARE(own.exitCode, 3);
    QVERIFY2(own.err.contains(QLatin1String("cannot approve it; another person must")),
             qPrintable(own.err));
    QCOMPARE(h.outbox(h.invoiceId()).size(), 1); // nothing more was queued
}

QTEST_GUILESS_MAIN(TestApprovals)
#include "tst_approvals.moc"
