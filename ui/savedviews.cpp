#include "savedviews.h"

#include <QInputDialog>
#include <QSettings>

namespace rd {

namespace {

const QString Key = QStringLiteral("savedViews/list");

QVariantMap toMap(const SavedView &view)
{
    QVariantMap columns;
    for (auto it = view.columns.cbegin(); it != view.columns.cend(); ++it)
        columns.insert(it.key(), it.value());
    return {{QStringLiteral("name"), view.name},
            {QStringLiteral("filters"), view.filters},
            {QStringLiteral("columns"), columns},
            {QStringLiteral("tab"), view.tab}};
}

SavedView fromMap(const QVariantMap &map)
{
    SavedView view;
    view.name = map.value(QStringLiteral("name")).toString();
    view.filters = map.value(QStringLiteral("filters")).toMap();
    const QVariantMap columns = map.value(QStringLiteral("columns")).toMap();
    for (auto it = columns.cbegin(); it != columns.cend(); ++it)
        view.columns.insert(it.key(), it.value().toByteArray());
    view.tab = map.value(QStringLiteral("tab"), -1).toInt();
    return view;
}

} // namespace

SavedViewsMenu::SavedViewsMenu(Capture capture, Apply apply, QWidget *parent)
    : QMenu(tr("Saved &views"), parent), m_capture(std::move(capture)), m_apply(std::move(apply)),
      m_save(new QAction(tr("&Save current view…"), this)),
      m_delete(new QMenu(tr("&Delete saved view"), this))
{
    setObjectName(QStringLiteral("savedViewsMenu"));
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_save->setShortcutContext(Qt::WindowShortcut);
    m_save->setStatusTip(tr("Keep the filters, the columns and the tab in view under a name "
                            "(Ctrl+Shift+S)"));
    connect(m_save, &QAction::triggered, this, &SavedViewsMenu::askForName);
    // Another window may have saved or deleted one since.
    connect(this, &QMenu::aboutToShow, this, &SavedViewsMenu::rebuild);
    rebuild();
}

QList<SavedView> SavedViewsMenu::readAll()
{
    QList<SavedView> views;
    const QVariantList list = QSettings().value(Key).toList();
    for (const QVariant &v : list) {
        SavedView view = fromMap(v.toMap());
        if (!view.name.isEmpty())
            views << view;
    }
    return views;
}

void SavedViewsMenu::writeAll(const QList<SavedView> &views)
{
    QVariantList list;
    for (const SavedView &view : views)
        list << toMap(view);
    QSettings().setValue(Key, list);
}

QStringList SavedViewsMenu::names()
{
    QStringList names;
    for (const SavedView &view : readAll())
        names << view.name;
    return names;
}

std::optional<SavedView> SavedViewsMenu::find(const QString &name)
{
    for (const SavedView &view : readAll()) {
        if (view.name == name)
            return view;
    }
    return std::nullopt;
}

void SavedViewsMenu::saveAs(const QString &name)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        return;
    SavedView view = m_capture();
    view.name = trimmed;
    QList<SavedView> views = readAll();
    bool replaced = false;
    for (SavedView &v : views) {
        if (v.name == trimmed) {
            v = view;
            replaced = true;
        }
    }
    if (!replaced)
        views << view;
    writeAll(views);
    rebuild();
    Q_EMIT status(replaced ? tr("Saved view \"%1\" replaced.").arg(trimmed)
                           : tr("View saved as \"%1\" (View > Saved views).").arg(trimmed));
}

bool SavedViewsMenu::apply(const QString &name)
{
    const std::optional<SavedView> view = find(name);
    if (!view) {
        Q_EMIT status(tr("There is no saved view \"%1\" any more.").arg(name));
        rebuild();
        return false;
    }
    m_apply(*view);
    Q_EMIT status(tr("Showing saved view \"%1\".").arg(name));
    return true;
}

void SavedViewsMenu::remove(const QString &name)
{
    QList<SavedView> views = readAll();
    views.removeIf([&](const SavedView &v) { return v.name == name; });
    writeAll(views);
    rebuild();
    Q_EMIT status(tr("Saved view \"%1\" deleted.").arg(name));
}

QAction *SavedViewsMenu::applyAction(const QString &name) const
{
    for (QAction *a : actions()) {
        if (a->data().toString() == name && a->menu() == nullptr)
            return a;
    }
    return nullptr;
}

void SavedViewsMenu::rebuild()
{
    for (QAction *a : actions()) {
        if (a != m_save && a != m_delete->menuAction()) {
            removeAction(a);
            if (a->parent() == this)
                a->deleteLater();
        }
    }
    removeAction(m_save);
    removeAction(m_delete->menuAction());
    m_delete->clear();

    addAction(m_save);
    addSeparator();
    const QStringList all = names();
    if (all.isEmpty()) {
        QAction *none = addAction(tr("No saved views yet"));
        none->setEnabled(false);
    }
    for (int i = 0; i < all.size(); ++i) {
        const QString name = all.at(i);
        // The first nine get a digit, so Alt+V, V, 1 applies the first.
        QString label = name;
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        if (i < 9)
            label = QStringLiteral("&%1 %2").arg(i + 1).arg(label);
        QAction *apply = addAction(label);
        apply->setData(name);
        apply->setStatusTip(tr("Show the filters, columns and tab saved as \"%1\"").arg(name));
        connect(apply, &QAction::triggered, this, [this, name] { this->apply(name); });
        QString deleteLabel = name;
        QAction *del = m_delete->addAction(deleteLabel.replace(QLatin1Char('&'), QStringLiteral("&&")));
        del->setData(name);
        connect(del, &QAction::triggered, this, [this, name] { remove(name); });
    }
    addSeparator();
    addMenu(m_delete);
    m_delete->setEnabled(!all.isEmpty());
}

void SavedViewsMenu::askForName()
{
    auto *dialog = new QInputDialog(parentWidget());
    dialog->setObjectName(QStringLiteral("saveViewDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save view"));
    dialog->setLabelText(tr("Name for the current filters, columns and tab (a view of the same "
                            "name is replaced):"));
    dialog->setOkButtonText(tr("Save"));
    connect(dialog, &QInputDialog::textValueSelected, this, &SavedViewsMenu::saveAs);
    dialog->open();
}

} // namespace rd
