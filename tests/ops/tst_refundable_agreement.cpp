// One refundable figure per invoice, wherever it is shown or checked. For each of the five
// dialects: a cache synced from the real sandbox, then bent into the awkward states (a stale
// gateway figure, pending and requires_action refunds, a lost dispute, an offline and a failed
// invoice, open outbox operations, requests awaiting approval, IntaSend chargebacks); then, for
// every invoice, the refund rules, the detail pane, the invoices table, `list --format json` and
// the invoices export must give the same refundable amount.

#include "opsharness.h"

#include "../report/reportfixture.h"

#include "invoicedetail.h"
#include "invoicetablemodel.h"
#include "modelroles.h"
#include "ops/refundcontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace rd;
using rdtest::CliResult;
using rdtest::OpsHarness;

namespace {

// Major-unit text ("12.50") as minor units of `currency`; -1 when it does not parse.
qint64 minorOf(const QString &text, const QString &currency)
{
    QString why;
    const auto m = Money::parse(text, currency, &why, Money::Sign::AllowNegative);
    return m ? m->minorUnits() : -1;
}

struct Seen
{
    QMap<QString, qint64> rules, pane, table, list, csv;
    QMap<QString, bool> blocked;        // rules: nothing refundable whatever the refunds
    QMap<QString, bool> tableShowsDash; // the table's text for the same invoice
};

} // namespace

class TestRefundableAgreement : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { rdtest::addBackendRows(); }
    void init() { BACKEND_OR_SKIP(); }
    void everyViewGivesOneFigure_data();
    void everyViewGivesOneFigure();

private:
    bool bendCache(OpsHarness &h, QString *why);
};

void TestRefundableAgreement::everyViewGivesOneFigure_data()
{
    QTest::addColumn<QString>("dialect");
    for (const char *d : {"stripe", "wooshpay", "chargebee", "processout", "intasend"})
        QTest::newRow(d) << QString::fromLatin1(d);
}

