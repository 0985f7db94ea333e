#include "teamroles.h"

#include "database.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace rd::team {

namespace {

struct TableGrant
{
    const char *table;
    const char *clerk; // privileges beyond SELECT for clerks (and so approvers); "" = none
};

// What a clerk may change, table by table; every team role may SELECT every table. The audit
// log is INSERT only: no role gets UPDATE, DELETE or TRUNCATE on it.
const TableGrant tableGrants[] = {
    {"refunddesk_schema", ""},
    {"accounts", "UPDATE (last_sync_at)"},
    {"invoices", "INSERT, UPDATE"},
    {"refunds", "INSERT, UPDATE"},
    {"chargebacks", "INSERT, UPDATE"},
    {"sync_state", "INSERT, UPDATE, DELETE"},
    {"outbox", "INSERT, UPDATE"},
    {"audit_log", "INSERT"},
    // Thresholds are the owner's (accounts set); a clerk asks, an approver decides (below).
    {"approval_thresholds", ""},
    {"approvals", "INSERT"},
};

Result<bool> run(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return Error{q.lastError().text().trimmed()};
    return true;
}

QString ident(Database &db, const QString &name)
{
    return db.connection().driver()->escapeIdentifier(name, QSqlDriver::TableName);
}

Result<bool> roleExists(Database &db, const QString &name)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = ?"));
    q.bindValue(0, name);
    if (!q.exec())
        return Error{q.lastError().text().trimmed()};
    return q.next();
}

Result<bool> needsServer(Database &db)
{
    if (!db.isPostgres())
        return Error{QStringLiteral("team roles need a PostgreSQL team database (--db "
                                    "postgresql://USER@HOST/DBNAME); a SQLite cache has one "
                                    "user.")};
    return true;
}

} // namespace

QStringList roleNames()
{
    return {ViewerRole, ClerkRole, ApproverRole};
}

QString roleFromName(const QString &name)
{
    for (const QString &role : roleNames()) {
        if (name == role || QStringLiteral("refunddesk_") + name == role)
            return role;
    }
    return QString();
}

Result<bool> init(Database &db)
{
    if (auto ok = needsServer(db); !ok)
        return ok;
    if (!db.beginImmediate(nullptr))
        return Error{QStringLiteral("cannot start a transaction")};
    const auto fail = [&db](const QString &why) -> Result<bool> {
        db.rollback();
        return Error{why};
    };
    for (const QString &role : roleNames()) {
        const auto exists = roleExists(db, role);
        if (!exists)
            return fail(exists.error());
        if (!*exists) {
            if (auto r = run(db, QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(role)); !r)
                return fail(QStringLiteral("cannot create the role %1 (the database owner needs "
                                           "CREATEROLE for the first team init): %2")
                                .arg(role, r.error()));
        }
    }
    QStringList sql;
    sql << QStringLiteral("GRANT %1 TO %2").arg(ClerkRole, ApproverRole);
    sql << QStringLiteral("REVOKE ALL ON SCHEMA public FROM PUBLIC");
    sql << QStringLiteral("GRANT USAGE ON SCHEMA public TO %1, %2, %3")
               .arg(ViewerRole, ClerkRole, ApproverRole);
    for (const TableGrant &g : tableGrants) {
        const QString table = QString::fromLatin1(g.table);
        sql << QStringLiteral("REVOKE ALL ON %1 FROM PUBLIC, %2, %3, %4")
                   .arg(table, ViewerRole, ClerkRole, ApproverRole);
        sql << QStringLiteral("GRANT SELECT ON %1 TO %2, %3, %4")
                   .arg(table, ViewerRole, ClerkRole, ApproverRole);
        if (*g.clerk)
            sql << QStringLiteral("GRANT %1 ON %2 TO %3")
                       .arg(QString::fromLatin1(g.clerk), table, ClerkRole);
    }
    sql << QStringLiteral("GRANT UPDATE ON approvals TO %1").arg(ApproverRole);
    sql << QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %1").arg(ClerkRole);
    for (const QString &s : std::as_const(sql)) {
        if (auto r = run(db, s); !r)
            return fail(QStringLiteral("%1: %2").arg(s, r.error()));
    }
    QString error;
    if (!db.commit(&error))
        return fail(error);
    return true;
}

