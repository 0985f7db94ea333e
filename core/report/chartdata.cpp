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

// Monday of the week of an epoch-seconds column, as 'YYYY-MM-DD'.
const char *const WeekOf = "date(created_at, 'unixepoch', '-6 days', 'weekday 1')";

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
    const QString weekly =
        QStringLiteral("SELECT week, SUM(ref), SUM(cb) FROM ("
                       "SELECT %1 AS week, amount AS ref, 0 AS cb FROM refunds %2"
                       " UNION ALL SELECT %1, 0, amount FROM chargebacks %3"
                       ") GROUP BY week ORDER BY week")
            .arg(QLatin1String(WeekOf), whereWith(wr, QStringLiteral("status = 'succeeded'")),
                 whereWith(wc, QStringLiteral("status NOT IN ('failed', 'canceled')")));
    if (!run(q, weekly, wr.binds + wc.binds, &error))
        return Error{error};
    while (q.next()) {
        const QDate week = QDate::fromString(q.value(0).toString(), Qt::ISODate);
        // Empty weeks are shown as zeros so the trend is not compressed.
        while (!data.weeks.isEmpty() && data.weeks.constLast().weekStart.addDays(7) < week)
            data.weeks.append({data.weeks.constLast().weekStart.addDays(7), 0, 0});
        data.weeks.append({week, q.value(1).toLongLong(), q.value(2).toLongLong()});
    }

    const QString byReason =
        QStringLiteral("SELECT COALESCE(NULLIF(reason, ''), NULLIF(gateway_reason, ''), "
                       "'unspecified') AS why, SUM(amount), COUNT(*) FROM refunds %1 "
                       "GROUP BY why ORDER BY SUM(amount) DESC, why")
            .arg(whereWith(wr, QStringLiteral("status = 'succeeded'")));
    if (!run(q, byReason, wr.binds, &error))
        return Error{error};
    while (q.next())
        data.reasons.append(
            {q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()});
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
             QStringLiteral("SELECT currency FROM refunds %1 UNION SELECT currency FROM "
                            "chargebacks %2 ORDER BY 1")
                 .arg(wr.clause, wc.clause),
             wr.binds + wc.binds, &error))
        return Error{error};
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace rd
