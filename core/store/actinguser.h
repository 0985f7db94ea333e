// Who is acting on the cache: the name every approval request, decision and audit row carries.
// One function, so the maker-checker rule compares like with like whatever the backend.
#pragma once

#include <QString>

namespace rd {

class Database;

// On a SQLite cache: REFUNDDESK_USER when set (tests, or a shared service account naming the
// person), else the OS user (AuditLog::currentOsUser()). SQLite has no users of its own, so
// there this is what the person says they are; the PostgreSQL backend answers with the
// database user it logged in as (SELECT current_user), which its roles then check.
QString actingUser(const Database &db);

// The same comparison the cache's trigger makes: names are equal ignoring case.
bool sameUser(const QString &a, const QString &b);

} // namespace rd
