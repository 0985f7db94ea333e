#include "semanticcolors.h"

#include <QGuiApplication>

#include <cmath>

namespace rd::semantic {

namespace {

QColor mix(const QColor &a, const QColor &b, double share)
{
    return QColor::fromRgbF(float(a.redF() * (1 - share) + b.redF() * share),
                            float(a.greenF() * (1 - share) + b.greenF() * share),
                            float(a.blueF() * (1 - share) + b.blueF() * share));
}

double luminance(const QColor &c)
{
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

QColor color(Role role, const QPalette &palette)
{
    const bool dark = isDark(palette);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    switch (role) {
    case Role::Error:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb0, 0x1e, 0x1e);
    case Role::Warning:
        return dark ? QColor(0xf0, 0xb4, 0x4c) : QColor(0x9a, 0x5b, 0x00);
    case Role::Success:
        return dark ? QColor(0x6c, 0xd4, 0x7a) : QColor(0x1b, 0x7f, 0x2a);
    case Role::Refunded:
        return dark ? QColor(0xc6, 0xa4, 0xff) : QColor(0x6a, 0x3d, 0x9a);
    case Role::Muted:
        // Between the text and the base, nearer the text, so it still reads.
        return mix(text, base, 0.4);
    case Role::BannerBackground:
        return dark ? QColor(0x4a, 0x3a, 0x10) : QColor(0xff, 0xf4, 0xd6);
    case Role::BannerBorder:
        return dark ? QColor(0x8a, 0x6d, 0x20) : QColor(0xe0, 0xc0, 0x70);
    case Role::BannerText:
        return dark ? QColor(0xff, 0xe8, 0xa8) : QColor(0x4a, 0x35, 0x00);
    case Role::QuoteBackground:
        return mix(base, text, 0.06);
    }
    return text;
}

QColor color(Role role)
{
    return color(role, QGuiApplication::palette());
}

QString css(Role role)
{
    return color(role).name();
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace rd::semantic
