#include "thememenu.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace rd {

namespace {

const char *const SettingsKey = "view/theme";

// What the application started with, to go back to for "System".
struct Original
{
    QString style;
    QPalette palette;
};

const Original &original()
{
    static const Original o{QApplication::style()->name(), QApplication::palette()};
    return o;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x80, 0x80));
    p.setColor(QPalette::Light, QColor(0x45, 0x47, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x3f));
    p.setColor(QPalette::Mid, QColor(0x33, 0x35, 0x38));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb4, 0x9a, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace

ThemeMenu::ThemeMenu(QWidget *parent) : QMenu(tr("&Theme"), parent), m_group(new QActionGroup(this))
{
    setObjectName(QStringLiteral("themeMenu"));
    const QList<QPair<Theme, QString>> entries{
        {Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
    for (const auto &[theme, text] : entries) {
        QAction *a = addAction(text);
        a->setCheckable(true);
        a->setData(int(theme));
        m_group->addAction(a);
        connect(a, &QAction::triggered, this, [theme = theme] { apply(theme); });
    }
    const Theme current = saved();
    action(current)->setChecked(true);
    if (current != Theme::System)
        apply(current);
}

ThemeMenu::Theme ThemeMenu::saved()
{
    const int value = QSettings().value(QLatin1String(SettingsKey), 0).toInt();
    return value == int(Theme::Light)  ? Theme::Light
           : value == int(Theme::Dark) ? Theme::Dark
                                       : Theme::System;
}

void ThemeMenu::apply(Theme theme)
{
    const Original &o = original(); // taken before the first change
    switch (theme) {
    case Theme::System:
        QApplication::setStyle(o.style);
        QApplication::setPalette(o.palette);
        break;
    case Theme::Light:
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Theme::Dark:
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        break;
    }
    QSettings().setValue(QLatin1String(SettingsKey), int(theme));
}

QAction *ThemeMenu::action(Theme theme) const
{
    for (QAction *a : m_group->actions()) {
        if (a->data().toInt() == int(theme))
            return a;
    }
    return nullptr;
}

} // namespace rd
