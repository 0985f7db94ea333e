// Syncs one account: pulls invoices, refunds and chargebacks through its Gateway into the
// cache, the three lists side by side (or one after another, Options::sideBySide), each list
// committing its pages in batches together with the resume point and watermark they advance
// (table sync_state). Lives on the engine's thread; the account's HttpClient keeps the
// requests of all three lists under the account's request-rate ceiling.
//
// Batches are written by the run's BatchWriter, on a thread and connection of its own, so this
// thread goes on sending and reading while a batch commits. The writer commits them in the
// order they were handed over. Until a batch is committed its objects are "accepted but not
// written": the lookups that decide what is new or changed (which invoices to re-read, where a
// scan may stop) consult those first, so they see every page this run accepted, written or not.
// The account is reported finished (or failed, or canceled) only once every batch handed over
// has been written or has failed, so a caller that ends the process after the report loses
// nothing it was told was kept.
//
// Incremental strategy, chosen from what the adapter says it can filter:
// - Created filter (Stripe charges/refunds/disputes, WooshPay payment intents/refunds/
//   disputes): lists are newest first; a pass asks for created >= the watermark (the newest
//   `created` stored so far) and pages to the end with the dialect's cursor. A refund or
//   dispute changes an old invoice (amount_refunded, disputed) without making it "new", so
//   for every new or changed refund/chargeback whose invoice the cache does not already hold
//   in a state taken after it, the invoice is re-retrieved and stored in the same transaction.
//   Side by side, a new refund whose invoice has not been read yet by a full invoice pass that
//   began after the refund was created needs no re-read: that pass will read the invoice later,
//   refund included.
// - Updated filter (Chargebee invoices and credit notes): a pass asks for updated_at after the
//   watermark, sorted by updated_at ascending. Records carry no updated_at, so the watermark
//   is the local time the previous pass started, minus a clock-skew margin; a credit note
//   bumps its invoice's updated_at, so invoices need no re-retrieval.
// - No time filter (ProcessOut transactions and refunds, IntaSend invoices and chargebacks):
//   the list is read newest first and an incremental pass stops after the first page whose
//   objects are all already in the cache unchanged. This finds every new object, but a change
//   to an old object further down (a refund made outside RefundDesk on an old ProcessOut
//   transaction, say) is only seen by `sync --full`.
// A pass killed part-way resumes from its stored cursor with the same filter. An object kind
// the dialect does not have (the adapter answers "unsupported") is skipped.
//
// Windows: where the dialect filters a list by a range of `created` (Stripe, WooshPay,
// Chargebee; Gateway::canFilterByCreatedRange) and the pass is over created time (a first
// sync, or a created-filter incremental one), a list is read as several cursor walks side by
// side, each over its own half-open window [from, to) of `created`, so an account's requests
// fill its rate ceiling instead of waiting on one cursor. The distribution is not known in
// advance, so windows are made adaptively: a walk whose page says there is more, while the list
// has fewer than Options::maxWindows walks, gives the part of its window below that page to new
// walks, cut at the page's oldest `created` or below (evenly when the window has a lower bound,
// in doubling widths with the last one open when it has none). The walk keeps reading from its
// cursor above the cut, so an object on the edge second belongs to exactly one window. Only
// the newest window is open above, so objects created during the sync are the open walk's
// business, as in a single walk. Every walk's accepted cursor and bounds are stored in the
// list's resume point together with the pages they cover, so an interrupted windowed pass
// resumes each window where its last committed page left it.
#pragma once

#include "batchwriter.h"
#include "store/accountrepository.h"
#include "store/recordfilter.h"
#include "syncprogress.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <array>
#include <atomic>
#include <functional>
#include <memory>

namespace rd {

class Database;
class Gateway;
struct GatewayError;
template <typename T> struct GatewayResult;
template <typename T> struct Page;

class AccountSync final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool full = false; // ignore watermarks: read every list to the end
        int pageSize = 100;
        qint64 clockMarginSecs = 300; // tolerated skew between our clock and the gateway's
        // Pages are written together once this many objects wait (and at the end of a pass,
        // on failure and on cancel): fewer, larger transactions keep the indexes cheap, and
        // each commit waits for the disk (synchronous=FULL). 500 → 5000 took an ingest of
        // 120,000 objects from 30 s to 19 s (bench_ingest, 2 busy cores); a sync cut short
        // resumes after the last commit, so a larger batch only means more to fetch again.
        int batchObjects = 5000;
        // The three lists at once (several requests in flight), or one after another with one
        // request at a time.
        bool sideBySide = true;
        // Cursor walks per list at most when the list is read in windows (side by side only).
        // The client sends at most six requests to one host at a time, so more only queue.
        int maxWindows = 6;
    };

    // `gateway`, `db` (this thread's connection, for reading) and `writer` (which writes the
    // batches) must outlive this object; `cancelFlag` may be null.
    AccountSync(Database &db, BatchWriter &writer, const Account &account, Gateway *gateway,
                const Options &options, const std::atomic<bool> *cancelFlag,
                QObject *parent = nullptr);
    ~AccountSync() override;

    void start();
    // Stops at once: an answer still in flight is ignored; pages already accepted are written
    // with their resume point, so the next sync continues after them.
    void cancelNow();

