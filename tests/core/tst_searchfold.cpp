// Letter folding for search, row by row, and the search index it feeds on real cache files:
// a fresh cache and one migrated from schema 2 find the same rows, and a plain sqlite3 shell can
// still write a migrated cache.
#include "store/accountrepository.h"
#include "store/database.h"
#include "store/recordfilter.h"
#include "store/recordrepository.h"
#include "store/searchfold.h"

#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

// "García" as a keyboard sends it (precomposed) and as some systems store it (e + U+0301).
const QString GarciaNfc = QStringLiteral("García");
const QString GarciaNfd = QStringLiteral("Garci\u0301a");

struct Person
{
    const char *id;
    QString customer;
};

// Every name the migrated and the fresh cache must find alike.
QList<Person> people()
{
    return {
        {"ch_01", QStringLiteral("Søren Kierkegaard")},
        {"ch_02", QStringLiteral("Łukasz Nowak")},
        {"ch_03", QStringLiteral("Jens Straße")},
        {"ch_04", QStringLiteral("Jürgen Müller")},
        {"ch_05", QStringLiteral("Chloé ") + GarciaNfc},
        {"ch_06", QStringLiteral("Ana ") + GarciaNfd},
        {"ch_07", QStringLiteral("Æsa Ødegaard")},
        {"ch_08", QStringLiteral("Đorđe Işık")},
        {"ch_09", QStringLiteral("Œdipe Þórsson")},
        {"ch_10", QStringLiteral("John O'Brien")},
    };
}

// The gateway ids a search selects, in id order.
QStringList search(Database &db, const QString &text, RecordKind kind = RecordKind::Invoices)
{
    RecordFilter f;
    f.search = text;
    const SqlWhere w = buildWhere(kind, f, QStringLiteral("t"));
    QSqlQuery q(db.connection());
    if (!q.prepare(QStringLiteral("SELECT t.gateway_id FROM %1 t %2 ORDER BY t.gateway_id")
                       .arg(tableName(kind), w.clause)))
        return {QStringLiteral("prepare failed: ") + q.lastError().text()};
    for (int i = 0; i < w.binds.size(); ++i)
        q.bindValue(i, w.binds.at(i));
    if (!q.exec())
        return {QStringLiteral("exec failed: ") + q.lastError().text()};
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

// The FTS5 tokens of one text under the cache's tokenizer, in order.
QStringList tokens(QSqlDatabase db, const QString &sqlValue, const QString &bound)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("DELETE FROM probe")))
        return {q.lastError().text()};
    if (!q.prepare(QStringLiteral("INSERT INTO probe(rowid, x) VALUES (1, %1)").arg(sqlValue)))
        return {q.lastError().text()};
    q.bindValue(0, bound);
    if (!q.exec())
        return {q.lastError().text()};
    QStringList out;
    if (!q.exec(QStringLiteral("SELECT term FROM probe_vocab ORDER BY offset")))
        return {q.lastError().text()};
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace

class TestSearchFold : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void fold_data();
    void fold();
    void sqlLetterTableGivesTheSameTokens_data();
    void sqlLetterTableGivesTheSameTokens();
    void searchExtra_data();
    void searchExtra();
    void migratedCacheFindsWhatAFreshCacheFinds_data();
    void migratedCacheFindsWhatAFreshCacheFinds();
    void refundNotesFold();
    void plainSqliteShellCanStillWrite();

private:
    static void foldRows(bool sqlMirrorOnly);
    void fillFresh(Database &db);
    void fillSchema2(Database &db);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSearchFold::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSearchFold::fold_data()
{
    foldRows(false);
}

