// The Export dialog driven like a person would, offscreen: it writes the chosen report with
// the right rows on a worker, honours the table's filter, validates as one types, and a
// cancel (or closing the dialog) leaves no file; an existing file is replaced only when the
// person says so, and the suggested name follows the report and the days.
#include "reportfixture.h"

#include "exportdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestExportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void exportsTheChosenReport();
    void tableFilterNarrowsTheRows();
    void validatesAsOneTypes();
    void cancelLeavesNoFile();
    void failureSaysWhy();
    void closingWhileExportingLeavesNoFile();
    void asksBeforeReplacingAFile();
    void nameFollowsReportAndDays();
    void tableFiltersAreOffered();

private:
    template <typename T> static T *child(ExportDialog &d, const char *name)
    {
        T *w = d.findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    static void typePath(ExportDialog &d, const QString &path)
    {
        auto *edit = child<QLineEdit>(d, "path");
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, path);
    }
    QStringList outFiles() const
    {
        return QDir(m_dir.filePath(QStringLiteral("out"))).entryList(QDir::Files | QDir::Hidden);
    }

    QTemporaryDir m_dir;
    Database m_db;
    rdtest::SeededCache m_seed;
};

void TestExportDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(rdtest::openSeededCache(m_dir.path(), m_db, &m_seed, &error), qPrintable(error));
    // A third account with many refunds, so a canceled export is still running when canceled.
    const auto bulkAccount = AccountRepository(m_db).add(
        QStringLiteral("Bulk"), Dialect::Stripe, QStringLiteral("https://bulk.example"), &error);
    QVERIFY2(bulkAccount, qPrintable(error));
    QVERIFY2(rdtest::addBulkRefunds(m_db, bulkAccount->id, 50000, &error), qPrintable(error));
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("out")));
}

void TestExportDialog::init()
{
    for (const QString &f : outFiles())
        QFile::remove(m_dir.filePath(QStringLiteral("out/") + f));
}

void TestExportDialog::exportsTheChosenReport()
{
    ExportDialog dialog(m_db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *report = child<QComboBox>(dialog, "report");
    report->setFocus();
    report->setCurrentIndex(report->findData(int(ReportKind::Chargebacks)));
    auto *account = child<QComboBox>(dialog, "account");
    account->setCurrentIndex(account->findText(QStringLiteral("EU Stripe")));
    QTest::mouseClick(child<QCheckBox>(dialog, "useFrom"), Qt::LeftButton, {}, QPoint(5, 5));
    child<QDateEdit>(dialog, "from")->setDate(QDate(2024, 5, 4));
    QTest::mouseClick(child<QCheckBox>(dialog, "bom"), Qt::LeftButton, {}, QPoint(5, 5));
    const QString path = m_dir.filePath(QStringLiteral("out/chargebacks.csv"));
    typePath(dialog, path);

    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    auto *exportButton = child<QPushButton>(dialog, "export");
    QVERIFY(exportButton->isEnabled());
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    const auto result = finished.first().first().value<ExportResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));

    const QList<QStringList> expected = rdtest::expectedRows(
        m_db, QStringLiteral("chargebacks"),
        QStringLiteral("t.account_id = %1 AND t.created_at >= %2")
            .arg(m_seed.stripe)
            .arg(QDateTime(QDate(2024, 5, 4), QTime(0, 0), Qt::UTC).toSecsSinceEpoch()));
    QVERIFY(!expected.isEmpty());
    const rdtest::CsvReadBack back = rdtest::readCsvIndependently(path);
    QVERIFY2(back.ok, qPrintable(back.error));
    QVERIFY(back.bom);
    QVERIFY(back.crlfOnly);
    QCOMPARE(back.rows.mid(1), expected);
    QCOMPARE(result.rows, qint64(expected.size()));
    QVERIFY(child<QLabel>(dialog, "status")
                ->text()
                .contains(QStringLiteral("Exported %1 rows").arg(expected.size())));
    QVERIFY(child<QPushButton>(dialog, "openFolder")->isVisible());
    auto *progress = child<QProgressBar>(dialog, "progress");
    QCOMPARE(progress->value(), progress->maximum());
    QCOMPARE(outFiles(), QStringList{QStringLiteral("chargebacks.csv")});
}

