#include "cachefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <optional>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace rd {

namespace {

// Where `path` would be written: symbolic links followed, also a dangling one.
QString resolvedPath(const QString &path)
{
    QFileInfo info(path);
    for (int depth = 0; depth < 16 && info.isSymLink(); ++depth)
        info = QFileInfo(info.symLinkTarget());
    if (info.exists())
        return info.canonicalFilePath();
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return folder.isEmpty() ? info.absoluteFilePath() : QDir(folder).filePath(info.fileName());
}

#ifdef Q_OS_UNIX
struct FileId
{
    dev_t device;
    ino_t inode;
    bool operator==(const FileId &o) const { return device == o.device && inode == o.inode; }
};

std::optional<FileId> fileId(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return FileId{st.st_dev, st.st_ino};
}
#endif

bool sameFile(const QString &a, const QString &b)
{
#ifdef Q_OS_UNIX
    const auto idA = fileId(a);
    const auto idB = fileId(b);
    if (idA && idB)
        return *idA == *idB;
#endif
    return resolvedPath(a) == resolvedPath(b);
}

} // namespace

QStringList cacheFiles(const QString &cachePath)
{
    return {cachePath, cachePath + QStringLiteral("-wal"), cachePath + QStringLiteral("-shm"),
            cachePath + QStringLiteral("-journal")};
}

QString refuseCacheAsTarget(const QString &target, const QString &cachePath)
{
    if (target.isEmpty() || cachePath.isEmpty())
        return QString();
    const QStringList files = cacheFiles(cachePath);
    static const char *const roles[] = {"the cache itself", "the cache's write-ahead log",
                                        "the cache's shared-memory index",
                                        "the cache's rollback journal"};
    for (int i = 0; i < files.size(); ++i) {
        if (!sameFile(target, files.at(i)))
            continue;
        return QStringLiteral("%1 is %2 (%3); choose another file. Nothing was written.")
            .arg(QDir::toNativeSeparators(target), QString::fromLatin1(roles[i]),
                 QDir::toNativeSeparators(cachePath));
    }
    return QString();
}

bool isSqliteFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    static const QByteArray header("SQLite format 3\0", 16);
    return file.read(header.size()) == header;
}

} // namespace rd
