// Team mode's roles on a PostgreSQL team database, enforced by the database itself: a viewer
// reads everything and writes nothing, a clerk also syncs and requests refunds and chargebacks,
// an approver may do all a clerk may (and approve or reject, once the approvals table grants
// it). The audit log is append-only for every role: INSERT and SELECT, never UPDATE, DELETE or
// TRUNCATE. Grants are listed per table here, so a later table (approvals) adds its own line.
#pragma once

#include "domain/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rd {

class Database;

namespace team {

inline const QString ViewerRole = QStringLiteral("refunddesk_viewer");
inline const QString ClerkRole = QStringLiteral("refunddesk_clerk");
inline const QString ApproverRole = QStringLiteral("refunddesk_approver");

// The three roles, viewer first; "viewer", "clerk" and "approver" are accepted as short names.
QStringList roleNames();
// The full role name for `name` (short or full), or empty when it is no team role.
QString roleFromName(const QString &name);

struct Member
{
    QString user;
    QString role;
};

// Creates the three roles when missing (NOLOGIN group roles) and grants them what they may do
// on every table of the current schema; revokes everything from PUBLIC. Run by the database's
// owner (who also needs CREATEROLE for a first run); running it again is harmless.
Result<bool> init(Database &db);
// Makes `user` a member of `role`, creating `user` as a login role without a password when it
// does not exist (its password is then set by the administrator, never by RefundDesk).
Result<bool> grant(Database &db, const QString &user, const QString &role);
Result<bool> revoke(Database &db, const QString &user, const QString &role);
Result<QList<Member>> members(Database &db);

// What the connected user may do on a team database, as one word: "owner" (owns the schema,
// or a superuser), "approver", "clerk", "viewer" (the strongest team role held), or "none".
Result<QString> currentRole(Database &db);
// Whether `role` (from currentRole()) may approve or reject refund requests.
bool mayDecide(const QString &role);

} // namespace team

} // namespace rd
