// Aggregates behind the charts view, computed in SQL from the cache: refunds and chargebacks
// per week and per month, refunds by reason, and the refund rate per month and account, for
// one account (or all) and currency. Amounts stay exact minor
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
struct PeriodTotal
{
    QDate start; // Monday of the week, or the first of the month, UTC
    qint64 refunds = 0;
    qint64 chargebacks = 0;
};

struct ReasonTotal
{
    QString reason; // common reason, else the gateway's own, else "unspecified"
    qint64 amount = 0;
    qint64 count = 0;
};

// Invoices paid in a month (by their creation date) and how much of them has been refunded
// since, for one account. The rate is a ratio of the two exact integer sums.
struct RefundRate
{
    QDate month; // first of the month, UTC
    qint64 accountId = 0;
    QString accountName;
    qint64 paid = 0;
    qint64 refunded = 0;
    // Hundredths of a percent, rounded down; 0 when nothing was paid.
    qint64 basisPoints() const { return paid > 0 ? refunded * 10000 / paid : 0; }
};

struct ChartData
{
    qint64 accountId = 0; // 0 = all accounts
    QString currency;
    QList<PeriodTotal> weeks;   // consecutive weeks, gaps filled with zeros
    QList<PeriodTotal> months;  // consecutive months, gaps filled with zeros
    QList<ReasonTotal> reasons; // largest amount first
    QList<RefundRate> rates;    // by month, then account name; only months with payments
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
