#include "statefile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace rd::sandbox {

namespace {

QString num(qint64 v)
{
    return QString::number(v);
}
qint64 toNum(const QJsonValue &v)
{
    return v.toString().toLongLong();
}

QJsonObject extrasToJson(const Extras *e)
{
    if (!e)
        return {};
    QJsonObject o{{QStringLiteral("metadata"), e->metadata},
                  {QStringLiteral("reason"), e->reason},
                  {QStringLiteral("text"), e->text},
                  {QStringLiteral("notes"), e->customerNotes},
                  {QStringLiteral("ids"), QJsonArray::fromStringList(e->invoiceDetailIds)}};
    return o;
}

std::optional<Extras> extrasFromJson(const QJsonValue &v)
{
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    Extras e;
    e.metadata = o.value(QStringLiteral("metadata")).toObject();
    e.reason = o.value(QStringLiteral("reason")).toString();
    e.text = o.value(QStringLiteral("text")).toString();
    e.customerNotes = o.value(QStringLiteral("notes")).toString();
    for (const QJsonValue &id : o.value(QStringLiteral("ids")).toArray())
        e.invoiceDetailIds << id.toString();
    return e;
}

} // namespace

StateFile::StateFile()
    : m_connection(QStringLiteral("sandbox-state-") +
                   QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

StateFile::~StateFile()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool StateFile::open(const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    for (const char *sql :
         {"PRAGMA journal_mode=WAL",
          // Survives a killed process (what tests do), which is all a sandbox needs.
          "PRAGMA synchronous=NORMAL",
          "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
          "dialect INTEGER NOT NULL, change INTEGER NOT NULL, data TEXT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS idempotency (dialect INTEGER NOT NULL, key TEXT NOT NULL, "
          "fingerprint BLOB NOT NULL, status INTEGER NOT NULL, headers TEXT NOT NULL, "
          "body BLOB NOT NULL, PRIMARY KEY (dialect, key))"}) {
        if (!q.exec(QString::fromLatin1(sql))) {
            *error = QStringLiteral("cannot prepare %1: %2").arg(path, q.lastError().text());
            return false;
        }
    }
    return true;
}

std::optional<StateFile::Meta> StateFile::meta() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.exec(QStringLiteral("SELECT key, value FROM meta"));
    Meta m;
    int found = 0;
    while (q.next()) {
        if (q.value(0).toString() == QLatin1String("seed")) {
            m.seed = q.value(1).toString().toULongLong();
            ++found;
        } else if (q.value(0).toString() == QLatin1String("invoices")) {
            m.invoices = q.value(1).toString().toInt();
            ++found;
        }
    }
    return found == 2 ? std::optional<Meta>(m) : std::nullopt;
}

