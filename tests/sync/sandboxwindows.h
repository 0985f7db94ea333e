// For the tests of syncs that read a list in time windows: the sandbox's invoices of a window
// read over plain HTTP with the dialect's own filters (Stripe-style created[gte]/created[lt],
// Chargebee's date[after]/date[before]), and a check that a stored resume point of the invoice
// list leaves nothing out and reads nothing twice: what its walks have still to read and what
// the cache holds are disjoint and together the whole list.
#pragma once

#include "sandboxmirror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

namespace rdtest {

struct ListedInvoice
{
    QString id;
    qint64 created = 0;
};

// Whether the sync reads `dialect`'s lists in windows (it filters a range of `created`).
inline bool hasCreatedWindows(const QString &dialect)
{
    return dialect == QLatin1String("stripe") || dialect == QLatin1String("wooshpay") ||
           dialect == QLatin1String("chargebee");
}

// The invoices in [from, to) (0 = open) after `cursor` (empty = from the newest), newest
// first, for a dialect with created windows. False with a reason when a request failed.
inline bool listInvoiceWindow(SandboxMirror &mirror, const QString &dialect, qint64 from, qint64 to,
                              QString cursor, QList<ListedInvoice> *out, QString *error)
{
    const bool chargebee = dialect == QLatin1String("chargebee");
    const QString path = chargebee ? QStringLiteral("/api/v2/invoices")
                         : dialect == QLatin1String("stripe")
                             ? QStringLiteral("/v1/charges")
                             : QStringLiteral("/v1/payment_intents");
    for (int guard = 0; guard < 100000; ++guard) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
        if (from > 0)
            q.addQueryItem(chargebee ? QStringLiteral("date[after]")
                                     : QStringLiteral("created[gte]"),
                           QString::number(chargebee ? from - 1 : from));
        if (to > 0)
            q.addQueryItem(chargebee ? QStringLiteral("date[before]")
                                     : QStringLiteral("created[lt]"),
                           QString::number(to));
        if (!cursor.isEmpty())
            q.addQueryItem(chargebee ? QStringLiteral("offset") : QStringLiteral("starting_after"),
                           cursor);
        const QJsonObject page = mirror.get(path, q).object();
        if (!mirror.lastError().isEmpty()) {
            *error = mirror.lastError();
            return false;
        }
        const QJsonArray items =
            page.value(chargebee ? QStringLiteral("list") : QStringLiteral("data")).toArray();
        for (const QJsonValue &v : items) {
            const QJsonObject o =
                chargebee ? v.toObject().value(QStringLiteral("invoice")).toObject() : v.toObject();
            out->append({o.value(QStringLiteral("id")).toString(),
                         o.value(chargebee ? QStringLiteral("date") : QStringLiteral("created"))
                             .toInteger()});
        }
        if (chargebee) {
            cursor = page.value(QStringLiteral("next_offset")).toString();
        } else {
            cursor = page.value(QStringLiteral("has_more")).toBool() && !items.isEmpty()
                         ? items.last().toObject().value(QStringLiteral("id")).toString()
                         : QString();
        }
        if (cursor.isEmpty())
            return true;
    }
    *error = QStringLiteral("the sandbox kept answering has_more");
    return false;
}

// Checks the stored resume point of `accountId`'s invoice list against the sandbox (see the
// file comment). `walks` receives how many walks it lists. False with a reason.
inline bool resumePointCoversTheRest(const QSqlDatabase &db, qint64 accountId,
                                     SandboxMirror &mirror, const QString &dialect, int *walks,
                                     QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT cursor FROM sync_state WHERE account_id = ? AND object = 'invoices'"));
    q.addBindValue(accountId);
    if (!q.exec() || !q.next()) {
        *error = QStringLiteral("no sync state for the invoices");
        return false;
    }
    const QJsonObject state = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    const QJsonArray points = state.value(QStringLiteral("walks")).toArray();
    *walks = int(points.size());
    if (points.isEmpty()) {
        *error = QStringLiteral("the resume point lists no walk: ") + q.value(0).toString();
        return false;
    }
    const qint64 since = state.value(QStringLiteral("since")).toInteger();
    QSet<QString> unread;
    for (const QJsonValue &v : points) {
        const QJsonObject w = v.toObject();
        QList<ListedInvoice> part;
        const qint64 from = std::max(w.value(QStringLiteral("from")).toInteger(), since);
        if (!listInvoiceWindow(mirror, dialect, from, w.value(QStringLiteral("to")).toInteger(),
                               w.value(QStringLiteral("cursor")).toString(), &part, error))
            return false;
        for (const ListedInvoice &i : std::as_const(part)) {
            if (unread.contains(i.id)) {
                *error = QStringLiteral("invoice %1 lies in two walks").arg(i.id);
                return false;
            }
            unread.insert(i.id);
        }
    }
    QList<ListedInvoice> all;
    if (!listInvoiceWindow(mirror, dialect, 0, 0, QString(), &all, error))
        return false;
    QSet<QString> stored;
    QSqlQuery s(db);
    s.prepare(QStringLiteral("SELECT gateway_id FROM invoices WHERE account_id = ?"));
    s.addBindValue(accountId);
    if (!s.exec()) {
        *error = QStringLiteral("cannot read the cached invoices");
        return false;
    }
    while (s.next())
        stored.insert(s.value(0).toString());
    if (stored.isEmpty()) {
        *error = QStringLiteral("nothing was stored before the interruption");
        return false;
    }
    for (const ListedInvoice &i : std::as_const(all)) {
        const bool isStored = stored.contains(i.id);
        if (isStored == unread.contains(i.id)) {
            *error = QStringLiteral("invoice %1 (created %2) is %3")
                         .arg(i.id)
                         .arg(i.created)
                         .arg(isStored ? QStringLiteral("both stored and still to read")
                                       : QStringLiteral("neither stored nor still to read"));
            return false;
        }
    }
    if (stored.size() + unread.size() != all.size()) {
        *error = QStringLiteral("%1 stored + %2 to read, but the sandbox lists %3")
                     .arg(stored.size())
                     .arg(unread.size())
                     .arg(all.size());
        return false;
    }
    return true;
}

} // namespace rdtest