void TestSearchFold::foldRows(bool sqlMirrorOnly)
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    const auto row = [](const char *name, const QString &text, const char *folded) {
        QTest::newRow(name) << text << QString::fromUtf8(folded);
    };
    row("ø", QStringLiteral("Søren"), "soren");
    row("Ø", QStringLiteral("ØDEGAARD"), "odegaard");
    row("ł", QStringLiteral("Łukasz Michał"), "lukasz michal");
    row("ß", QStringLiteral("Straße"), "strasse");
    row("ẞ", QStringLiteral("STRAẞE"), "strasse");
    row("ü", QStringLiteral("Müller"), "muller");
    row("æ", QStringLiteral("Æsa Læsø"), "aesa laeso");
    row("đ", QStringLiteral("Đorđe"), "dorde");
    row("œ", QStringLiteral("Œuvre cœur"), "oeuvre coeur");
    row("ı", QStringLiteral("Işık"), "isik");
    row("İ", QStringLiteral("İstanbul"), "istanbul");
    row("þ ð", QStringLiteral("Þórður"), "thordur");
    row("ħ", QStringLiteral("Ħaż-Żebbuġ"), "haz-zebbug");
    row("ĳ", QStringLiteral("ĳssel"), "ijssel");
    // Found by fuzzing: only "ƒ" was listed, so "Ƒ" lower-cased to "ƒ" and a second fold gave
    // "f": whoever typed the folded word would not find the record. The SQL mirror lists the
    // table's letters only (it is at SQLite's nesting limit), so caches migrated from schema 2
    // keep "Ƒ" as the tokenizer lower-cases it.
    if (!sqlMirrorOnly)
        row("Ƒ ƒ", QStringLiteral("Ƒlorin ƒ"), "florin f");
    row("é NFC", GarciaNfc, "garcia");
    row("é NFD", GarciaNfd, "garcia");
    row("two marks", QStringLiteral("Nguyễn"), "nguyen");
    row("ř ş", QStringLiteral("Dvořák Şahin"), "dvorak sahin");
    // The tokenizer keeps the marks of other scripts; so does the fold, or older caches would
    // stop matching.
    row("Greek keeps its tonos", QStringLiteral("Αθηνά"), "αθηνά");
    row("Cyrillic keeps its breve", QStringLiteral("Андрей"), "андрей");
    row("CJK", QStringLiteral("山田 太郎"), "山田 太郎");
    if (!sqlMirrorOnly) // the SQL mirror sees stored text as it is; Hangul is stored composed
        row("Hangul NFD back to NFC",
            QStringLiteral("한국").normalized(QString::NormalizationForm_D), "한국");
    row("Devanagari keeps its signs", QStringLiteral("हिन्दी"), "हिन्दी");
    row("ASCII punctuation kept", QStringLiteral("John O'Brien <j@x.io>"), "john o'brien <j@x.io>");
    row("ids", QStringLiteral("ch_1AAA"), "ch_1aaa");
    row("empty", QString(), "");
}

void TestSearchFold::fold()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(foldForSearch(text), folded);
    // NFC and NFD spellings of the same text fold alike.
    QCOMPARE(foldForSearch(text.normalized(QString::NormalizationForm_C)), folded);
    QCOMPARE(foldForSearch(text.normalized(QString::NormalizationForm_D)), folded);
}

void TestSearchFold::sqlLetterTableGivesTheSameTokens_data()
{
    foldRows(true);
}

// The migration folds rows already cached with the SQL form of the letter table and leaves
// case and combining marks to the tokenizer; new rows are folded in C++. Both must index the
// same tokens, row by row.
void TestSearchFold::sqlLetterTableGivesTheSameTokens()
{
    QFETCH(QString, text);
    Database db;
    QString error;
    QVERIFY2(db.open(m_dir->filePath(QStringLiteral("probe.sqlite3")), &error), qPrintable(error));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='unicode61 "
                                  "remove_diacritics 2')")));
    QVERIFY(q.exec(QStringLiteral("CREATE VIRTUAL TABLE probe_vocab USING fts5vocab(probe, "
                                  "instance)")));
    const QStringList fromSql = tokens(db.connection(), foldLettersSql(QStringLiteral("?")), text);
    const QStringList fromCpp = tokens(db.connection(), QStringLiteral("?"), foldForSearch(text));
    QCOMPARE(fromSql, fromCpp);
}

void TestSearchFold::searchExtra_data()
{
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QString>("extra");
    QTest::newRow("ASCII costs nothing")
        << QStringList{QStringLiteral("ch_1"), QStringLiteral("John Smith"),
                       QStringLiteral("j@s.io"), QStringLiteral("Order 1")}
        << QString();
    QTest::newRow("only the words with marks")
        << QStringList{QStringLiteral("ch_2"), QStringLiteral("Søren Kierkegaard"),
                       QStringLiteral("soren@k.dk"), QStringLiteral("Bøger til Straße 5")}
        << QStringLiteral("soren boger strasse");
    QTest::newRow("NFD input") << QStringList{QStringLiteral("Ana ") + GarciaNfd}
                               << QStringLiteral("garcia");
    QTest::newRow("any white space separates")
        << QStringList{QStringLiteral("Zoë\u00a0Müller\tŁódź")}
        << QStringLiteral("zoe muller lodz");
    QTest::newRow("empty") << QStringList{QString(), QString()} << QString();
}

