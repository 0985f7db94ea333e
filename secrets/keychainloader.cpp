// rd::keychain::start() for refunddesk-cli: the QtKeychain code lives in the refunddesk_keychain
// module, loaded on the first request. Most commands take their secret from the environment
// and never load it, nor QtDBus and libdbus with it.
#include "keychainjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibrary>

namespace rd::keychain {

namespace {

struct Module
{
    StartFunction start = nullptr;
    QString error;
};

const Module &module()
{
    static const Module loaded = [] {
        Module m;
        // Installed: in RefundDesk's folder below the library directory. In a build tree:
        // beside the executable.
        const QString here = QCoreApplication::applicationDirPath();
        const QString name = QStringLiteral("refunddesk_keychain");
        QStringList tried;
        for (const QString &dir :
             {QDir(here).filePath(QStringLiteral(RD_KEYCHAIN_MODULE_DIR)), here}) {
            QLibrary library(QDir(dir).filePath(name));
            if (!library.load()) {
                tried << library.errorString();
                continue;
            }
            m.start = reinterpret_cast<StartFunction>(library.resolve(moduleEntry));
            if (m.start)
                return m;
            tried << library.errorString();
        }
        m.error = QStringLiteral("cannot load RefundDesk's keychain module (%1)")
                      .arg(tried.join(QStringLiteral("; ")));
        return m;
    }();
    return loaded;
}

} // namespace

void start(const Request &request, QObject *context, Done done)
{
    const Module &m = module();
    if (m.start) {
        m.start(request, context, std::move(done));
        return;
    }
    Answer a;
    a.status = Answer::Status::NoBackend;
    a.error = m.error;
    done(a);
}

} // namespace rd::keychain
