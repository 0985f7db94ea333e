#include "bulkrefund.h"

#include "refundservice.h"

#include "gateway/gatewayfactory.h"
#include "report/csvreader.h"
#include "store/approvalrepository.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QPointer>
#include <QStringDecoder>
#include <QTimer>

#include <map>
#include <memory>

namespace rd {

namespace {

const QStringList requiredColumns{QStringLiteral("account"), QStringLiteral("invoice_id"),
                                  QStringLiteral("amount")};
const QStringList optionalColumns{QStringLiteral("reason"), QStringLiteral("note")};

QString rowKey(const BulkRefundRow &row, int occurrence)
{
    // Account names are unique regardless of case; "FULL" and "full" are the same request.
    const QStringList parts{
        row.account.toCaseFolded(), row.invoiceId, row.amount.toLower(), row.reason, row.note,
        QString::number(occurrence)};
    const QByteArray hash =
        QCryptographicHash::hash(parts.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("bulk_") + QString::fromLatin1(hash.toHex().left(32));
}

BulkRowResult refusedRow(const QString &message)
{
    BulkRowResult r;
    r.outcome = BulkOutcome::Refused;
    r.message = message;
    return r;
}

BulkRowResult resultOf(const OperationOutcome &o, const Validation &before)
{
    BulkRowResult r;
    r.refundable = before.refundable;
    r.billed = before.captured;
    r.amount = o.amount.isValid() ? o.amount : before.amount;
    r.currency = r.amount.isValid() ? r.amount.currency() : before.captured.currency();
    r.operationId = o.operationId;
    r.refundId = o.gatewayId;
    switch (o.state) {
    case OperationState::Succeeded:
        r.outcome = BulkOutcome::Ok;
        r.message =
            o.earlier ? o.message : QStringLiteral("refunded %1").arg(r.amount.toDisplayString());
        break;
    case OperationState::Refused:
    case OperationState::Failed:
        r.outcome = BulkOutcome::Refused;
        r.message = o.message;
        break;
    case OperationState::Rejected:
        r.outcome = BulkOutcome::Rejected;
        r.message = o.message;
        break;
    case OperationState::NotSent:
        r.outcome = BulkOutcome::Rejected;
        r.message = QStringLiteral("not sent, the gateway could not be reached: %1")
                        .arg(o.error.describe());
        break;
    case OperationState::AwaitingApproval:
        r.outcome = BulkOutcome::AwaitingApproval;
        r.approvalId = o.approvalId;
        r.message = o.earlier ? o.message
                              : QStringLiteral("approval request %1: %2 Nothing was sent; it is "
                                               "sent when another person approves it")
                                    .arg(o.approvalId)
                                    .arg(o.message);
        break;
    case OperationState::Unknown:
        r.outcome = BulkOutcome::Unknown;
        r.message = o.earlier ? o.message
                              : QStringLiteral("%1; operation %2 stays in the outbox and "
                                               "reconcile resolves it; do not send it again")
                                    .arg(o.message, o.operationId);
        break;
    }
    return r;
}

} // namespace

Result<QList<BulkRefundRow>> readBulkRefundFile(QIODevice &device)
{
    QByteArray bytes = device.readAll();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decode(bytes);
    if (decode.hasError())
        return Error{QStringLiteral("the file is not UTF-8 text")};
    const auto records = parseCsv(text);
    if (!records)
        return Error{records.error()};
    if (records->isEmpty())
        return Error{QStringLiteral("the file is empty; it needs a header row: %1")
                         .arg((requiredColumns + optionalColumns).join(QLatin1Char(',')))};

    QHash<QString, int> column;
    const QStringList header = records->first().fields;
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        if (!requiredColumns.contains(name) && !optionalColumns.contains(name))
            return Error{QStringLiteral("line 1: unknown column \"%1\"; the columns are %2 and "
                                        "optionally %3")
                             .arg(header.at(i), requiredColumns.join(QStringLiteral(", ")),
                                  optionalColumns.join(QStringLiteral(", ")))};
        if (column.contains(name))
            return Error{QStringLiteral("line 1: column \"%1\" appears twice").arg(name)};
        column.insert(name, i);
    }
    for (const QString &name : requiredColumns) {
        if (!column.contains(name))
            return Error{QStringLiteral("line 1: the header has no \"%1\" column").arg(name)};
    }

