#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QRegularExpression>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

namespace {

// "&Refund…" reads "Refund" in the list: no mnemonic marker, no ellipsis.
QString plainText(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    text.remove(QChar(0x2026));
    return text.trimmed();
}

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList parts;
    for (const QKeySequence &k : keys) {
        // Backtab is how some systems report Shift+Tab; the Shift+Tab form is listed too and
        // is what a person reads on the keys.
        if (k.count() == 1 && k[0].key() == Qt::Key_Backtab)
            continue;
        parts << k.toString(QKeySequence::NativeText);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

QList<ShortcutRow> ShortcutsDialog::rowsFor(QMainWindow *window)
{
    QList<ShortcutRow> rows;
    QList<QAction *> seen;
    for (QAction *a : window->findChildren<QAction *>()) {
        if (a->shortcuts().isEmpty() || a->text().isEmpty() || seen.contains(a))
            continue;
        seen << a;
        rows.append({keysText(a->shortcuts()), plainText(a->text())});
    }
    std::sort(rows.begin(), rows.end(), [](const ShortcutRow &l, const ShortcutRow &r) {
        return l.description.localeAwareCompare(r.description) < 0;
    });
    // The tabs' own mnemonics: Alt and the underlined letter.
    for (QTabWidget *tabs : window->findChildren<QTabWidget *>()) {
        for (int i = 0; i < tabs->count(); ++i) {
            const QKeySequence key = QKeySequence::mnemonic(tabs->tabText(i));
            if (!key.isEmpty())
                rows.append({key.toString(QKeySequence::NativeText),
                             tr("Show the %1 tab").arg(plainText(tabs->tabText(i)))});
        }
    }
    // Keys with no action behind them: Qt's own table and focus handling.
    rows.append({tr("Tab, Shift+Tab"),
                 tr("Move between the filters, the table, the tab bar and the detail pane")});
    rows.append({tr("Up, Down, PgUp, PgDown, Home, End"), tr("Move through the table's rows")});
    rows.append({tr("Esc (in the search field)"), tr("Clear the search")});
    rows.append({tr("Alt+underlined letter"), tr("Open a menu or press a button in a dialog")});
    return rows;
}

ShortcutsDialog::ShortcutsDialog(QMainWindow *window, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    const QList<ShortcutRow> rows = rowsFor(window);
    // One line per key: the dialog is wide enough for the longest description.
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setColumnCount(2);
    m_table->setRowCount(int(rows.size()));
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("What it does")});
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    for (int i = 0; i < rows.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(rows.at(i).keys));
        m_table->setItem(i, 1, new QTableWidgetItem(rows.at(i).description));
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnToContents(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(760, 560);
}

} // namespace rd
