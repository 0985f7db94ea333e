// Bulk refunds: many rows (a file's, or the invoices a person selected), each validated and sent
// exactly as one refund is, one after another through RefundService and the outbox. Each row of
// a file carries a stable key, so running the same file again never sends a row that was sent.
#pragma once

#include "operation.h"

#include "domain/result.h"
#include "store/accountrepository.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QIODevice;

namespace rd {

class Database;

// One row of a bulk refund: account name, invoice, amount in major units or "full".
struct BulkRefundRow
{
    int line = 0; // the line of the file it came from (the header is line 1); 0 when none
    QString account;
    QString invoiceId;
    QString amount; // major units as written, or "full"
    QString reason;
    QString note;
    // Stable across runs of the same file: its content and how many identical rows came before
    // it. Empty for rows that do not come from a file.
    QString key;

    bool isFull() const
    {
        return amount.trimmed().compare(QLatin1String("full"), Qt::CaseInsensitive) == 0;
    }
};

// Reads a bulk refund file: UTF-8 CSV (RFC 4180) with a header row naming, in any order,
// account, invoice_id, amount and optionally reason and note. A file that cannot be read as
// that (unknown or missing columns, a row with another number of fields, an open quote) is an
// error naming the line; nothing in a row's values is judged here.
Result<QList<BulkRefundRow>> readBulkRefundFile(QIODevice &device);
Result<QList<BulkRefundRow>> readBulkRefundFile(const QString &path);

// AwaitingApproval: the row is above its account's approval threshold and was recorded as an
// approval request (this run or an earlier one); nothing was sent.
enum class BulkOutcome { Ok, WouldSend, Refused, Rejected, Unknown, AwaitingApproval };
// ok, would-send, refused, rejected, unknown, awaiting-approval
QString bulkOutcomeName(BulkOutcome outcome);
// The exit code a run whose most serious row has `outcome` ends with (refunddesk-cli); rank()
// orders them: unknown (5) over rejected (4) over refused (3) over awaiting approval (8) over
// ok (0).
int bulkOutcomeExitCode(BulkOutcome outcome);
int bulkOutcomeRank(BulkOutcome outcome);

struct BulkRowResult
{
    BulkOutcome outcome = BulkOutcome::Refused;
    QString currency; // the invoice's, when it is known
    Money billed;     // the invoice's amount; invalid when the invoice is unknown
    Money refundable; // before this row (counting the rows before it); invalid when unknown
    Money amount;     // what was, or would be, sent; invalid when it never got that far
    QString refundId; // the gateway's id of the refund (or chargeback request)
    QString operationId;
    qint64 approvalId = 0; // the approval request that holds the row (AwaitingApproval)
    // A WouldSend row above its account's approval threshold: sending it records an approval
    // request instead.
    bool needsApproval = false;
    QString message; // for a person; names the approval request when there is one
};

// The results file's columns: the input's, then currency, outcome, refund_id, message.
QStringList bulkResultColumns();
QStringList bulkResultCells(const BulkRefundRow &row, const BulkRowResult &result);

// Validates every row from the cache alone, each counting what the rows before it would take
// from the same invoice; sends, queues and records nothing. Results are WouldSend, Refused, or
// Ok/Unknown for rows an earlier run already sent.
QList<BulkRowResult> previewBulkRefund(Database &db, const QList<BulkRefundRow> &rows);

// Sends rows one after another. `submit` hands a draft to the single-refund path
// (RefundService::submit, directly or on a worker) and calls `done` with its outcome.
class BulkRefundRun final : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const OperationOutcome &)>;
    using Submit = std::function<void(const Account &, const RefundDraft &, Done)>;

    BulkRefundRun(Database &db, Submit submit, QObject *parent = nullptr);

    void start(const QList<BulkRefundRow> &rows);
    // The row being sent finishes; the rows after it are not sent (outcome refused).
    void cancel() { m_cancelled = true; }
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void rowStarted(int index, int count);
    void rowFinished(int index, const rd::BulkRowResult &result);
    void finished(bool cancelled);

private:
    void next();

    Database &m_db;
    Submit m_submit;
    QList<BulkRefundRow> m_rows;
    int m_index = 0;
    bool m_cancelled = false;
    bool m_running = false;
};

// The draft that sends `row` on `account`, as a single refund would be.
RefundDraft bulkDraft(const Account &account, const BulkRefundRow &row);

} // namespace rd

Q_DECLARE_METATYPE(rd::BulkRowResult)