    QList<BulkRefundRow> rows;
    QHash<QString, int> seen; // identical rows so far, by content
    for (qsizetype r = 1; r < records->size(); ++r) {
        const CsvRecord &record = records->at(r);
        if (record.fields.size() != header.size())
            return Error{QStringLiteral("line %1 has %2 fields; the header has %3")
                             .arg(record.line)
                             .arg(record.fields.size())
                             .arg(header.size())};
        const auto cell = [&](const QString &name) {
            return column.contains(name) ? record.fields.at(column.value(name)) : QString();
        };
        BulkRefundRow row;
        row.line = record.line;
        row.account = cell(QStringLiteral("account")).trimmed();
        row.invoiceId = cell(QStringLiteral("invoice_id")).trimmed();
        row.amount = cell(QStringLiteral("amount")).trimmed();
        row.reason = cell(QStringLiteral("reason")).trimmed();
        row.note = cell(QStringLiteral("note"));
        const QString content = rowKey(row, 0);
        const int occurrence = ++seen[content];
        row.key = rowKey(row, occurrence);
        rows << row;
    }
    return rows;
}

Result<QList<BulkRefundRow>> readBulkRefundFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    return readBulkRefundFile(file);
}

QString bulkOutcomeName(BulkOutcome outcome)
{
    switch (outcome) {
    case BulkOutcome::Ok:
        return QStringLiteral("ok");
    case BulkOutcome::WouldSend:
        return QStringLiteral("would-send");
    case BulkOutcome::Refused:
        return QStringLiteral("refused");
    case BulkOutcome::Rejected:
        return QStringLiteral("rejected");
    case BulkOutcome::Unknown:
        return QStringLiteral("unknown");
    case BulkOutcome::AwaitingApproval:
        return QStringLiteral("awaiting-approval");
    }
    return QString();
}

int bulkOutcomeExitCode(BulkOutcome outcome)
{
    switch (outcome) {
    case BulkOutcome::Unknown:
        return 5;
    case BulkOutcome::Rejected:
        return 4;
    case BulkOutcome::Refused:
        return 3;
    case BulkOutcome::AwaitingApproval:
        return 8;
    case BulkOutcome::Ok:
    case BulkOutcome::WouldSend:
        break;
    }
    return 0;
}

int bulkOutcomeRank(BulkOutcome outcome)
{
    // Money whose fate is open first, then what the gateway or the cache refused; a row waiting
    // for a second person is on its way, so it only outranks success.
    switch (outcome) {
    case BulkOutcome::Unknown:
        return 4;
    case BulkOutcome::Rejected:
        return 3;
    case BulkOutcome::Refused:
        return 2;
    case BulkOutcome::AwaitingApproval:
        return 1;
    case BulkOutcome::Ok:
    case BulkOutcome::WouldSend:
        break;
    }
    return 0;
}

QStringList bulkResultColumns()
{
    return requiredColumns + optionalColumns +
           QStringList{QStringLiteral("currency"), QStringLiteral("outcome"),
                       QStringLiteral("refund_id"), QStringLiteral("message")};
}

QStringList bulkResultCells(const BulkRefundRow &row, const BulkRowResult &result)
{
    return {row.account,
            row.invoiceId,
            row.amount,
            row.reason,
            row.note,
            result.currency,
            bulkOutcomeName(result.outcome),
            result.refundId,
            result.message};
}

RefundDraft bulkDraft(const Account &account, const BulkRefundRow &row)
{
    RefundDraft d;
    d.accountId = account.id;
    d.kind = OperationKind::Refund;
    d.invoiceId = row.invoiceId;
    d.full = row.isFull();
    d.amountText = d.full ? QString() : row.amount;
    d.reason = row.reason;
    d.note = row.note;
    d.requestKey = row.key;
    return d;
}

