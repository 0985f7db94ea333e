#include "chartdata.h"

#include "reportdefinition.h"
#include "store/database.h"
#include "store/recordfilter.h"

#include <QSqlError>
#include <QSqlQuery>

namespace rd {

namespace {

bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error)
{
    q.setForwardOnly(true);
    bool ok = q.prepare(sql);
    for (int i = 0; ok && i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    ok = ok && q.exec();
    if (!ok && error)
        *error = QStringLiteral("Cannot read the chart data: %1").arg(q.lastError().text());
    return ok;
}

// Monday of the week, or the first of the month, of an epoch-seconds column, as 'YYYY-MM-DD'.
const char *const WeekOf = "date(created_at, 'unixepoch', '-6 days', 'weekday 1')";
const char *const MonthOf = "date(created_at, 'unixepoch', 'start of month')";

QDate nextPeriod(const QDate &start, bool monthly)
{
    return monthly ? start.addMonths(1) : start.addDays(7);
}

// Refunds that succeeded and chargebacks that are not failed or canceled, per period. Every sum
// here is cast to BIGINT: PostgreSQL sums into NUMERIC, and a sum no 64-bit count of minor units
// holds must fail the charts, as SQLite's integer overflow does, not read as 0.
bool loadPeriods(QSqlQuery &q, const SqlWhere &wr, const SqlWhere &wc, bool monthly,
                 QList<PeriodTotal> *out, QString *error)
{
    const QString sql =
        QStringLiteral("SELECT period, CAST(SUM(ref) AS BIGINT), CAST(SUM(cb) AS BIGINT) FROM ("
                       "SELECT %1 AS period, amount AS ref, 0 AS cb FROM refunds %2"
                       " UNION ALL SELECT %1, 0, amount FROM chargebacks %3"
                       ") AS periods GROUP BY period ORDER BY period")
            .arg(QLatin1String(monthly ? MonthOf : WeekOf),
                 whereWith(wr, QStringLiteral("status = 'succeeded'")),
                 whereWith(wc, QStringLiteral("status NOT IN ('failed', 'canceled')")));
    if (!run(q, sql, wr.binds + wc.binds, error))
        return false;
    while (q.next()) {
        const QDate start = QDate::fromString(q.value(0).toString(), Qt::ISODate);
        // Empty periods are shown as zeros so the trend is not compressed.
        while (!out->isEmpty() && nextPeriod(out->constLast().start, monthly) < start)
            out->append({nextPeriod(out->constLast().start, monthly), 0, 0});
        out->append({start, q.value(1).toLongLong(), q.value(2).toLongLong()});
    }
    return true;
}

} // namespace

Result<ChartData> ChartQueries::load(qint64 accountId, const QString &currency) const
{
    QString error;
    RecordFilter scope;
    scope.accountId = accountId;
    scope.currency = currency;
    const SqlWhere wr = buildWhere(RecordKind::Refunds, scope, QString());
    const SqlWhere wc = buildWhere(RecordKind::Chargebacks, scope, QString());

    ChartData data;
    data.accountId = accountId;
    data.currency = currency.toUpper();
    QSqlQuery q(m_db.connection());
    if (!loadPeriods(q, wr, wc, false, &data.weeks, &error) ||
        !loadPeriods(q, wr, wc, true, &data.months, &error))
        return Error{error};

    const QString byReason =
        QStringLiteral("SELECT why, total, n FROM (SELECT COALESCE(NULLIF(reason, ''), "
                       "NULLIF(gateway_reason, ''), 'unspecified') AS why, CAST(SUM(amount) AS "
                       "BIGINT) AS total, "
                       "COUNT(*) AS n FROM refunds %1 GROUP BY why) AS reasons "
                       "ORDER BY total DESC, %2")
            .arg(whereWith(wr, QStringLiteral("status = 'succeeded'")),
                 Database::inCodePointOrder(QStringLiteral("why"), m_db.backend()));
    if (!run(q, byReason, wr.binds, &error))
        return Error{error};
    while (q.next())
        data.reasons.append(
            {q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()});

    // Paid invoices by the month they were paid in, with what has been refunded of them since.
    const SqlWhere wi = buildWhere(RecordKind::Invoices, scope, QString());
    const QString rates =
        QStringLiteral(
            "SELECT i.month, i.account_id, a.name, CAST(SUM(i.amount) AS BIGINT), "
            "CAST(SUM(i.amount_refunded) AS BIGINT) FROM (SELECT %1 AS month, account_id, amount, "
            "amount_refunded FROM invoices %2) i JOIN accounts a ON a.id = "
            "i.account_id GROUP BY i.month, i.account_id, a.name ORDER BY i.month, %3")
            .arg(QLatin1String(MonthOf), whereWith(wi, QStringLiteral("status = 'succeeded'")),
                 Database::inCodePointOrder(QStringLiteral("a.name"), m_db.backend()));
    if (!run(q, rates, wi.binds, &error))
        return Error{error};
    while (q.next())
        data.rates.append({QDate::fromString(q.value(0).toString(), Qt::ISODate),
                           q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toLongLong(),
                           q.value(4).toLongLong()});
    return data;
}

Result<QStringList> ChartQueries::currencies(qint64 accountId) const
{
    QString error;
    RecordFilter scope;
    scope.accountId = accountId;
    const SqlWhere wr = buildWhere(RecordKind::Refunds, scope, QString());
    const SqlWhere wc = buildWhere(RecordKind::Chargebacks, scope, QString());
    QSqlQuery q(m_db.connection());
    QStringList out;
    if (!run(q,
             QStringLiteral("SELECT currency FROM (SELECT currency FROM refunds %1 UNION "
                            "SELECT currency FROM chargebacks %2) AS currencies ORDER BY %3")
                 .arg(wr.clause, wc.clause,
                      Database::inCodePointOrder(QStringLiteral("currency"), m_db.backend())),
             wr.binds + wc.binds, &error))
        return Error{error};
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace rd
