#include "filterbar.h"

#include "displayformat.h"
#include "domain/currency.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

namespace rd {

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_status(new QComboBox(this)),
      m_currency(new QComboBox(this)), m_useDates(new QCheckBox(tr("&Created from"), this)),
      m_from(new QDateEdit(this)), m_to(new QDateEdit(this)), m_debounce(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search ids, customers, emails, notes (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);

    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("Any status"), QString());
    for (const char *s : {"pending", "requires_action", "succeeded", "failed", "canceled"}) {
        const QString name = QString::fromLatin1(s);
        m_status->addItem(display::statusLabel(name), name);
    }

    m_currency->setAccessibleName(tr("Currency filter"));
    m_currency->addItem(tr("Any currency"), QString());
    for (const QString &code : Currency::knownCodes())
        m_currency->addItem(code, code);

    m_useDates->setAccessibleName(tr("Filter by creation date"));
    const QDate today = QDate::currentDate();
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
    }
    m_from->setAccessibleName(tr("Created from"));
    m_to->setAccessibleName(tr("Created to"));
    m_from->setDate(today.addMonths(-1));
    m_to->setDate(today);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 3);
    layout->addWidget(m_status);
    layout->addWidget(m_currency);
    layout->addSpacing(8);
    layout->addWidget(m_useDates);
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(tr("to"), this));
    layout->addWidget(m_to);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &FilterBar::filterChanged);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_status, &QComboBox::currentIndexChanged, this, &FilterBar::filterChanged);
    connect(m_currency, &QComboBox::currentIndexChanged, this, &FilterBar::filterChanged);
    connect(m_useDates, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        Q_EMIT filterChanged();
    });
    connect(m_from, &QDateEdit::dateChanged, this, [this] {
        if (m_useDates->isChecked())
            Q_EMIT filterChanged();
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this] {
        if (m_useDates->isChecked())
            Q_EMIT filterChanged();
    });
}

RecordFilter FilterBar::filter() const
{
    RecordFilter f;
    f.search = m_search->text().trimmed();
    f.status = m_status->currentData().toString();
    f.currency = m_currency->currentData().toString();
    if (m_useDates->isChecked()) {
        f.from = m_from->date();
        f.to = m_to->date();
    }
    return f;
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

} // namespace rd
