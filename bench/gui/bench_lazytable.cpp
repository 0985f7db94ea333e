// Opens the main window over a cache of N invoices (1,000,000 by default) offscreen and
// reports how many rows were read from SQLite after opening and after scrolling from the top
// to the bottom, against the total. Timings are printed as ratios to a plain COUNT(*) on the
// same file, so they read the same on any machine. Nothing is asserted.
//
//   bench_gui_lazytable [--invoices N] [--db PATH] [--steps N]
// With --db, an existing cache with enough invoices is reused; otherwise it is generated in one
// transaction (this is the slow part, and is not what is measured).
#include "invoicesview.h"
#include "lazytablemodel.h"
#include "mainwindow.h"
#include "store/accountrepository.h"
#include "store/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace rd;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

qint64 invoiceCount(Database &db)
{
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM invoices")) && q.next()
               ? q.value(0).toLongLong()
               : 0;
}

bool generate(Database &db, qint64 n, QString *error)
{
    AccountRepository accounts(db);
    QList<qint64> ids;
    const QList<std::pair<const char *, Dialect>> specs{{"Bench Stripe", Dialect::Stripe},
                                                        {"Bench Chargebee", Dialect::Chargebee},
                                                        {"Bench ProcessOut", Dialect::ProcessOut}};
    for (const auto &[name, dialect] : specs) {
        const auto existing = accounts.findByName(QString::fromLatin1(name));
        const auto a = existing ? std::optional<Account>(*existing)
                                : accounts.add(QString::fromLatin1(name), dialect,
                                               QStringLiteral("https://bench.invalid"), error);
        if (!a)
            return false;
        ids << a->id;
    }
    if (!db.beginImmediate(error))
        return false;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO invoices (account_id, gateway_id, customer, email, description, amount, "
        "amount_refunded, currency, status, gateway_status, created_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QStringList currencies{QStringLiteral("USD"), QStringLiteral("EUR"),
                                 QStringLiteral("JPY"), QStringLiteral("KWD")};
    const QStringList statuses{QStringLiteral("succeeded"), QStringLiteral("succeeded"),
                               QStringLiteral("succeeded"), QStringLiteral("pending"),
                               QStringLiteral("failed")};
    const qint64 start = 1700000000;
    for (qint64 i = 0; i < n; ++i) {
        const qint64 amount = 500 + (i * 7919) % 250000;
        q.bindValue(0, ids.at(int(i % ids.size())));
        q.bindValue(1, QStringLiteral("ch_bench%1").arg(i, 8, 10, QLatin1Char('0')));
        q.bindValue(2, QStringLiteral("Customer %1").arg(i % 5003));
        q.bindValue(3, QStringLiteral("c%1@example.com").arg(i % 5003));
        q.bindValue(4, QStringLiteral("Order %1").arg(i));
        q.bindValue(5, amount);
        q.bindValue(6, i % 7 == 0 ? amount / 2 : 0);
        q.bindValue(7, currencies.at(int(i % currencies.size())));
        q.bindValue(8, statuses.at(int(i % statuses.size())));
        q.bindValue(9, statuses.at(int(i % statuses.size())));
        q.bindValue(10, start + i * 30);
        if (!q.exec()) {
            *error = q.lastError().text();
            db.rollback();
            return false;
        }
    }
    return db.commit(error);
}

