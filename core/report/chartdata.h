// Aggregates behind the charts view, computed in SQL from the cache: refunds and chargebacks
// per week, and refunds by reason, for one account and currency. Amounts stay exact minor
// units; only the view turns them into plot coordinates.
#pragma once

#include "domain/result.h"

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

class Database;

// The same definitions as the reconciliation report: refunds that succeeded, chargebacks
// that are not failed or canceled.
struct WeeklyTotal
{
    QDate weekStart; // Monday, UTC
    qint64 refunds = 0;
    qint64 chargebacks = 0;
};

struct ReasonTotal
{
    QString reason; // common reason, else the gateway's own, else "unspecified"
    qint64 amount = 0;
    qint64 count = 0;
};

struct ChartData
{
    qint64 accountId = 0; // 0 = all accounts
    QString currency;
    QList<WeeklyTotal> weeks;   // consecutive weeks, gaps filled with zeros
    QList<ReasonTotal> reasons; // largest amount first
};

class ChartQueries final
{
public:
    explicit ChartQueries(Database &db) : m_db(db) {}

    Result<ChartData> load(qint64 accountId, const QString &currency) const;
    // Currencies the account (0 = all) has refunds or chargebacks in, sorted.
    Result<QStringList> currencies(qint64 accountId) const;

private:
    Database &m_db;
};

} // namespace rd

Q_DECLARE_METATYPE(rd::ChartData)
