#include "accountsync.h"

#include "gateway/gateway.h"
#include "knownrecords.h"
#include "store/database.h"
#include "store/recordrepository.h"
#include "store/syncstaterepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <limits>
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
    qint64 minCreated = 0;
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

// Objects of accepted pages until the batch that holds them is committed: the latest accepted
// state of each, which lane's batch (and which of its batches) holds it, and when it was
// accepted.
struct AccountSync::Unwritten
{
    template <typename T> struct Entry
    {
        T value;
        qint64 acceptedAt = 0;
        RecordKind lane = RecordKind::Invoices;
        quint64 batch = 0;
    };
    QHash<QString, Entry<Invoice>> invoices;
    QHash<QString, Entry<Refund>> refunds;
    QHash<QString, Entry<Chargeback>> chargebacks;

    template <typename T> QHash<QString, Entry<T>> &of()
    {
        if constexpr (std::is_same_v<T, Invoice>)
            return invoices;
        else if constexpr (std::is_same_v<T, Refund>)
            return refunds;
        else
            return chargebacks;
    }

    template <typename T>
    void accept(const QList<T> &items, qint64 at, RecordKind lane, quint64 batch)
    {
        auto &entries = of<T>();
        for (const T &item : items)
            entries.insert(item.gatewayId, Entry<T>{item, at, lane, batch});
    }

    // The batch `batch` of `lane`, holding `items`, is committed (or lost): what a later page
    // accepted again stays.
    template <typename T> void written(const QList<T> &items, RecordKind lane, quint64 batch)
    {
        auto &entries = of<T>();
        for (const T &item : items) {
            const auto it = entries.find(item.gatewayId);
            if (it != entries.end() && it->lane == lane && it->batch == batch)
                entries.erase(it);
        }
    }
};

struct AccountSync::Submitted
{
    RecordKind lane = RecordKind::Invoices;
    quint64 batch = 0;
    QList<Invoice> invoices;
    QList<Refund> refunds;
    QList<Chargeback> chargebacks;
};

struct AccountSync::Walk
{
    int id = 0;
    WalkPoint point;   // its window and the cursor after its last accepted page
    bool busy = false; // a request or a fetched page of this walk is on its way
    std::unique_ptr<PendingPage> page;
};

struct AccountSync::Lane
{
    explicit Lane(RecordKind k) : kind(k) { pass.kind = k; }

    RecordKind kind;
    Pass pass;
    // The walks of the pass not finished yet; together their windows (below each cursor)
    // cover what the pass has still to read.
    std::vector<std::unique_ptr<Walk>> walks;
    int nextWalkId = 0;
    Batch batch;
    quint64 batchNumber = 0; // of `batch`, counted per lane
    bool running = false;    // a pass is under way
    bool finished = false;   // this run's pass is over (or the kind is unsupported)
    // Incremented on failure, cancel or an unsupported list, so a late answer is ignored.
    quint64 epoch = 0;
};

AccountSync::AccountSync(Database &db, BatchWriter &writer, const Account &account,
                         Gateway *gateway, const Options &options,
                         const std::atomic<bool> *cancelFlag, QObject *parent)
    : QObject(parent), m_db(db), m_writer(writer), m_account(account), m_gateway(gateway),
      m_options(options), m_cancel(cancelFlag), m_unwritten(std::make_unique<Unwritten>())
{
    for (const RecordKind k : {RecordKind::Invoices, RecordKind::Refunds, RecordKind::Chargebacks})
        m_lanes[size_t(k)] = std::make_unique<Lane>(k);
    connect(&m_writer, &BatchWriter::written, this, &AccountSync::onWritten);
}

AccountSync::~AccountSync() = default;

