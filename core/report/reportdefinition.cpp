#include "reportdefinition.h"

#include "domain/currency.h"
#include "domain/money.h"
#include "store/database.h"
#include "store/refundable.h"

#include <QDate>
#include <QDateTime>
#include <QSqlQuery>

namespace rd {

namespace {

using Format = ReportColumn::Format;

QList<ReportColumn> columnsOf(ReportKind kind)
{
    const auto text = [](const char *n) {
        return ReportColumn{QString::fromLatin1(n), Format::Text};
    };
    const ReportColumn createdAt{QStringLiteral("created_at"), Format::Timestamp};
    const ReportColumn currency{QStringLiteral("currency"), Format::Currency};
    const auto amount = [](const char *n) {
        return ReportColumn{QString::fromLatin1(n), Format::Amount};
    };
    switch (kind) {
    case ReportKind::Refunds:
        return {text("account"),
                text("gateway"),
                text("refund_id"),
                text("invoice_id"),
                createdAt,
                amount("amount"),
                currency,
                text("reason"),
                text("status"),
                text("note"),
                text("failure_reason")};
    case ReportKind::Chargebacks:
        return {text("account"),    text("gateway"),   text("chargeback_id"),
                text("invoice_id"), createdAt,         amount("amount"),
                currency,           text("reason"),    text("reason_details"),
                text("status"),     text("resolution")};
    case ReportKind::Invoices:
        return {text("account"), text("gateway"),     text("invoice_id"),        text("customer"),
                createdAt,       amount("amount"),    amount("amount_refunded"), currency,
                text("status"),  amount("refundable")};
    case ReportKind::Reconciliation:
        return {text("account"),
                currency,
                amount("invoices_total"),
                amount("refunded_total"),
                amount("chargebacks_total"),
                amount("net")};
    }
    return {};
}

// The invoices report's columns of the invoice itself (between its account's and its
// refundable one).
const QString kInvoiceColumns =
    QStringLiteral("t.gateway_id, t.customer, t.created_at, t.amount, t.amount_refunded, "
                   "t.currency, t.status, ");

void appendTwoDigits(QString &out, int v)
{
    out += QLatin1Char(char('0' + v / 10));
    out += QLatin1Char(char('0' + v % 10));
}

} // namespace

QString whereWith(const SqlWhere &w, const QString &condition)
{
    if (w.clause.isEmpty())
        return QStringLiteral("WHERE ") + condition;
    return w.clause + QStringLiteral(" AND ") + condition;
}

QString reportName(ReportKind kind)
{
    switch (kind) {
    case ReportKind::Refunds:
        return QStringLiteral("refunds");
    case ReportKind::Chargebacks:
        return QStringLiteral("chargebacks");
    case ReportKind::Invoices:
        return QStringLiteral("invoices");
    case ReportKind::Reconciliation:
        return QStringLiteral("reconciliation");
    }
    return QString();
}

QString reportDisplayName(ReportKind kind)
{
    switch (kind) {
    case ReportKind::Refunds:
        return QStringLiteral("Refunds");
    case ReportKind::Chargebacks:
        return QStringLiteral("Chargebacks");
    case ReportKind::Invoices:
        return QStringLiteral("Invoices");
    case ReportKind::Reconciliation:
        return QStringLiteral("Reconciliation (per account and currency)");
    }
    return QString();
}

QList<ReportKind> allReports()
{
    return {ReportKind::Refunds, ReportKind::Chargebacks, ReportKind::Invoices,
            ReportKind::Reconciliation};
}

std::optional<ReportKind> reportFromName(QStringView name)
{
    for (const ReportKind k : allReports()) {
        if (name == reportName(k))
            return k;
    }
    return std::nullopt;
}

QStringList reportNames()
{
    QStringList names;
    for (const ReportKind k : allReports())
        names << reportName(k);
    return names;
}

QString isoUtcTimestamp(qint64 secs)
{
    // Hand-formatted: QDateTime::toString() dominates the cost of a large export otherwise.
    qint64 days = secs / 86400;
    qint64 rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    const QDate date = QDate(1970, 1, 1).addDays(days);
    QString out;
    out.reserve(20);
    const int year = date.year();
    if (year < 0 || year > 9999)
        return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
    out += QString::number(year).rightJustified(4, QLatin1Char('0'));
    out += QLatin1Char('-');
    appendTwoDigits(out, date.month());
    out += QLatin1Char('-');
    appendTwoDigits(out, date.day());
    out += QLatin1Char('T');
    appendTwoDigits(out, int(rem / 3600));
    out += QLatin1Char(':');
    appendTwoDigits(out, int(rem / 60 % 60));
    out += QLatin1Char(':');
    appendTwoDigits(out, int(rem % 60));
    out += QLatin1Char('Z');
    return out;
}

ReportDefinition::ReportDefinition(ReportKind kind, schema::Backend backend)
    : m_kind(kind), m_backend(backend), m_columns(columnsOf(kind))
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).format == Format::Currency)
            m_currencyColumn = i;
    }
    switch (kind) {
    case ReportKind::Refunds:
    case ReportKind::Chargebacks:
    case ReportKind::Invoices:
        // Chronological, as a ledger reads; the id makes the order total.
        m_orderBy = QStringLiteral(" ORDER BY t.created_at, t.id");
        break;
    case ReportKind::Reconciliation:
        m_orderBy = QStringLiteral(" ORDER BY %1, %2")
                        .arg(Database::inCodePointOrder(QStringLiteral("a.name"), backend),
                             Database::inCodePointOrder(QStringLiteral("p.currency"), backend));
        break;
    }
}