void TestExportDialog::tableFilterNarrowsTheRows()
{
    ExportDialog dialog(m_db);
    RecordFilter tableFilter;
    tableFilter.accountId = m_seed.chargebee;
    tableFilter.status = QStringLiteral("pending");
    dialog.setTableFilter(tableFilter);
    dialog.setReport(ReportKind::Refunds);
    QCOMPARE(child<QComboBox>(dialog, "account")->currentText(),
             QStringLiteral("=Kuwait \"KW\", Chargebee"));
    QVERIFY(!child<QLabel>(dialog, "tableFilter")->isHidden());
    const QString path = m_dir.filePath(QStringLiteral("out/pending.csv"));
    typePath(dialog, path);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "export"), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().first().value<ExportResult>().ok());
    const QList<QStringList> expected = rdtest::expectedRows(
        m_db, QStringLiteral("refunds"),
        QStringLiteral("t.account_id = %1 AND t.status = 'pending'").arg(m_seed.chargebee));
    QVERIFY(!expected.isEmpty());
    const rdtest::CsvReadBack back = rdtest::readCsvIndependently(path);
    QVERIFY2(back.ok, qPrintable(back.error));
    QVERIFY(!back.bom);
    QCOMPARE(back.rows.mid(1), expected);
}

void TestExportDialog::validatesAsOneTypes()
{
    ExportDialog dialog(m_db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *exportButton = child<QPushButton>(dialog, "export");
    auto *status = child<QLabel>(dialog, "status");
    typePath(dialog, QString());
    QVERIFY(!exportButton->isEnabled());
    QCOMPARE(status->text(), QStringLiteral("Choose a file to export to."));
    typePath(dialog, m_dir.filePath(QStringLiteral("missing/x.csv")));
    QVERIFY(!exportButton->isEnabled());
    QVERIFY(status->text().contains(QLatin1String("does not exist")));
    typePath(dialog, m_dir.filePath(QStringLiteral("out/x.csv")));
    QVERIFY(exportButton->isEnabled());
    QTest::mouseClick(child<QCheckBox>(dialog, "useFrom"), Qt::LeftButton, {}, QPoint(5, 5));
    QTest::mouseClick(child<QCheckBox>(dialog, "useTo"), Qt::LeftButton, {}, QPoint(5, 5));
    child<QDateEdit>(dialog, "from")->setDate(QDate(2024, 5, 2));
    child<QDateEdit>(dialog, "to")->setDate(QDate(2024, 5, 1));
    QVERIFY(!exportButton->isEnabled());
    QCOMPARE(status->text(), QStringLiteral("The first day is after the last day."));
    child<QDateEdit>(dialog, "to")->setDate(QDate(2024, 5, 2));
    QVERIFY(exportButton->isEnabled());
    // Clicking a disabled Export does nothing.
    typePath(dialog, QString());
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(!dialog.isExporting());
    QCOMPARE(finished.count(), 0);
}

void TestExportDialog::cancelLeavesNoFile()
{
    ExportDialog dialog(m_db);
    dialog.setReport(ReportKind::Refunds);
    const QString path = m_dir.filePath(QStringLiteral("out/canceled.csv"));
    typePath(dialog, path);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "export"), Qt::LeftButton);
    QVERIFY(dialog.isExporting());
    auto *cancel = child<QPushButton>(dialog, "cancel");
    QVERIFY(cancel->isEnabled());
    // The result arrives queued, so the export cannot have finished before this click.
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    const auto result = finished.first().first().value<ExportResult>();
    QCOMPARE(result.status, ExportResult::Status::Canceled);
    QVERIFY(!QFile::exists(path));
    QVERIFY(outFiles().isEmpty());
    QCOMPARE(child<QLabel>(dialog, "status")->text(),
             QStringLiteral("Export canceled; no file was written."));
    QVERIFY(child<QPushButton>(dialog, "export")->isEnabled());
}

void TestExportDialog::failureSaysWhy()
{
    if (!QFileInfo(QStringLiteral("/proc")).isDir())
        QSKIP("needs /proc as a folder no one can create files in");
    ExportDialog dialog(m_db);
    typePath(dialog, QStringLiteral("/proc/refunddesk-export.csv"));
    auto *exportButton = child<QPushButton>(dialog, "export");
    QVERIFY(exportButton->isEnabled()); // the folder exists; only writing can tell
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().value<ExportResult>().status, ExportResult::Status::Failed);
    const QString status = child<QLabel>(dialog, "status")->text();
    QVERIFY2(status.startsWith(
                 QLatin1String("Export failed: Cannot write to /proc/refunddesk-export.csv")),
             qPrintable(status));
    QVERIFY(child<QPushButton>(dialog, "openFolder")->isHidden());
    QVERIFY(!QFile::exists(QStringLiteral("/proc/refunddesk-export.csv")));
}

