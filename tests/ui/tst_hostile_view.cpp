// The main window over a cache holding hostile text (a 5 MB customer name and refund note, NUL,
// newlines, right-to-left text): it shows, scrolls and selects within a time and memory bound,
// so one absurd record from a gateway cannot freeze the window.
#include "cachefixture.h"
#include "displayformat.h"
#include "invoicetablemodel.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "resourcebound.h"

#include <QAbstractItemView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using namespace rdtest;

class TestHostileView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hugeTextShows();
};

void TestHostileView::hugeTextShows()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Database db;
    QString error;
    QVERIFY2(db.open(dir.filePath(QStringLiteral("cache.sqlite3")), &error), qPrintable(error));
    const auto account =
        AccountRepository(db).add(QStringLiteral("Hostile"), Dialect::Stripe,
                                  QStringLiteral("https://stripe.example"), &error);
    QVERIFY2(account, qPrintable(error));
    const QString huge = QString(5 * 1000 * 1000, QLatin1Char('h'));
    const QStringList texts{huge, QStringLiteral("Ann") + QChar(0) + QStringLiteral("e"),
                            QStringLiteral("line\nbreak\r\nand\rmore"),
                            QStringLiteral("\u0627\u0633\u062A\u0631\u062F\u0627\u062F")};
    QList<Invoice> invoices;
    QList<Refund> refunds;
    for (int n = 0; n < texts.size(); ++n) {
        Invoice inv = makeInvoice(n, QStringLiteral("USD"), 1000 + n, 1700000000 + n);
        inv.customer = texts.at(n);
        inv.description = texts.at(n);
        invoices << inv;
        Refund r = makeRefund(QStringLiteral("re_%1").arg(n), inv.gatewayId, 100,
                              QStringLiteral("USD"), CommonStatus::Succeeded, 1700000100 + n);
        r.note = texts.at(n);
        refunds << r;
    }
    RecordRepository records(db);
    QVERIFY2(records.upsertInvoices(account->id, invoices, &error), qPrintable(error));
    QVERIFY2(records.upsertRefunds(account->id, refunds, &error), qPrintable(error));

    const CaseBounds bounds("the window over hostile text");
    MainWindow window(db);
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    for (int tab = 0; tab < qMin(tabs->count(), 2); ++tab) {
        tabs->setCurrentIndex(tab);
        auto *view = qobject_cast<QAbstractItemView *>(
            tabs->currentWidget()->findChild<QAbstractItemView *>());
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), int(texts.size()), 30000);
        if (tab == 0) {
            // The cell shows the start of the name; its raw value, for sorting and copying,
            // is all of it.
            QAbstractItemModel *m = view->model();
            bool seen = false;
            for (int row = 0; row < m->rowCount(); ++row) {
                const QModelIndex cell = m->index(row, InvoiceTableModel::Customer);
                QTRY_VERIFY(cell.data(RawValueRole).isValid());
                if (cell.data(RawValueRole).toString().size() != huge.size())
                    continue;
                seen = true;
                const QString shown = cell.data(Qt::DisplayRole).toString();
                QCOMPARE(shown.size(), display::maxShownChars + 1);
                QVERIFY(shown.endsWith(QChar(0x2026)));
            }
            QVERIFY(seen);
        }
        // Select every row in turn (the detail pane follows) and paint the window each time.
        for (int row = 0; row < texts.size(); ++row) {
            view->setCurrentIndex(view->model()->index(row, 0));
            QTest::qWait(50);
            QVERIFY(!window.grab().isNull());
        }
    }
    qInfo("%lld ms, peak %lld MiB", bounds.elapsedMs(), peakRssMiB());
    const QByteArray exceeded = bounds.exceeded();
    QVERIFY2(exceeded.isEmpty(), exceeded.constData());
}

QTEST_MAIN(TestHostileView)
#include "tst_hostile_view.moc"
