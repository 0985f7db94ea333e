#include "accountsync.h"

#include "gateway/gateway.h"
#include "knownrecords.h"
#include "store/database.h"
#include "store/recordrepository.h"
#include "store/syncstaterepository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <type_traits>

namespace rd {

namespace {

qint64 nowSecs()
{
    return QDateTime::currentSecsSinceEpoch();
}

QDateTime fromSecs(qint64 s)
{
    return QDateTime::fromSecsSinceEpoch(s, Qt::UTC);
}

bool isUnsupported(const GatewayError &e)
{
    return e.kind == GatewayError::Kind::Rejected && e.code == QLatin1String("unsupported");
}

} // namespace

struct AccountSync::PendingPage
{
    QList<Invoice> invoices;
    QList<Refund> refunds;
    QList<Chargeback> chargebacks;
    QList<Invoice> retrieved; // invoices re-read because a refund or chargeback changed them
    QString nextCursor;
    qsizetype count = 0;
    qint64 maxCreated = 0;
    bool allKnown = false;
    bool nextRequested = false; // the following page is already on its way
    int outstanding = 0;
};

struct AccountSync::Batch
{
    QList<Invoice> invoices;
    QList<Refund> refunds;
    QList<Chargeback> chargebacks;
    qsizetype count = 0;
};

AccountSync::AccountSync(Database &db, const Account &account, Gateway *gateway,
                         const Options &options, const std::atomic<bool> *cancelFlag,
                         QObject *parent)
    : QObject(parent), m_db(db), m_account(account), m_gateway(gateway), m_options(options),
      m_cancel(cancelFlag), m_batch(std::make_unique<Batch>())
{}

AccountSync::~AccountSync() = default;

void AccountSync::start()
{
    beginKind(RecordKind::Invoices);
}

void AccountSync::cancelNow()
{
    if (m_cancel && !m_done)
        canceled();
}

// Adapters state one filtering capability for all their lists, so the kind does not decide
// today; it is passed so a dialect that filters only some lists can be told apart later.
AccountSync::Mode AccountSync::modeFor(RecordKind) const
{
    if (m_gateway->canFilterByUpdated())
        return Mode::Updated;
    if (m_gateway->canFilterByCreated())
        return Mode::Created;
    return Mode::Scan;
}

bool AccountSync::canceled()
{
    if (m_cancel && m_cancel->load()) {
        fail(QStringLiteral("canceled; what was fetched so far is kept and the next sync "
                            "resumes"),
             SyncFailureCanceled);
        return true;
    }
    return false;
}

void AccountSync::beginKind(RecordKind kind)
{
    SyncState state;
    QString error;
    if (!SyncStateRepository(m_db).load(m_account.id, kind, &state, &error)) {
        fail(error, SyncFailureCache);
        return;
    }
    m_pass = Pass();
    m_pass.kind = kind;
    m_pass.oldWatermark = state.watermark;
    m_pass.oldComplete = state.complete;
    // A pass that was cut short resumes where its last committed page left it, with the same
    // filter; --full starts over instead.
    if (!m_options.full && !state.cursor.isEmpty() && decodePass(state.cursor)) {
        requestPage(m_pass.cursor);
        return;
    }
    const bool incremental = !m_options.full && state.complete;
    m_pass.startedAt = nowSecs();
    m_pass.since = incremental && modeFor(kind) != Mode::Scan ? state.watermark : 0;
    m_pass.stopEarly = incremental && modeFor(kind) == Mode::Scan;
    requestPage(QString());
}

void AccountSync::requestPage(const QString &cursor)
{
    if (canceled())
        return;
    if (!m_gateway) {
        fail(QStringLiteral("the gateway connection went away"), SyncFailureCache);
        return;
    }
    ListRequest request;
    request.cursor = cursor;
    request.pageSize = m_options.pageSize;
    if (m_pass.since > 0) {
        if (modeFor(m_pass.kind) == Mode::Updated)
            request.updatedSince = fromSecs(m_pass.since);
        else
            request.createdSince = fromSecs(m_pass.since);
    }
    const quint64 generation = ++m_generation;
    switch (m_pass.kind) {
    case RecordKind::Invoices:
        m_gateway->listInvoices(request, pageHandler<Invoice>(generation));
        break;
    case RecordKind::Refunds:
        m_gateway->listRefunds(request, pageHandler<Refund>(generation));
        break;
    case RecordKind::Chargebacks:
        m_gateway->listChargebacks(request, pageHandler<Chargeback>(generation));
        break;
    }
}

template <typename T>
std::function<void(const GatewayResult<Page<T>> &)> AccountSync::pageHandler(quint64 generation)
{
    QPointer<AccountSync> self(this);
    return [self, generation](const GatewayResult<Page<T>> &r) {
        // Ignore a late answer after a failure or cancel, or after this object went away.
        if (!self || self->m_generation != generation)
            return;
        if (!r.ok())
            return self->failGateway(r.error);
        self->onPage(r.value.items, r.value.nextCursor);
    };
}

template <typename T> void AccountSync::onPage(const QList<T> &items, const QString &nextCursor)
{
    if (canceled())
        return;
    m_page = std::make_unique<PendingPage>();
    m_page->nextCursor = nextCursor;
    m_page->count = items.size();
    if constexpr (std::is_same_v<T, Invoice>)
        m_page->invoices = items;
    else if constexpr (std::is_same_v<T, Refund>)
        m_page->refunds = items;
    else
        m_page->chargebacks = items;

    QStringList ids;
    ids.reserve(items.size());
    for (const T &item : items) {
        ids << item.gatewayId;
        m_page->maxCreated = std::max(m_page->maxCreated, item.createdAt.toSecsSinceEpoch());
    }
    QHash<QString, QString> cached;
    QString error;
    if (!knownrecords::cachedFingerprints(m_db, m_pass.kind, m_account.id, ids, &cached, &error)) {
        fail(error, SyncFailureCache);
        return;
    }
    QList<const T *> changed;
    for (const T &item : items) {
        const auto it = cached.constFind(item.gatewayId);
        if (it == cached.cend() || *it != knownrecords::fingerprint(item))
            changed << &item;
    }
    m_page->allKnown = changed.isEmpty();

    QStringList reread;
    if constexpr (!std::is_same_v<T, Invoice>) {
        // Where invoices are listed by update time, the next pass sees the change anyway.
        if (modeFor(RecordKind::Invoices) != Mode::Updated) {
            QStringList invoiceIds;
            for (const T *item : changed) {
                if (!item->invoiceId.isEmpty() && !invoiceIds.contains(item->invoiceId))
                    invoiceIds << item->invoiceId;
            }
            QHash<QString, qint64> storedAt;
            if (!knownrecords::invoiceSyncTimes(m_db, m_account.id, invoiceIds, &storedAt,
                                                &error)) {
                fail(error, SyncFailureCache);
                return;
            }
            QSet<QString> seen;
            for (const T *item : changed) {
                const QString &inv = item->invoiceId;
                if (inv.isEmpty() || seen.contains(inv))
                    continue;
                // A new object whose invoice was stored well after it was created is already
                // reflected in that invoice (the first sync lists invoices before refunds).
                const bool isNew = !cached.contains(item->gatewayId);
                const auto at = storedAt.constFind(inv);
                const bool invoiceIsNewer =
                    at != storedAt.cend() &&
                    *at >= item->createdAt.toSecsSinceEpoch() + m_options.clockMarginSecs;
                if (isNew && invoiceIsNewer)
                    continue;
                seen.insert(inv);
                reread << inv;
            }
        }
    }
    if (!reread.isEmpty()) {
        retrieveInvoices(reread);
        return;
    }
    // Ask for the next page before writing this one, so the gateway works while we write. Its
    // answer cannot arrive before acceptPage() returns: both run on this thread.
    if (!m_page->nextCursor.isEmpty() && !(m_pass.stopEarly && m_page->allKnown)) {
        m_page->nextRequested = true;
        requestPage(m_page->nextCursor);
        if (m_done)
            return;
    }
    acceptPage();
}

void AccountSync::retrieveInvoices(const QStringList &ids)
{
    m_page->outstanding = int(ids.size());
    const quint64 generation = ++m_generation;
    QPointer<AccountSync> self(this);
    for (const QString &id : ids) {
        m_gateway->retrieveInvoice(id, [self, generation](const GatewayResult<Invoice> &r) {
            if (!self || self->m_generation != generation)
                return;
            // An invoice the gateway no longer knows is simply not refreshed.
            if (!r.ok() && r.error.kind != GatewayError::Kind::NotFound)
                return self->failGateway(r.error);
            if (r.ok())
                self->m_page->retrieved << r.value;
            if (--self->m_page->outstanding == 0)
                self->acceptPage();
        });
    }
}

void AccountSync::acceptPage()
{
    if (!m_page->nextRequested && canceled())
        return;
    const PendingPage &page = *m_page;
    m_pass.cursor = page.nextCursor;
    m_pass.maxCreated = std::max(m_pass.maxCreated, page.maxCreated);
    m_pass.fetched += page.count;
    m_pass.pages += 1;
    m_counts[int(m_pass.kind)] += page.count;
    m_batch->invoices += page.invoices;
    m_batch->invoices += page.retrieved;
    m_batch->refunds += page.refunds;
    m_batch->chargebacks += page.chargebacks;
    m_batch->count += page.count + page.retrieved.size();
    const bool passDone = page.nextCursor.isEmpty() || (m_pass.stopEarly && page.allKnown);
    const bool nextRequested = page.nextRequested;
    m_page.reset();
    if ((passDone || m_batch->count >= m_options.batchObjects) && !flush(passDone))
        return;
    Q_EMIT progress(SyncProgress{m_account.id, m_account.name, tableName(m_pass.kind),
                                 m_pass.fetched, m_pass.pages});
    if (passDone)
        finishKind();
    else if (!nextRequested)
        requestPage(m_pass.cursor);
}

bool AccountSync::flush(bool passDone)
{
    SyncState state;
    state.accountId = m_account.id;
    state.object = m_pass.kind;
    if (passDone) {
        state.cursor.clear();
        state.complete = true;
        state.watermark = modeFor(m_pass.kind) == Mode::Updated
                              ? std::max(m_pass.since, m_pass.startedAt - m_options.clockMarginSecs)
                              : std::max(m_pass.oldWatermark, m_pass.maxCreated);
    } else {
        if (m_batch->count == 0)
            return true;
        state.cursor = encodePass();
        state.complete = m_pass.oldComplete;
        state.watermark = m_pass.oldWatermark;
    }

    // The objects and the resume point that covers them go in one transaction: a sync killed
    // at any moment leaves either both or neither.
    QString error;
    RecordRepository records(m_db);
    if (!m_db.beginImmediate(&error)) {
        fail(QStringLiteral("cannot write to the cache: %1").arg(error), SyncFailureCache);
        return false;
    }
    const bool ok = records.upsertInvoices(m_account.id, m_batch->invoices, &error) &&
                    records.upsertRefunds(m_account.id, m_batch->refunds, &error) &&
                    records.upsertChargebacks(m_account.id, m_batch->chargebacks, &error) &&
                    SyncStateRepository(m_db).save(state, &error) && m_db.commit(&error);
    *m_batch = Batch();
    if (!ok) {
        m_db.rollback();
        fail(error, SyncFailureCache);
        return false;
    }
    return true;
}

void AccountSync::finishKind()
{
    switch (m_pass.kind) {
    case RecordKind::Invoices:
        beginKind(RecordKind::Refunds);
        return;
    case RecordKind::Refunds:
        beginKind(RecordKind::Chargebacks);
        return;
    case RecordKind::Chargebacks:
        break;
    }
    QString error;
    if (!AccountRepository(m_db).setLastSync(m_account.id, QDateTime::currentDateTimeUtc(),
                                             &error)) {
        fail(QStringLiteral("cannot record the sync time: %1").arg(error), SyncFailureCache);
        return;
    }
    m_done = true;
    Q_EMIT finished(true,
                    QStringLiteral("%1 invoices, %2 refunds, %3 chargebacks fetched")
                        .arg(m_counts.value(int(RecordKind::Invoices)))
                        .arg(m_counts.value(int(RecordKind::Refunds)))
                        .arg(m_counts.value(int(RecordKind::Chargebacks))),
                    int(GatewayError::Kind::None));
}

void AccountSync::failGateway(const GatewayError &error)
{
    // A dialect without this kind of object (no chargeback list, say) has nothing to sync.
    if (isUnsupported(error) && !m_page) {
        ++m_generation;
        finishKind();
        return;
    }
    fail(error.describe(), int(error.kind));
}

void AccountSync::fail(const QString &message, int kind)
{
    if (m_done)
        return;
    ++m_generation; // ignore whatever is still in flight
    m_page.reset();
    // Pages accepted before a gateway failure or a cancel are good: keep them and their
    // resume point. After a cache failure the batch is dropped (flush() ends up here).
    if (kind != SyncFailureCache && m_batch->count > 0 && !flush(false))
        return;
    m_done = true;
    Q_EMIT finished(false, message, kind);
}

QString AccountSync::encodePass() const
{
    QJsonObject o;
    o.insert(QStringLiteral("cursor"), m_pass.cursor);
    o.insert(QStringLiteral("since"), m_pass.since);
    o.insert(QStringLiteral("started"), m_pass.startedAt);
    o.insert(QStringLiteral("max_created"), m_pass.maxCreated);
    o.insert(QStringLiteral("stop_early"), m_pass.stopEarly);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool AccountSync::decodePass(const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString cursor = o.value(QStringLiteral("cursor")).toString();
    if (cursor.isEmpty())
        return false; // unreadable: start a new pass instead
    m_pass.cursor = cursor;
    m_pass.since = o.value(QStringLiteral("since")).toInteger();
    m_pass.startedAt = o.value(QStringLiteral("started")).toInteger();
    m_pass.maxCreated = o.value(QStringLiteral("max_created")).toInteger();
    m_pass.stopEarly = o.value(QStringLiteral("stop_early")).toBool();
    return true;
}

} // namespace rd