void TestSearchFold::searchExtra()
{
    QFETCH(QStringList, fields);
    QFETCH(QString, extra);
    QString got;
    switch (fields.size()) {
    case 1:
        got = rd::searchExtra({fields.at(0)});
        break;
    case 2:
        got = rd::searchExtra({fields.at(0), fields.at(1)});
        break;
    default:
        QCOMPARE(fields.size(), 4);
        got = rd::searchExtra({fields.at(0), fields.at(1), fields.at(2), fields.at(3)});
    }
    QCOMPARE(got, extra);
}

void TestSearchFold::fillFresh(Database &db)
{
    QString error;
    const auto account = AccountRepository(db).add(QStringLiteral("shop"), Dialect::Stripe,
                                                   QStringLiteral("https://x.y"), &error);
    QVERIFY2(account, qPrintable(error));
    QList<Invoice> invoices;
    for (const Person &p : people()) {
        Invoice inv;
        inv.gatewayId = QString::fromLatin1(p.id);
        inv.customer = p.customer;
        inv.email = QStringLiteral("someone@example.com");
        inv.amount = Money(1000, u"EUR");
        inv.amountRefunded = Money(0, u"EUR");
        inv.status = CommonStatus::Succeeded;
        inv.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
        invoices << inv;
    }
    QVERIFY2(RecordRepository(db).upsertInvoices(account->id, invoices, &error), qPrintable(error));
}

// Rows as schema 2 stored them, written with that schema's columns.
void TestSearchFold::fillSchema2(Database &db)
{
    QSqlQuery q(db.connection());
    QVERIFY2(q.exec(QStringLiteral("INSERT INTO accounts (id, name, gateway, base_url, "
                                   "created_at) VALUES (1, 'shop', 'stripe', 'https://x.y', "
                                   "1700000000)")),
             qPrintable(q.lastError().text()));
    const qint64 accountId = 1;
    QVERIFY(q.prepare(QStringLiteral(
        "INSERT INTO invoices (account_id, gateway_id, customer, email, amount, currency, status, "
        "created_at) VALUES (?, ?, ?, 'someone@example.com', 1000, 'EUR', 'succeeded', "
        "1700000000)")));
    for (const Person &p : people()) {
        q.bindValue(0, accountId);
        q.bindValue(1, QString::fromLatin1(p.id));
        q.bindValue(2, p.customer);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
}

void TestSearchFold::migratedCacheFindsWhatAFreshCacheFinds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    const auto ids = [](std::initializer_list<const char *> list) {
        QStringList out;
        for (const char *id : list)
            out << QString::fromLatin1(id);
        return out;
    };
    QTest::newRow("soren") << QStringLiteral("soren") << ids({"ch_01"});
    QTest::newRow("Søren") << QStringLiteral("Søren") << ids({"ch_01"});
    QTest::newRow("lukasz") << QStringLiteral("lukasz") << ids({"ch_02"});
    QTest::newRow("ŁUKASZ") << QStringLiteral("ŁUKASZ") << ids({"ch_02"});
    QTest::newRow("strasse") << QStringLiteral("strasse") << ids({"ch_03"});
    QTest::newRow("Straße") << QStringLiteral("Straße") << ids({"ch_03"});
    QTest::newRow("muller") << QStringLiteral("muller") << ids({"ch_04"});
    QTest::newRow("Müller") << QStringLiteral("Müller") << ids({"ch_04"});
    QTest::newRow("garcia") << QStringLiteral("garcia") << ids({"ch_05", "ch_06"});
    QTest::newRow("García NFC") << GarciaNfc << ids({"ch_05", "ch_06"});
    QTest::newRow("García NFD") << GarciaNfd << ids({"ch_05", "ch_06"});
    QTest::newRow("aesa odegaard") << QStringLiteral("aesa odegaard") << ids({"ch_07"});
    QTest::newRow("dorde isik") << QStringLiteral("dorde isik") << ids({"ch_08"});
    QTest::newRow("oedipe thorsson") << QStringLiteral("oedipe thorsson") << ids({"ch_09"});
    QTest::newRow("prefix stras") << QStringLiteral("stras") << ids({"ch_03"});
    QTest::newRow("o'brien") << QStringLiteral("o'brien") << ids({"ch_10"});
    QTest::newRow("punctuation only") << QStringLiteral("\" * -") << QStringList{};
}