void TestExportDialog::closingWhileExportingLeavesNoFile()
{
    const QString path = m_dir.filePath(QStringLiteral("out/closed.csv"));
    {
        ExportDialog dialog(m_db);
        dialog.setReport(ReportKind::Refunds);
        typePath(dialog, path);
        dialog.show();
        QTest::mouseClick(child<QPushButton>(dialog, "export"), Qt::LeftButton);
        QVERIFY(dialog.isExporting());
        QTest::mouseClick(child<QPushButton>(dialog, "close"), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
    } // the dialog's destruction waits for the canceled worker
    QVERIFY(!QFile::exists(path));
    QVERIFY(outFiles().isEmpty());
}

void TestExportDialog::asksBeforeReplacingAFile()
{
    const QString path = m_dir.filePath(QStringLiteral("out/existing.csv"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("an earlier report\n");
    }
    ExportDialog dialog(m_db);
    dialog.setReport(ReportKind::Refunds);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typePath(dialog, path);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    auto *exportButton = child<QPushButton>(dialog, "export");

    // No is the default: Enter keeps the earlier report.
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = dialog.findChild<QMessageBox *>(QStringLiteral("overwritePrompt"))));
    QVERIFY(box->text().contains(QDir::toNativeSeparators(path)));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::No));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(!dialog.findChild<QMessageBox *>(QStringLiteral("overwritePrompt")));
    QVERIFY(!dialog.isExporting());
    QCOMPARE(finished.count(), 0);
    QFile kept(path);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("an earlier report\n"));
    kept.close();
    QVERIFY(child<QLabel>(dialog, "status")->text().contains(QLatin1String("kept")));

    // Replace writes the export over it.
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QTRY_VERIFY((box = dialog.findChild<QMessageBox *>(QStringLiteral("overwritePrompt"))));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().first().value<ExportResult>().ok());
    const rdtest::CsvReadBack back = rdtest::readCsvIndependently(path);
    QVERIFY2(back.ok, qPrintable(back.error));
    QVERIFY(back.rows.size() > 1);
}

void TestExportDialog::nameFollowsReportAndDays()
{
    ExportDialog dialog(m_db);
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    // The suggested folder exists (Documents, or the home folder when there is none).
    QVERIFY(QFileInfo(QFileInfo(dialog.outputPath()).absolutePath()).isDir());
    auto *status = child<QLabel>(dialog, "status");
    QCOMPARE(status->text(), QString());

    dialog.setReport(ReportKind::Chargebacks);
    QCOMPARE(QFileInfo(dialog.outputPath()).fileName(),
             QStringLiteral("chargebacks-%1.csv").arg(today));
    dialog.setReport(ReportKind::Reconciliation);
    QVERIFY2(QFileInfo(dialog.outputPath()).fileName().startsWith(QLatin1String("reconciliation")),
             qPrintable(dialog.outputPath()));
    child<QCheckBox>(dialog, "useFrom")->setChecked(true);
    child<QDateEdit>(dialog, "from")->setDate(QDate(2024, 5, 4));
    QVERIFY2(QFileInfo(dialog.outputPath())
                 .fileName()
                 .contains(QStringLiteral("2024-05-04-to-%1").arg(today)),
             qPrintable(dialog.outputPath()));

    // An error goes once it is fixed.
    const QString named = m_dir.filePath(QStringLiteral("out/mine.csv"));
    typePath(dialog, QString());
    QCOMPARE(status->text(), QStringLiteral("Choose a file to export to."));
    typePath(dialog, named);
    QCOMPARE(status->text(), QString());
    // A name the person typed is theirs: changing the report keeps it.
    dialog.setReport(ReportKind::Refunds);
    QCOMPARE(dialog.outputPath(), named);
}

void TestExportDialog::tableFiltersAreOffered()
{
    ExportDialog dialog(m_db);
    RecordFilter tableFilter;
    tableFilter.status = QStringLiteral("pending");
    tableFilter.currency = QStringLiteral("EUR");
    dialog.setTableFilter(tableFilter);
    auto *use = child<QCheckBox>(dialog, "useTableFilter");
    QVERIFY(!use->isHidden());
    QVERIFY(use->isChecked());
    QCOMPARE(dialog.request().filter.status, QStringLiteral("pending"));
    use->setChecked(false);
    QCOMPARE(dialog.request().filter.status, QString());
    QCOMPARE(dialog.request().filter.currency, QString());
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
