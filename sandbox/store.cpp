#include "store.h"

#include "domain/currency.h"

#include <QDateTime>

namespace rd::sandbox {

namespace {

const std::array<const char *, size_t(Cur::Count)> kCurrencies = {"USD", "EUR", "GBP",
                                                                  "JPY", "KWD", "KES"};

// Names with the accents, apostrophes and scripts real customers have.
const std::array<const char *, 16> kFirstNames = {
    "José",  "Zoë",      "Björn", "Łukasz",  "Amélie",  "Søren", "Wanjiru", "Akira",
    "Chloé", "François", "Ngozi", "Siobhán", "Dmitrij", "Aoife", "Mía",     "John"};
const std::array<const char *, 16> kLastNames = {
    "García", "Müller", "Nakamura", "Ødegaard", "Kamau",     "O'Brien",   "Dvořák",    "Şahin",
    "Nguyễn", "Smith",  "Otieno",   "Beaumont", "Kowalczyk", "Fernández", "Lindqvist", "Jones"};
const std::array<const char *, 4> kDomains = {"example.com", "exämple.de", "example.co.ke",
                                              "correo.example.es"};
// Some descriptions are hostile on purpose: exports must neutralise formulas and quote commas.
const std::array<const char *, 10> kProducts = {
    "Annual plan",          "Monthly plan",      "Café order #%1",    "Spare parts, set %1",
    "\"Deluxe\" bundle",    "=HYPERLINK(\"x\")", "Consulting — %1 h", "Gift card",
    "Ticket Zürich–Genève", "-Adjustment %1"};

// Every customer the seed can name, built once: replies name one per payment.
struct CustomerTable
{
    std::array<QString, kFirstNames.size()> first;
    std::array<QString, kLastNames.size()> last;
    std::array<QString, kFirstNames.size() * kLastNames.size()> full;
    std::array<QString, kFirstNames.size() * kLastNames.size() * kDomains.size()> email;

