// Search, status, currency and date-range filters above the tables. Emits a RecordFilter (the
// account comes from the AccountSelector); typing is debounced so each keystroke is not a query.
#pragma once

#include "store/recordfilter.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QTimer;

namespace rd {

class FilterBar final : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    RecordFilter filter() const; // accountId left at 0
    QLineEdit *searchField() const { return m_search; }
    void focusSearch();

Q_SIGNALS:
    void filterChanged();

private:
    QLineEdit *m_search;
    QComboBox *m_status;
    QComboBox *m_currency;
    QCheckBox *m_useDates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QTimer *m_debounce;
};

} // namespace rd
