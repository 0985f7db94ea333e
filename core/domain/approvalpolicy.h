// When a refund or chargeback needs a second person (maker-checker): an account's approval
// threshold, in major units for every currency of the account, with per-currency overrides.
// An amount strictly above the threshold waits for another person's approval before anything
// is sent. Pure values and exact integer arithmetic: thresholds are never doubles.
#pragma once

#include "money.h"

#include <QList>
#include <QString>

#include <optional>

namespace rd {

// One threshold: `above` units of 10^-scale major units, for `currency` (empty: every currency
// of the account without an override). A currency's own override has its exponent as scale; the
// every-currency value keeps the decimals it was given (at most 3, the largest exponent).
struct ApprovalThreshold
{
    QString currency;
    qint64 above = 0;
    int scale = 0;

    bool operator==(const ApprovalThreshold &o) const
    {
        return currency == o.currency && above == o.above && scale == o.scale;
    }
    // "100", "2500.50 EUR", "10000 JPY": how a person typed it (AMOUNT or AMOUNT CUR).
    QString toDisplayString() const;
    // "100", "5000:JPY": the --approval-above form.
    QString toArgument() const;
};

class ApprovalPolicy final
{
public:
    ApprovalPolicy() = default;
    explicit ApprovalPolicy(QList<ApprovalThreshold> thresholds);

    // Parses --approval-above values: "none" (alone: no approval needed), "AMOUNT" (major units,
    // every currency; at most one) and "AMOUNT:CUR" (an override, one per currency). Amounts are
    // non-negative decimals with '.'; an override has at most its currency's decimals. nullopt
    // and a sentence for a person when a value is not one of these.
    static std::optional<ApprovalPolicy> parse(const QStringList &values, QString *error);
    // The same, from one comma-separated line ("100, 5000:JPY", "none", or empty for none), as
    // the accounts dialog takes it.
    static std::optional<ApprovalPolicy> parseLine(const QString &line, QString *error);

    bool isEmpty() const { return m_thresholds.isEmpty(); }
    // Every-currency first, then overrides by currency code.
    const QList<ApprovalThreshold> &thresholds() const { return m_thresholds; }
    // The threshold that applies to `currency`: its override, else the every-currency one.
    std::optional<ApprovalThreshold> thresholdFor(const QString &currency) const;
    // True when `amount` is strictly above the threshold for its currency.
    bool needsApproval(const Money &amount) const;
    // "100, 5000:JPY", or "none": parseLine() reads it back.
    QString toLine() const;

    bool operator==(const ApprovalPolicy &o) const { return m_thresholds == o.m_thresholds; }

private:
    QList<ApprovalThreshold> m_thresholds;
};

} // namespace rd