    CustomerTable()
    {
        for (size_t f = 0; f < first.size(); ++f)
            first[f] = QString::fromUtf8(kFirstNames[f]);
        for (size_t l = 0; l < last.size(); ++l)
            last[l] = QString::fromUtf8(kLastNames[l]);
        for (size_t f = 0; f < first.size(); ++f) {
            for (size_t l = 0; l < last.size(); ++l) {
                full[f * last.size() + l] = first[f] + QLatin1Char(' ') + last[l];
                QString local = first[f] + QLatin1Char('.') + last[l];
                local = local.toLower().remove(QLatin1Char('\''));
                for (size_t m = 0; m < kDomains.size(); ++m)
                    email[(f * last.size() + l) * kDomains.size() + m] =
                        local + QLatin1Char('@') + QString::fromUtf8(kDomains[m]);
            }
        }
    }
    static const CustomerTable &instance()
    {
        static const CustomerTable table;
        return table;
    }
};

} // namespace

QString currencyCode(quint8 cur)
{
    return cur < kCurrencies.size() ? QString::fromLatin1(kCurrencies[cur]) : QString();
}

int currencyIndex(QStringView code)
{
    for (size_t i = 0; i < kCurrencies.size(); ++i) {
        if (code.compare(QLatin1String(kCurrencies[i]), Qt::CaseInsensitive) == 0)
            return int(i);
    }
    return -1;
}

int currencyExponent(quint8 cur)
{
    return Currency::exponent(currencyCode(cur));
}

Store::Store(quint64 seed) : m_seed(seed)
{
    // 2026-01-01T00:00:00Z minus up to 60 days, chosen by the seed.
    m_seededNow = 1767225600 - qint64(mix64(seed) % (60 * 24 * 3600));
    m_strings.emplace_back(); // index 0 is "none"
    for (size_t d = 0; d < m_data.size(); ++d) {
        auto &c = m_data[d].codecs;
        const auto key = [&](Kind k) { return mixKey(seed, d, quint64(k)); };
        switch (Dialect(d)) {
        case Dialect::Stripe:
            c[size_t(Kind::Payment)] = IdCodec(QStringLiteral("ch_3Sbx"), IdCodec::Alphabet::Base62,
                                               18, key(Kind::Payment));
            c[size_t(Kind::Refund)] = IdCodec(QStringLiteral("re_3Sbx"), IdCodec::Alphabet::Base62,
                                              18, key(Kind::Refund));
            c[size_t(Kind::Dispute)] = IdCodec(QStringLiteral("dp_1Sbx"), IdCodec::Alphabet::Base62,
                                               18, key(Kind::Dispute));
            c[size_t(Kind::Aux1)] =
                IdCodec(QStringLiteral("pi_3Sbx"), IdCodec::Alphabet::Base62, 18, key(Kind::Aux1));
            c[size_t(Kind::Aux2)] =
                IdCodec(QStringLiteral("txn_3Sbx"), IdCodec::Alphabet::Base62, 18, key(Kind::Aux2));
            break;
        case Dialect::WooshPay:
            c[size_t(Kind::Payment)] =
                IdCodec(QStringLiteral("pi_1"), IdCodec::Alphabet::Digits, 18, key(Kind::Payment));
            c[size_t(Kind::Refund)] =
                IdCodec(QStringLiteral("re_1"), IdCodec::Alphabet::Digits, 18, key(Kind::Refund));
            c[size_t(Kind::Dispute)] =
                IdCodec(QStringLiteral("dp_1"), IdCodec::Alphabet::Digits, 18, key(Kind::Dispute));
            break;
        case Dialect::Chargebee:
            c[size_t(Kind::Payment)] = IdCodec(
                QStringLiteral("inv_"), IdCodec::Alphabet::UpperAlnum, 10, key(Kind::Payment));
            c[size_t(Kind::Refund)] = IdCodec(QStringLiteral("CN-"), IdCodec::Alphabet::UpperAlnum,
                                              10, key(Kind::Refund));
            c[size_t(Kind::Aux1)] =
                IdCodec(QStringLiteral("txn_"), IdCodec::Alphabet::Base62, 14, key(Kind::Aux1));
            c[size_t(Kind::Aux2)] =
                IdCodec(QStringLiteral("txn_r"), IdCodec::Alphabet::Base62, 14, key(Kind::Aux2));
            break;
        case Dialect::ProcessOut:
            c[size_t(Kind::Payment)] =
                IdCodec(QStringLiteral("tr_"), IdCodec::Alphabet::Base62, 22, key(Kind::Payment));
            c[size_t(Kind::Refund)] =
                IdCodec(QStringLiteral("re_"), IdCodec::Alphabet::Base62, 22, key(Kind::Refund));
            c[size_t(Kind::Aux1)] =
                IdCodec(QStringLiteral("iv_"), IdCodec::Alphabet::Base62, 22, key(Kind::Aux1));
            break;
        case Dialect::IntaSend:
            c[size_t(Kind::Payment)] =
                IdCodec(QString(), IdCodec::Alphabet::UpperAlnum, 7, key(Kind::Payment));
            break;
        }
    }
}

qint64 Store::runtimeNow(Dialect d) const
{
    qint64 newest = m_seededNow;
    const DialectData &x = data(d);
    if (!x.payments.empty())
        newest = std::max(newest, x.payments.back().created);
    if (!x.refunds.empty())
        newest = std::max(newest, x.refunds.back().created);
    if (!x.disputes.empty())
        newest = std::max(newest, x.disputes.back().created);
    return std::max(newest, QDateTime::currentSecsSinceEpoch());
}

QString Store::id(Dialect d, Kind k, quint64 index) const
{
    return data(d).codecs[size_t(k)].encode(index);
}

IdText Store::idText(Dialect d, Kind k, quint64 index) const
{
    IdText id;
    id.size = data(d).codecs[size_t(k)].encodeTo(index, id.text);
    id.text[id.size] = '\0';
    return id;
}

std::optional<quint32> Store::find(Dialect d, Kind k, QStringView id) const
{
    const DialectData &x = data(d);
    const auto index = x.codecs[size_t(k)].decode(id);
    if (!index)
        return std::nullopt;
    size_t count = 0;
    switch (k) {
    case Kind::Refund:
        count = x.refunds.size();
        break;
    case Kind::Dispute:
        count = x.disputes.size();
        break;
    default: // payments and the ids derived from them (payment intents, invoices)
        count = x.payments.size();
        break;
    }
    if (*index >= count)
        return std::nullopt;
    return quint32(*index);
}

quint8 Store::intern(const QString &text)
{
    if (text.isEmpty())
        return 0;
    for (size_t i = 1; i < m_strings.size(); ++i) {
        if (m_strings[i] == text)
            return quint8(i);
    }
    Q_ASSERT(m_strings.size() < 255); // only fixed vocabularies are interned
    m_strings.push_back(text);
    return quint8(m_strings.size() - 1);
}

Customer Store::customer(Dialect d, quint32 payment) const
{
    const quint64 h = mixKey(m_seed, 100 + quint64(d), payment);
    const CustomerTable &t = CustomerTable::instance();
    const size_t f = h % kFirstNames.size();
    const size_t l = (h >> 8) % kLastNames.size();
    const size_t m = (h >> 16) % kDomains.size();
    const size_t name = f * kLastNames.size() + l;
    return Customer{t.first[f], t.last[l], t.email[name * kDomains.size() + m], t.full[name]};
}

QString Store::description(Dialect d, quint32 payment) const
{
    const Payment &p = data(d).payments.at(payment);
    if (const Extras *e = extras(d, p.extra); e && !e->text.isEmpty())
        return e->text;
    // The products split around their "%1", decoded once.
    struct Product
    {
        QString before, after;
        bool numbered = false;
    };
    static const std::array<Product, kProducts.size()> products = [] {
        std::array<Product, kProducts.size()> out;
        for (size_t i = 0; i < kProducts.size(); ++i) {
            const QString text = QString::fromUtf8(kProducts[i]);
            const qsizetype at = text.indexOf(QLatin1String("%1"));
            out[i].numbered = at >= 0;
            out[i].before = at >= 0 ? text.left(at) : text;
            out[i].after = at >= 0 ? text.mid(at + 2) : QString();
        }
        return out;
    }();
    const quint64 h = mixKey(m_seed, 200 + quint64(d), payment);
    const Product &product = products[h % kProducts.size()];
    if (!product.numbered)
        return product.before;
    return product.before + QString::number((h >> 16) % 9000 + 100) + product.after;
}

const Extras *Store::extras(Dialect d, quint32 extra) const
{
    if (extra == 0)
        return nullptr;
    return &data(d).extras.at(extra - 1);
}

quint32 Store::addExtras(Dialect d, Extras e)
{
    data(d).extras.push_back(std::move(e));
    return quint32(data(d).extras.size());
}

qint64 Store::refunded(Dialect d, quint32 payment) const
{
    const DialectData &x = data(d);
    qint64 sum = 0;
    for (qint32 r = x.payments.at(payment).firstRefund; r >= 0; r = x.refunds[size_t(r)].next) {
        if (x.refunds[size_t(r)].status == RefundStatus::Succeeded)
            sum += x.refunds[size_t(r)].amount;
    }
    return sum;
}

qint64 Store::pendingRefunds(Dialect d, quint32 payment) const
{
    const DialectData &x = data(d);
    qint64 sum = 0;
    for (qint32 r = x.payments.at(payment).firstRefund; r >= 0; r = x.refunds[size_t(r)].next) {
        const RefundStatus s = x.refunds[size_t(r)].status;
        if (s == RefundStatus::Pending || s == RefundStatus::RequiresAction)
            sum += x.refunds[size_t(r)].amount;
    }
    return sum;
}

qint64 Store::refundable(Dialect d, quint32 payment) const
{
    const Payment &p = data(d).payments.at(payment);
    if (p.status != PaymentStatus::Succeeded)
        return 0;
    return p.amount - refunded(d, payment) - pendingRefunds(d, payment);
}

qint64 Store::chargedBack(Dialect d, quint32 payment) const
{
    const DialectData &x = data(d);
    qint64 sum = 0;
    for (qint32 i = x.payments.at(payment).firstDispute; i >= 0; i = x.disputes[size_t(i)].next) {
        const QString &status = string(x.disputes[size_t(i)].status);
        if (status != QLatin1String("REJECTED") && status != QLatin1String("won"))
            sum += x.disputes[size_t(i)].amount;
    }
    return sum;
}

quint32 Store::addPayment(Dialect d, const Payment &p)
{
    DialectData &x = data(d);
    x.payments.push_back(p);
    const auto index = quint32(x.payments.size() - 1);
    notify(Change::Payment, d, index);
    return index;
}

quint32 Store::addRefund(Dialect d, Refund r, const Extras *extras)
{
    DialectData &x = data(d);
    if (extras)
        r.extra = addExtras(d, *extras);
    Payment &p = x.payments.at(r.payment);
    r.next = p.firstRefund;
    x.refunds.push_back(r);
    const auto index = quint32(x.refunds.size() - 1);
    p.firstRefund = qint32(index);
    notify(Change::Refund, d, index);
    return index;
}

quint32 Store::addDispute(Dialect d, Dispute v, const Extras *extras)
{
    DialectData &x = data(d);
    if (extras)
        v.extra = addExtras(d, *extras);
    Payment &p = x.payments.at(v.payment);
    v.next = p.firstDispute;
    x.disputes.push_back(v);
    const auto index = quint32(x.disputes.size() - 1);
    p.firstDispute = qint32(index);
    p.flags |= Disputed;
    notify(Change::Dispute, d, index);
    return index;
}

void Store::setRefundStatus(Dialect d, quint32 refund, RefundStatus status, quint8 failureReason)
{
    Refund &r = data(d).refunds.at(refund);
    r.status = status;
    r.failureReason = failureReason;
    notify(Change::RefundStatus, d, refund);
}

void Store::setRefundMetadata(Dialect d, quint32 refund, const QJsonObject &metadata)
{
    Refund &r = data(d).refunds.at(refund);
    if (r.extra == 0)
        r.extra = addExtras(d, Extras{});
    data(d).extras.at(r.extra - 1).metadata = metadata;
    notify(Change::RefundMetadata, d, refund);
}

} // namespace rd::sandbox