void AccountSync::start()
{
    if (!m_options.sideBySide) {
        beginKind(lane(RecordKind::Invoices));
        return;
    }
    // The invoice pass is set up first, so the other two can see what it is going to read.
    for (const RecordKind k :
         {RecordKind::Invoices, RecordKind::Refunds, RecordKind::Chargebacks}) {
        if (m_done)
            return;
        beginKind(lane(k));
    }
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

AccountSync::Walk *AccountSync::findWalk(Lane &l, int walkId)
{
    for (const auto &w : l.walks) {
        if (w->id == walkId)
            return w.get();
    }
    return nullptr;
}

void AccountSync::beginKind(Lane &l)
{
    SyncState state;
    QString error;
    if (!SyncStateRepository(m_db).load(m_account.id, l.kind, &state, &error)) {
        fail(error, SyncFailureCache);
        return;
    }
    l.pass = Pass();
    l.pass.kind = l.kind;
    l.pass.oldWatermark = state.watermark;
    l.pass.oldComplete = state.complete;
    l.walks.clear();
    l.running = true;
    // A pass that was cut short resumes where its last committed pages left each of its walks,
    // with the same filter; --full starts over instead.
    const bool resume =
        !m_options.full && !state.cursor.isEmpty() && decodePass(state.cursor, &l.pass);
    if (!resume) {
        const bool incremental = !m_options.full && state.complete;
        l.pass.startedAt = nowSecs();
        l.pass.since = incremental && modeFor(l.kind) != Mode::Scan ? state.watermark : 0;
        l.pass.stopEarly = incremental && modeFor(l.kind) == Mode::Scan;
        l.pass.walks = {WalkPoint()};
    }
    // Windows are on created time: a pass over update time (Chargebee's incremental one) and a
    // scan that stops early are read as one walk.
    const Mode mode = modeFor(l.kind);
    l.pass.windowed = m_options.sideBySide && m_options.maxWindows > 1 &&
                      m_gateway->canFilterByCreatedRange() && !l.pass.stopEarly &&
                      (mode == Mode::Created || (mode == Mode::Updated && l.pass.since == 0));
    for (const WalkPoint &point : std::as_const(l.pass.walks))
        addWalk(l, point);
    l.pass.walks.clear();
    startWalks(l);
}

AccountSync::Walk &AccountSync::addWalk(Lane &l, const WalkPoint &point)
{
    auto walk = std::make_unique<Walk>();
    walk->id = ++l.nextWalkId;
    walk->point = point;
    l.walks.push_back(std::move(walk));
    return *l.walks.back();
}

void AccountSync::startWalks(Lane &l)
{
    const quint64 epoch = l.epoch;
    for (size_t i = 0; i < l.walks.size(); ++i) {
        Walk &w = *l.walks[i];
        if (w.busy)
            continue;
        if (!m_options.sideBySide &&
            std::any_of(l.walks.begin(), l.walks.end(), [](const auto &o) { return o->busy; }))
            return;
        requestPage(l, w, w.point.cursor);
        if (m_done || l.epoch != epoch)
            return;
    }
}

void AccountSync::requestPage(Lane &l, Walk &w, const QString &cursor)
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
    const Mode mode = modeFor(l.kind);
    if (mode == Mode::Updated && l.pass.since > 0)
        request.updatedSince = fromSecs(l.pass.since);
    const qint64 from = std::max(w.point.from, mode == Mode::Created ? l.pass.since : qint64(0));
    if (from > 0)
        request.createdSince = fromSecs(from);
    if (w.point.to > 0)
        request.createdBefore = fromSecs(w.point.to);
    w.busy = true;
    switch (l.kind) {
    case RecordKind::Invoices:
        m_gateway->listInvoices(request, pageHandler<Invoice>(l, w.id, l.epoch));
        break;
    case RecordKind::Refunds:
        m_gateway->listRefunds(request, pageHandler<Refund>(l, w.id, l.epoch));
        break;
    case RecordKind::Chargebacks:
        m_gateway->listChargebacks(request, pageHandler<Chargeback>(l, w.id, l.epoch));
        break;
    }
}