Q_SIGNALS:
    void progress(const rd::SyncProgress &p);
    // errorKind: GatewayError::Kind as int, or a SyncFailure value.
    void finished(bool ok, const QString &message, int errorKind);

private:
    enum class Mode { Created, Updated, Scan };
    // Where one cursor walk of a pass stands, as stored in the resume point.
    struct WalkPoint
    {
        qint64 from = 0; // window on `created`, seconds: from (inclusive), 0 = no bound
        qint64 to = 0;   // to (exclusive), 0 = no bound
        QString cursor;  // after the last accepted page; empty = from the window's top
    };
    struct Pass
    {
        RecordKind kind = RecordKind::Invoices;
        QList<WalkPoint> walks; // only when resuming: the walks still to finish
        bool windowed = false;  // the list may be split into windows
        qint64 since = 0;       // filter lower bound (seconds), 0 = none
        qint64 startedAt = 0;   // local time the pass began
        qint64 maxCreated = 0;  // newest created seen in this pass
        qint64 oldWatermark = 0;
        bool oldComplete = false;
        bool stopEarly = false; // scan mode: stop at the first page already known unchanged
        qint64 fetched = 0;
        int pages = 0;
    };
    struct PendingPage; // one fetched page on its way into the batch
    struct Batch;       // accepted pages not yet written
    struct Walk;        // one cursor walk over one window of a list
    struct Lane;        // one list (kind) being walked: its pass, walks and batch
    struct Unwritten;   // objects of accepted pages whose batch is not committed yet
    struct Submitted;   // a batch handed to the writer, until it reports the outcome

    Mode modeFor(RecordKind kind) const;
    Lane &lane(RecordKind kind) { return *m_lanes[size_t(kind)]; }
    static Walk *findWalk(Lane &lane, int walkId);
    void beginKind(Lane &lane);
    Walk &addWalk(Lane &lane, const WalkPoint &point);
    // Sends the first request of every walk not under way (side by side), or of the first one
    // when none is (one at a time).
    void startWalks(Lane &lane);
    void requestPage(Lane &lane, Walk &walk, const QString &cursor);
    // Gives the part of `walk`'s window below a page (created newest..oldest) to new walks.
    void splitWalk(Lane &lane, Walk &walk, qint64 newest, qint64 oldest);
    template <typename T>
    std::function<void(const GatewayResult<Page<T>> &)> pageHandler(Lane &lane, int walkId,
                                                                    quint64 epoch);
    template <typename T>
    void onPage(Lane &lane, Walk &walk, const QList<T> &items, const QString &nextCursor);
    // Whether the invoice lane of this run will still read an invoice it has not read yet (one
    // neither in the cache nor accepted) in a state taken after `createdAt`, so a new refund or
    // chargeback on it needs no re-read.
    bool invoiceLaneWillRead(qint64 createdAt) const;
    void retrieveInvoices(Lane &lane, Walk &walk, const QStringList &ids);
    // gateway id -> fingerprint of what the cache holds, or will hold once the batches handed
    // to the writer are committed, for those of `ids` it knows. False after fail().
    template <typename T>
    bool knownFingerprints(RecordKind kind, const QStringList &ids, QHash<QString, QString> *out);
    // invoice gateway id -> when it was stored, or accepted when not written yet.
    bool invoiceTimes(const QStringList &ids, QHash<QString, qint64> *out);
    void acceptPage(Lane &lane, Walk &walk);
    // Hands the lane's batch, with the resume point (or, when the pass is done, the watermark)
    // that covers it, to the writer.
    void flush(Lane &lane, bool passDone);
    void submit(Lane *lane, BatchWriter::Job job);
    void onWritten(qint64 accountId, quint64 job, bool ok, const QString &error);
    // Reports the outcome once the run is over and every batch handed over is written.
    void reportWhenWritten();
    void finishKind(Lane &lane);
    void fail(const QString &message, int kind);
    void failGateway(Lane &lane, Walk *walk, const GatewayError &error);
    bool canceled();
    static QString encodePass(const Lane &lane);
    static bool decodePass(const QString &text, Pass *pass);

    Database &m_db;
    BatchWriter &m_writer;
    Account m_account;
    QPointer<Gateway> m_gateway;
    Options m_options;
    const std::atomic<bool> *m_cancel;
    std::array<std::unique_ptr<Lane>, 3> m_lanes;
    QHash<int, qint64> m_counts; // objects fetched per RecordKind in this run
    std::unique_ptr<Unwritten> m_unwritten;
    QHash<quint64, Submitted> m_submitted; // by the writer's job number
    // Set when the run is over (finished, failed or canceled): late answers are ignored, and
    // the outcome below is reported once m_submitted is empty.
    bool m_done = false;
    bool m_reported = false;
    bool m_ok = false;
    QString m_message;
    int m_errorKind = 0;
};

} // namespace rd
