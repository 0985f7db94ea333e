// The colours that carry meaning (an error, a warning, success, a refunded invoice, muted
// text, the offline banner), in one place and derived from the palette in use, so a dark
// theme gets light variants that stay readable against its base colour.
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace rd::semantic {

enum class Role {
    Error,
    Warning,
    Success,
    Muted,
    Refunded,
    BannerBackground,
    BannerBorder,
    BannerText,
    QuoteBackground,
};

// True when the palette draws light text on a dark base.
bool isDark(const QPalette &palette);
QColor color(Role role, const QPalette &palette);
// color() for the application's palette, as the tables and labels draw with it.
QColor color(Role role);
// "#rrggbb" for style sheets and rich text.
QString css(Role role);
// WCAG contrast ratio of two colours, 1 to 21.
double contrast(const QColor &a, const QColor &b);

} // namespace rd::semantic
