// Replays every committed fuzz input through the same entries the libFuzzer targets run: the
// inputs that once crashed or broke a check (fuzz/crashes/<target>/) and the recorded seeds
// (fuzz/corpus/<target>/). Built with the normal compiler, so a fixed crash stays fixed in the
// ordinary test run, without clang or sanitizers.
#include "fuzzentries.h"

#include <QDir>
#include <QFile>
#include <QTest>

class TestFuzzRegressions : public QObject
{
    Q_OBJECT
private slots:
    void replay_data();
    void replay();
    void everyTargetHasSeeds();
};

namespace {

QString fuzzDir()
{
    return QStringLiteral(RD_SOURCE_DIR "/fuzz");
}

QStringList inputsOf(const QString &folder)
{
    QStringList out;
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
        out.append(dir.filePath(name));
    return out;
}

} // namespace

void TestFuzzRegressions::replay_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("file");
    const QList<rd::fuzz::Target> &targets = rd::fuzz::targets();
    for (int t = 0; t < targets.size(); ++t) {
        const QString name = QString::fromLatin1(targets.at(t).name);
        for (const char *kind : {"crashes", "corpus"}) {
            for (const QString &file : inputsOf(fuzzDir() + QLatin1Char('/') + QLatin1String(kind) +
                                                QLatin1Char('/') + name)) {
                const QString tag = name + QLatin1Char('/') + QLatin1String(kind) +
                                    QLatin1Char('/') + QFileInfo(file).fileName();
                QTest::newRow(qPrintable(tag)) << t << file;
            }
        }
    }
}

void TestFuzzRegressions::replay()
{
    QFETCH(int, target);
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.errorString()));
    QCOMPARE(rd::fuzz::targets().at(target).run(f.readAll()), QString());
}

void TestFuzzRegressions::everyTargetHasSeeds()
{
    // The recorded seeds are this test's floor: a target with none would replay nothing.
    for (const rd::fuzz::Target &t : rd::fuzz::targets()) {
        const QString folder = fuzzDir() + QStringLiteral("/corpus/") + QLatin1String(t.name);
        QVERIFY2(!inputsOf(folder).isEmpty(), qPrintable(folder));
    }
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
