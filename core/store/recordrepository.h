// Writes what the gateways returned into the cache (upsert by account + gateway id) and reads
// single records back. Batch writes run inside the caller's transaction.
#pragma once

#include "domain/records.h"
#include "domain/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace rd {

class Database;

class RecordRepository final
{
public:
    explicit RecordRepository(Database &db) : m_db(db) {}

    // On SQLite, rows are stepped through SQLite's C API (and, during a sync's first bulk load,
    // written without the table's upkeep: bulkload.h). Portable writes take the QSqlQuery path
    // that PostgreSQL always takes, on any backend: tests compare the two.
    void setPortableWrites(bool portable) { m_portable = portable; }

    // Each returns false with a reason on the first failing row; the caller rolls back.
    bool upsertInvoices(qint64 accountId, const QList<Invoice> &invoices, QString *error);
    bool upsertRefunds(qint64 accountId, const QList<Refund> &refunds, QString *error);
    bool upsertChargebacks(qint64 accountId, const QList<Chargeback> &chargebacks, QString *error);

    // Reads fail with the database's reason, so a failed query never passes for "not in the
    // cache" or "no refunds": they feed the refundable check.
    Result<std::optional<Invoice>> invoice(qint64 accountId, const QString &gatewayId) const;
    Result<QList<Refund>> refundsOf(qint64 accountId, const QString &invoiceId) const;
    Result<QList<Chargeback>> chargebacksOf(qint64 accountId, const QString &invoiceId) const;

private:
    Database &m_db;
    bool m_portable = false;
};

} // namespace rd
