// Money and the currency table: parsing, formatting and checked arithmetic, hostile rows
// included.
#include "domain/currency.h"
#include "domain/money.h"

#include <QTest>

#include <limits>

using rd::Currency;
using rd::Money;

class TestMoney : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exponents_data();
    void exponents();
    void parseValid_data();
    void parseValid();
    void parseHostile_data();
    void parseHostile();
    void format_data();
    void format();
    void roundTrip();
    void arithmetic();
    void overflow();
    void comparisonNeedsOneCurrency();
    void invalidCurrencyMakesInvalidMoney();
    void normalizedCodes();
};

void TestMoney::exponents_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("exponent");
    for (const char *c : {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF",
                          "UGX", "VND", "VUV", "XAF", "XOF", "XPF"})
        QTest::newRow(c) << QString::fromLatin1(c) << 0;
    for (const char *c : {"BHD", "JOD", "KWD", "OMR", "TND"})
        QTest::newRow(c) << QString::fromLatin1(c) << 3;
    for (const char *c : {"USD", "EUR", "GBP", "KES", "CHF", "CAD"})
        QTest::newRow(c) << QString::fromLatin1(c) << 2;
    QTest::newRow("lower-case usd") << QStringLiteral("usd") << 2;
    QTest::newRow("unknown XXX") << QStringLiteral("XXX") << -1;
    QTest::newRow("empty") << QString() << -1;
    QTest::newRow("too long") << QStringLiteral("USDD") << -1;
    QTest::newRow("mixed-case eUr") << QStringLiteral("eUr") << 2;
    QTest::newRow("lower-case kwd") << QStringLiteral("kwd") << 3;
    QTest::newRow("not letters") << QStringLiteral("U$D") << -1;
    // Upper-cased as QString::toUpper() does: the long s (U+017F) becomes S.
    QTest::newRow("non-ASCII letter") << QStringLiteral("u\u017Fd") << 2;
}

void TestMoney::normalizedCodes()
{
    QCOMPARE(Currency::normalized(u"usd"), QStringLiteral("USD"));
    QCOMPARE(Currency::normalized(u"JpY"), QStringLiteral("JPY"));
    QCOMPARE(Currency::normalized(u" kwd "), QStringLiteral("KWD"));
    QCOMPARE(Currency::normalized(u"u\u017Fd"), QStringLiteral("USD"));
    QCOMPARE(Currency::normalized(u"XXX"), QString());
    QCOMPARE(Currency::normalized(u"US"), QString());
    QCOMPARE(Currency::normalized(u"U1D"), QString());
    QCOMPARE(Currency::normalized(u""), QString());
}

void TestMoney::exponents()
{
    QFETCH(QString, code);
    QFETCH(int, exponent);
    QCOMPARE(Currency::exponent(code), exponent);
    QCOMPARE(Currency::isKnown(code), exponent >= 0);
}

void TestMoney::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<qint64>("minor");
    QTest::newRow("USD whole") << QStringLiteral("12") << QStringLiteral("USD") << qint64(1200);
    QTest::newRow("USD one decimal")
        << QStringLiteral("12.5") << QStringLiteral("USD") << qint64(1250);
    QTest::newRow("USD two decimals")
        << QStringLiteral("12.50") << QStringLiteral("USD") << qint64(1250);
    QTest::newRow("USD cents") << QStringLiteral("0.01") << QStringLiteral("usd") << qint64(1);
    QTest::newRow("USD spaces trimmed")
        << QStringLiteral("  7.05 ") << QStringLiteral("USD") << qint64(705);
    QTest::newRow("USD leading zeros")
        << QStringLiteral("007.05") << QStringLiteral("USD") << qint64(705);
    QTest::newRow("JPY") << QStringLiteral("1000") << QStringLiteral("JPY") << qint64(1000);
    QTest::newRow("KRW zero") << QStringLiteral("0") << QStringLiteral("KRW") << qint64(0);
    QTest::newRow("KWD three") << QStringLiteral("1.250") << QStringLiteral("KWD") << qint64(1250);
    QTest::newRow("KWD one") << QStringLiteral("1.2") << QStringLiteral("KWD") << qint64(1200);
    QTest::newRow("BHD") << QStringLiteral("0.001") << QStringLiteral("BHD") << qint64(1);
    QTest::newRow("KES") << QStringLiteral("2500.75") << QStringLiteral("KES") << qint64(250075);
    QTest::newRow("USD max") << QStringLiteral("92233720368547758.07") << QStringLiteral("USD")
                             << std::numeric_limits<qint64>::max();
    QTest::newRow("JPY max") << QStringLiteral("9223372036854775807") << QStringLiteral("JPY")
                             << std::numeric_limits<qint64>::max();
}

void TestMoney::parseValid()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(qint64, minor);
    QString error;
    const auto m = Money::parse(text, currency, &error);
    QVERIFY2(m.has_value(), qPrintable(error));
    QCOMPARE(m->minorUnits(), minor);
    QCOMPARE(m->currency(), currency.toUpper());
    QVERIFY(error.isEmpty());
}

