// View ▸ Theme: the system's look, or Fusion with a light or a dark palette. The choice is
// remembered and applied to the whole application when the window opens; the semantic
// colours (semanticcolors.h) follow the palette.
#pragma once

#include <QMenu>

class QActionGroup;

namespace rd {

class ThemeMenu final : public QMenu
{
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };

    // Applies the remembered theme.
    explicit ThemeMenu(QWidget *parent = nullptr);

    static Theme saved();
    // Applies a theme to the application and remembers it.
    static void apply(Theme theme);
    QAction *action(Theme theme) const;

private:
    QActionGroup *m_group;
};

} // namespace rd
