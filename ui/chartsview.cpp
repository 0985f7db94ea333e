#include "chartsview.h"

#include "domain/currency.h"
#include "domain/money.h"
#include "store/accountrepository.h"
#include "store/database.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPieSeries>
#include <QThread>
#include <QVBoxLayout>
#include <QValueAxis>

namespace rd {

namespace {

// Plot coordinates only: the exact figures stay in ChartData as minor units.
qreal plotValue(qint64 minor, int exponent)
{
    qreal value = qreal(minor);
    for (int i = 0; i < exponent; ++i)
        value /= 10;
    return value;
}

} // namespace

ChartsView::ChartsView(Database &db, QWidget *parent) : QWidget(parent), m_db(db)
{
    m_account = new QComboBox(this);
    m_account->setObjectName(QStringLiteral("account"));
    m_account->setAccessibleName(tr("Account"));
    m_currency = new QComboBox(this);
    m_currency->setObjectName(QStringLiteral("currency"));
    m_currency->setAccessibleName(tr("Currency"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));

    auto *selectors = new QHBoxLayout;
    selectors->addWidget(new QLabel(tr("Account:"), this));
    selectors->addWidget(m_account);
    selectors->addWidget(new QLabel(tr("Currency:"), this));
    selectors->addWidget(m_currency);
    selectors->addWidget(m_message, 1);

    auto *weeklyChart = new QChart;
    weeklyChart->setTitle(tr("Refunds and chargebacks per week"));
    m_weekly = new QBarSeries(weeklyChart);
    weeklyChart->addSeries(m_weekly);
    m_weeklyView = new QChartView(weeklyChart, this);
    m_weeklyView->setRenderHint(QPainter::Antialiasing);

    auto *reasonChart = new QChart;
    reasonChart->setTitle(tr("Refunds by reason"));
    m_reasons = new QPieSeries(reasonChart);
    reasonChart->addSeries(m_reasons);
    reasonChart->legend()->setAlignment(Qt::AlignRight);
    m_reasonView = new QChartView(reasonChart, this);
    m_reasonView->setRenderHint(QPainter::Antialiasing);

    auto *charts = new QHBoxLayout;
    charts->addWidget(m_weeklyView, 3);
    charts->addWidget(m_reasonView, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(selectors);
    layout->addLayout(charts, 1);

    connect(m_account, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updatingSelectors) {
            m_currency->clear(); // another account has other currencies
            startLoad();
        }
    });
    connect(m_currency, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updatingSelectors)
            startLoad();
    });
    loadAccounts();
    startLoad();
}

ChartsView::~ChartsView()
{
    for (QThread *t : std::as_const(m_workers)) {
        t->wait();
        delete t;
    }
}

void ChartsView::loadAccounts()
{
    const qint64 current = account();
    m_updatingSelectors = true;
    m_account->clear();
    m_account->addItem(tr("All accounts"), qint64(0));
    for (const Account &a : AccountRepository(m_db).list().valueOr({}))
        m_account->addItem(a.name, a.id);
    m_account->setCurrentIndex(std::max(0, m_account->findData(current)));
    m_updatingSelectors = false;
}

qint64 ChartsView::account() const
{
    return m_account->currentData().toLongLong();
}

QString ChartsView::currency() const
{
    return m_currency->currentText();
}

void ChartsView::setAccount(qint64 accountId)
{
    const int index = m_account->findData(accountId);
    if (index >= 0 && index != m_account->currentIndex())
        m_account->setCurrentIndex(index); // reloads through the signal
}

void ChartsView::setCurrency(const QString &currency)
{
    const QString code = currency.toUpper();
    if (code == this->currency())
        return;
    m_updatingSelectors = true;
    if (m_currency->findText(code) < 0)
        m_currency->addItem(code);
    m_currency->setCurrentIndex(m_currency->findText(code));
    m_updatingSelectors = false;
    startLoad();
}

void ChartsView::reload()
{
    loadAccounts();
    startLoad();
}