void TestMoney::parseHostile_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("empty") << QString() << QStringLiteral("USD")
                           << QStringLiteral("Enter an amount");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("USD")
                           << QStringLiteral("Enter an amount");
    QTest::newRow("letters") << QStringLiteral("12a") << QStringLiteral("USD")
                             << QStringLiteral("not an amount");
    QTest::newRow("word") << QStringLiteral("ten") << QStringLiteral("USD")
                          << QStringLiteral("not an amount");
    QTest::newRow("exponent notation")
        << QStringLiteral("1e3") << QStringLiteral("USD") << QStringLiteral("not an amount");
    QTest::newRow("two separators") << QStringLiteral("1.2.3") << QStringLiteral("USD")
                                    << QStringLiteral("more than one decimal point");
    QTest::newRow("comma decimal")
        << QStringLiteral("12,50") << QStringLiteral("EUR") << QStringLiteral("decimal separator");
    QTest::newRow("thousands") << QStringLiteral("1,000.00") << QStringLiteral("USD")
                               << QStringLiteral("thousands");
    QTest::newRow("USD three decimals") << QStringLiteral("12.345") << QStringLiteral("USD")
                                        << QStringLiteral("at most 2 decimals");
    QTest::newRow("USD trailing zero decimal") << QStringLiteral("12.500") << QStringLiteral("USD")
                                               << QStringLiteral("at most 2 decimals");
    QTest::newRow("JPY decimals") << QStringLiteral("100.5") << QStringLiteral("JPY")
                                  << QStringLiteral("no decimals");
    QTest::newRow("JPY zero decimal")
        << QStringLiteral("100.0") << QStringLiteral("JPY") << QStringLiteral("no decimals");
    QTest::newRow("KWD four decimals") << QStringLiteral("1.2345") << QStringLiteral("KWD")
                                       << QStringLiteral("at most 3 decimals");
    QTest::newRow("negative") << QStringLiteral("-5") << QStringLiteral("USD")
                              << QStringLiteral("negative");
    QTest::newRow("plus sign") << QStringLiteral("+5") << QStringLiteral("USD")
                               << QStringLiteral("not an amount");
    QTest::newRow("overflow USD") << QStringLiteral("92233720368547758.08") << QStringLiteral("USD")
                                  << QStringLiteral("too large");
    QTest::newRow("overflow JPY") << QStringLiteral("9223372036854775808") << QStringLiteral("JPY")
                                  << QStringLiteral("too large");
    QTest::newRow("overflow huge") << QStringLiteral("99999999999999999999999")
                                   << QStringLiteral("USD") << QStringLiteral("too large");
    QTest::newRow("overflow by scaling") << QStringLiteral("92233720368547759")
                                         << QStringLiteral("USD") << QStringLiteral("too large");
    QTest::newRow("unknown currency")
        << QStringLiteral("1.00") << QStringLiteral("XYZ") << QStringLiteral("Unknown currency");
    QTest::newRow("empty currency")
        << QStringLiteral("1.00") << QString() << QStringLiteral("Unknown currency");
    QTest::newRow("dot only") << QStringLiteral(".") << QStringLiteral("USD")
                              << QStringLiteral("digit before");
    QTest::newRow("leading dot") << QStringLiteral(".5") << QStringLiteral("USD")
                                 << QStringLiteral("digit before");
    QTest::newRow("trailing dot") << QStringLiteral("5.") << QStringLiteral("USD")
                                  << QStringLiteral("digits after");
    QTest::newRow("inner space") << QStringLiteral("1 000") << QStringLiteral("USD")
                                 << QStringLiteral("not an amount");
    QTest::newRow("arabic-indic digits") << QStringLiteral("\u0661\u0662") << QStringLiteral("USD")
                                         << QStringLiteral("not an amount");
    QTest::newRow("fullwidth digits") << QStringLiteral("\uFF11\uFF12") << QStringLiteral("USD")
                                      << QStringLiteral("not an amount");
    QTest::newRow("nul byte") << QString::fromUtf8("1\0"
                                                   "2",
                                                   3)
                              << QStringLiteral("USD") << QStringLiteral("not an amount");
    QTest::newRow("minus only") << QStringLiteral("-") << QStringLiteral("USD")
                                << QStringLiteral("negative");
}

