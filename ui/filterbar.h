// Search, status, currency, amount and date-range filters above the tables. Emits a
// RecordFilter (the account comes from the AccountSelector); typing is debounced so each
// keystroke is not a query. Its choices match what the tables show, and a filter that cannot
// be applied (an inverted date range, an unreadable amount) says so instead of guessing.
#pragma once

#include "store/recordfilter.h"

#include <QVariantMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace rd {

class FilterBar final : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    RecordFilter filter() const; // accountId left at 0; parts with a problem are left out
    // Why part of the filter is not applied, or empty.
    QString problem() const;
    bool isFiltering() const;
    // The currencies the cache holds; the selection is kept when still offered.
    void setCurrencies(const QStringList &codes);
    void focusSearch();
    void clear();
    // What the fields hold, as typed (a saved view keeps it); setState() puts it back and
    // applies it at once. Keys: search, status, currency, minAmount, maxAmount, from, to.
    QVariantMap state() const;
    void setState(const QVariantMap &state);

    QLineEdit *searchField() const { return m_search; }
    QComboBox *statusField() const { return m_status; }
    QComboBox *currencyField() const { return m_currency; }
    QLineEdit *minAmountField() const { return m_minAmount; }
    QLineEdit *maxAmountField() const { return m_maxAmount; }
    QLineEdit *fromField() const { return m_from; }
    QLineEdit *toField() const { return m_to; }
    QToolButton *clearButton() const { return m_clear; }
    // The first and last widgets a Tab passes through, for the window's tab order.
    QWidget *firstInTabOrder() const;
    QWidget *lastInTabOrder() const;

Q_SIGNALS:
    void filterChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void changed();
    std::optional<qint64> amountBound(const QLineEdit *field, QString *problem) const;
    QDate dateBound(const QLineEdit *field, QString *problem) const;

    QLineEdit *m_search;
    QComboBox *m_status;
    QComboBox *m_currency;
    QLineEdit *m_minAmount;
    QLineEdit *m_maxAmount;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QToolButton *m_clear;
    QLabel *m_problem;
    QTimer *m_debounce;
};

} // namespace rd
