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
    int refundableRow() const;
    void selectRefundableRows(int count);

    MainWindow *m_window;
    QString m_dir;
    QList<std::function<void()>> m_steps;
    bool m_started = false;
};

} // namespace rd