// Puts the awkward states on the first succeeded invoices, as a gateway and a crash could.
bool TestRefundableAgreement::bendCache(OpsHarness &h, QString *why)
{
    QSqlQuery q(h.db.connection());
    if (!q.exec(QStringLiteral("SELECT gateway_id FROM invoices WHERE status = 'succeeded' AND "
                               "disputed = 0 AND offline = 0 ORDER BY id LIMIT 9"))) {
        *why = q.lastError().text();
        return false;
    }
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    if (ids.size() < 9) {
        *why =
            QStringLiteral("the seeded sandbox holds only %1 plain paid invoices").arg(ids.size());
        return false;
    }
    const bool intasend = h.dialect() == QLatin1String("intasend");
    RecordRepository records(h.db);
    QList<Refund> refunds;
    QList<Chargeback> chargebacks;
    int serial = 0;
    // A refund (IntaSend: a chargeback request) of `part` of the invoice, in `status`.
    auto take = [&](const Invoice &inv, qint64 part, CommonStatus status) {
        const qint64 amount = std::max<qint64>(1, part);
        if (intasend) {
            Chargeback c;
            c.gatewayId = QStringLiteral("cb_agree_%1").arg(++serial);
            c.invoiceId = inv.gatewayId;
            c.amount = Money(amount, inv.amount.currency());
            c.status = status;
            c.createdAt = QDateTime::currentDateTimeUtc();
            chargebacks << c;
        } else {
            Refund r;
            r.gatewayId = QStringLiteral("re_agree_%1").arg(++serial);
            r.invoiceId = inv.gatewayId;
            r.amount = Money(amount, inv.amount.currency());
            r.status = status;
            r.createdAt = QDateTime::currentDateTimeUtc();
            refunds << r;
        }
    };
    QList<Invoice> invoices;
    for (const QString &id : ids)
        invoices << *h.cachedInvoice(id);
    Invoice &stale = invoices[0]; // the gateway's figure lags behind a refund the cache has
    stale.amountRefunded = Money(0, stale.amount.currency());
    take(stale, stale.amount.minorUnits() / 4, CommonStatus::Succeeded);
    take(invoices[1], invoices[1].amount.minorUnits() / 3, CommonStatus::Pending);
    take(invoices[2], invoices[2].amount.minorUnits() / 5, CommonStatus::RequiresAction);
    if (intasend) {
        // Two chargebacks of 30% and 70%: nothing is left, whatever the gateway's figure says.
        take(invoices[3], invoices[3].amount.minorUnits() * 3 / 10, CommonStatus::Succeeded);
        take(invoices[3],
             invoices[3].amount.minorUnits() - invoices[3].amount.minorUnits() * 3 / 10,
             CommonStatus::Pending);
    } else {
        Chargeback lost; // the cardholder won: the money already went back
        lost.gatewayId = QStringLiteral("dp_agree_lost");
        lost.invoiceId = invoices[3].gatewayId;
        lost.amount = Money(invoices[3].amount.minorUnits() / 2, invoices[3].amount.currency());
        lost.status = CommonStatus::Succeeded;
        lost.gatewayStatus = QStringLiteral("lost");
        lost.resolution = QStringLiteral("lost");
        lost.createdAt = QDateTime::currentDateTimeUtc();
        chargebacks << lost;
        invoices[3].disputed = true;
    }
    invoices[4].offline = true;   // only Chargebee refuses offline invoices
    Invoice &ahead = invoices[6]; // the gateway reports a refund the cache has not seen
    ahead.amountRefunded = Money(ahead.amount.minorUnits() / 2, ahead.amount.currency());
    invoices[7].status = CommonStatus::Failed;
    invoices[8].amountRefunded = invoices[8].amount; // fully refunded at the gateway
    if (!records.upsertInvoices(h.account.id, invoices, why) ||
        !records.upsertRefunds(h.account.id, refunds, why) ||
        !records.upsertChargebacks(h.account.id, chargebacks, why))
        return false;
    // Open (pending, unknown) and closed outbox operations on one invoice.
    const Invoice &queued = invoices[5];
    const char *const states[] = {"pending", "unknown", "succeeded", "rejected"};
    for (int i = 0; i < 4; ++i) {
        q.prepare(QStringLiteral(
            "INSERT INTO outbox (operation_id, account_id, kind, invoice_id, amount, currency, "
            "idempotency_key, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, "
            "0)"));
        q.addBindValue(QStringLiteral("op_agree_%1").arg(i));
        q.addBindValue(h.account.id);
        q.addBindValue(intasend ? QStringLiteral("chargeback") : QStringLiteral("refund"));
        q.addBindValue(queued.gatewayId);
        q.addBindValue(queued.amount.minorUnits() / 10 + i);
        q.addBindValue(queued.amount.currency());
        q.addBindValue(QStringLiteral("key_agree_%1").arg(i));
        q.addBindValue(QString::fromLatin1(states[i]));
        if (!q.exec()) {
            *why = q.lastError().text();
            return false;
        }
    }
    // Requests for approval on the same invoice: the awaiting one is held back like an open
    // outbox entry; the approved (now an outbox entry of its own) and rejected ones are not.
    const char *const decisions[] = {"awaiting", "approved", "rejected"};
    for (int i = 0; i < 3; ++i) {
        q.prepare(QStringLiteral(
            "INSERT INTO approvals (account_id, kind, invoice_id, amount, currency, state, "
            "requested_by, requested_at) VALUES (?, ?, ?, ?, ?, 'awaiting', 'alice', 0)"));
        q.addBindValue(h.account.id);
        q.addBindValue(intasend ? QStringLiteral("chargeback") : QStringLiteral("refund"));
        q.addBindValue(queued.gatewayId);
        q.addBindValue(queued.amount.minorUnits() / 20 + i);
        q.addBindValue(queued.amount.currency());
        if (!q.exec()) {
            *why = q.lastError().text();
            return false;
        }
        // Decided by someone else: on PostgreSQL the server stamps the requester (the owner,
        // here) and the decider (bob's own login) itself.
        if (i > 0 && !h.execAs(QStringLiteral("bob"),
                               QStringLiteral("UPDATE approvals SET state = '%1', decided_by = "
                                              "'bob' WHERE id = %2")
                                   .arg(QString::fromLatin1(decisions[i]))
                                   .arg(q.lastInsertId().toLongLong()),
                               why))
            return false;
    }
    return true;
}

