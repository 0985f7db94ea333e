// The sandbox's in-memory data: per dialect, compact tables of payments, refunds and disputes
// (chargebacks), indexed by position. Ids are encodings of those positions (see ids.h) and
// tables are append-only in creation order, so "newest first" is simply descending index.
#pragma once

#include "ids.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "domain/dialect.h"

#include <array>
#include <functional>
#include <optional>
#include <vector>

namespace rd::sandbox {

// The currencies the sandbox seeds; a payment stores an index into this list.
enum class Cur : quint8 { USD, EUR, GBP, JPY, KWD, KES, Count };
QString currencyCode(quint8 cur);    // "USD"
int currencyIndex(QStringView code); // -1 when not one of the sandbox's
int currencyExponent(quint8 cur);

enum class PaymentStatus : quint8 { Succeeded, Pending, Failed };
enum class RefundStatus : quint8 { Pending, RequiresAction, Succeeded, Failed, Canceled };

enum PaymentFlag : quint8 { Disputed = 1, Offline = 2 };

// Runtime-only details (metadata, free texts); seeded objects have none and derive their
// texts from their index, which keeps a million-payment seed compact.
struct Extras
{
    QJsonObject metadata;
    QString reason;        // free-text reason (IntaSend chargebacks)
    QString text;          // comment / information / reason_details / description
    QString customerNotes; // Chargebee
    QStringList invoiceDetailIds;
};

struct Payment
{
    qint64 created = 0;       // unix seconds
    qint64 amount = 0;        // minor units captured (attempted when not succeeded)
    qint32 firstRefund = -1;  // newest refund of this payment; refunds chain through `next`
    qint32 firstDispute = -1; // newest dispute/chargeback
    quint32 extra = 0;        // 1-based index into extras; 0 = none
    quint8 currency = 0;
    PaymentStatus status = PaymentStatus::Succeeded;
    quint8 flags = 0;
};

struct Refund
{
    qint64 created = 0;
    qint64 amount = 0;
    quint32 payment = 0;
    qint32 next = -1; // the previous (older) refund of the same payment
    quint32 extra = 0;
    RefundStatus status = RefundStatus::Succeeded;
    quint8 reason = 0;        // interned string index, 0 = none
    quint8 failureReason = 0; // interned string index, 0 = none
};

// A Stripe/WooshPay dispute or an IntaSend chargeback.
struct Dispute
{
    qint64 created = 0;
    qint64 amount = 0;
    quint32 payment = 0;
    qint32 next = -1;
    quint32 extra = 0;
    quint8 status = 0; // interned
    quint8 reason = 0; // interned
};

// Id namespaces. Aux1 and Aux2 are second ids derived from the same index: Stripe's payment
// intent (of a charge) and balance transaction; Chargebee's payment transaction (of an invoice)
// and refund transaction (of a credit note); ProcessOut's invoice (of a transaction).
enum class Kind : quint8 { Payment, Refund, Dispute, Aux1, Aux2, Count };

struct DialectData
{
    std::vector<Payment> payments;
    std::vector<Refund> refunds;
    std::vector<Dispute> disputes;
    std::vector<Extras> extras;
    std::array<IdCodec, size_t(Kind::Count)> codecs;
};

struct Customer
{
    QString firstName;
    QString lastName;
    QString email;
    QString fullName; // "first last"
    const QString &name() const { return fullName; }
};

// An id as text on the stack (ASCII, NUL-terminated), for writing replies without a QString
// per id.
struct IdText
{
    char text[IdCodec::kMaxSize + 1];
    qsizetype size = 0;
    QLatin1String latin1() const { return QLatin1String(text, size); }
};

class Store final
{
public:
    explicit Store(quint64 seed);

    quint64 seed() const { return m_seed; }
    // The fixed "now" of the seeded data: seeded objects fall in the two years before it.
    qint64 seededNow() const { return m_seededNow; }
    // Real time for runtime objects, never earlier than the newest object (lists stay ordered).
    qint64 runtimeNow(Dialect d) const;

    DialectData &data(Dialect d) { return m_data[size_t(d)]; }
    const DialectData &data(Dialect d) const { return m_data[size_t(d)]; }

    QString id(Dialect d, Kind k, quint64 index) const;
    IdText idText(Dialect d, Kind k, quint64 index) const;
    // The index an id stands for when it names an existing object of that kind.
    std::optional<quint32> find(Dialect d, Kind k, QStringView id) const;

    quint8 intern(const QString &text);
    const QString &string(quint8 index) const { return m_strings.at(index); }

    Customer customer(Dialect d, quint32 payment) const;
    QString description(Dialect d, quint32 payment) const;
    const Extras *extras(Dialect d, quint32 extra) const;
    quint32 addExtras(Dialect d, Extras e);

    // Sums over a payment's refunds.
    qint64 refunded(Dialect d, quint32 payment) const;       // succeeded
    qint64 pendingRefunds(Dialect d, quint32 payment) const; // pending + requires_action
    qint64 refundable(Dialect d, quint32 payment) const;
    qint64 chargedBack(Dialect d, quint32 payment) const; // all non-rejected disputes

    // Mutations. Each one is reported to the observer (persistence) after it is applied.
    quint32 addPayment(Dialect d, const Payment &p);
    quint32 addRefund(Dialect d, Refund r, const Extras *extras = nullptr);
    quint32 addDispute(Dialect d, Dispute x, const Extras *extras = nullptr);
    void setRefundStatus(Dialect d, quint32 refund, RefundStatus status, quint8 failureReason);
    void setRefundMetadata(Dialect d, quint32 refund, const QJsonObject &metadata);

    enum class Change { Payment, Refund, Dispute, RefundStatus, RefundMetadata };
    using Observer = std::function<void(Change, Dialect, quint32 index)>;
    void setObserver(Observer observer) { m_observer = std::move(observer); }

private:
    void notify(Change c, Dialect d, quint32 index) const
    {
        if (m_observer)
            m_observer(c, d, index);
    }

    quint64 m_seed;
    qint64 m_seededNow;
    std::array<DialectData, 5> m_data;
    std::vector<QString> m_strings;
    Observer m_observer;
};

} // namespace rd::sandbox
