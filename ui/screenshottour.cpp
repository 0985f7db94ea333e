#include "screenshottour.h"

#include "accountsdialog.h"
#include "bulkrefunddialog.h"
#include "chartsview.h"
#include "columnchooser.h"
#include "connectivity.h"
#include "exportdialog.h"
#include "helpmenu.h"
#include "invoicesview.h"
#include "invoicetablemodel.h"
#include "lazytablemodel.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "refunddialog.h"
#include "shortcutsdialog.h"
#include "thememenu.h"
#include "welcomepanel.h"

#include <QApplication>
#include <QDir>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

namespace rd {

namespace {
constexpr int StepDelayMs = 900;
}

ScreenshotTour::ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent)
    : QObject(parent), m_window(window), m_dir(directory)
{
    QDir().mkpath(directory);
    // The first run as a new user sees it: a fresh demo cache has no account until the
    // sandbox is up, so the welcome panel shows for a moment; taken before the event loop runs.
    if (window->welcomePanel()->isVisibleTo(window))
        save(window, QStringLiteral("00-welcome.png"));
    connect(window, &MainWindow::syncFinished, this,
            [this] { QTimer::singleShot(1500, this, &ScreenshotTour::begin); });
    // If no sync ever ends (no sandbox), still show what the window looks like.
    QTimer::singleShot(90000, this, &ScreenshotTour::begin);
}

QList<int> ScreenshotTour::paidRows(bool partlyRefunded, qint64 minLeft, int count) const
{
    const QAbstractItemModel *m = m_window->invoicesView()->table()->model();
    QList<int> rows;
    for (int row = 0; row < std::min(m->rowCount(), 60) && rows.size() < count; ++row) {
        const auto raw = [m, row](int column) { return m->index(row, column).data(RawValueRole); };
        if (raw(InvoiceTableModel::Status).toString() == QLatin1String("succeeded") &&
            (!partlyRefunded || raw(InvoiceTableModel::Refunded).toLongLong() > 0) &&
            raw(InvoiceTableModel::Refundable).toLongLong() > minLeft)
            rows << row;
    }
    return rows;
}

int ScreenshotTour::refundableRow() const
{
    return paidRows(true, 1000, 1).value(0, 0);
}