void AccountSync::splitWalk(Lane &l, Walk &w, qint64 newest, qint64 oldest)
{
    const int room = m_options.maxWindows - int(l.walks.size());
    if (!l.pass.windowed || room <= 0)
        return;
    // What the walk has still to read lies in [lower, oldest]: objects of the `oldest` second
    // after its cursor, and everything older in its window.
    const qint64 lower =
        std::max(w.point.from, modeFor(l.kind) == Mode::Created ? l.pass.since : qint64(0));
    const qint64 span = std::max<qint64>(1, newest - oldest); // about one page of time
    QList<qint64> cuts;                                       // descending, each in (lower, oldest]
    if (lower > 0) {
        // A bounded window: cut evenly, about a page or more for every walk.
        const qint64 width = oldest - lower;
        const qint64 n = std::min<qint64>(room, width / span);
        for (qint64 i = 1; i <= n; ++i)
            cuts << oldest - width * i / (n + 1);
    } else {
        // No lower bound (a first sync): the list's extent is unknown, so widths double
        // downwards from one page's worth and the last new window stays open below.
        qint64 step = span;
        qint64 edge = oldest;
        for (int i = 0; i < room && edge - step > 0; ++i) {
            edge -= step;
            cuts << edge;
            step = step > (std::numeric_limits<qint64>::max() / 4) ? step : step * 2;
        }
    }
    QList<qint64> valid;
    for (const qint64 cut : std::as_const(cuts)) {
        if (cut > lower && cut <= oldest && (valid.isEmpty() || cut < valid.constLast()))
            valid << cut;
    }
    if (valid.isEmpty())
        return;
    const qint64 bottom = w.point.from;
    w.point.from = valid.constFirst();
    for (qsizetype i = 0; i < valid.size(); ++i) {
        WalkPoint point;
        point.to = valid.at(i);
        point.from = i + 1 < valid.size() ? valid.at(i + 1) : bottom;
        addWalk(l, point);
    }
}

template <typename T>
std::function<void(const GatewayResult<Page<T>> &)> AccountSync::pageHandler(Lane &l, int walkId,
                                                                             quint64 epoch)
{
    QPointer<AccountSync> self(this);
    Lane *lanePtr = &l; // owned by this object, so alive whenever `self` is
    return [self, lanePtr, walkId, epoch](const GatewayResult<Page<T>> &r) {
        // Ignore a late answer after a failure or cancel, or after this object went away.
        if (!self || self->m_done || lanePtr->epoch != epoch)
            return;
        Walk *walk = findWalk(*lanePtr, walkId);
        if (!walk)
            return;
        if (!r.ok())
            return self->failGateway(*lanePtr, walk, r.error);
        self->onPage(*lanePtr, *walk, r.value.items, r.value.nextCursor);
    };
}

bool AccountSync::invoiceLaneWillRead(qint64 createdAt) const
{
    const Lane &inv = *m_lanes[size_t(RecordKind::Invoices)];
    if (!m_options.sideBySide || !inv.running || inv.finished)
        return false;
    // Only a pass over the whole list (no time filter, no early stop) is sure to reach every
    // invoice created before it began; lists are read newest first. An invoice this run has
    // read already is in the cache or among the accepted objects not written yet, where the
    // caller found it: this one is further down the list, read later, after the refund existed.
    return inv.pass.since == 0 && !inv.pass.stopEarly &&
           createdAt + m_options.clockMarginSecs <= inv.pass.startedAt;
}

template <typename T>
bool AccountSync::knownFingerprints(RecordKind kind, const QStringList &ids,
                                    QHash<QString, QString> *out)
{
    const auto &unwritten = m_unwritten->of<T>();
    QStringList stored;
    QHash<QString, QString> accepted;
    if (unwritten.isEmpty()) {
        stored = ids;
    } else {
        stored.reserve(ids.size());
        for (const QString &id : ids) {
            const auto it = unwritten.constFind(id);
            if (it == unwritten.cend())
                stored << id;
            else
                accepted.insert(id, knownrecords::fingerprint(it->value));
        }
    }
    QString error;
    if (!knownrecords::cachedFingerprints(m_db, kind, m_account.id, stored, out, &error)) {
        fail(error, SyncFailureCache);
        return false;
    }
    out->insert(accepted);
    return true;
}

bool AccountSync::invoiceTimes(const QStringList &ids, QHash<QString, qint64> *out)
{
    const auto &unwritten = m_unwritten->invoices;
    QStringList stored;
    QHash<QString, qint64> accepted;
    for (const QString &id : ids) {
        const auto it = unwritten.constFind(id);
        if (it == unwritten.cend())
            stored << id;
        else
            accepted.insert(id, it->acceptedAt);
    }
    QString error;
    if (!knownrecords::invoiceSyncTimes(m_db, m_account.id, stored, out, &error)) {
        fail(error, SyncFailureCache);
        return false;
    }
    out->insert(accepted);
    return true;
}

