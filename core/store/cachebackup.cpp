#include "cachebackup.h"

#include "cachefiles.h"
#include "database.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QTemporaryFile>
#include <QThread>

#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace rd {

namespace {

BackupResult failed(const QString &why)
{
    BackupResult r;
    r.error = why;
    return r;
}

// The sqlite3 handle under Qt's connection; the backup API works on handles.
sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

// Runs PRAGMA integrity_check on `db`; empty when the answer is "ok".
QString integrityProblems(sqlite3 *db)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(db));
    QStringList lines;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        lines << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    if (rc != SQLITE_DONE)
        lines << QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    if (lines == QStringList{QStringLiteral("ok")})
        return QString();
    return lines.mid(0, 3).join(QStringLiteral("; "));
}

// Copies every page of `src` into `dest` in one step, so the copy is one snapshot even while
// other connections write (a step-by-step copy restarts whenever they do, and might never
// finish under a steady sync).
QString copyPages(sqlite3 *src, sqlite3 *dest)
{
    sqlite3_backup *backup = sqlite3_backup_init(dest, "main", src, "main");
    if (!backup)
        return QString::fromUtf8(sqlite3_errmsg(dest));
    int rc = SQLITE_OK;
    // BUSY/LOCKED only while another connection holds an exclusive lock (a checkpoint or WAL
    // recovery); both are short.
    for (int attempt = 0; attempt < 500; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        QThread::msleep(20);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                   ? QStringLiteral("the cache stayed locked by another program")
                   : QString::fromUtf8(sqlite3_errstr(rc));
    return QString();
}

} // namespace

BackupResult CacheBackup::run(Database &source, const QString &target)
{
    if (source.isPostgres())
        return failed(QStringLiteral("A team database is backed up on its server with pg_dump "
                                     "(see docs/team.md); nothing was written."));
    if (target.trimmed().isEmpty())
        return failed(QStringLiteral("Choose a file to back up to."));
    const QString shown = QDir::toNativeSeparators(target);
    QFileInfo info(target);
    // A symbolic link is followed, as exports do, so the copy lands where the link points.
    if (info.isSymLink())
        info = QFileInfo(info.symLinkTarget());
    if (info.isDir())
        return failed(QStringLiteral("%1 is a folder; choose a file name.").arg(shown));
    if (!QFileInfo(info.absolutePath()).isDir())
        return failed(QStringLiteral("The folder %1 does not exist.")
                          .arg(QDir::toNativeSeparators(info.absolutePath())));
    if (const QString why = refuseCacheAsTarget(target, source.path()); !why.isEmpty())
        return failed(why);
    sqlite3 *src = sqliteHandle(source.connection());
    if (!src)
        return failed(QStringLiteral("The cache is not open."));

    QTemporaryFile part(
        QDir(info.absolutePath()).filePath(info.fileName() + QStringLiteral(".XXXXXX.part")));
    if (!part.open())
        return failed(QStringLiteral("Cannot write in %1: %2")
                          .arg(QDir::toNativeSeparators(info.absolutePath()), part.errorString()));
    part.close(); // SQLite writes it by name; an empty file is an empty database
    const QByteArray partName = QFile::encodeName(part.fileName());

    sqlite3 *dest = nullptr;
    QString why;
    if (sqlite3_open_v2(partName.constData(), &dest, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        why = QString::fromUtf8(dest ? sqlite3_errmsg(dest) : "out of memory");
    } else {
        why = copyPages(src, dest);
        if (why.isEmpty()) {
            // The copy is checked before it may replace anything.
            const QString problems = integrityProblems(dest);
            if (!problems.isEmpty())
                why = QStringLiteral("the copy failed its integrity check (%1)").arg(problems);
        }
    }
    sqlite3_close(dest);
    if (!why.isEmpty()) {
        if (Database::isDamage(why))
            return failed(Database::explainDamage(source.path(), why));
        return failed(QStringLiteral("Cannot back up the cache to %1: %2. Nothing was written.")
                          .arg(shown, why));
    }
    // rename() replaces the target in one step: readers see the old file or the new one.
    if (std::rename(partName.constData(), QFile::encodeName(info.absoluteFilePath()).constData()) !=
        0)
        return failed(QStringLiteral("Cannot save %1: %2. Nothing was written.")
                          .arg(shown, QString::fromLocal8Bit(std::strerror(errno))));
    part.setAutoRemove(false);
    BackupResult result;
    result.ok = true;
    result.bytes = QFileInfo(info.absoluteFilePath()).size();
    return result;
}

BackupResult CacheBackup::run(const QString &cachePath, const QString &target)
{
    Database db;
    QString error;
    if (!db.open(cachePath, Database::OpenMode::ReadOnly, &error))
        return failed(error);
    return run(db, target);
}

} // namespace rd