void ScreenshotTour::selectRefundableRows(int count)
{
    QTableView *table = m_window->invoicesView()->table();
    table->clearSelection();
    for (int row : paidRows(false, 0, count))
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

void ScreenshotTour::begin()
{
    if (m_started)
        return;
    m_started = true;
    QTableView *invoices = m_window->invoicesView()->table();
    auto dialog = std::make_shared<QPointer<RefundDialog>>();
    auto theme = std::make_shared<int>(0);
    auto bulk = std::make_shared<QPointer<BulkRefundDialog>>();
    auto chooser = std::make_shared<QPointer<ColumnChooserDialog>>();
    auto size = std::make_shared<QSize>();
    m_steps = {
        [this, invoices] {
            m_window->tabs()->setCurrentIndex(0);
            invoices->setFocus();
            invoices->selectRow(refundableRow());
        },
        [this] { save(m_window, QStringLiteral("01-invoices.png")); },
        // The table as a keyboard user finds it: focused, its current row highlighted.
        [this, invoices] {
            m_window->activateWindow();
            invoices->setFocus(Qt::TabFocusReason);
        },
        [this] { save(m_window, QStringLiteral("01b-invoices-keyboard.png")); },
        [this] { m_window->tabs()->setCurrentIndex(1); },
        [this] { save(m_window, QStringLiteral("02-refunds.png")); },
        [this] { m_window->tabs()->setCurrentIndex(2); },
        [this] { save(m_window, QStringLiteral("03-chargebacks.png")); },
        [this] { m_window->tabs()->setCurrentIndex(3); },
        [this] { save(m_window, QStringLiteral("04-outbox.png")); },
        [this] { m_window->tabs()->setCurrentIndex(4); },
        [this] { save(m_window, QStringLiteral("04c-charts-weeks.png")); },
        [this] {
            if (auto *charts = m_window->findChild<ChartsView *>())
                charts->setMonthly(true);
        },
        [this] { save(m_window, QStringLiteral("04d-charts-months.png")); },
        // Back on the invoices, the pane reads the highlighted invoice again before Refund.
        [this] { m_window->tabs()->setCurrentIndex(0); },
        [this, dialog] { *dialog = m_window->openRefundDialog(); },
        [this, dialog] {
            if (*dialog)
                save(*dialog, QStringLiteral("04b-refund-at-open.png"));
        },
        [dialog] {
            if (*dialog)
                (*dialog)->amountField()->setText(QStringLiteral("10.005"));
        },
        [this, dialog] {
            if (*dialog)
                save(*dialog, QStringLiteral("05-refund-too-precise.png"));
        },
        [dialog] {
            if (*dialog)
                (*dialog)->amountField()->setText(QStringLiteral("999999"));
        },
        [this, dialog] {
            if (*dialog)
                save(*dialog, QStringLiteral("06-refund-too-large.png"));
        },
        [dialog] {
            if (*dialog)
                (*dialog)->amountField()->setText(QStringLiteral("10"));
        },
        [this, dialog] {
            if (*dialog)
                save(*dialog, QStringLiteral("07-refund-valid.png"));
        },
        [dialog] {
            if (*dialog)
                (*dialog)->reviewButton()->click();
        },
        [this, dialog] {
            if (*dialog) {
                save(*dialog, QStringLiteral("08-refund-confirm.png"));
                (*dialog)->reject();
            }
        },
        // Several invoices refunded at once: 10 % of each, previewed, then sent.
        [this, invoices] {
            m_window->tabs()->setCurrentIndex(0);
            selectRefundableRows(5);
            invoices->setFocus();
            m_window->bulkRefundAction()->trigger();
        },
        [this, bulk] {
            *bulk = m_window->findChild<BulkRefundDialog *>();
            if (*bulk) {
                (*bulk)->percentChoice()->setChecked(true);
                (*bulk)->percentField()->setText(QStringLiteral("10"));
            }
        },
        [this, bulk] {
            if (*bulk)
                save(*bulk, QStringLiteral("08c-bulk-preview.png"));
        },
        [bulk] {
            if (*bulk)
                (*bulk)->reviewButton()->click();
        },
        [this, bulk] {
            if (*bulk) {
                save(*bulk, QStringLiteral("08d-bulk-confirm.png"));
                (*bulk)->sendButton()->click();
            }
        },
        [] {}, // the refunds go out one after another
        [] {},
        [this, bulk] {
            if (*bulk) {
                save(*bulk, QStringLiteral("08e-bulk-results.png"));
                (*bulk)->close();
            }
        },
        [this] { m_window->exportAction()->trigger(); },
        [this] {
            if (auto *exportDialog = m_window->findChild<ExportDialog *>()) {
                save(exportDialog, QStringLiteral("08b-export.png"));
                exportDialog->close();
            }
        },
        [this] { m_window->accountsAction()->trigger(); },
        [this] {
            if (auto *accounts = m_window->findChild<AccountsDialog *>()) {
                save(accounts, QStringLiteral("09-accounts.png"));
                accounts->close();
            }
        },
        [this] { m_window->helpMenu()->shortcutsAction()->trigger(); },
        [this] {
            if (auto *shortcuts = m_window->findChild<ShortcutsDialog *>()) {
                save(shortcuts, QStringLiteral("09b-shortcuts.png"));
                shortcuts->close();
            }
        },
        // The column chooser a header's context menu and View > Columns open.
        [this, chooser] {
            auto *dialog = new ColumnChooserDialog(m_window->invoicesView(), m_window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
            *chooser = dialog;
        },
        [this, chooser] {
            if (*chooser) {
                save(*chooser, QStringLiteral("09c-arrange-columns.png"));
                (*chooser)->reject();
            }
        },
        // A 1280 px wide window: the columns still fit beside the details pane.
        [this, size] {
            *size = m_window->size();
            m_window->resize(1280, std::min(800, size->height()));
            m_window->tabs()->setCurrentIndex(0);
        },
        [this] { save(m_window, QStringLiteral("09d-invoices-1280.png")); },
        [this, size] { m_window->resize(*size); },
        [this] { m_window->connectivity()->setForcedOffline(true); },
        [this] { save(m_window, QStringLiteral("10-offline.png")); },
        // The dark theme, with the offline banner still up; the person's own choice is put
        // back afterwards.
        [this, theme] {
            *theme = int(ThemeMenu::saved());
            ThemeMenu::apply(ThemeMenu::Theme::Dark);
            m_window->tabs()->setCurrentIndex(0);
        },
        [this] { save(m_window, QStringLiteral("11-dark-invoices.png")); },
        [this] { m_window->tabs()->setCurrentIndex(4); },
        [this] { save(m_window, QStringLiteral("12-dark-charts.png")); },
        [theme] {
            ThemeMenu::apply(ThemeMenu::Theme(*theme));
            QApplication::quit();
        },
    };
    step();
}

void ScreenshotTour::step()
{
    if (m_steps.isEmpty())
        return;
    const auto next = m_steps.takeFirst();
    next();
    QTimer::singleShot(StepDelayMs, this, &ScreenshotTour::step);
}

void ScreenshotTour::save(QWidget *widget, const QString &name)
{
    widget->grab().save(QDir(m_dir).filePath(name));
}

} // namespace rd