void TestSearchFold::migratedCacheFindsWhatAFreshCacheFinds()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    QString error;
    const QString migratedPath = m_dir->filePath(QStringLiteral("migrated.sqlite3"));
    {
        Database v2;
        QVERIFY2(v2.open(migratedPath, &error, 2), qPrintable(error));
        fillSchema2(v2);
    }
    Database migrated;
    QVERIFY2(migrated.open(migratedPath, &error), qPrintable(error));
    Database fresh;
    QVERIFY2(fresh.open(m_dir->filePath(QStringLiteral("fresh.sqlite3")), &error),
             qPrintable(error));
    fillFresh(fresh);
    QCOMPARE(search(fresh, text), ids);
    QCOMPARE(search(migrated, text), ids);
}

void TestSearchFold::refundNotesFold()
{
    Database db;
    QString error;
    QVERIFY2(db.open(m_dir->filePath(QStringLiteral("r.sqlite3")), &error), qPrintable(error));
    const auto account = AccountRepository(db).add(QStringLiteral("shop"), Dialect::Stripe,
                                                   QStringLiteral("https://x.y"), &error);
    QVERIFY(account);
    Refund r;
    r.gatewayId = QStringLiteral("re_1");
    r.invoiceId = QStringLiteral("ch_1");
    r.amount = Money(100, u"EUR");
    r.status = CommonStatus::Succeeded;
    r.note = QStringLiteral("Kunde in Gießen, Rücksendung");
    r.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    QVERIFY2(RecordRepository(db).upsertRefunds(account->id, {r}, &error), qPrintable(error));
    QCOMPARE(search(db, QStringLiteral("giessen rucksend"), RecordKind::Refunds),
             QStringList{QStringLiteral("re_1")});
}

// The index triggers call built-in SQL only: a sqlite3 shell (a support engineer, a script)
// can insert and update rows of a migrated cache, and the app still finds them by their words.
void TestSearchFold::plainSqliteShellCanStillWrite()
{
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3.isEmpty())
        QSKIP("the sqlite3 shell is not installed, so there is no plain shell to write with");
    QString error;
    const QString path = m_dir->filePath(QStringLiteral("shell.sqlite3"));
    {
        Database v2;
        QVERIFY2(v2.open(path, &error, 2), qPrintable(error));
        fillSchema2(v2);
    }
    {
        Database migrated;
        QVERIFY2(migrated.open(path, &error), qPrintable(error));
    }
    QProcess shell;
    shell.start(sqlite3, {QStringLiteral("-bail"), path});
    QVERIFY(shell.waitForStarted());
    shell.write("INSERT INTO invoices (account_id, gateway_id, customer, amount, currency, status, "
                "created_at) VALUES (1, 'ch_shell', 'Added Byhand', 5, 'EUR', 'succeeded', 1);\n"
                "UPDATE invoices SET customer = 'Renamed Inshell' WHERE gateway_id = 'ch_10';\n"
                "PRAGMA integrity_check;\n");
    shell.closeWriteChannel();
    QVERIFY(shell.waitForFinished());
    QCOMPARE(shell.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()).trimmed(), QStringLiteral("ok"));
    Database db;
    QVERIFY2(db.open(path, &error), qPrintable(error));
    QCOMPARE(search(db, QStringLiteral("byhand")), QStringList{QStringLiteral("ch_shell")});
    QCOMPARE(search(db, QStringLiteral("inshell")), QStringList{QStringLiteral("ch_10")});
    QCOMPARE(search(db, QStringLiteral("brien")), QStringList{});
    QCOMPARE(search(db, QStringLiteral("soren")), QStringList{QStringLiteral("ch_01")});
}

QTEST_GUILESS_MAIN(TestSearchFold)
#include "tst_searchfold.moc"
