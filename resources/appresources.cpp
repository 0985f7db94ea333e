#include "appresources.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QImageReader>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QPixmap>
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

namespace {

// The bundled action icons draw their outlines in one ink colour, navy, which vanishes on a
// dark window: there it becomes the palette's text colour, so they read in either theme.
// Accents (the refund arrow, the offline strike) keep their colours.
QIcon bundledIcon(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    const QPalette palette = QGuiApplication::palette();
    if (palette.color(QPalette::Window).lightness() < 128)
        svg.replace("#2b4463", palette.color(QPalette::WindowText).name().toLatin1());
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48}) {
        QBuffer buffer(&svg);
        QImageReader reader(&buffer, "svg");
        reader.setScaledSize(QSize(size, size));
        const QImage image = reader.read();
        if (!image.isNull())
            icon.addPixmap(QPixmap::fromImage(image));
    }
    // Without the SVG image plugin, the icon engine still draws the file as it is.
    return icon.isNull() ? QIcon(path) : icon;
}

} // namespace

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
        case ActionIcon::Chargeback:
            return {"dialog-warning", "chargeback"};
        case ActionIcon::Copy:
            return {"edit-copy", "copy"};
        case ActionIcon::DetailsPane:
            return {"view-split-left-right", "details"};
        case ActionIcon::Backup:
            return {"document-save-as", "backup"};
        }
        return {"", ""};
    }();
    const QString theme = QLatin1String(names.theme);
    if (QIcon::hasThemeIcon(theme))
        return QIcon::fromTheme(theme);
    return bundledIcon(QStringLiteral(":/icons/actions/%1.svg").arg(QLatin1String(names.bundled)));
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