template <typename T>
void AccountSync::onPage(Lane &l, Walk &w, const QList<T> &items, const QString &nextCursor)
{
    if (canceled())
        return;
    w.page = std::make_unique<PendingPage>();
    PendingPage &page = *w.page;
    page.nextCursor = nextCursor;
    page.count = items.size();
    if constexpr (std::is_same_v<T, Invoice>)
        page.invoices = items;
    else if constexpr (std::is_same_v<T, Refund>)
        page.refunds = items;
    else
        page.chargebacks = items;

    QStringList ids;
    ids.reserve(items.size());
    page.minCreated = std::numeric_limits<qint64>::max();
    for (const T &item : items) {
        ids << item.gatewayId;
        const qint64 created = item.createdAt.toSecsSinceEpoch();
        page.maxCreated = std::max(page.maxCreated, created);
        page.minCreated = std::min(page.minCreated, created);
    }
    QHash<QString, QString> cached;
    if (!knownFingerprints<T>(l.kind, ids, &cached))
        return;
    QList<const T *> changed;
    for (const T &item : items) {
        const auto it = cached.constFind(item.gatewayId);
        if (it == cached.cend() || *it != knownrecords::fingerprint(item))
            changed << &item;
    }
    page.allKnown = changed.isEmpty();

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
            if (!invoiceTimes(invoiceIds, &storedAt))
                return;
            QSet<QString> seen;
            for (const T *item : changed) {
                const QString &inv = item->invoiceId;
                if (inv.isEmpty() || seen.contains(inv))
                    continue;
                // A new object whose invoice was stored well after it was created is already
                // reflected in that invoice (the first sync lists invoices before refunds).
                const bool isNew = !cached.contains(item->gatewayId);
                const qint64 created = item->createdAt.toSecsSinceEpoch();
                const auto at = storedAt.constFind(inv);
                const bool invoiceIsNewer =
                    at != storedAt.cend() && *at >= created + m_options.clockMarginSecs;
                if (isNew &&
                    (invoiceIsNewer || (at == storedAt.cend() && invoiceLaneWillRead(created))))
                    continue;
                seen.insert(inv);
                reread << inv;
            }
        }
    }
    if (!reread.isEmpty()) {
        retrieveInvoices(l, w, reread);
        return;
    }
    // Ask for the next page before accepting this one, so the gateway works meanwhile. Its
    // answer cannot arrive before acceptPage() returns: both run on this thread. A window is
    // split before its walk asks for more, so no request in flight has the old bounds.
    if (!page.nextCursor.isEmpty() && !(l.pass.stopEarly && page.allKnown)) {
        page.nextRequested = true;
        if (!items.isEmpty())
            splitWalk(l, w, page.maxCreated, page.minCreated);
        const quint64 epoch = l.epoch;
        requestPage(l, w, page.nextCursor);
        if (m_done || l.epoch != epoch)
            return;
    }
    acceptPage(l, w);
}

void AccountSync::retrieveInvoices(Lane &l, Walk &w, const QStringList &ids)
{
    w.page->outstanding = int(ids.size());
    const quint64 epoch = l.epoch;
    const int walkId = w.id;
    QPointer<AccountSync> self(this);
    Lane *lanePtr = &l;
    for (const QString &id : ids) {
        m_gateway->retrieveInvoice(id,
                                   [self, lanePtr, walkId, epoch](const GatewayResult<Invoice> &r) {
                                       if (!self || self->m_done || lanePtr->epoch != epoch)
                                           return;
                                       Walk *walk = findWalk(*lanePtr, walkId);
                                       if (!walk || !walk->page)
                                           return;
                                       // An invoice the gateway no longer knows is simply not
                                       // refreshed.
                                       if (!r.ok() && r.error.kind != GatewayError::Kind::NotFound)
                                           return self->failGateway(*lanePtr, walk, r.error);
                                       if (r.ok())
                                           walk->page->retrieved << r.value;
                                       if (--walk->page->outstanding == 0)
                                           self->acceptPage(*lanePtr, *walk);
                                   });
    }
}