void TestMoney::parseHostile()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(QString, errorPart);
    QString error;
    const auto m = Money::parse(text, currency, &error);
    QVERIFY(!m.has_value());
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void TestMoney::format_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("grouped");
    QTest::newRow("USD") << qint64(1250) << QStringLiteral("USD") << QStringLiteral("12.50")
                         << QStringLiteral("12.50");
    QTest::newRow("USD cent") << qint64(1) << QStringLiteral("USD") << QStringLiteral("0.01")
                              << QStringLiteral("0.01");
    QTest::newRow("USD zero") << qint64(0) << QStringLiteral("USD") << QStringLiteral("0.00")
                              << QStringLiteral("0.00");
    QTest::newRow("USD negative") << qint64(-1250) << QStringLiteral("USD")
                                  << QStringLiteral("-12.50") << QStringLiteral("-12.50");
    QTest::newRow("USD negative cent") << qint64(-5) << QStringLiteral("USD")
                                       << QStringLiteral("-0.05") << QStringLiteral("-0.05");
    QTest::newRow("JPY") << qint64(1000) << QStringLiteral("JPY") << QStringLiteral("1000")
                         << QStringLiteral("1,000");
    QTest::newRow("KWD") << qint64(1250) << QStringLiteral("KWD") << QStringLiteral("1.250")
                         << QStringLiteral("1.250");
    QTest::newRow("KWD small") << qint64(7) << QStringLiteral("KWD") << QStringLiteral("0.007")
                               << QStringLiteral("0.007");
    QTest::newRow("USD grouped") << qint64(123456789) << QStringLiteral("USD")
                                 << QStringLiteral("1234567.89") << QStringLiteral("1,234,567.89");
    QTest::newRow("USD negative grouped")
        << qint64(-100000) << QStringLiteral("USD") << QStringLiteral("-1000.00")
        << QStringLiteral("-1,000.00");
    QTest::newRow("min int64") << std::numeric_limits<qint64>::min() << QStringLiteral("USD")
                               << QStringLiteral("-92233720368547758.08")
                               << QStringLiteral("-92,233,720,368,547,758.08");
    QTest::newRow("max int64 JPY")
        << std::numeric_limits<qint64>::max() << QStringLiteral("JPY")
        << QStringLiteral("9223372036854775807") << QStringLiteral("9,223,372,036,854,775,807");
}

void TestMoney::format()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, text);
    const Money m(minor, currency);
    QFETCH(QString, grouped);
    QCOMPARE(m.toDecimalString(), text);
    // People read grouped thousands, as every table shows them.
    QCOMPARE(m.toDisplayString(), grouped + QLatin1Char(' ') + currency);
}

void TestMoney::roundTrip()
{
    // Every minor value near the edges formats and parses back to itself, in every class.
    for (const char *code : {"USD", "JPY", "KWD"}) {
        for (qint64 v :
             {qint64(0), qint64(1), qint64(9), qint64(10), qint64(99), qint64(100), qint64(12345),
              std::numeric_limits<qint64>::max() - 1, std::numeric_limits<qint64>::max(),
              std::numeric_limits<qint64>::min(), qint64(-1), qint64(-1001)}) {
            const Money m(v, QString::fromLatin1(code));
            QString error;
            const auto back =
                Money::parse(m.toDecimalString(), m.currency(), &error, Money::Sign::AllowNegative);
            QVERIFY2(back.has_value(), qPrintable(error));
            QCOMPARE(back->minorUnits(), v);
        }
    }
}

void TestMoney::arithmetic()
{
    const Money a(1050, u"EUR");
    const Money b(250, u"EUR");
    QCOMPARE(a.checkedAdd(b)->minorUnits(), qint64(1300));
    QCOMPARE(a.checkedSubtract(b)->minorUnits(), qint64(800));
    QCOMPARE(b.checkedSubtract(a)->minorUnits(), qint64(-800));
    QString error;
    QVERIFY(!a.checkedAdd(Money(1, u"USD"), &error).has_value());
    QVERIFY(error.contains(QLatin1String("different currencies")));
    QVERIFY(!a.checkedAdd(Money()).has_value());
}

void TestMoney::overflow()
{
    const Money max(std::numeric_limits<qint64>::max(), u"USD");
    const Money min(std::numeric_limits<qint64>::min(), u"USD");
    QString error;
    QVERIFY(!max.checkedAdd(Money(1, u"USD"), &error).has_value());
    QVERIFY(error.contains(QLatin1String("too large")));
    QVERIFY(!min.checkedSubtract(Money(1, u"USD"), &error).has_value());
    QVERIFY(!Money(0, u"USD").checkedSubtract(min).has_value());
    QCOMPARE(max.checkedSubtract(max)->minorUnits(), qint64(0));
}

void TestMoney::comparisonNeedsOneCurrency()
{
    QCOMPARE(Money(5, u"USD").compare(Money(7, u"USD")), std::optional<int>(-1));
    QCOMPARE(Money(7, u"USD").compare(Money(7, u"usd")), std::optional<int>(0));
    QCOMPARE(Money(9, u"USD").compare(Money(7, u"USD")), std::optional<int>(1));
    QVERIFY(!Money(5, u"USD").compare(Money(5, u"EUR")).has_value());
    QVERIFY(Money(5, u"USD") != Money(5, u"EUR"));
}

void TestMoney::invalidCurrencyMakesInvalidMoney()
{
    const Money m(100, u"ZZZ");
    QVERIFY(!m.isValid());
    QVERIFY(m.toDecimalString().isEmpty());
    QVERIFY(!Money().isValid());
}

QTEST_APPLESS_MAIN(TestMoney)
#include "tst_money.moc"
