// RefundDesk's own icons and translations, compiled in from resources/. The one place that knows
// their names: windows ask for ActionIcon::Sync, not for a file or a theme name.
#pragma once

#include <QIcon>

class QCoreApplication;

namespace rd::resources {

// The application icon in every size the hicolor theme has, from the desktop theme when it has
// one installed (the packaged icon), else the bundled copy.
QIcon applicationIcon();

enum class ActionIcon {
    Sync,
    Refund,
    Export,
    Search,
    Accounts,
    Offline,
    Chargeback,
    Copy,
    DetailsPane,
    Backup
};
// The desktop theme's icon for the action, so RefundDesk looks like the rest of the desktop, with
// a bundled fallback where the theme has none (or there is no theme, as offscreen).
QIcon actionIcon(ActionIcon icon);

// Installs RefundDesk's and Qt's own translations (standard buttons, context menus) for
// QLocale(): the system locale unless the default was changed. English needs none.
void installTranslators(QCoreApplication &app);

} // namespace rd::resources
