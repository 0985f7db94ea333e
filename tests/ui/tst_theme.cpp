// View ▸ Theme, offscreen: switching to Dark changes the semantic colours from Light's, every
// one stays readable against the palette's base colour (WCAG contrast of at least 4.5, the
// banner's text against the banner), the tables' status colours follow, the bundled action
// icons' outlines stand out from the window in both themes, and the choice is remembered by the
// next window's menu.
#include "appresources.h"
#include "displayformat.h"
#include "semanticcolors.h"
#include "thememenu.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QImage>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QTest>

using namespace rd;
using semantic::Role;

namespace {

const QList<Role> TextRoles{Role::Error, Role::Warning, Role::Success, Role::Refunded, Role::Muted};

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void semanticColoursAreReadable_data();
    void semanticColoursAreReadable();
    void darkDiffersFromLightAndIsRemembered();
    void bundledIconsStandOutInEitherTheme_data() { semanticColoursAreReadable_data(); }
    void bundledIconsStandOutInEitherTheme();
};

void TestTheme::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the choice goes to a throwaway settings file
    QSettings().clear();
}

void TestTheme::semanticColoursAreReadable_data()
{
    QTest::addColumn<int>("theme");
    QTest::newRow("light") << int(ThemeMenu::Theme::Light);
    QTest::newRow("dark") << int(ThemeMenu::Theme::Dark);
}

void TestTheme::semanticColoursAreReadable()
{
    QFETCH(int, theme);
    ThemeMenu menu;
    menu.action(ThemeMenu::Theme(theme))->trigger();
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    const QPalette palette = QApplication::palette();
    QCOMPARE(semantic::isDark(palette), theme == int(ThemeMenu::Theme::Dark));
    const QColor base = palette.color(QPalette::Base);
    for (const Role role : TextRoles) {
        const double ratio = semantic::contrast(semantic::color(role), base);
        QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("role %1: %2 on %3 is %4:1")
                                              .arg(int(role))
                                              .arg(semantic::css(role), base.name())
                                              .arg(ratio)));
    }
    QVERIFY(semantic::contrast(semantic::color(Role::BannerText),
                               semantic::color(Role::BannerBackground)) >= 4.5);
    // The tables draw with the same colours.
    QCOMPARE(display::statusColor(QStringLiteral("failed")), semantic::color(Role::Error));
    QCOMPARE(display::refundedColor(), semantic::color(Role::Refunded));
}

void TestTheme::darkDiffersFromLightAndIsRemembered()
{
    QMap<Role, QColor> light;
    {
        ThemeMenu menu;
        menu.action(ThemeMenu::Theme::Light)->trigger();
        for (const Role role : TextRoles)
            light[role] = semantic::color(role);
        menu.action(ThemeMenu::Theme::Dark)->trigger();
        for (const Role role : TextRoles)
            QVERIFY2(semantic::color(role) != light.value(role), qPrintable(semantic::css(role)));
        QVERIFY(semantic::color(Role::BannerBackground).lightness() <
                semantic::color(Role::BannerText).lightness());
    }
    ThemeMenu next; // as the next window builds it
    QCOMPARE(ThemeMenu::saved(), ThemeMenu::Theme::Dark);
    QVERIFY(next.action(ThemeMenu::Theme::Dark)->isChecked());
    QVERIFY(semantic::isDark(QApplication::palette()));
    next.action(ThemeMenu::Theme::System)->trigger();
    QCOMPARE(ThemeMenu::saved(), ThemeMenu::Theme::System);
}

void TestTheme::bundledIconsStandOutInEitherTheme()
{
    QFETCH(int, theme);
    ThemeMenu menu;
    menu.action(ThemeMenu::Theme(theme))->trigger();
    if (QIcon::hasThemeIcon(QStringLiteral("document-export")))
        QSKIP("The desktop's icon theme draws the icons here, not the bundled ones.");
    const QColor window = QApplication::palette().color(QPalette::Window);
    using resources::ActionIcon;
    for (const ActionIcon which : {ActionIcon::Export, ActionIcon::Accounts, ActionIcon::Copy,
                                   ActionIcon::DetailsPane, ActionIcon::Backup}) {
        const QImage image = resources::actionIcon(which).pixmap(24, 24).toImage();
        QVERIFY(!image.isNull());
        // The outline: the most opaque pixels. Their colour must stand out from the window
        // (WCAG 3:1 for graphics).
        double best = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c.alpha() == 255)
                    best = std::max(best, semantic::contrast(c, window));
            }
        }
        QVERIFY2(best >= 3.0, qPrintable(QStringLiteral("icon %1: %2:1 on %3")
                                             .arg(int(which))
                                             .arg(best)
                                             .arg(window.name())));
    }
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
