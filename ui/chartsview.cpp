#include "chartsview.h"

#include "displayformat.h"
#include "domain/currency.h"
#include "semanticcolors.h"
#include "store/accountrepository.h"
#include "store/database.h"

#include <algorithm>

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QPieSeries>
#include <QPieSlice>
#include <QThread>
#include <QToolTip>
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

// Weeks drawn at most: more would leave each bar too narrow for a readable label.
constexpr int MaxWeeksShown = 13;

QString weekLabel(const QDate &d)
{
    return QLocale().toString(d, QStringLiteral("d MMM"));
}

QString monthLabel(const QDate &d)
{
    return QLocale().toString(d, QStringLiteral("MMM yyyy"));
}

// Short enough to stand rotated under a narrow bar without being cut.
QString shortMonthLabel(const QDate &d)
{
    return QLocale().toString(d, QStringLiteral("MMM yy"));
}

// "12.34 %" from hundredths of a percent; a double only for the axis position.
QString percentText(qint64 basisPoints)
{
    return QStringLiteral("%1 %").arg(QLocale().toString(double(basisPoints) / 100.0, 'f', 2));
}

// A value axis from 0 with round steps, labelled in major units of the currency.
QValueAxis *valueAxis(const QString &title, qreal max, int decimals)
{
    auto *y = new QValueAxis;
    y->setTitleText(title);
    y->setRange(0, max > 0 ? max : 1);
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
    return y;
}

// Rotated labels when there are many categories, so each stays readable instead of "…".
QBarCategoryAxis *categoryAxis(const QString &title, const QStringList &labels)
{
    auto *x = new QBarCategoryAxis;
    x->append(labels);
    x->setTitleText(title);
    if (labels.size() > 8)
        x->setLabelsAngle(-90);
    return x;
}

QChartView *chartView(QChart *chart, QWidget *parent)
{
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(320, 240);
    return view;
}

void clearAxes(QChart *chart)
{
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
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

    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("period"));
    m_period->setAccessibleName(tr("Period"));
    m_period->addItem(tr("Weeks"));
    m_period->addItem(tr("Months"));
    selectors->insertWidget(4, new QLabel(tr("Per:"), this));
    selectors->insertWidget(5, m_period);

    auto *periodChart = new QChart;
    m_periodSeries = new QBarSeries(periodChart);
    periodChart->addSeries(m_periodSeries);
    m_periodView = chartView(periodChart, this);

    auto *reasonChart = new QChart;
    reasonChart->setTitle(tr("Refunds by reason"));
    m_reasons = new QPieSeries(reasonChart);
    reasonChart->addSeries(m_reasons);
    m_reasonView = chartView(reasonChart, this);
    // Names in a side legend, shares on the slices, exact sums on hover.
    reasonChart->legend()->setAlignment(Qt::AlignRight);
    reasonChart->legend()->setShowToolTips(true);
    connect(m_reasons, &QPieSeries::hovered, this, [this](QPieSlice *slice, bool on) {
        slice->setExploded(on);
        if (on)
            QToolTip::showText(QCursor::pos(), slice->property("detail").toString());
        else
            QToolTip::hideText();
    });

    auto *rateChart = new QChart;
    rateChart->setTitle(tr("Refund rate per month: refunded ÷ paid, by account"));
    m_rateSeries = new QBarSeries(rateChart);
    rateChart->addSeries(m_rateSeries);
    m_rateView = chartView(rateChart, this);

    auto *charts = new QGridLayout;
    charts->addWidget(m_periodView, 0, 0);
    charts->addWidget(m_reasonView, 0, 1);
    charts->addWidget(m_rateView, 1, 0, 1, 2);
    charts->setColumnStretch(0, 5);
    charts->setColumnStretch(1, 4);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(selectors);
    layout->addLayout(charts, 1);

    // Exact sums on hover, from the minor units rather than the plotted doubles.
    const auto hoverText = [this](QBarSeries *series, QString (ChartsView::*text)(int, int) const) {
        connect(series, &QBarSeries::hovered, this,
                [this, series, text](bool on, int index, QBarSet *set) {
                    if (on)
                        QToolTip::showText(
                            QCursor::pos(),
                            (this->*text)(int(series->barSets().indexOf(set)), index));
                    else
                        QToolTip::hideText();
                });
    };
    hoverText(m_periodSeries, &ChartsView::periodToolTip);
    hoverText(m_rateSeries, &ChartsView::rateToolTip);
    connect(m_periodSeries, &QBarSeries::clicked, this, [this](int index, QBarSet *) {
        const QList<PeriodTotal> shown = periods();
        if (index < 0 || index >= shown.size())
            return;
        const QDate from = shown.at(index).start;
        Q_EMIT periodClicked(from, (isMonthly() ? from.addMonths(1) : from.addDays(7)).addDays(-1));
    });
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] { rebuildPeriodChart(); });

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
    applyChartTheme();
    loadAccounts();
    startLoad();
}

void ChartsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
        applyChartTheme();
    QWidget::changeEvent(event);
}

void ChartsView::applyChartTheme()
{
    // The charts draw their own backgrounds; a dark palette gets the dark chart theme.
    const auto theme =
        semantic::isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    for (QChartView *view : {m_periodView, m_reasonView, m_rateView}) {
        if (view->chart()->theme() != theme)
            view->chart()->setTheme(theme);
    }
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

void ChartsView::setMonthly(bool monthly)
{
    m_period->setCurrentIndex(monthly ? 1 : 0);
}

bool ChartsView::isMonthly() const
{
    return m_period->currentIndex() == 1;
}

QList<PeriodTotal> ChartsView::periods() const
{
    if (isMonthly())
        return m_data.months;
    return m_data.weeks.mid(std::max(qsizetype(0), m_data.weeks.size() - MaxWeeksShown));
}

QString ChartsView::periodToolTip(int set, int index) const
{
    const QList<PeriodTotal> shown = periods();
    if (index < 0 || index >= shown.size() || set < 0 || set > 1)
        return QString();
    const PeriodTotal &p = shown.at(index);
    const QString when =
        isMonthly() ? monthLabel(p.start)
                    : tr("week of %1").arg(QLocale().toString(p.start, QLocale::ShortFormat));
    return set == 0 ? tr("Refunds, %1: %2").arg(when, display::amount(p.refunds, m_data.currency))
                    : tr("Chargebacks, %1: %2")
                          .arg(when, display::amount(p.chargebacks, m_data.currency));
}

QString ChartsView::rateToolTip(int set, int index) const
{
    if (set < 0 || set >= m_rateAccounts.size() || index < 0 || index >= m_rateMonths.size())
        return QString();
    for (const RefundRate &r : m_data.rates) {
        if (r.accountId == m_rateAccounts.at(set) && r.month == m_rateMonths.at(index))
            return tr("%1, %2: %3 (%4 refunded of %5 paid)")
                .arg(r.accountName, monthLabel(r.month), percentText(r.basisPoints()),
                     display::amount(r.refunded, m_data.currency),
                     display::amount(r.paid, m_data.currency));
    }
    return tr("%1, %2: nothing paid")
        .arg(m_rateSeries->barSets().at(set)->label(), monthLabel(m_rateMonths.at(index)));
}

void ChartsView::rebuildCharts()
{
    rebuildPeriodChart();
    rebuildRateChart();

    m_reasons->clear();
    for (const ReasonTotal &r : std::as_const(m_data.reasons)) {
        const QString name = r.reason == QLatin1String("unspecified")
                                 ? tr("Unspecified")
                                 : display::reasonLabel(r.reason);
        auto *slice = m_reasons->append(
            name, plotValue(r.amount, std::max(0, Currency::exponent(m_data.currency))));
        slice->setProperty("detail", tr("%1: %2 (refunds: %3)")
                                         .arg(name, display::amount(r.amount, m_data.currency))
                                         .arg(r.count));
        // The legend names the slices (its label is the slice's); labels around a small
        // pie would be cut, so the sums are in the hover text.
        slice->setLabelVisible(false);
    }
}

void ChartsView::rebuildPeriodChart()
{
    const int exponent = std::max(0, Currency::exponent(m_data.currency));
    const bool monthly = isMonthly();
    QChart *chart = m_periodView->chart();
    chart->setTitle(monthly ? tr("Refunds and chargebacks per month")
                    : m_data.weeks.size() > MaxWeeksShown
                        ? tr("Refunds and chargebacks per week, last %1 weeks").arg(MaxWeeksShown)
                        : tr("Refunds and chargebacks per week"));
    m_periodSeries->clear();
    clearAxes(chart);
    auto *refunds = new QBarSet(tr("Refunds"));
    auto *chargebacks = new QBarSet(tr("Chargebacks"));
    QStringList labels;
    qreal max = 0;
    for (const PeriodTotal &p : periods()) {
        labels << (monthly ? shortMonthLabel(p.start) : weekLabel(p.start));
        *refunds << plotValue(p.refunds, exponent);
        *chargebacks << plotValue(p.chargebacks, exponent);
        max = std::max({max, plotValue(p.refunds, exponent), plotValue(p.chargebacks, exponent)});
    }
    m_periodSeries->append(refunds);
    m_periodSeries->append(chargebacks);
    // Bars as wide as the category allows, so a few weeks with data still show.
    m_periodSeries->setBarWidth(0.9);
    auto *x = categoryAxis(monthly ? tr("Month (UTC)") : tr("Week starting (UTC)"), labels);
    auto *y = valueAxis(m_data.currency, max, max >= 100 || exponent == 0 ? 0 : exponent);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    m_periodSeries->attachAxis(x);
    m_periodSeries->attachAxis(y);
}

void ChartsView::rebuildRateChart()
{
    QChart *chart = m_rateView->chart();
    m_rateSeries->clear();
    clearAxes(chart);
    m_rateMonths.clear();
    m_rateAccounts.clear();
    QMap<qint64, QString> names;
    for (const RefundRate &r : std::as_const(m_data.rates)) {
        if (!m_rateMonths.contains(r.month))
            m_rateMonths.append(r.month);
        names.insert(r.accountId, r.accountName);
    }
    std::sort(m_rateMonths.begin(), m_rateMonths.end());
    // Every month from the first to the last, as in the chart above: an axis that skipped the
    // months with nothing paid would put unlike gaps side by side.
    if (!m_rateMonths.isEmpty()) {
        const QDate first = m_rateMonths.constFirst();
        const QDate last = m_rateMonths.constLast();
        m_rateMonths.clear();
        for (QDate m = first; m <= last; m = m.addMonths(1))
            m_rateMonths.append(m);
    }
    QStringList labels;
    for (const QDate &m : std::as_const(m_rateMonths))
        labels << shortMonthLabel(m);
    qreal max = 0;
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        m_rateAccounts.append(it.key());
        auto *set = new QBarSet(it.value());
        for (const QDate &month : std::as_const(m_rateMonths)) {
            qint64 bp = 0;
            for (const RefundRate &r : std::as_const(m_data.rates)) {
                if (r.accountId == it.key() && r.month == month)
                    bp = r.basisPoints();
            }
            *set << qreal(bp) / 100.0; // plot position only
            max = std::max(max, qreal(bp) / 100.0);
        }
        m_rateSeries->append(set);
    }
    m_rateSeries->setBarWidth(0.9);
    auto *x = categoryAxis(tr("Month paid (UTC)"), labels);
    auto *y = valueAxis(tr("%"), max, 0);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    m_rateSeries->attachAxis(x);
    m_rateSeries->attachAxis(y);
}

} // namespace rd
