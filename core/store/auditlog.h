// The append-only audit trail of every refund/chargeback step: who (OS user), when, on which
// account and invoice, how much, with which key, and what came of it. There is deliberately no
// update or delete path here; the database's triggers refuse them as well.
#pragma once

#include "domain/money.h"
#include "domain/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace rd {

class Database;

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;    // UTC; set by append() when invalid
    QString osUser;  // set by append() when empty, to actingUser()
    QString account; // account name
    QString invoiceId;
    QString operationId;
    QString action; // the step: refuse, queue, send, result, reconcile, ...
    std::optional<Money> amount;
    QString reason;
    QString idempotencyKey;
    QString outcome; // the state after the step: refused, pending, unknown, succeeded, ...
    QString message; // the gateway's message, or ours
};

class AuditLog final
{
public:
    explicit AuditLog(Database &db) : m_db(db) {}

    // Appends one row; runs inside the caller's transaction when there is one.
    bool append(AuditEntry entry, QString *error = nullptr);

    Result<QList<AuditEntry>> forOperation(const QString &operationId) const;
    Result<QList<AuditEntry>> forInvoice(const QString &account, const QString &invoiceId) const;

    // The person behind this process, as the OS names them (USER, LOGNAME, then the
    // password database).
    static QString currentOsUser();

private:
    Result<QList<AuditEntry>> select(const QString &where, const QStringList &binds) const;

    Database &m_db;
};

} // namespace rd
