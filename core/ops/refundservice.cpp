#include "refundservice.h"

#include "approvals.h"
#include "refundcontext.h"

#include "store/actinguser.h"
#include "store/approvalrepository.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/recordrepository.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTimer>

#include <memory>
#include <utility>

namespace rd {

namespace {

QJsonObject toJson(const QMap<QString, QString> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

// Stripe's documented metadata limits; checked here so a bad key is refused before sending.
QString metadataProblem(const QMap<QString, QString> &metadata)
{
    if (metadata.isEmpty())
        return QStringLiteral("Give at least one metadata key to set or unset.");
    if (metadata.size() > 50)
        return QStringLiteral("A refund holds at most 50 metadata keys.");
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
        if (it.key().isEmpty() || it.key().size() > 40 || it.key().contains(QLatin1Char('[')))
            return QStringLiteral("Metadata key \"%1\" must be 1 to 40 characters without "
                                  "square brackets.")
                .arg(it.key());
        if (it.value().size() > 500)
            return QStringLiteral("The value of metadata key \"%1\" is longer than 500 "
                                  "characters.")
                .arg(it.key());
    }
    return QString();
}

} // namespace

RefundService::RefundService(Database &db, const Account &account, Gateway *gateway,
                             QObject *parent)
    : QObject(parent), m_db(db), m_account(account), m_gateway(gateway),
      m_executor(db, account, gateway)
{}

Validation RefundService::validate(const RefundDraft &draft, const Money &alsoHeld) const
{
    QString error;
    Validation v = validateLocked(draft, &error, alsoHeld);
    if (!error.isEmpty()) {
        v.ok = false;
        v.message = error;
    }
    return v;
}

Validation RefundService::validateLocked(const RefundDraft &draft, QString *error,
                                         const Money &alsoHeld) const
{
    const OperationKind kind = effectiveKind(m_account.dialect, draft.kind);
    if (kind == OperationKind::Refund && !m_gateway->canCreateRefunds()) {
        Validation v;
        v.message = QStringLiteral("%1 refunds cannot be issued from RefundDesk.")
                        .arg(dialectDisplayName(m_account.dialect));
        return v;
    }
    if (kind == OperationKind::Chargeback && !m_gateway->canCreateChargebacks() &&
        m_account.dialect == Dialect::IntaSend) {
        Validation v;
        v.message = QStringLiteral("This IntaSend adapter cannot file chargeback requests.");
        return v;
    }
    auto c = readRefundContext(m_db, m_account.id, m_account.dialect, draft.invoiceId);
    if (!c) {
        *error = c.error();
        return Validation();
    }
    c->dialectReasons = m_gateway->refundReasons();
    if (alsoHeld.isValid() && !alsoHeld.isZero()) {
        const auto held = c->inOutbox.isValid() ? c->inOutbox.checkedAdd(alsoHeld, error)
                                                : std::optional<Money>(alsoHeld);
        if (!held)
            return Validation();
        c->inOutbox = *held;
    }
    return validateDraft(draft, *c);
}

Result<std::optional<OperationOutcome>>
RefundService::earlierOutcome(const RefundDraft &draft) const
{
    if (draft.requestKey.isEmpty())
        return std::optional<OperationOutcome>();
    const auto entries = OutboxRepository(m_db).entriesOf(m_account.id, draft.invoiceId);
    if (!entries)
        return Error{entries.error()};
    // The newest entry with the key decides: one that succeeded or is still open must not be
    // sent again; a rejected one refunded nothing, so the row may be sent again unless an
    // approval request for it stands (below).
    for (auto it = entries->crbegin(); it != entries->crend(); ++it) {
        if (it->params.value(QLatin1String("request_key")).toString() != draft.requestKey)
            continue;
        if (it->state == OutboxState::Rejected)
            break;
        OperationOutcome o;
        o.earlier = true;
        o.operationId = it->operationId;
        o.amount = it->amount;
        if (it->state == OutboxState::Succeeded) {
            o.state = OperationState::Succeeded;
            o.gatewayId = it->resultId;
            o.message = QStringLiteral("sent earlier as operation %1 on %2; not sent again")
                            .arg(it->operationId, it->createdAt.toUTC().toString(Qt::ISODate));
        } else {
            o.state = OperationState::Unknown;
            o.message = QStringLiteral("operation %1 from an earlier run is still open (%2); "
                                       "not sent again; refunddesk-cli reconcile resolves it")
                            .arg(it->operationId, outboxStateName(it->state));
        }
        return std::optional<OperationOutcome>(o);
    }
    // A row above the approval threshold was filed as an approval request instead. One still
    // awaiting a decision, or approved (its send is an outbox entry with the key, above, unless
    // the gateway rejected it), is not filed again; one an approver rejected may be asked again.
    const auto request =
        ApprovalRepository(m_db).latestWithRequestKey(m_account.id, draft.requestKey);
    if (!request)
        return Error{request.error()};
    if (!request->has_value() || (*request)->state == ApprovalState::Rejected)
        return std::optional<OperationOutcome>();
    const ApprovalRequest &r = **request;
    OperationOutcome o;
    o.earlier = true;
    o.approvalId = r.id;
    o.amount = r.amount;
    o.operationId = r.operationId;
    if (r.state == ApprovalState::Awaiting) {
        o.state = OperationState::AwaitingApproval;
        o.message = QStringLiteral("approval request %1 from an earlier run (%2 on %3) still "
                                   "awaits approval; not requested again")
                        .arg(r.id)
                        .arg(r.requestedBy, r.requestedAt.toUTC().toString(Qt::ISODate));
    } else {
        o.state = OperationState::Rejected;
        o.message = QStringLiteral("approval request %1 was approved by %2 and sent as "
                                   "operation %3, which the gateway rejected; not requested "
                                   "again (refund the invoice on its own if it still needs it)")
                        .arg(r.id)
                        .arg(r.decidedBy, r.operationId);
    }
    return std::optional<OperationOutcome>(o);
}

void RefundService::finishLater(const OperationOutcome &outcome)
{
    // Always asynchronous, so a caller connects before or after submit() alike.
    QTimer::singleShot(0, this, [this, outcome] { Q_EMIT finished(outcome); });
}

void RefundService::failLater(const QString &why)
{
    OperationOutcome o;
    o.state = OperationState::Failed;
    o.message = QStringLiteral("%1; nothing was sent.").arg(why);
    finishLater(o);
}

void RefundService::auditRefusal(const QString &invoiceId, const Money &amount,
                                 const QString &reason, const QString &message)
{
    AuditEntry a;
    a.account = m_account.name;
    a.invoiceId = invoiceId;
    a.action = QStringLiteral("refuse");
    if (amount.isValid())
        a.amount = amount;
    a.reason = reason;
    a.outcome = QStringLiteral("refused");
    a.message = message;
    AuditLog(m_db).append(a);
}

void RefundService::submit(const RefundDraft &draft)
{
    const OperationKind kind = effectiveKind(m_account.dialect, draft.kind);
    // What the cache already refuses is refused at once, with nothing read or sent; what it
    // allows is checked again against the gateway's current state before anything is sent. A
    // request that an earlier operation answers reads nothing either.
    const auto earlier = earlierOutcome(draft);
    if (!m_refreshBeforeSend ||
        (kind != OperationKind::Refund && kind != OperationKind::Chargeback) || !earlier ||
        earlier->has_value()) {
        submitChecked(draft);
        return;
    }
    // A request for approval sends nothing, so it reads nothing from the gateway either; the
    // approver's send reads the invoice again.
    const Validation v = validate(draft);
    QString error;
    if (!v.ok || needsApproval(v.amount, &error) || !error.isEmpty()) {
        submitChecked(draft);
        return;
    }
    refreshThen(draft.invoiceId, [this, draft] { submitChecked(draft); });
}

void RefundService::refreshThen(const QString &invoiceId, const std::function<void()> &then)
{
    // Whatever happens, `then` runs exactly once; a read that fails leaves the cache as it was.
    // The invoice and its refunds are asked for at once (the refunds list does not depend on
    // the invoice), so the refund waits for one round trip instead of two; the disputes, read
    // only for a disputed invoice, follow the invoice.
    ListRequest request;
    request.invoiceId = invoiceId;
    const bool intasend = m_account.dialect == Dialect::IntaSend;
    struct Reads
    {
        std::optional<GatewayResult<Invoice>> invoice;
        std::optional<GatewayResult<Page<Refund>>> refunds;
        bool done = false;
    };
    auto reads = std::make_shared<Reads>();
    auto finish = [then, reads] {
        if (!std::exchange(reads->done, true))
            then();
    };
    auto store = [this, finish](const Invoice &invoice, const QList<Refund> &refunds,
                                const QList<Chargeback> &chargebacks) {
        QString error;
        RecordRepository records(m_db);
        // The gateway's own state, read again: losing it to a power cut costs a re-read, so
        // it is flushed with the next commit (the outbox entry's, or a refusal's) rather than
        // on its own.
        if (m_db.beginImmediate(&error, Database::Sync::WithNextCommit)) {
            if (m_db.lockInvoice(m_account.id, invoice.gatewayId, &error) &&
                records.upsertInvoices(m_account.id, {invoice}, &error) &&
                records.upsertRefunds(m_account.id, refunds, &error) &&
                records.upsertChargebacks(m_account.id, chargebacks, &error))
                m_db.commit(&error);
            else
                m_db.rollback();
        }
        finish();
    };
    // Runs when both answers are in (or the invoice's alone on IntaSend, which lists no
    // refunds: its chargeback requests are its refunds).
    auto bothRead = [this, invoiceId, request, intasend, reads, finish, store] {
        if (reads->done || !reads->invoice)
            return;
        const GatewayResult<Invoice> &r = *reads->invoice;
        const Invoice invoice = r.value;
        if (!r.ok() || invoice.gatewayId != invoiceId || !invoice.amount.isValid()) {
            finish(); // the refunds' answer, still to come, is not waited for
            return;
        }
        if (!intasend && !reads->refunds)
            return;
        if (!intasend && !reads->refunds->ok()) {
            finish();
            return;
        }
        const QList<Refund> refunds = intasend ? QList<Refund>() : reads->refunds->value.items;
        if (!intasend && !invoice.disputed) {
            store(invoice, refunds, {});
            return;
        }
        m_gateway->listChargebacks(
            request, [store, invoice, refunds, finish](const GatewayResult<Page<Chargeback>> &c) {
                if (c.ok())
                    store(invoice, refunds, c.value.items);
                else
                    finish();
            });
    };
    m_gateway->retrieveInvoice(invoiceId, [reads, bothRead](const GatewayResult<Invoice> &r) {
        reads->invoice = r;
        bothRead();
    });
    if (!intasend) {
        m_gateway->listRefunds(request, [reads, bothRead](const GatewayResult<Page<Refund>> &p) {
            reads->refunds = p;
            bothRead();
        });
    }
}

void RefundService::submitChecked(const RefundDraft &draft)
{
    QString error;
    if (!m_db.beginImmediate(&error) || !m_db.lockInvoice(m_account.id, draft.invoiceId, &error)) {
        m_db.rollback();
        failLater(QStringLiteral("Cannot lock the cache: %1").arg(error));
        return;
    }
    // The row-key lookup, validation and the outbox insert (or the approval request) share
    // one write transaction, on a team database under the invoice's lock: two processes or
    // desktops refunding the same invoice (or running the same bulk file) see each other's
    // open entries and requests, cannot together exceed it, and cannot send or request one
    // row twice.
    const auto earlier = earlierOutcome(draft);
    if (!earlier) {
        m_db.rollback();
        failLater(QStringLiteral("Cannot read the outbox: %1").arg(earlier.error()));
        return;
    }
    if (earlier->has_value()) {
        m_db.rollback();
        finishLater(**earlier);
        return;
    }
    const auto checked = validateInTransaction(draft);
    if (!checked)
        return;
    const Validation &v = *checked;
    if (!v.ok) {
        auditRefusal(draft.invoiceId, v.amount, draft.reason, v.message);
        m_db.commit(nullptr);
        OperationOutcome o;
        o.state = OperationState::Refused;
        o.amount = v.amount;
        o.message = v.message;
        finishLater(o);
        return;
    }
    const bool approval = needsApproval(v.amount, &error);
    if (!error.isEmpty()) {
        m_db.rollback();
        failLater(error);
        return;
    }
    if (approval) {
        requestApproval(draft, v);
        return;
    }
    queueAndSend(entryFor(draft, v), QString());
}

std::optional<Validation> RefundService::validateInTransaction(const RefundDraft &draft)
{
    QString error;
    Validation v = validateLocked(draft, &error);
    if (error.isEmpty())
        return v;
    m_db.rollback();
    failLater(QStringLiteral("Cannot read the cache: %1").arg(error));
    return std::nullopt;
}

bool RefundService::needsApproval(const Money &amount, QString *error) const
{
    const auto policy = ApprovalRepository(m_db).policy(m_account.id);
    if (!policy) {
        *error = policy.error();
        return false;
    }
    return policy->needsApproval(amount);
}

void RefundService::requestApproval(const RefundDraft &draft, const Validation &v)
{
    // Called inside the write transaction that validated `draft`: the request counts against
    // the invoice from the moment it is visible.
    QString error;
    const OutboxEntry shape = entryFor(draft, v);
    ApprovalRequest r;
    r.accountId = m_account.id;
    r.account = m_account.name;
    r.kind = shape.kind;
    r.invoiceId = draft.invoiceId;
    r.amount = v.amount;
    r.reason = draft.reason.trimmed();
    r.note = draft.note;
    r.params = shape.params;
    r.params.remove(QStringLiteral("full"));
    r.params.remove(QStringLiteral("dialect_reason"));
    r.params.remove(QStringLiteral("request_key"));
    r.requestKey = draft.requestKey;
    r.requestedBy = actingUser(m_db);
    const auto threshold = ApprovalRepository(m_db)
                               .policy(m_account.id)
                               .valueOr(ApprovalPolicy())
                               .thresholdFor(v.amount.currency());
    if (r.requestedBy.isEmpty()) {
        m_db.rollback();
        failLater(QStringLiteral("Cannot tell who is asking"));
        return;
    }
    const QString what = r.kind == OperationKind::Chargeback ? QStringLiteral("chargeback request")
                                                             : QStringLiteral("refund");
    if (!ApprovalRepository(m_db).insert(r, &error) ||
        !auditApproval(m_db, r, QStringLiteral("request"), QStringLiteral("awaiting_approval"),
                       QStringLiteral("approval request %1: %2 of %3 is above the approval "
                                      "threshold of %4")
                           .arg(r.id)
                           .arg(what, v.amount.toDisplayString(),
                                threshold ? threshold->toDisplayString() : QString()),
                       QString(), &error) ||
        !m_db.commit(&error)) {
        m_db.rollback();
        failLater(QStringLiteral("Cannot record the approval request: %1").arg(error));
        return;
    }
    OperationOutcome o;
    o.state = OperationState::AwaitingApproval;
    o.approvalId = r.id;
    o.amount = v.amount;
    o.message = QStringLiteral("the %1 of %2 on invoice %3 is above account %4's approval "
                               "threshold of %5, so it is recorded as approval request %6.")
                    .arg(what, v.amount.toDisplayString(), draft.invoiceId, m_account.name,
                         threshold ? threshold->toDisplayString() : QString())
                    .arg(r.id);
    finishLater(o);
}

void RefundService::refuseLater(const QString &message, const Money &amount)
{
    OperationOutcome o;
    o.state = OperationState::Refused;
    o.amount = amount;
    o.message = message;
    finishLater(o);
}

void RefundService::approve(qint64 approvalId)
{
    const QString actor = actingUser(m_db);
    const auto r = decidableRequest(m_db, approvalId, actor, true);
    if (!r) {
        refuseLater(r.error());
        return;
    }
    if (r->accountId != m_account.id) {
        refuseLater(QStringLiteral("Approval request %1 belongs to account %2, not %3.")
                        .arg(approvalId)
                        .arg(r->account, m_account.name));
        return;
    }
    const RefundDraft draft = draftOf(*r);
    if (!m_refreshBeforeSend) {
        approveChecked(approvalId, draft);
        return;
    }
    refreshThen(draft.invoiceId, [this, approvalId, draft] { approveChecked(approvalId, draft); });
}

void RefundService::approveChecked(qint64 approvalId, const RefundDraft &draft)
{
    QString error;
    if (!m_db.beginImmediate(&error) || !m_db.lockInvoice(m_account.id, draft.invoiceId, &error)) {
        m_db.rollback();
        failLater(QStringLiteral("Cannot lock the cache: %1").arg(error));
        return;
    }
    // Checked again under the write lock (on a team database also under the invoice's lock):
    // another approver may have decided meanwhile.
    const QString actor = actingUser(m_db);
    const auto r = decidableRequest(m_db, approvalId, actor, true);
    if (!r) {
        m_db.rollback();
        refuseLater(r.error());
        return;
    }
    // Decided first, so the request's own amount no longer counts against the invoice while
    // the rule is checked again; a refusal rolls the decision back.
    const QString operationId = OutboxRepository::newId(u"rdop_");
    if (!ApprovalRepository(m_db).approve(approvalId, actor, operationId, &error)) {
        m_db.rollback();
        refuseLater(error, r->amount);
        return;
    }
    const auto checked = validateInTransaction(draft);
    if (!checked)
        return;
    const Validation &v = *checked;
    if (!v.ok || v.amount != r->amount) {
        m_db.rollback();
        const QString why =
            QStringLiteral("%1 Approval request %2 still awaits a decision; reject it if it no "
                           "longer applies.")
                .arg(v.ok ? QStringLiteral("The amount to send differs from the request.")
                          : v.message)
                .arg(approvalId);
        auditApproval(m_db, *r, QStringLiteral("approve"), QStringLiteral("refused"), why,
                      QString());
        refuseLater(why, r->amount);
        return;
    }
    OutboxEntry e = entryFor(draft, v);
    e.operationId = operationId;
    m_sendingApproval = *r;
    if (!auditApproval(m_db, *r, QStringLiteral("approve"), QStringLiteral("approved"),
                       QStringLiteral("approval request %1 of %2 approved")
                           .arg(approvalId)
                           .arg(r->requestedBy),
                       operationId, &error)) {
        m_db.rollback();
        failLater(QStringLiteral("Cannot write the audit log: %1").arg(error));
        return;
    }
    queueAndSend(e, QString());
}

OutboxEntry RefundService::entryFor(const RefundDraft &draft, const Validation &v) const
{
    OutboxEntry e;
    e.operationId = OutboxRepository::newId(u"rdop_");
    e.idempotencyKey = OutboxRepository::newId(u"rdkey_");
    e.accountId = m_account.id;
    e.kind = effectiveKind(m_account.dialect, draft.kind);
    e.invoiceId = draft.invoiceId;
    e.amount = v.amount;
    e.reason = v.reason;
    e.note = draft.note;
    QJsonObject params;
    params.insert(QStringLiteral("full"), draft.full);
    if (!v.dialectReason.isEmpty())
        params.insert(QStringLiteral("dialect_reason"), v.dialectReason);
    if (!draft.customerNotes.isEmpty())
        params.insert(QStringLiteral("customer_notes"), draft.customerNotes);
    if (!draft.creditNoteReasonCode.isEmpty())
        params.insert(QStringLiteral("credit_note_reason_code"), draft.creditNoteReasonCode);
    if (!draft.invoiceDetailIds.isEmpty())
        params.insert(QStringLiteral("invoice_detail_ids"),
                      QJsonArray::fromStringList(draft.invoiceDetailIds));
    if (!draft.metadata.isEmpty())
        params.insert(QStringLiteral("metadata"), toJson(draft.metadata));
    if (!draft.requestKey.isEmpty())
        params.insert(QStringLiteral("request_key"), draft.requestKey);
    e.params = params;
    return e;
}

void RefundService::cancelRefund(const QString &refundId)
{
    submitTargeted(OperationKind::CancelRefund, refundId, {});
}

void RefundService::updateRefundMetadata(const QString &refundId,
                                         const QMap<QString, QString> &metadata)
{
    submitTargeted(OperationKind::UpdateRefundMetadata, refundId, metadata);
}

void RefundService::submitTargeted(OperationKind kind, const QString &refundId,
                                   const QMap<QString, QString> &metadata)
{
    QString refusal;
    QString invoiceId;
    const bool cancel = kind == OperationKind::CancelRefund;
    if (refundId.trimmed().isEmpty())
        refusal = QStringLiteral("Give the id of the refund.");
    else if (cancel && !m_gateway->canCancelRefunds())
        refusal = QStringLiteral("%1 refunds cannot be cancelled.")
                      .arg(dialectDisplayName(m_account.dialect));
    else if (!cancel && !m_gateway->canUpdateRefundMetadata())
        refusal = QStringLiteral("%1 refunds carry no metadata that can be updated.")
                      .arg(dialectDisplayName(m_account.dialect));
    else if (!cancel)
        refusal = metadataProblem(metadata);

    QString error;
    if (!m_db.beginImmediate(&error)) {
        failLater(QStringLiteral("Cannot lock the cache: %1").arg(error));
        return;
    }
    QSqlDatabase conn = m_db.connection();
    if (refusal.isEmpty()) {
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("SELECT invoice_id, status FROM refunds WHERE account_id = ? AND "
                                 "gateway_id = ?"));
        q.bindValue(0, m_account.id);
        q.bindValue(1, refundId);
        if (q.exec() && q.next()) {
            invoiceId = q.value(0).toString();
            const QString status = q.value(1).toString();
            // Only terminal states are refused here; the gateway has the last word otherwise.
            if (cancel &&
                (status == QLatin1String("succeeded") || status == QLatin1String("failed") ||
                 status == QLatin1String("canceled")))
                refusal = QStringLiteral("Refund %1 is %2; only a refund waiting in "
                                         "requires_action can be cancelled.")
                              .arg(refundId, status);
        }
    }
    OutboxEntry e;
    e.operationId = OutboxRepository::newId(u"rdop_");
    e.idempotencyKey = OutboxRepository::newId(u"rdkey_");
    e.accountId = m_account.id;
    e.kind = kind;
    e.invoiceId = invoiceId;
    e.targetId = refundId;
    if (!cancel)
        e.params.insert(QStringLiteral("metadata"), toJson(metadata));
    queueAndSend(e, refusal);
}