QStringList ReportDefinition::columnNames() const
{
    QStringList names;
    for (const ReportColumn &c : m_columns)
        names << c.name;
    return names;
}

QList<CsvWriter::CellKind> ReportDefinition::cellKinds() const
{
    QList<CsvWriter::CellKind> kinds;
    for (const ReportColumn &c : m_columns)
        kinds << (c.format == Format::Amount ? CsvWriter::CellKind::Number
                                             : CsvWriter::CellKind::Text);
    return kinds;
}

QString ReportDefinition::selectSql(const RecordFilter &filter, QVariantList *binds) const
{
    switch (m_kind) {
    case ReportKind::Refunds: {
        const SqlWhere w = buildWhere(RecordKind::Refunds, filter, QStringLiteral("t"), m_backend);
        *binds = w.binds;
        // The common reason when the gateway's maps onto one, else the gateway's own words.
        return QStringLiteral(
                   "SELECT a.name, a.gateway, t.gateway_id, t.invoice_id, t.created_at, t.amount, "
                   "t.currency, COALESCE(NULLIF(t.reason, ''), t.gateway_reason), t.status, "
                   "t.note, t.failure_reason FROM refunds t JOIN accounts a ON a.id = "
                   "t.account_id ") +
               w.clause;
    }
    case ReportKind::Chargebacks: {
        const SqlWhere w =
            buildWhere(RecordKind::Chargebacks, filter, QStringLiteral("t"), m_backend);
        *binds = w.binds;
        return QStringLiteral(
                   "SELECT a.name, a.gateway, t.gateway_id, t.invoice_id, t.created_at, t.amount, "
                   "t.currency, t.reason, t.reason_details, t.status, t.resolution "
                   "FROM chargebacks t JOIN accounts a ON a.id = t.account_id ") +
               w.clause;
    }
    case ReportKind::Invoices: {
        const SqlWhere w = buildWhere(RecordKind::Invoices, filter, QStringLiteral("t"), m_backend);
        *binds = w.binds;
        // refundable is the store's one rule (store/refundable.h): 0 for an invoice that
        // cannot be refunded at all (not paid, offline, disputed where that forbids refunds).
        // Its grouped form: one pass over refunds, chargebacks and outbox for the whole report
        // instead of a subquery per invoice.
        const QString t = QStringLiteral("t");
        const QString p = QStringLiteral("p");
        return QStringLiteral("SELECT a.name, a.gateway, ") + kInvoiceColumns +
               refundablesql::refundableFromParts(t, QStringLiteral("a"), p) +
               QStringLiteral(
                   " FROM invoices t JOIN accounts a ON a.id = t.account_id LEFT JOIN ") +
               refundablesql::partsByInvoice() + QStringLiteral(" p ON ") +
               refundablesql::partsJoin(t, p) + QLatin1Char(' ') + w.clause;
    }
    case ReportKind::Reconciliation: {
        // Per account and currency, each record counted in the period of its own created_at:
        //   invoices_total    = invoices whose common status is succeeded (captured money);
        //   refunded_total    = refunds whose common status is succeeded (money returned);
        //   chargebacks_total = chargebacks not failed or canceled (money lost or at stake);
        //   net               = invoices_total - refunded_total - chargebacks_total.
        // Each total is cast to BIGINT: PostgreSQL sums into NUMERIC, which would carry a
        // total no minor-unit count holds to the formatter; cast, it fails the report as
        // SQLite's integer overflow does. SQLite's SUM() fails on overflow, but its
        // subtraction turns an overflowing difference into a floating-point value, which the
        // cast would clamp to the largest integer: a wrong net written as if it were right.
        // There, a net that is not an integer takes abs() of the smallest integer, which fails
        // the report with SQLite's own "integer overflow".
        RecordFilter scope = filter;
        scope.search.clear();
        scope.status.clear();
        const SqlWhere wi = buildWhere(RecordKind::Invoices, scope, QString(), m_backend);
        const SqlWhere wr = buildWhere(RecordKind::Refunds, scope, QString(), m_backend);
        const SqlWhere wc = buildWhere(RecordKind::Chargebacks, scope, QString(), m_backend);
        *binds = wi.binds + wr.binds + wc.binds;
        const QString difference = QStringLiteral("SUM(p.inv) - SUM(p.ref) - SUM(p.cb)");
        const QString net = m_backend == schema::Backend::Sqlite
                                ? QStringLiteral("CASE WHEN typeof(%1) = 'integer' THEN %1 "
                                                 "ELSE abs(-9223372036854775807 - 1) END")
                                      .arg(difference)
                                : QStringLiteral("CAST(%1 AS BIGINT)").arg(difference);
        return QStringLiteral(
                   "SELECT a.name, p.currency, CAST(SUM(p.inv) AS BIGINT), CAST(SUM(p.ref) AS "
                   "BIGINT), CAST(SUM(p.cb) AS BIGINT), %4 FROM ("
                   "SELECT account_id, currency, amount AS inv, 0 AS ref, 0 AS cb FROM invoices %1"
                   " UNION ALL SELECT account_id, currency, 0, amount, 0 FROM refunds %2"
                   " UNION ALL SELECT account_id, currency, 0, 0, amount FROM chargebacks %3"
                   ") p JOIN accounts a ON a.id = p.account_id GROUP BY p.account_id, a.name, "
                   "p.currency")
            .arg(whereWith(wi, QStringLiteral("status = 'succeeded'")),
                 whereWith(wr, QStringLiteral("status = 'succeeded'")),
                 whereWith(wc, QStringLiteral("status NOT IN ('failed', 'canceled')")), net);
    }
    }
    return QString();
}