QList<BulkRowResult> previewBulkRefund(Database &db, const QList<BulkRefundRow> &rows)
{
    QList<BulkRowResult> out;
    // The adapters only answer what their dialect allows here; nothing is sent, so no secret.
    std::map<qint64, std::unique_ptr<Gateway>> gateways;
    std::map<qint64, std::unique_ptr<RefundService>> services;
    QHash<QString, Money> held; // what earlier rows would take, by account and invoice
    for (const BulkRefundRow &row : rows) {
        const auto account = AccountRepository(db).findByName(row.account);
        if (!account) {
            out << refusedRow(QStringLiteral("no account named \"%1\"").arg(row.account));
            continue;
        }
        auto &service = services[account->id];
        if (!service) {
            gateways[account->id] = createGateway(*account, QString());
            if (!gateways[account->id]) {
                out << refusedRow(
                    QStringLiteral("no adapter for the gateway of account %1").arg(account->name));
                continue;
            }
            service = std::make_unique<RefundService>(db, *account, gateways[account->id].get());
        }
        const RefundDraft draft = bulkDraft(*account, row);
        const auto earlier = service->earlierOutcome(draft);
        if (!earlier) {
            out << refusedRow(earlier.error());
            continue;
        }
        const QString invoiceKey = QString::number(account->id) + QLatin1Char('/') + row.invoiceId;
        const Validation v = service->validate(draft, held.value(invoiceKey));
        if (earlier->has_value()) {
            out << resultOf(**earlier, v);
            continue;
        }
        BulkRowResult r;
        r.refundable = v.refundable;
        r.billed = v.captured;
        r.currency = v.captured.currency();
        r.message = v.message;
        if (v.ok) {
            r.outcome = BulkOutcome::WouldSend;
            r.amount = v.amount;
            r.message = QStringLiteral("would refund %1").arg(v.amount.toDisplayString());
            const auto policy = ApprovalRepository(db).policy(account->id);
            if (!policy) {
                out << refusedRow(policy.error());
                continue;
            }
            if (policy->needsApproval(v.amount)) {
                r.needsApproval = true;
                const auto threshold = policy->thresholdFor(v.amount.currency());
                r.message = QStringLiteral("would record an approval request for %1 (above "
                                           "account %2's approval threshold of %3); nothing is "
                                           "sent until another person approves it")
                                .arg(v.amount.toDisplayString(), account->name,
                                     threshold ? threshold->toDisplayString() : QString());
            }
            const Money sum = held.value(invoiceKey);
            held.insert(invoiceKey,
                        sum.isValid() ? sum.checkedAdd(v.amount).value_or(v.amount) : v.amount);
        }
        out << r;
    }
    return out;
}

BulkRefundRun::BulkRefundRun(Database &db, Submit submit, QObject *parent)
    : QObject(parent), m_db(db), m_submit(std::move(submit))
{}

void BulkRefundRun::start(const QList<BulkRefundRow> &rows)
{
    m_rows = rows;
    m_index = 0;
    m_cancelled = false;
    m_running = true;
    QTimer::singleShot(0, this, &BulkRefundRun::next);
}

void BulkRefundRun::next()
{
    if (m_cancelled || m_index >= m_rows.size()) {
        for (; m_index < m_rows.size(); ++m_index)
            Q_EMIT rowFinished(m_index, refusedRow(QStringLiteral("not sent: the run was "
                                                                  "cancelled before this row")));
        m_running = false;
        Q_EMIT finished(m_cancelled);
        return;
    }
    const int index = m_index;
    const BulkRefundRow &row = m_rows.at(index);
    Q_EMIT rowStarted(index, int(m_rows.size()));
    const auto advance = [this, index](const BulkRowResult &result) {
        Q_EMIT rowFinished(index, result);
        m_index = index + 1;
        QTimer::singleShot(0, this, &BulkRefundRun::next);
    };
    const auto account = AccountRepository(m_db).findByName(row.account);
    if (!account) {
        advance(refusedRow(QStringLiteral("no account named \"%1\"").arg(row.account)));
        return;
    }
    // What was refundable before this row, for the results (the service decides again).
    Validation before;
    if (auto gateway = createGateway(*account, QString())) {
        before = RefundService(m_db, *account, gateway.get()).validate(bulkDraft(*account, row));
    }
    QPointer<BulkRefundRun> self(this);
    m_submit(*account, bulkDraft(*account, row),
             [self, advance, before](const OperationOutcome &o) {
                 if (self)
                     advance(resultOf(o, before));
             });
}

} // namespace rd