void AccountSync::acceptPage(Lane &l, Walk &w)
{
    if (!w.page->nextRequested && canceled())
        return;
    const PendingPage &page = *w.page;
    Pass &pass = l.pass;
    w.point.cursor = page.nextCursor;
    pass.maxCreated = std::max(pass.maxCreated, page.maxCreated);
    pass.fetched += page.count;
    pass.pages += 1;
    m_counts[int(l.kind)] += page.count;
    // Read now in a known state: later lookups of this run see it before it is written.
    const qint64 now = nowSecs();
    m_unwritten->accept(page.invoices, now, l.kind, l.batchNumber);
    m_unwritten->accept(page.retrieved, now, l.kind, l.batchNumber);
    m_unwritten->accept(page.refunds, now, l.kind, l.batchNumber);
    m_unwritten->accept(page.chargebacks, now, l.kind, l.batchNumber);
    l.batch.invoices += page.invoices;
    l.batch.invoices += page.retrieved;
    l.batch.refunds += page.refunds;
    l.batch.chargebacks += page.chargebacks;
    l.batch.count += page.count + page.retrieved.size();
    const bool walkDone = page.nextCursor.isEmpty() || (pass.stopEarly && page.allKnown);
    const bool nextRequested = page.nextRequested;
    const qint64 newest = page.maxCreated;
    const qint64 oldest = page.minCreated;
    const bool hadItems = page.count > 0;
    w.page.reset();
    Walk *walk = &w;
    if (walkDone) {
        l.walks.erase(std::find_if(l.walks.begin(), l.walks.end(),
                                   [walk](const auto &o) { return o.get() == walk; }));
        walk = nullptr;
    } else {
        w.busy = nextRequested;
    }
    const bool passDone = l.walks.empty();
    if (passDone || l.batch.count >= m_options.batchObjects)
        flush(l, passDone);
    Q_EMIT progress(
        SyncProgress{m_account.id, m_account.name, tableName(l.kind), pass.fetched, pass.pages});
    if (passDone) {
        finishKind(l);
        return;
    }
    if (walk && !nextRequested) {
        // After re-reading invoices: split and ask for the next page now.
        if (hadItems)
            splitWalk(l, *walk, newest, oldest);
        const quint64 epoch = l.epoch;
        requestPage(l, *walk, walk->point.cursor);
        if (m_done || l.epoch != epoch)
            return;
    }
    // New windows from a split, or the next walk when one at a time.
    startWalks(l);
}

void AccountSync::flush(Lane &l, bool passDone)
{
    const Pass &pass = l.pass;
    SyncState state;
    state.accountId = m_account.id;
    state.object = l.kind;
    if (passDone) {
        state.cursor.clear();
        state.complete = true;
        state.watermark = modeFor(l.kind) == Mode::Updated
                              ? std::max(pass.since, pass.startedAt - m_options.clockMarginSecs)
                              : std::max(pass.oldWatermark, pass.maxCreated);
    } else {
        if (l.batch.count == 0)
            return;
        state.cursor = encodePass(l);
        state.complete = pass.oldComplete;
        state.watermark = pass.oldWatermark;
    }
    // The objects and the resume point that covers them are written in one transaction.
    BatchWriter::Job job;
    job.accountId = m_account.id;
    job.invoices = std::move(l.batch.invoices);
    job.refunds = std::move(l.batch.refunds);
    job.chargebacks = std::move(l.batch.chargebacks);
    job.state = state;
    l.batch = Batch();
    submit(&l, std::move(job));
    ++l.batchNumber;
}

void AccountSync::submit(Lane *l, BatchWriter::Job job)
{
    Submitted submitted;
    if (l) {
        submitted.lane = l->kind;
        submitted.batch = l->batchNumber;
    }
    // Shared with the job, not copied: neither side changes them.
    submitted.invoices = job.invoices;
    submitted.refunds = job.refunds;
    submitted.chargebacks = job.chargebacks;
    const quint64 number = m_writer.submit(std::move(job));
    m_submitted.insert(number, std::move(submitted));
}

void AccountSync::onWritten(qint64 accountId, quint64 job, bool ok, const QString &error)
{
    if (accountId != m_account.id)
        return;
    const auto it = m_submitted.find(job);
    if (it == m_submitted.end())
        return;
    const Submitted done = std::move(*it);
    m_submitted.erase(it);
    m_unwritten->written(done.invoices, done.lane, done.batch);
    m_unwritten->written(done.refunds, done.lane, done.batch);
    m_unwritten->written(done.chargebacks, done.lane, done.batch);
    if (!ok) {
        if (!m_done) {
            // The batches not handed over yet are dropped; later ones of this account the
            // writer does not write either, so no resume point passes over the lost pages.
            fail(error, SyncFailureCache);
        } else if (m_errorKind != SyncFailureCache) {
            // The run was over (finished, failed or canceled) with this batch on its way: the
            // cache failure is what the person has to know.
            m_ok = false;
            m_message = error;
            m_errorKind = SyncFailureCache;
        }
    }
    reportWhenWritten();
}