ReportQuery ReportDefinition::query(const RecordFilter &filter) const
{
    ReportQuery q;
    q.sql = selectSql(filter, &q.binds) + m_orderBy;
    return q;
}

ReportQuery ReportDefinition::invoiceRowsWithoutParts(const RecordFilter &filter) const
{
    Q_ASSERT(m_kind == ReportKind::Invoices);
    const SqlWhere w = buildWhere(RecordKind::Invoices, filter, QStringLiteral("t"), m_backend);
    ReportQuery q;
    q.binds = w.binds;
    q.sql = QStringLiteral("SELECT a.id, ") + kInvoiceColumns + QStringLiteral("t.account_id, ") +
            QStringLiteral("t.offline, t.disputed, t.id FROM invoices t JOIN accounts a ON "
                           "a.id = t.account_id ") +
            w.clause + m_orderBy;
    return q;
}

ReportQuery ReportDefinition::countQuery(const RecordFilter &filter) const
{
    ReportQuery q;
    q.sql = QStringLiteral("SELECT COUNT(*) FROM (") + selectSql(filter, &q.binds) +
            QStringLiteral(") AS report_rows");
    return q;
}

bool ReportDefinition::formatRow(const QSqlQuery &query, QStringList *cells, QString *error) const
{
    cells->clear();
    const QString currency =
        m_currencyColumn >= 0 ? query.value(m_currencyColumn).toString().toUpper() : QString();
    int exponent = -1;
    QString cell;
    for (int i = 0; i < m_columns.size(); ++i) {
        if (!formatCell(i, query.value(i), currency, &exponent, &cell, error))
            return false;
        *cells << cell;
    }
    return true;
}

bool ReportDefinition::formatCell(int column, const QVariant &v, const QString &currency,
                                  int *exponent, QString *cell, QString *error) const
{
    switch (m_columns.at(column).format) {
    case Format::Text:
        *cell = v.toString();
        return true;
    case Format::Currency:
        *cell = currency;
        return true;
    case Format::Timestamp:
        *cell = isoUtcTimestamp(v.toLongLong());
        return true;
    case Format::Amount:
        if (*exponent < 0) {
            *exponent = Currency::exponent(currency);
            if (*exponent < 0) {
                if (error)
                    *error = QStringLiteral("A %1 row has the unknown currency \"%2\"; "
                                            "its amounts cannot be written exactly.")
                                 .arg(reportName(m_kind), currency);
                return false;
            }
        }
        *cell = Money::formatMinor(v.toLongLong(), *exponent);
        return true;
    }
    return true;
}

} // namespace rd
