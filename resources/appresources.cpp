#include "appresources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace rd::resources {

QIcon applicationIcon()
{
    // The rendered sizes rather than the SVG: hand-checked at 16 px, and what the theme ships.
    QIcon bundled;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
        bundled.addFile(QStringLiteral(":/icons/hicolor/refunddesk-%1.png").arg(size),
                        QSize(size, size));
    return QIcon::fromTheme(QStringLiteral("refunddesk"), bundled);
}

QIcon actionIcon(ActionIcon icon)
{
    struct Names
    {
        const char *theme; // freedesktop icon naming spec, or the common extension
        const char *bundled;
    };
    const auto names = [icon]() -> Names {
        switch (icon) {
        case ActionIcon::Sync:
            return {"view-refresh", "sync"};
        case ActionIcon::Refund:
            return {"edit-undo", "refund"};
        case ActionIcon::Export:
            return {"document-export", "export"};
        case ActionIcon::Search:
            return {"edit-find", "search"};
        case ActionIcon::Accounts:
            return {"system-users", "accounts"};
        case ActionIcon::Offline:
            return {"network-offline", "offline"};
        }
        return {"", ""};
    }();
    const QIcon fallback(
        QStringLiteral(":/icons/actions/%1.svg").arg(QLatin1String(names.bundled)));
    return QIcon::fromTheme(QLatin1String(names.theme), fallback);
}

void installTranslators(QCoreApplication &app)
{
    const QLocale locale;
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    // English plural forms ("1 account", "5 accounts") for every locale; the locale's own
    // translation, installed after it, takes precedence where it has a string.
    auto *plurals = new QTranslator(&app);
    if (plurals->load(QStringLiteral("refunddesk_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(plurals);
    else
        delete plurals;
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("refunddesk"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ours);
    else
        delete ours;
}

} // namespace rd::resources