void TestRefundableAgreement::everyViewGivesOneFigure()
{
    QFETCH(QString, dialect);
    OpsHarness h(rdtest::currentBackend());
    QVERIFY2(h.setUp(dialect, nullptr,
                     {QStringLiteral("--invoices"), QStringLiteral("60"), QStringLiteral("--seed"),
                      QStringLiteral("1")}),
             qPrintable(h.error()));
    QString why;
    QVERIFY2(h.populateCache(&why), qPrintable(why));
    QVERIFY2(bendCache(h, &why), qPrintable(why));

    Seen seen;
    QSqlQuery q(h.db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT gateway_id FROM invoices ORDER BY id")));
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    QVERIFY(ids.size() >= 60);

    // The refund rules, as the service checks a full refund, and the detail pane.
    for (const QString &id : std::as_const(ids)) {
        const auto context = readRefundContext(h.db, h.account.id, h.account.dialect, id);
        QVERIFY2(context && context->invoice, qPrintable(context.error()));
        RefundDraft draft;
        draft.invoiceId = id;
        draft.full = true;
        draft.kind = OperationKind::Refund;
        const Validation v = validateDraft(draft, *context);
        seen.rules[id] = v.refundable.minorUnits();
        seen.blocked[id] = refundableOf(*context).block != RefundBlock::None;
        const InvoiceDetail detail = InvoiceDetail::read(h.db, h.account.id, id);
        QVERIFY2(detail.found, qPrintable(detail.error));
        seen.pane[id] = detail.figures.refundable.minorUnits();
    }

    // The invoices table, every row loaded as a view would.
    {
        InvoiceTableModel model(h.dbPath());
        QVERIFY(QTest::qWaitFor([&] { return !model.isLoading() && model.rowCount() > 0; }, 20000));
        QCOMPARE(model.rowCount(), ids.size());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex cell = model.index(row, InvoiceTableModel::Refundable);
            model.data(cell, RawValueRole);
            QVERIFY(QTest::qWaitFor([&] { return !model.isLoading(); }, 20000));
            const QString id = model.data(cell, RecordIdRole).toString();
            seen.table[id] = model.data(cell, RawValueRole).toLongLong();
            seen.tableShowsDash[id] = model.data(cell).toString() == QString(QChar(0x2014));
        }
    }

    // `list --format json` and the invoices export, through the real CLI.
    const CliResult listed = h.cli({QStringLiteral("list"), QStringLiteral("invoices"),
                                    QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    for (const QJsonValue &v : QJsonDocument::fromJson(listed.out.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        seen.list[o.value(QStringLiteral("invoice_id")).toString()] =
            minorOf(o.value(QStringLiteral("refundable")).toString(),
                    o.value(QStringLiteral("currency")).toString());
    }
    const QString csv = h.filePath(QStringLiteral("inv.csv"));
    const CliResult exported =
        h.cli({QStringLiteral("export"), QStringLiteral("invoices"), QStringLiteral("--out"), csv});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    const rdtest::CsvReadBack back = rdtest::readCsvIndependently(csv);
    QVERIFY2(back.ok, qPrintable(back.error));
    const QStringList header = back.rows.value(0);
    const int idColumn = int(header.indexOf(QStringLiteral("invoice_id")));
    const int refundableColumn = int(header.indexOf(QStringLiteral("refundable")));
    const int currencyColumn = int(header.indexOf(QStringLiteral("currency")));
    QVERIFY(idColumn >= 0 && refundableColumn >= 0 && currencyColumn >= 0);
    for (const QStringList &row : back.rows.mid(1))
        seen.csv[row.at(idColumn)] = minorOf(row.at(refundableColumn), row.at(currencyColumn));

    // The grouped form the reports use (one pass over every refund, chargeback and outbox
    // entry) gives the per-invoice form's figure for every invoice.
    QVERIFY2(q.exec(rdtest::refundableBothWaysSql()), qPrintable(q.lastError().text()));
    int compared = 0;
    while (q.next()) {
        QVERIFY2(q.value(1).toLongLong() == q.value(2).toLongLong(),
                 qPrintable(QStringLiteral("%1 invoice %2: per invoice %3, grouped %4")
                                .arg(dialect, q.value(0).toString())
                                .arg(q.value(1).toLongLong())
                                .arg(q.value(2).toLongLong())));
        ++compared;
    }
    q.finish();
    QCOMPARE(compared, ids.size());

    int blocked = 0;
    int partial = 0;
    for (const QString &id : std::as_const(ids)) {
        const qint64 rule = seen.rules.value(id, -1);
        const QString where = QStringLiteral("%1 invoice %2").arg(dialect, id);
        QVERIFY2(rule >= 0, qPrintable(where));
        QVERIFY2(seen.pane.value(id, -1) == rule, qPrintable(where + QStringLiteral(": pane")));
        QVERIFY2(
            seen.table.value(id, -1) == rule,
            qPrintable(
                where +
                QStringLiteral(": table %1, rules %2").arg(seen.table.value(id, -1)).arg(rule)));
        QVERIFY2(seen.list.value(id, -1) == rule,
                 qPrintable(
                     where +
                     QStringLiteral(": list %1, rules %2").arg(seen.list.value(id, -1)).arg(rule)));
        QVERIFY2(
            seen.csv.value(id, -1) == rule,
            qPrintable(
                where +
                QStringLiteral(": export %1, rules %2").arg(seen.csv.value(id, -1)).arg(rule)));
        // "—" in the table exactly where the rule says nothing can be refunded at all.
        QVERIFY2(seen.tableShowsDash.value(id) == seen.blocked.value(id),
                 qPrintable(where + QStringLiteral(": dash")));
        blocked += seen.blocked.value(id) ? 1 : 0;
        const qint64 amount = h.cachedInvoice(id)->amount.minorUnits();
        partial += rule > 0 && rule < amount ? 1 : 0;
    }
    // The open outbox entries (pending, unknown) and the request awaiting approval are held
    // back on the queued invoice; closed entries and decided requests are not.
    {
        QVERIFY(q.exec(QStringLiteral("SELECT invoice_id FROM approvals WHERE state = "
                                      "'awaiting'")));
        QVERIFY(q.next());
        const QString id = q.value(0).toString();
        q.finish();
        const Invoice inv = *h.cachedInvoice(id);
        const qint64 amount = inv.amount.minorUnits();
        const auto context = readRefundContext(h.db, h.account.id, h.account.dialect, id);
        QVERIFY(context);
        const QString currency = inv.amount.currency();
        QCOMPARE(context->inOutbox, Money(amount / 10 + (amount / 10 + 1) + amount / 20, currency));
        // Without the awaiting request the rule would leave that much more.
        const Money outboxOnly =
            OutboxRepository(h.db).openAmount(h.account.id, id, currency).value();
        QCOMPARE(outboxOnly, Money(amount / 10 + (amount / 10 + 1), currency));
        const qint64 without = refundableFigures(h.account.dialect, inv, context->refunds,
                                                 context->chargebacks, outboxOnly)
                                   .refundable.minorUnits();
        QCOMPARE(seen.rules.value(id), std::max<qint64>(0, without - amount / 20));
        if (without > 0) // the seeded refunds may already have taken it all
            QVERIFY(seen.rules.value(id) < without);
    }

    // The bent states really were there to be agreed on.
    QVERIFY2(blocked >= 1, "no invoice had nothing refundable");
    QVERIFY2(partial >= 4, qPrintable(QStringLiteral("only %1 partly refundable").arg(partial)));

    if (dialect == QLatin1String("intasend")) {
        // The 30% + 70% chargebacks: nothing left, and a 0.01 chargeback is refused locally.
        QVERIFY(q.exec(QStringLiteral("SELECT invoice_id FROM chargebacks WHERE gateway_id = "
                                      "'cb_agree_4'")));
        QVERIFY(q.next());
        const QString id = q.value(0).toString();
        q.finish();
        QCOMPARE(seen.csv.value(id), qint64(0));
        const CliResult refused = h.refund(id, QStringLiteral("0.01"));
        QCOMPARE(refused.exitCode, 3);
    }
    if (dialect == QLatin1String("wooshpay")) {
        // The lost dispute's half is consumed: settling "the dispute" again cannot pay the
        // cardholder a second time beyond what is left.
        QVERIFY(q.exec(QStringLiteral("SELECT invoice_id FROM chargebacks WHERE gateway_id = "
                                      "'dp_agree_lost'")));
        QVERIFY(q.next());
        const QString id = q.value(0).toString();
        q.finish();
        const Invoice inv = *h.cachedInvoice(id);
        const qint64 left = seen.rules.value(id);
        QVERIFY(left <= inv.amount.minorUnits() - inv.amount.minorUnits() / 2);
        const int before = h.createdAtGateway(id).count;
        const CliResult tooMuch =
            h.refund(id, Money(left + 1, inv.amount.currency()).toDecimalString(),
                     {QStringLiteral("--reason"), QStringLiteral("resolved_dispute")});
        QCOMPARE(tooMuch.exitCode, 3);
        QCOMPARE(h.createdAtGateway(id).count, before); // nothing sent for it
    }
}

QTEST_MAIN(TestRefundableAgreement)
#include "tst_refundable_agreement.moc"
