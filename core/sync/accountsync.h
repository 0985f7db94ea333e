// Syncs one account: pulls invoices, refunds and chargebacks through its Gateway into the
// cache, the three lists side by side (or one after another, Options::sideBySide), each list
// committing its pages in batches together with the resume point and watermark they advance
// (table sync_state). Lives on the engine's thread; the account's HttpClient keeps the
// requests of all three lists under the account's request-rate ceiling.
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
#pragma once

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
        // The three lists at once (several requests in flight), or one after another.
        bool sideBySide = true;
    };

    // `gateway` and `db` must outlive this object; `cancelFlag` may be null.
    AccountSync(Database &db, const Account &account, Gateway *gateway, const Options &options,
                const std::atomic<bool> *cancelFlag, QObject *parent = nullptr);
    ~AccountSync() override;

    void start();
    // Stops at once: an answer still in flight is ignored; pages already accepted are written
    // with their resume point, so the next sync continues after them.
    void cancelNow();
    bool isDone() const { return m_done; }

Q_SIGNALS:
    void progress(const rd::SyncProgress &p);
    // errorKind: GatewayError::Kind as int, or a SyncFailure value.
    void finished(bool ok, const QString &message, int errorKind);

private:
    enum class Mode { Created, Updated, Scan };
    struct Pass
    {
        RecordKind kind = RecordKind::Invoices;
        QString cursor;
        qint64 since = 0;      // filter lower bound (seconds), 0 = none
        qint64 startedAt = 0;  // local time the pass began
        qint64 maxCreated = 0; // newest created seen in this pass
        qint64 oldWatermark = 0;
        bool oldComplete = false;
        bool stopEarly = false; // scan mode: stop at the first page already known unchanged
        qint64 fetched = 0;
        int pages = 0;
    };
    struct PendingPage; // one fetched page on its way into the batch
    struct Batch;       // accepted pages not yet written
    struct Lane;        // one list (kind) being walked: its pass, page in flight and batch

    Mode modeFor(RecordKind kind) const;
    Lane &lane(RecordKind kind) { return *m_lanes[size_t(kind)]; }
    void beginKind(Lane &lane);
    void requestPage(Lane &lane, const QString &cursor);
    template <typename T>
    std::function<void(const GatewayResult<Page<T>> &)> pageHandler(Lane &lane, quint64 generation);
    template <typename T> void onPage(Lane &lane, const QList<T> &items, const QString &nextCursor);
    // Whether the invoice lane of this run will still read `invoiceId` in a state taken after
    // `createdAt`, so a new refund or chargeback on it needs no re-read.
    bool invoiceLaneWillRead(const QString &invoiceId, qint64 createdAt) const;
    void retrieveInvoices(Lane &lane, const QStringList &ids);
    void acceptPage(Lane &lane);
    bool flush(Lane &lane, bool passDone);
    void finishKind(Lane &lane);
    void fail(const QString &message, int kind);
    void failGateway(Lane &lane, const GatewayError &error);
    bool canceled();
    static QString encodePass(const Pass &pass);
    static bool decodePass(const QString &text, Pass *pass);

    Database &m_db;
    Account m_account;
    QPointer<Gateway> m_gateway;
    Options m_options;
    const std::atomic<bool> *m_cancel;
    std::array<std::unique_ptr<Lane>, 3> m_lanes;
    QHash<int, qint64> m_counts; // objects fetched per RecordKind in this run
    bool m_done = false;
};

} // namespace rd
