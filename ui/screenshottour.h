// For scripts/screenshots.sh (hidden option --screenshot-dir): once the first sync is over,
// grabs each main view, the refund dialog (valid, too large, confirmation), the bulk refund
// dialog (preview, confirmation, results) and the offline banner into PNG files, then quits.
// Driven by timers, like a person clicking.
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace rd {

class MainWindow;

class ScreenshotTour final : public QObject
{
    Q_OBJECT
public:
    ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent = nullptr);

private:
    void begin();
    void step();
    void save(QWidget *widget, const QString &name);
    // Up to `count` loaded rows of paid invoices with more than `minLeft` refundable (and some
    // refund already, when `partlyRefunded`), top first.
    QList<int> paidRows(bool partlyRefunded, qint64 minLeft, int count) const;
    int refundableRow() const;
    void selectRefundableRows(int count);

    MainWindow *m_window;
    QString m_dir;
    QList<std::function<void()>> m_steps;
    bool m_started = false;
};

} // namespace rd
