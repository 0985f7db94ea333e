// Trends from the cache without exporting: refunds and chargebacks per week, and refunds by
// reason, for one account and currency. The sums are computed in SQL on a worker thread.
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

    // The figures behind the charts, exact in minor units, as last loaded.
    const ChartData &data() const { return m_data; }
    QBarSeries *weeklySeries() const { return m_weekly; }
    QPieSeries *reasonSeries() const { return m_reasons; }

public Q_SLOTS:
    // Re-reads the accounts and the figures, e.g. after a sync.
    void reload();

Q_SIGNALS:
    void loaded();

private:
    void loadAccounts();
    void startLoad();
    void applyLoad(quint64 generation, const QStringList &currencies, const rd::ChartData &data,
                   const QString &error);
    void rebuildCharts();

    Database &m_db;
    ChartData m_data;
    quint64 m_generation = 0;
    QList<QThread *> m_workers;
    bool m_updatingSelectors = false;

    QComboBox *m_account = nullptr;
    QComboBox *m_currency = nullptr;
    QLabel *m_message = nullptr;
    QChartView *m_weeklyView = nullptr;
    QChartView *m_reasonView = nullptr;
    QBarSeries *m_weekly = nullptr;
    QPieSeries *m_reasons = nullptr;
};

} // namespace rd
