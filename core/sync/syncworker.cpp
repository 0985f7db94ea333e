#include "syncworker.h"

#include "batchwriter.h"
#include "synclock.h"

#include "gateway/gateway.h"
#include "store/accountrepository.h"
#include "store/bulkload.h"
#include "store/database.h"

namespace rd {

SyncWorker::SyncWorker(QString dbPath, QList<qint64> accountIds, QHash<qint64, QString> secrets,
                       SyncEngine::GatewayFactory factory, AccountSync::Options options,
                       const std::atomic<bool> *cancelFlag)
    : m_dbPath(std::move(dbPath)), m_accountIds(std::move(accountIds)),
      m_secrets(std::move(secrets)), m_factory(std::move(factory)), m_options(options),
      m_cancel(cancelFlag)
{}

SyncWorker::~SyncWorker()
{
    // The account syncs first (they refer to the writer), then the writer, which writes what it
    // still holds before its connection closes.
    qDeleteAll(findChildren<AccountSync *>(Qt::FindDirectChildrenOnly));
    m_writer.reset();
}

void SyncWorker::run()
{
    // Two passes over one account at once would fight over its resume points.
    QList<qint64> unique;
    for (const qint64 id : std::as_const(m_accountIds)) {
        if (!unique.contains(id))
            unique << id;
    }
    m_accountIds = unique;
    m_remaining = int(m_accountIds.size());
    if (m_remaining == 0) {
        Q_EMIT done(true);
        return;
    }
    m_db = std::make_unique<Database>();
    QString error;
    if (!m_db->open(m_dbPath, &error)) {
        for (const qint64 id : std::as_const(m_accountIds))
            report(id, false, error, SyncFailureCache);
        return;
    }
    // This connection reads (what the cache holds, resume points) and takes the team database's
    // sync locks; the batches are written by the writer, on its own thread and connection, so
    // this thread keeps sending and reading requests while a batch commits.
    BatchWriter::tuneConnection(*m_db);
    m_writer = std::make_unique<BatchWriter>();
    if (!m_writer->open(m_dbPath, &error)) {
        m_writer.reset();
        for (const qint64 id : std::as_const(m_accountIds))
            report(id, false, error, SyncFailureCache);
        return;
    }
    AccountRepository accounts(*m_db);
    for (const qint64 id : std::as_const(m_accountIds)) {
        const auto account = accounts.findById(id);
        if (!account) {
            report(id, false, account.error(), SyncFailureCache);
            continue;
        }
        const QString secret = m_secrets.take(id);
        if (secret.isEmpty()) {
            report(id, false, QStringLiteral("no secret was given for this account"),
                   int(GatewayError::Kind::Auth));
            continue;
        }
        QString why;
        Gateway *gateway = m_factory ? m_factory(*account, secret, this, &why) : nullptr;
        if (!gateway) {
            report(id, false, why.isEmpty() ? QStringLiteral("no adapter for this gateway") : why,
                   int(GatewayError::Kind::Rejected));
            continue;
        }
        // On a team database one desktop syncs an account at a time; the others say who does.
        if (QString busy = SyncLock::acquire(*m_db, id); !busy.isEmpty()) {
            delete gateway;
            report(id, false, busy, SyncFailureCache);
            continue;
        }
        m_locked.insert(id);
        auto *sync =
            new AccountSync(*m_db, *m_writer, *account, gateway, m_options, m_cancel, this);
        connect(sync, &AccountSync::progress, this, &SyncWorker::progress);
        connect(sync, &AccountSync::finished, this,
                [this, id](bool ok, const QString &message, int kind) {
                    report(id, ok, message, kind);
                });
        sync->start();
    }
    m_secrets.clear();
}

void SyncWorker::cancelAll()
{
    const QList<AccountSync *> syncs = findChildren<AccountSync *>();
    for (AccountSync *sync : syncs)
        sync->cancelNow();
}

void SyncWorker::report(qint64 accountId, bool ok, const QString &message, int errorKind)
{
    if (m_locked.remove(accountId) && m_db && m_db->isOpen())
        SyncLock::release(*m_db, accountId);
    m_allOk = m_allOk && ok;
    const bool last = --m_remaining == 0;
    // Before the last account is reported, so whoever reloads on that finds every row by search.
    if (last && m_db && m_db->isOpen()) {
        // On the writer's connection when there is one: its page cache holds the rows.
        QString error;
        if (m_writer ? !m_writer->finishBulkLoad(&error) : !bulkload::finish(*m_db, &error)) {
            // The rows are stored; the next open of the cache tries the rebuild again.
            qWarning("sync: cannot rebuild the indexes and the search index after a first "
                     "sync: %s",
                     qPrintable(error));
            m_allOk = false;
        }
    }
    Q_EMIT accountFinished(accountId, ok, message, errorKind);
    if (last)
        Q_EMIT done(m_allOk);
}

} // namespace rd
