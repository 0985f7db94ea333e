#include "filterbar.h"
#include "semanticcolors.h"

#include "amountinput.h"
#include "displayformat.h"
#include "domain/currency.h"
#include "domain/money.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_status(new QComboBox(this)),
      m_currency(new QComboBox(this)), m_minAmount(new QLineEdit(this)),
      m_maxAmount(new QLineEdit(this)), m_from(new QLineEdit(this)), m_to(new QLineEdit(this)),
      m_clear(new QToolButton(this)), m_problem(new QLabel(this)), m_debounce(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search ids, customers, emails, notes (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setToolTip(tr("Esc clears the search"));
    m_search->setClearButtonEnabled(true);
    // It takes the row's spare width; on a laptop screen it gives way first.
    m_search->setMinimumWidth(120);
    m_search->installEventFilter(this);

    // The states the tables show: a refund's or chargeback's own status, and the invoice
    // states the invoices table labels its rows with.
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("Any status"), QString());
    for (const char *s : {"pending", "requires_action", "succeeded", "failed", "canceled"}) {
        const QString name = QString::fromLatin1(s);
        m_status->addItem(display::statusLabel(name), name);
    }
    m_status->insertSeparator(m_status->count());
    for (const QString &state : invoiceStateNames())
        m_status->addItem(display::filterStatusLabel(state), state);
    m_status->setToolTip(tr("Invoice states (paid, refunded, disputed) select refunds and "
                            "chargebacks by their invoice."));
    // Sized for most labels, not the longest: the open list shows every one whole.
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_status->setMinimumContentsLength(14);

    m_currency->setAccessibleName(tr("Currency filter"));
    setCurrencies({});

    auto *amountLabel = new QLabel(tr("A&mount"), this);
    amountLabel->setBuddy(m_minAmount);
    m_minAmount->setAccessibleName(tr("Smallest amount"));
    m_maxAmount->setAccessibleName(tr("Largest amount"));
    m_minAmount->setPlaceholderText(tr("min"));
    m_maxAmount->setPlaceholderText(tr("max"));
    auto *dateLabel = new QLabel(tr("Cr&eated"), this);
    dateLabel->setBuddy(m_from);
    m_from->setAccessibleName(tr("Created from"));
    m_to->setAccessibleName(tr("Created to"));
    // Wide enough for a whole date and the clear button, so nothing typed is cut off.
    const int dateWidth =
        m_from->fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88")) + 40;
    // On a narrow window they give up the room of the clear button before anything else.
    for (QLineEdit *e : {m_minAmount, m_maxAmount, m_from, m_to}) {
        e->setClearButtonEnabled(true);
        const int width = e == m_from || e == m_to ? dateWidth : dateWidth - 10;
        e->setMaximumWidth(width);
        // A whole typed date still fits; amounts are shorter.
        e->setMinimumWidth(width - (e == m_from || e == m_to ? 30 : 40));
        e->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    }
    // Empty dates mean all time: nothing cached is hidden until the clerk asks for it.
    m_from->setPlaceholderText(tr("YYYY-MM-DD"));
    m_to->setPlaceholderText(tr("YYYY-MM-DD"));
    m_from->setToolTip(tr("First day, inclusive (UTC). Empty: from the first invoice."));
    m_to->setToolTip(tr("Last day, inclusive (UTC). Empty: up to today."));

    m_clear->setText(tr("C&lear filters"));
    m_clear->setAccessibleName(tr("Clear filters"));
    m_clear->setToolTip(tr("Show every row again"));
    m_problem->setObjectName(QStringLiteral("filterProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Error)));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_search, 3);
    row->addWidget(m_status);
    row->addWidget(m_currency);
    row->addSpacing(8);
    row->addWidget(amountLabel);
    row->addWidget(m_minAmount);
    row->addWidget(new QLabel(QStringLiteral("–"), this));
    row->addWidget(m_maxAmount);
    row->addSpacing(8);
    row->addWidget(dateLabel);
    row->addWidget(m_from);
    row->addWidget(new QLabel(QStringLiteral("–"), this));
    row->addWidget(m_to);
    row->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_problem);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &FilterBar::changed);
    for (QLineEdit *e : {m_search, m_minAmount, m_maxAmount, m_from, m_to})
        connect(e, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_status, &QComboBox::currentIndexChanged, this, &FilterBar::changed);
    connect(m_currency, &QComboBox::currentIndexChanged, this, &FilterBar::changed);
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    changed();
}

QWidget *FilterBar::firstInTabOrder() const
{
    return m_search;
}

QWidget *FilterBar::lastInTabOrder() const
{
    return m_clear;
}

void FilterBar::setCurrencies(const QStringList &codes)
{
    const QString current = m_currency->currentData().toString();
    const QSignalBlocker blocker(m_currency);
    m_currency->clear();
    m_currency->addItem(tr("Any currency"), QString());
    QStringList sorted = codes;
    sorted.sort();
    for (const QString &code : std::as_const(sorted))
        m_currency->addItem(code, code);
    const int keep = m_currency->findData(current);
    m_currency->setCurrentIndex(std::max(0, keep));
    if (keep < 0 && !current.isEmpty())
        changed(); // the chosen currency left the cache
}

