// Named views a clerk comes back to ("Open disputes in EUR", "This month's refunds"): the
// filters, every table's columns and the tab in view, kept in the settings by name. View >
// Saved views saves the current one, applies one and deletes one, all from the keyboard.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QMenu>
#include <QVariantMap>

#include <functional>
#include <optional>

namespace rd {

struct SavedView
{
    QString name;
    QVariantMap filters;               // FilterBar::state()
    QMap<QString, QByteArray> columns; // each table's header state, by the table's settings key
    int tab = -1;
};

class SavedViewsMenu final : public QMenu
{
    Q_OBJECT
public:
    using Capture = std::function<SavedView()>;
    using Apply = std::function<void(const SavedView &)>;
    SavedViewsMenu(Capture capture, Apply apply, QWidget *parent);

    // The saved views' names, in the order they were saved.
    static QStringList names();
    static std::optional<SavedView> find(const QString &name);

    // Saves what is on screen under `name`, replacing a view of that name.
    void saveAs(const QString &name);
    bool apply(const QString &name);
    void remove(const QString &name);
    // Asks for a name, then saves (Ctrl+Shift+S).
    QAction *saveAction() const { return m_save; }
    // The action that applies `name`, or null; rebuilt whenever the list changes.
    QAction *applyAction(const QString &name) const;
    QMenu *deleteMenu() const { return m_delete; }

Q_SIGNALS:
    void status(const QString &message);

private:
    void rebuild();
    void askForName();
    static QList<SavedView> readAll();
    static void writeAll(const QList<SavedView> &views);

    Capture m_capture;
    Apply m_apply;
    QAction *m_save;
    QMenu *m_delete;
};

} // namespace rd
