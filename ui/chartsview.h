// Trends from the cache without exporting: refunds and chargebacks per week or month, refunds
// by reason, and the refund rate per month and account, for one account (or all) and currency.
// The sums are computed in SQL on a worker thread; hovering a bar shows its exact sum.
#pragma once

#include "report/chartdata.h"

#include <QList>
#include <QWidget>

class QBarSeries;
class QChartView;
class QComboBox;
class QLabel;
class QPieSeries;
class QThread;

namespace rd {

class Database;

class ChartsView final : public QWidget
{
    Q_OBJECT
public:
    explicit ChartsView(Database &db, QWidget *parent = nullptr);
    // Waits for any load still running, so no worker outlives the view.
    ~ChartsView() override;
    Q_DISABLE_COPY_MOVE(ChartsView)

    // 0 = all accounts. The main window keeps this in step with its account selector.
    void setAccount(qint64 accountId);
    // Empty = the first currency the account has.
    void setCurrency(const QString &currency);
    qint64 account() const;
    QString currency() const;

    // Weeks or months on the refunds and chargebacks chart.
    void setMonthly(bool monthly);
    bool isMonthly() const;

    // The figures behind the charts, exact in minor units, as last loaded.
    const ChartData &data() const { return m_data; }
    // The periods drawn: the last weeks of data().weeks, or data().months.
    QList<PeriodTotal> periods() const;
    QBarSeries *periodSeries() const { return m_periodSeries; }
    QPieSeries *reasonSeries() const { return m_reasons; }
    QBarSeries *rateSeries() const { return m_rateSeries; }
    // What hovering shows, from the exact sums: set 0 = refunds, 1 = chargebacks; for the
    // rate chart the set is the account's position in rateAccounts().
    QString periodToolTip(int set, int index) const;
    QString rateToolTip(int set, int index) const;

public Q_SLOTS:
    // Re-reads the accounts and the figures, e.g. after a sync.
    void reload();

Q_SIGNALS:
    void loaded();
    // A bar of the refunds and chargebacks chart was clicked: its first and last day (UTC).
    void periodClicked(const QDate &from, const QDate &to);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyChartTheme();
    void loadAccounts();
    void startLoad();
    void applyLoad(quint64 generation, const QStringList &currencies, const rd::ChartData &data,
                   const QString &error);
    void rebuildCharts();
    void rebuildPeriodChart();
    void rebuildRateChart();

    Database &m_db;
    ChartData m_data;
    quint64 m_generation = 0;
    QList<QThread *> m_workers;
    bool m_updatingSelectors = false;

    QComboBox *m_account = nullptr;
    QComboBox *m_currency = nullptr;
    QComboBox *m_period = nullptr;
    QLabel *m_message = nullptr;
    QChartView *m_periodView = nullptr;
    QChartView *m_reasonView = nullptr;
    QChartView *m_rateView = nullptr;
    QBarSeries *m_periodSeries = nullptr;
    QPieSeries *m_reasons = nullptr;
    QBarSeries *m_rateSeries = nullptr;
    // The months and accounts of the rate chart, in drawing order.
    QList<QDate> m_rateMonths;
    QList<qint64> m_rateAccounts;
};

} // namespace rd
