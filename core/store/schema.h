// The cache's schema as an ordered list of migrations; PRAGMA user_version records how many
// have been applied.
#pragma once

#include <QList>
#include <QStringList>

namespace rd::schema {

const QList<QStringList> &migrations();
int latestVersion();

} // namespace rd::schema