bool StateFile::writeMeta(const Meta &meta, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    for (const auto &[key, value] :
         {std::pair{QStringLiteral("seed"), QString::number(meta.seed)},
          std::pair{QStringLiteral("invoices"), QString::number(meta.invoices)}}) {
        q.addBindValue(key);
        q.addBindValue(value);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

bool StateFile::replayInto(Store &store, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT dialect, change, data FROM journal ORDER BY seq"))) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        const auto d = Dialect(q.value(0).toInt());
        const auto change = Store::Change(q.value(1).toInt());
        const QJsonObject o = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
        const auto extras = extrasFromJson(o.value(QStringLiteral("extras")));
        const auto str = [&](const char *k) {
            return store.intern(o.value(QString::fromLatin1(k)).toString());
        };
        switch (change) {
        case Store::Change::Payment: {
            Payment p;
            p.created = toNum(o.value(QStringLiteral("created")));
            p.amount = toNum(o.value(QStringLiteral("amount")));
            p.currency = quint8(o.value(QStringLiteral("currency")).toInt());
            p.status = PaymentStatus(o.value(QStringLiteral("status")).toInt());
            p.flags = quint8(o.value(QStringLiteral("flags")).toInt());
            store.addPayment(d, p);
            break;
        }
        case Store::Change::Refund: {
            Refund r;
            r.created = toNum(o.value(QStringLiteral("created")));
            r.amount = toNum(o.value(QStringLiteral("amount")));
            r.payment = quint32(toNum(o.value(QStringLiteral("payment"))));
            r.status = RefundStatus(o.value(QStringLiteral("status")).toInt());
            r.reason = str("reason");
            r.failureReason = str("failure");
            store.addRefund(d, r, extras ? &*extras : nullptr);
            break;
        }
        case Store::Change::Dispute: {
            Dispute x;
            x.created = toNum(o.value(QStringLiteral("created")));
            x.amount = toNum(o.value(QStringLiteral("amount")));
            x.payment = quint32(toNum(o.value(QStringLiteral("payment"))));
            x.status = str("status");
            x.reason = str("reason");
            store.addDispute(d, x, extras ? &*extras : nullptr);
            break;
        }
        case Store::Change::RefundStatus:
            store.setRefundStatus(d, quint32(toNum(o.value(QStringLiteral("refund")))),
                                  RefundStatus(o.value(QStringLiteral("status")).toInt()),
                                  str("failure"));
            break;
        case Store::Change::RefundMetadata:
            store.setRefundMetadata(d, quint32(toNum(o.value(QStringLiteral("refund")))),
                                    o.value(QStringLiteral("metadata")).toObject());
            break;
        }
    }
    return true;
}

void StateFile::attach(Store &store)
{
    store.setObserver(
        [this, &store](Store::Change c, Dialect d, quint32 index) { record(store, c, d, index); });
}

void StateFile::record(Store &store, Store::Change change, Dialect d, quint32 index)
{
    const DialectData &data = store.data(d);
    QJsonObject o;
    switch (change) {
    case Store::Change::Payment: {
        const Payment &p = data.payments.at(index);
        o = {{QStringLiteral("created"), num(p.created)},
             {QStringLiteral("amount"), num(p.amount)},
             {QStringLiteral("currency"), p.currency},
             {QStringLiteral("status"), int(p.status)},
             {QStringLiteral("flags"), p.flags}};
        break;
    }
    case Store::Change::Refund: {
        const Refund &r = data.refunds.at(index);
        o = {{QStringLiteral("created"), num(r.created)},
             {QStringLiteral("amount"), num(r.amount)},
             {QStringLiteral("payment"), num(r.payment)},
             {QStringLiteral("status"), int(r.status)},
             {QStringLiteral("reason"), store.string(r.reason)},
             {QStringLiteral("failure"), store.string(r.failureReason)}};
        if (r.extra)
            o.insert(QStringLiteral("extras"), extrasToJson(store.extras(d, r.extra)));
        break;
    }
    case Store::Change::Dispute: {
        const Dispute &x = data.disputes.at(index);
        o = {{QStringLiteral("created"), num(x.created)},
             {QStringLiteral("amount"), num(x.amount)},
             {QStringLiteral("payment"), num(x.payment)},
             {QStringLiteral("status"), store.string(x.status)},
             {QStringLiteral("reason"), store.string(x.reason)}};
        if (x.extra)
            o.insert(QStringLiteral("extras"), extrasToJson(store.extras(d, x.extra)));
        break;
    }
    case Store::Change::RefundStatus: {
        const Refund &r = data.refunds.at(index);
        o = {{QStringLiteral("refund"), num(index)},
             {QStringLiteral("status"), int(r.status)},
             {QStringLiteral("failure"), store.string(r.failureReason)}};
        break;
    }
    case Store::Change::RefundMetadata: {
        const Refund &r = data.refunds.at(index);
        const Extras *e = store.extras(d, r.extra);
        o = {{QStringLiteral("refund"), num(index)},
             {QStringLiteral("metadata"), e ? e->metadata : QJsonObject()}};
        break;
    }
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO journal (dialect, change, data) VALUES (?, ?, ?)"));
    q.addBindValue(int(d));
    q.addBindValue(int(change));
    q.addBindValue(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        qWarning("refunddesk-sandbox: cannot write the state file: %s",
                 qPrintable(q.lastError().text()));
}

void StateFile::loadIdempotency(IdempotencyCache &cache) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.exec(
        QStringLiteral("SELECT dialect, key, fingerprint, status, headers, body FROM idempotency"));
    while (q.next()) {
        IdempotentReply r;
        r.fingerprint = q.value(2).toByteArray();
        r.status = q.value(3).toInt();
        const QJsonArray headers = QJsonDocument::fromJson(q.value(4).toByteArray()).array();
        for (const QJsonValue &h : headers) {
            const QJsonArray pair = h.toArray();
            r.headers.append({pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
        }
        r.body = q.value(5).toByteArray();
        cache.insert(q.value(0).toInt(), q.value(1).toString(), std::move(r));
    }
}

void StateFile::saveIdempotency(int dialect, const QString &key, const IdempotentReply &reply)
{
    QJsonArray headers;
    for (const auto &h : reply.headers)
        headers.append(QJsonArray{QString::fromUtf8(h.first), QString::fromUtf8(h.second)});
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO idempotency (dialect, key, fingerprint, "
                             "status, headers, body) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(dialect);
    q.addBindValue(key);
    q.addBindValue(reply.fingerprint);
    q.addBindValue(reply.status);
    q.addBindValue(QString::fromUtf8(QJsonDocument(headers).toJson(QJsonDocument::Compact)));
    q.addBindValue(reply.body);
    if (!q.exec())
        qWarning("refunddesk-sandbox: cannot write the state file: %s",
                 qPrintable(q.lastError().text()));
}

} // namespace rd::sandbox