void AccountSync::reportWhenWritten()
{
    if (!m_done || m_reported || !m_submitted.isEmpty())
        return;
    m_reported = true;
    Q_EMIT finished(m_ok, m_message, m_errorKind);
}

void AccountSync::finishKind(Lane &l)
{
    l.running = false;
    l.finished = true;
    if (!m_options.sideBySide) {
        switch (l.kind) {
        case RecordKind::Invoices:
            beginKind(lane(RecordKind::Refunds));
            return;
        case RecordKind::Refunds:
            beginKind(lane(RecordKind::Chargebacks));
            return;
        case RecordKind::Chargebacks:
            break;
        }
    }
    for (const auto &other : m_lanes) {
        if (!other->finished)
            return;
    }
    // After every batch of the run: the writer commits in order.
    BatchWriter::Job job;
    job.accountId = m_account.id;
    job.lastSync = QDateTime::currentDateTimeUtc();
    submit(nullptr, std::move(job));
    m_done = true;
    m_ok = true;
    m_message = QStringLiteral("%1 invoices, %2 refunds, %3 chargebacks fetched")
                    .arg(m_counts.value(int(RecordKind::Invoices)))
                    .arg(m_counts.value(int(RecordKind::Refunds)))
                    .arg(m_counts.value(int(RecordKind::Chargebacks)));
    m_errorKind = int(GatewayError::Kind::None);
    reportWhenWritten();
}

void AccountSync::failGateway(Lane &l, Walk *walk, const GatewayError &error)
{
    // A dialect without this kind of object (no chargeback list, say) has nothing to sync.
    if (isUnsupported(error) && walk && !walk->page) {
        ++l.epoch;
        l.walks.clear();
        finishKind(l);
        return;
    }
    fail(error.describe(), int(error.kind));
}

void AccountSync::fail(const QString &message, int kind)
{
    if (m_done)
        return;
    m_done = true; // ignore whatever is still in flight
    m_ok = false;
    m_message = message;
    m_errorKind = kind;
    // Pages accepted before a gateway failure or a cancel are good: keep them and their
    // resume points. After a cache failure the batches not handed over yet are dropped.
    for (const auto &l : m_lanes) {
        ++l->epoch;
        for (const auto &w : l->walks)
            w->page.reset();
        if (kind != SyncFailureCache)
            flush(*l, false);
    }
    reportWhenWritten();
}

QString AccountSync::encodePass(const Lane &l)
{
    const Pass &pass = l.pass;
    QJsonObject o;
    QJsonArray walks;
    for (const auto &w : l.walks) {
        walks.append(QJsonObject{{QStringLiteral("from"), w->point.from},
                                 {QStringLiteral("to"), w->point.to},
                                 {QStringLiteral("cursor"), w->point.cursor}});
    }
    o.insert(QStringLiteral("walks"), walks);
    o.insert(QStringLiteral("since"), pass.since);
    o.insert(QStringLiteral("started"), pass.startedAt);
    o.insert(QStringLiteral("max_created"), pass.maxCreated);
    o.insert(QStringLiteral("stop_early"), pass.stopEarly);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool AccountSync::decodePass(const QString &text, Pass *pass)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    QList<WalkPoint> walks;
    for (const QJsonValue &v : o.value(QStringLiteral("walks")).toArray()) {
        const QJsonObject w = v.toObject();
        WalkPoint point;
        point.from = w.value(QStringLiteral("from")).toInteger();
        point.to = w.value(QStringLiteral("to")).toInteger();
        point.cursor = w.value(QStringLiteral("cursor")).toString();
        if (point.from < 0 || point.to < 0 || (point.to > 0 && point.to <= point.from))
            return false; // unreadable: start a new pass instead
        walks << point;
    }
    // A resume point from before windows: one walk over the whole list.
    const QString cursor = o.value(QStringLiteral("cursor")).toString();
    if (walks.isEmpty() && !cursor.isEmpty())
        walks << WalkPoint{0, 0, cursor};
    if (walks.isEmpty())
        return false; // unreadable: start a new pass instead
    pass->walks = walks;
    pass->since = o.value(QStringLiteral("since")).toInteger();
    pass->startedAt = o.value(QStringLiteral("started")).toInteger();
    pass->maxCreated = o.value(QStringLiteral("max_created")).toInteger();
    pass->stopEarly = o.value(QStringLiteral("stop_early")).toBool();
    return true;
}

} // namespace rd