void ChartsView::startLoad()
{
    const quint64 generation = ++m_generation;
    const QString path = m_db.path();
    const qint64 accountId = account();
    const QString wanted = currency();
    m_message->setText(tr("Loading…"));
    // The aggregates scan an account's history, so they run on a worker with its own
    // connection; a newer request supersedes an older one through the generation.
    QThread *worker = QThread::create([this, generation, path, accountId, wanted] {
        QStringList currencies;
        ChartData data;
        QString error;
        {
            Database db;
            if (db.open(path, &error)) {
                const ChartQueries queries(db);
                const auto found = queries.currencies(accountId);
                error = found.error();
                currencies = found.valueOr({});
                const QString chosen = currencies.contains(wanted) || currencies.isEmpty()
                                           ? wanted
                                           : currencies.first();
                if (error.isEmpty() && !chosen.isEmpty()) {
                    const auto loaded = queries.load(accountId, chosen);
                    error = loaded.error();
                    data = loaded.valueOr(ChartData());
                }
                data.accountId = accountId;
                data.currency = chosen;
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, generation, currencies, data, error] {
                applyLoad(generation, currencies, data, error);
            },
            Qt::QueuedConnection);
    });
    m_workers.append(worker);
    connect(worker, &QThread::finished, this, [this, worker] {
        m_workers.removeOne(worker);
        worker->deleteLater();
    });
    worker->start();
}

void ChartsView::applyLoad(quint64 generation, const QStringList &currencies, const ChartData &data,
                           const QString &error)
{
    if (generation != m_generation)
        return; // superseded by a newer selection
    m_updatingSelectors = true;
    m_currency->clear();
    m_currency->addItems(currencies);
    m_currency->setCurrentIndex(std::max(0, int(currencies.indexOf(data.currency))));
    m_updatingSelectors = false;
    m_data = data;
    if (!error.isEmpty())
        m_message->setText(error);
    else if (currencies.isEmpty())
        m_message->setText(tr("No refunds or chargebacks in the cache yet."));
    else
        m_message->clear();
    rebuildCharts();
    Q_EMIT loaded();
}

void ChartsView::rebuildCharts()
{
    const int exponent = std::max(0, Currency::exponent(m_data.currency));
    QChart *weeklyChart = m_weeklyView->chart();
    m_weekly->clear();
    for (QAbstractAxis *axis : weeklyChart->axes()) {
        weeklyChart->removeAxis(axis);
        delete axis;
    }
    auto *refunds = new QBarSet(tr("Refunds"));
    auto *chargebacks = new QBarSet(tr("Chargebacks"));
    QStringList weeks;
    for (const WeeklyTotal &w : std::as_const(m_data.weeks)) {
        weeks << w.weekStart.toString(QStringLiteral("yyyy-MM-dd"));
        *refunds << plotValue(w.refunds, exponent);
        *chargebacks << plotValue(w.chargebacks, exponent);
    }
    m_weekly->append(refunds);
    m_weekly->append(chargebacks);
    auto *x = new QBarCategoryAxis;
    x->append(weeks);
    x->setTitleText(tr("Week starting (UTC)"));
    auto *y = new QValueAxis;
    y->setTitleText(m_data.currency);
    y->setLabelFormat(QStringLiteral("%.0f"));
    weeklyChart->addAxis(x, Qt::AlignBottom);
    weeklyChart->addAxis(y, Qt::AlignLeft);
    m_weekly->attachAxis(x);
    m_weekly->attachAxis(y);

    m_reasons->clear();
    for (const ReasonTotal &r : std::as_const(m_data.reasons)) {
        auto *slice = m_reasons->append(
            tr("%1: %2 %3 (%4)")
                .arg(r.reason, Money::formatMinor(r.amount, exponent), m_data.currency)
                .arg(r.count),
            plotValue(r.amount, exponent));
        slice->setLabelVisible(m_data.reasons.size() <= 8);
    }
}

} // namespace rd