// Waits for the model to have applied its count and loaded what the view asked for.
bool settle(const LazyTableModel &model)
{
    return QTest::qWaitFor([&] { return !model.isLoading(); }, 60000);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption invoicesOpt(QStringLiteral("invoices"), QStringLiteral("Invoices."),
                                         QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("Cache file to reuse."),
                                   QStringLiteral("PATH"));
    const QCommandLineOption stepsOpt(QStringLiteral("steps"),
                                      QStringLiteral("Scroll steps from top to bottom."),
                                      QStringLiteral("N"), QStringLiteral("200"));
    parser.addOptions({invoicesOpt, dbOpt, stepsOpt});
    parser.process(app);
    const qint64 wanted = parser.value(invoicesOpt).toLongLong();
    const int steps = std::max(1, parser.value(stepsOpt).toInt());

    QTemporaryDir tmp;
    const QString path =
        parser.isSet(dbOpt) ? parser.value(dbOpt) : tmp.filePath(QStringLiteral("bench.sqlite3"));
    QString error;
    {
        Database db;
        if (!db.open(path, &error)) {
            out() << "cannot open " << path << ": " << error << Qt::endl;
            return 1;
        }
        const qint64 have = invoiceCount(db);
        if (have < wanted) {
            out() << "generating " << (wanted - have) << " invoices in " << path << " ..."
                  << Qt::endl;
            QElapsedTimer gen;
            gen.start();
            if (!generate(db, wanted - have, &error)) {
                out() << "generation failed: " << error << Qt::endl;
                return 1;
            }
            out() << "generated in " << gen.elapsed() << " ms" << Qt::endl;
        }
    }

    // Reference: a plain COUNT(*) on a fresh connection to the same file.
    qint64 total = 0;
    double referenceMs = 0;
    {
        Database db;
        db.open(path, &error);
        QElapsedTimer t;
        t.start();
        total = invoiceCount(db);
        referenceMs = std::max<double>(0.001, t.nsecsElapsed() / 1e6);
    }

    // The whole window, as a person opens it (settings in a throwaway place).
    QStandardPaths::setTestModeEnabled(true);
    QElapsedTimer t;
    t.start();
    Database guiDb;
    if (!guiDb.open(path, &error)) {
        out() << "cannot open " << path << ": " << error << Qt::endl;
        return 1;
    }
    MainWindow window(guiDb);
    auto *model = window.invoicesView()->model();
    QTableView *table = window.invoicesView()->table();
    window.resize(1280, 800);
    window.show();
    if (!settle(*model) || !table->indexAt(QPoint(5, 5)).data().isValid()) {
        // The first paint asked for the rows on screen; wait for them to arrive.
        if (!QTest::qWaitFor([&] { return table->indexAt(QPoint(5, 5)).data().isValid(); }, 60000))
            out() << "rows did not arrive in time" << Qt::endl;
    }
    const double openMs = t.nsecsElapsed() / 1e6;
    const qint64 fetchedAfterOpen = model->rowsFetched();
    const bool rowsVisible = table->indexAt(QPoint(5, 5)).data().isValid();

    QScrollBar *bar = table->verticalScrollBar();
    t.restart();
    double worstStepMs = 0;
    for (int i = 1; i <= steps; ++i) {
        QElapsedTimer step;
        step.start();
        bar->setValue(int(qint64(bar->maximum()) * i / steps));
        QCoreApplication::processEvents();
        settle(*model);
        if (!QTest::qWaitFor([&] { return table->indexAt(QPoint(5, 5)).data().isValid(); }, 60000))
            out() << "rows did not arrive in time" << Qt::endl;
        worstStepMs = std::max(worstStepMs, step.nsecsElapsed() / 1e6);
    }
    const double scrollMs = t.nsecsElapsed() / 1e6;
    const QModelIndex last = table->indexAt(QPoint(5, table->viewport()->height() - 5));

    out() << "cache: " << path << Qt::endl
          << "total invoices (rowCount): " << model->rowCount() << " (COUNT(*) = " << total << ")"
          << Qt::endl
          << "rows visible after open: " << (rowsVisible ? "yes" : "no") << Qt::endl
          << "rows read after open: " << fetchedAfterOpen << " ("
          << QString::number(100.0 * fetchedAfterOpen / std::max<qint64>(1, total), 'f', 4)
          << "% of total)" << Qt::endl
          << "scrolled top to bottom in " << steps << " steps; last visible row: " << last.row()
          << Qt::endl
          << "rows read after scrolling: " << model->rowsFetched() << " ("
          << QString::number(100.0 * model->rowsFetched() / std::max<qint64>(1, total), 'f', 4)
          << "% of total)" << Qt::endl
          << "rows held in memory now: " << model->residentRows() << Qt::endl
          << "reference COUNT(*): " << QString::number(referenceMs, 'f', 1) << " ms" << Qt::endl
          << "open until rows visible: " << QString::number(openMs / referenceMs, 'f', 2)
          << " x COUNT(*)" << Qt::endl
          << "slowest scroll step (page load): "
          << QString::number(worstStepMs / referenceMs, 'f', 2) << " x COUNT(*)" << Qt::endl
          << "whole scroll: " << QString::number(scrollMs / referenceMs, 'f', 2) << " x COUNT(*)"
          << Qt::endl;
    return 0;
}
