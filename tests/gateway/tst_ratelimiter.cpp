// The request-rate ceiling's arithmetic: even spacing at the ceiling, a 429 halving the pace and
// holding requests for its Retry-After, recovery back to (never beyond) the ceiling.
#include "gateway/ratelimiter.h"

#include <QTest>

using rd::RateLimiter;

class TestRateLimiter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noCeilingNeverWaits();
    void spacesRequestsAtTheCeiling_data();
    void spacesRequestsAtTheCeiling();
    void idleTimeIsNotSavedUp();
    void tooManyRequestsHalvesThePaceAndPauses();
    void answersWinTheRateBackUpToTheCeiling();
};

void TestRateLimiter::noCeilingNeverWaits()
{
    RateLimiter limiter;
    for (int i = 0; i < 100; ++i)
        QCOMPARE(limiter.reserve(1000), 0);
    limiter.onRateLimited(1000, 5000);
    QCOMPARE(limiter.reserve(1000), 0);
}

void TestRateLimiter::spacesRequestsAtTheCeiling_data()
{
    QTest::addColumn<double>("ceiling");
    QTest::addColumn<qint64>("spacingMs");
    QTest::newRow("50/s") << 50.0 << qint64(20);
    QTest::newRow("25/s") << 25.0 << qint64(40);
    QTest::newRow("2.5/s") << 2.5 << qint64(400);
}

void TestRateLimiter::spacesRequestsAtTheCeiling()
{
    QFETCH(double, ceiling);
    QFETCH(qint64, spacingMs);
    RateLimiter limiter(ceiling);
    // Ten requests asked for at the same moment go out one spacing apart.
    for (int i = 0; i < 10; ++i)
        QCOMPARE(limiter.reserve(5000), i * spacingMs);
}

void TestRateLimiter::idleTimeIsNotSavedUp()
{
    RateLimiter limiter(10);
    QCOMPARE(limiter.reserve(0), 0);
    // After a quiet minute the next two still keep their distance: no burst.
    QCOMPARE(limiter.reserve(60000), 0);
    QCOMPARE(limiter.reserve(60000), 100);
}

void TestRateLimiter::tooManyRequestsHalvesThePaceAndPauses()
{
    RateLimiter limiter(40);
    QCOMPARE(limiter.reserve(0), 0);
    limiter.onRateLimited(10, 1000);
    QCOMPARE(limiter.currentRate(), 20.0);
    // Nothing leaves before Retry-After has passed, then at the halved pace (50 ms apart).
    QCOMPARE(limiter.reserve(10), 1000);
    QCOMPARE(limiter.reserve(10), 1050);
    limiter.onRateLimited(20, 0);
    QCOMPARE(limiter.currentRate(), 10.0);
    // Without Retry-After the pause is one interval, and never shortens a pause already set.
    QVERIFY(limiter.reserve(20) >= 1080);
}

void TestRateLimiter::answersWinTheRateBackUpToTheCeiling()
{
    RateLimiter limiter(50);
    limiter.onRateLimited(0, 0);
    limiter.onRateLimited(0, 0);
    QCOMPARE(limiter.currentRate(), 12.5);
    limiter.onAnswered();
    QCOMPARE(limiter.currentRate(), 13.5);
    for (int i = 0; i < 100; ++i)
        limiter.onAnswered();
    QCOMPARE(limiter.currentRate(), 50.0);
    // Many 429s never stop requests altogether.
    for (int i = 0; i < 100; ++i)
        limiter.onRateLimited(0, 0);
    QVERIFY(limiter.currentRate() > 0);
}

QTEST_APPLESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