std::optional<qint64> FilterBar::amountBound(const QLineEdit *field, QString *problem) const
{
    const QString text = field->text().trimmed();
    const QString currency = m_currency->currentData().toString();
    if (text.isEmpty() || !problem->isEmpty())
        return std::nullopt;
    if (currency.isEmpty()) {
        *problem = tr("Choose a currency to filter by amount: amounts in different currencies "
                      "do not compare.");
        return std::nullopt;
    }
    const AmountInput input = normaliseAmountInput(text, currency, Currency::exponent(currency));
    QString why = input.problem;
    std::optional<Money> money;
    if (why.isEmpty())
        money = Money::parse(input.text, currency, &why);
    if (!money) {
        *problem = tr("Amount \"%1\": %2").arg(text, why);
        return std::nullopt;
    }
    return money->minorUnits();
}

QDate FilterBar::dateBound(const QLineEdit *field, QString *problem) const
{
    const QString text = field->text().trimmed();
    if (text.isEmpty() || !problem->isEmpty())
        return {};
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        *problem = tr("\"%1\" is not a date; write it as YYYY-MM-DD, e.g. %2.")
                       .arg(text, QDate::currentDate().toString(Qt::ISODate));
    return date;
}

QString FilterBar::problem() const
{
    QString p;
    const std::optional<qint64> min = amountBound(m_minAmount, &p);
    const std::optional<qint64> max = amountBound(m_maxAmount, &p);
    if (p.isEmpty() && min && max && *min > *max)
        p = tr("The smallest amount is larger than the largest: the amount range is not "
               "applied.");
    const QDate from = dateBound(m_from, &p);
    const QDate to = dateBound(m_to, &p);
    if (p.isEmpty() && from.isValid() && to.isValid() && from > to)
        p = tr("The \"to\" date is before the \"from\" date: the date range is not applied.");
    return p;
}

RecordFilter FilterBar::filter() const
{
    RecordFilter f;
    f.search = m_search->text().trimmed();
    f.status = m_status->currentData().toString();
    f.currency = m_currency->currentData().toString();
    QString p;
    f.minAmount = amountBound(m_minAmount, &p);
    f.maxAmount = amountBound(m_maxAmount, &p);
    if (!p.isEmpty() || (f.minAmount && f.maxAmount && *f.minAmount > *f.maxAmount))
        f.minAmount = f.maxAmount = std::nullopt;
    p.clear();
    f.from = dateBound(m_from, &p);
    f.to = dateBound(m_to, &p);
    if (!p.isEmpty() || (f.from.isValid() && f.to.isValid() && f.from > f.to))
        f.from = f.to = QDate();
    return f;
}

bool FilterBar::isFiltering() const
{
    if (!m_search->text().trimmed().isEmpty() || m_status->currentIndex() > 0 ||
        m_currency->currentIndex() > 0)
        return true;
    for (const QLineEdit *e : {m_minAmount, m_maxAmount, m_from, m_to}) {
        if (!e->text().trimmed().isEmpty())
            return true;
    }
    return false;
}

void FilterBar::changed()
{
    m_debounce->stop();
    const bool currency = !m_currency->currentData().toString().isEmpty();
    for (QLineEdit *e : {m_minAmount, m_maxAmount})
        e->setToolTip(currency ? tr("In %1, inclusive").arg(m_currency->currentData().toString())
                               : tr("Choose a currency first"));
    const QString p = problem();
    m_problem->setText(p);
    // Read again each time, so a theme switched since still gives a readable colour.
    m_problem->setStyleSheet(QStringLiteral("color: %1").arg(semantic::css(semantic::Role::Error)));
    m_problem->setVisible(!p.isEmpty());
    m_clear->setEnabled(isFiltering());
    Q_EMIT filterChanged();
}

void FilterBar::clear()
{
    {
        const QSignalBlocker a(m_status);
        const QSignalBlocker b(m_currency);
        m_status->setCurrentIndex(0);
        m_currency->setCurrentIndex(0);
        for (QLineEdit *e : {m_search, m_minAmount, m_maxAmount, m_from, m_to})
            e->clear();
    }
    changed();
}

QVariantMap FilterBar::state() const
{
    return {{QStringLiteral("search"), m_search->text()},
            {QStringLiteral("status"), m_status->currentData().toString()},
            {QStringLiteral("currency"), m_currency->currentData().toString()},
            {QStringLiteral("minAmount"), m_minAmount->text()},
            {QStringLiteral("maxAmount"), m_maxAmount->text()},
            {QStringLiteral("from"), m_from->text()},
            {QStringLiteral("to"), m_to->text()}};
}

void FilterBar::setState(const QVariantMap &state)
{
    {
        const QSignalBlocker a(m_status);
        const QSignalBlocker b(m_currency);
        m_status->setCurrentIndex(
            std::max(0, m_status->findData(state.value(QStringLiteral("status")).toString())));
        // A currency the cache no longer holds is still offered, so the view means what it did.
        const QString currency = state.value(QStringLiteral("currency")).toString();
        if (!currency.isEmpty() && m_currency->findData(currency) < 0)
            m_currency->addItem(currency, currency);
        m_currency->setCurrentIndex(std::max(0, m_currency->findData(currency)));
        const QList<std::pair<QLineEdit *, QString>> fields{
            {m_search, QStringLiteral("search")},
            {m_minAmount, QStringLiteral("minAmount")},
            {m_maxAmount, QStringLiteral("maxAmount")},
            {m_from, QStringLiteral("from")},
            {m_to, QStringLiteral("to")}};
        for (const auto &[field, key] : fields) {
            const QSignalBlocker c(field);
            field->setText(state.value(key).toString());
        }
    }
    changed();
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    // Esc in the search box clears it at once (no debounce): the rows come straight back.
    if (watched == m_search && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
        {
            const QSignalBlocker blocker(m_search);
            m_search->clear();
        }
        changed();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace rd