Result<bool> grant(Database &db, const QString &user, const QString &role)
{
    if (auto ok = needsServer(db); !ok)
        return ok;
    const QString full = roleFromName(role);
    if (full.isEmpty())
        return Error{
            QStringLiteral("%1 is no team role; use viewer, clerk or approver.").arg(role)};
    if (user.isEmpty() || roleNames().contains(user))
        return Error{QStringLiteral("%1 cannot be a team member.").arg(user)};
    const auto exists = roleExists(db, user);
    if (!exists)
        return Error{exists.error()};
    if (!*exists) {
        if (auto r = run(db, QStringLiteral("CREATE ROLE %1 LOGIN").arg(ident(db, user))); !r)
            return Error{QStringLiteral("cannot create the user %1: %2").arg(user, r.error())};
    }
    if (auto r = run(db, QStringLiteral("GRANT %1 TO %2").arg(full, ident(db, user))); !r)
        return Error{QStringLiteral("cannot grant %1 to %2: %3").arg(full, user, r.error())};
    return true;
}

Result<bool> revoke(Database &db, const QString &user, const QString &role)
{
    if (auto ok = needsServer(db); !ok)
        return ok;
    const QString full = roleFromName(role);
    if (full.isEmpty())
        return Error{
            QStringLiteral("%1 is no team role; use viewer, clerk or approver.").arg(role)};
    const auto exists = roleExists(db, user);
    if (!exists)
        return Error{exists.error()};
    if (!*exists)
        return Error{QStringLiteral("there is no database user %1.").arg(user)};
    if (auto r = run(db, QStringLiteral("REVOKE %1 FROM %2").arg(full, ident(db, user))); !r)
        return Error{QStringLiteral("cannot revoke %1 from %2: %3").arg(full, user, r.error())};
    return true;
}

Result<QList<Member>> members(Database &db)
{
    if (auto ok = needsServer(db); !ok)
        return Error{ok.error()};
    QSqlQuery q(db.connection());
    // Direct members only; an approver's clerk rights come with the role, not a membership.
    if (!q.exec(
            QStringLiteral(
                "SELECT m.rolname, r.rolname FROM pg_auth_members am JOIN pg_roles r ON r.oid = "
                "am.roleid JOIN pg_roles m ON m.oid = am.member WHERE r.rolname IN ('%1', '%2', "
                "'%3') AND m.rolname NOT IN ('%1', '%2', '%3') ORDER BY m.rolname, r.rolname")
                .arg(ViewerRole, ClerkRole, ApproverRole)))
        return Error{q.lastError().text().trimmed()};
    QList<Member> out;
    while (q.next())
        out.append(Member{q.value(0).toString(), q.value(1).toString()});
    return out;
}

// Whether the connected user holds `role`; false (not an error) before team init made it.
static QString memberOf(const QString &role)
{
    return QStringLiteral("EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = '%1' AND "
                          "pg_has_role(current_user, r.oid, 'MEMBER'))")
        .arg(role);
}

Result<QString> currentRole(Database &db)
{
    if (auto ok = needsServer(db); !ok)
        return Error{ok.error()};
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral(
                    "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR EXISTS "
                    "(SELECT 1 FROM pg_tables WHERE tablename = 'accounts' AND tableowner = "
                    "current_user), %1, %2, %3")
                    .arg(memberOf(ApproverRole), memberOf(ClerkRole), memberOf(ViewerRole))) ||
        !q.next())
        return Error{
            QStringLiteral("Cannot read your team role: %1").arg(q.lastError().text().trimmed())};
    if (q.value(0).toBool())
        return QStringLiteral("owner");
    if (q.value(1).toBool())
        return QStringLiteral("approver");
    if (q.value(2).toBool())
        return QStringLiteral("clerk");
    return q.value(3).toBool() ? QStringLiteral("viewer") : QStringLiteral("none");
}

bool mayDecide(const QString &role)
{
    return role == QLatin1String("owner") || role == QLatin1String("approver");
}

} // namespace rd::team