void RefundService::queueAndSend(OutboxEntry e, const QString &refusal)
{
    // Called inside the write transaction begun by the caller.
    const std::optional<ApprovalRequest> approval = std::exchange(m_sendingApproval, std::nullopt);
    if (!refusal.isEmpty()) {
        auditRefusal(e.invoiceId.isEmpty() ? e.targetId : e.invoiceId, e.amount, e.reason, refusal);
        m_db.commit(nullptr);
        OperationOutcome o;
        o.state = OperationState::Refused;
        o.message = refusal;
        finishLater(o);
        return;
    }
    QString error;
    e.params.insert(QStringLiteral("owner"), OperationExecutor::ownerStamp());
    OutboxRepository outbox(m_db);
    if (!outbox.insert(e, &error)) {
        m_db.rollback();
        failLater(error);
        return;
    }
    // Ours from the moment it is visible: a reconcile in this process must not send it too.
    OperationExecutor::setInFlight(e.operationId, true);
    // The entry and its first attempt are committed together, in one flushed commit before the
    // first byte goes out. A crash after it leaves an entry with one attempt and no answer,
    // which reconcile settles as any sent request: found at the gateway by its operation id,
    // or else sent again with the same key (docs/exactly-once.md).
    if (!m_executor.audit(
            e, QStringLiteral("queue"), outboxStateName(e.state),
            QStringLiteral("%1 committed to the outbox").arg(operationKindName(e.kind)), &error) ||
        !m_executor.recordAttempt(e, &error) || !m_db.commit(&error)) {
        m_db.rollback();
        OperationExecutor::setInFlight(e.operationId, false);
        failLater(QStringLiteral("Cannot write the outbox: %1").arg(error));
        return;
    }
    OperationExecutor::crashPointForTests("after-outbox");
    m_executor.transmit(e, true, [this, approval](OperationOutcome o) {
        if (approval && o.state == OperationState::NotSent)
            refileUnsent(*approval, o);
        Q_EMIT finished(o);
    });
}

void RefundService::refileUnsent(const ApprovalRequest &request, OperationOutcome &o)
{
    QString error;
    ApprovalRequest again = request;
    again.id = 0;
    again.refiledFrom = request.id; // still the requester's request, on a team database too
    if (!m_db.beginImmediate(&error)) {
        o.message += QStringLiteral(" Approval request %1 could not be filed again (%2); ask "
                                    "for the refund again.")
                         .arg(request.id)
                         .arg(error);
        return;
    }
    if (!ApprovalRepository(m_db).insert(again, &error) ||
        !auditApproval(m_db, again, QStringLiteral("request"), QStringLiteral("awaiting_approval"),
                       QStringLiteral("approval request %1 filed again as %2: nothing "
                                      "reached the gateway when it was approved")
                           .arg(request.id)
                           .arg(again.id),
                       QString(), &error) ||
        !m_db.commit(&error)) {
        m_db.rollback();
        o.message += QStringLiteral(" Approval request %1 could not be filed again (%2); ask "
                                    "for the refund again.")
                         .arg(request.id)
                         .arg(error);
        return;
    }
    o.approvalId = again.id;
}

} // namespace rd
