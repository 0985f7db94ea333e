#include "lazytablemodel.h"

#include "displayformat.h"
#include "modelroles.h"
#include "store/database.h"

#include <QBrush>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace rd {

namespace {

// Page requests older than this many newer ones are skipped: the person has scrolled past.
constexpr quint64 MaxQueuedPages = 6;

bool bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    return true;
}

} // namespace

LazyTableModel::LazyTableModel(const QString &databasePath, const QString &table,
                               const QString &alias, const QString &selectList,
                               const QList<ColumnSpec> &columns, int defaultSortColumn,
                               Qt::SortOrder defaultOrder, QObject *parent)
    : QAbstractTableModel(parent), m_worker(std::make_unique<CacheWorker>(databasePath)),
      m_table(table), m_alias(alias), m_selectList(selectList), m_columns(columns),
      m_sortColumn(defaultSortColumn), m_sortOrder(defaultOrder),
      m_liveGeneration(std::make_shared<std::atomic<quint64>>(0)),
      m_latestRequest(std::make_shared<std::atomic<quint64>>(0))
{}

LazyTableModel::~LazyTableModel()
{
    // Stop queued jobs from running their queries, then join the worker before members go.
    m_liveGeneration->store(0);
    m_worker.reset();
}

void LazyTableModel::start()
{
    reload(true);
}

int LazyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int LazyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant LazyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_columns.at(section).title;
    if (role == Qt::ToolTipRole && !isSortable(section))
        return tr("%1 (not sortable)").arg(m_columns.at(section).title);
    return {};
}

LazyTableModel::ColumnSpec LazyTableModel::createdColumn(const QString &alias)
{
    return {tr("Created"), {alias + QStringLiteral(".created_at")}, SharedCell::Created};
}

LazyTableModel::ColumnSpec LazyTableModel::accountColumn(const QString &alias)
{
    return {tr("Account"),
            {alias + QStringLiteral(".account_id"), alias + QStringLiteral(".created_at")},
            SharedCell::Account};
}

LazyTableModel::ColumnSpec LazyTableModel::stateColumn(const QString &title, const QString &alias,
                                                       const QString &stateField)
{
    return {title, {alias + QLatin1Char('.') + stateField, alias + QStringLiteral(".created_at")}};
}

LazyTableModel::ColumnSpec LazyTableModel::sharedColumn(const QString &title, SharedCell shared,
                                                        const QStringList &orderTerms)
{
    return {title, orderTerms, shared};
}

bool LazyTableModel::isTextRole(int role)
{
    return role == Qt::DisplayRole || role == Qt::ToolTipRole || role == RawValueRole;
}

QVariant LazyTableModel::alignment(bool right)
{
    return int((right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
}

QVariant LazyTableModel::brushOrNone(const QColor &color)
{
    return color.isValid() ? QVariant(QBrush(color)) : QVariant();
}

QVariant LazyTableModel::amountCell(const QVariantList &row, bool raw)
{
    const qint64 minor = row.at(FieldAmount).toLongLong();
    return raw ? QVariant(minor)
               : QVariant(display::amount(minor, row.at(FieldCurrency).toString()));
}

QVariant LazyTableModel::sharedCell(const QVariantList &row, SharedCell shared, bool raw)
{
    switch (shared) {
    case SharedCell::Created: {
        const qint64 secs = row.at(FieldCreated).toLongLong();
        return raw ? QVariant(display::utc(secs)) : QVariant(display::timestamp(secs));
    }
    case SharedCell::Account:
        return row.at(FieldAccountName).toString();
    case SharedCell::RecordId:
        return row.at(FieldRecordId).toString();
    case SharedCell::InvoiceId:
        return row.at(FieldInvoiceId).toString();
    case SharedCell::Amount:
        return amountCell(row, raw);
    case SharedCell::None:
        break;
    }
    return {};
}

QVariant LazyTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int page = index.row() / PageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        requestPage(page);
        return {};
    }
    it->lastUsed = ++m_useTick;
    if (it->generation != m_generation)
        requestPage(page); // stale rows stay visible until the fresh ones arrive
    const int offset = index.row() % PageSize;
    if (offset >= it->rows.size())
        return {};
    const QVariantList &row = it->rows.at(offset);
    switch (role) {
    case AccountIdRole:
        return row.value(FieldAccountId).toLongLong();
    case RecordIdRole:
        return row.value(FieldRecordId).toString();
    case InvoiceIdRole:
        return row.value(FieldInvoiceId).toString();
    case CurrencyRole:
        return row.value(FieldCurrency).toString();
    default: {
        const SharedCell shared = m_columns.at(index.column()).shared;
        const QVariant value = shared != SharedCell::None && isTextRole(role)
                                   ? sharedCell(row, shared, role == RawValueRole)
                                   : cell(row, index.column(), role);
        if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) &&
            value.typeId() == QMetaType::QString)
            return display::clipped(value.toString());
        return value;
    }
    }
}

void LazyTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column) || (column == m_sortColumn && order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_countApplied) {
        reload(true);
        return;
    }
    // The same rows in another order: the count stands, so no COUNT runs. The rows in memory
    // stay on screen (stale) until the new order's pages replace them.
    ++m_generation;
    m_liveGeneration->store(m_generation);
    m_pendingPages.clear();
    m_inflight.clear();
    beginResetModel();
    endResetModel();
    requestPage(0);
    setLoading();
}

void LazyTableModel::setFilter(const RecordFilter &filter)
{
    m_filter = filter;
    reload(true);
}

void LazyTableModel::refresh()
{
    reload(false);
}

int LazyTableModel::residentRows() const
{
    int rows = 0;
    for (const Page &p : std::as_const(m_pages))
        rows += int(p.rows.size());
    return rows;
}

bool LazyTableModel::isRowFresh(int row) const
{
    if (row < 0 || row >= m_rowCount || (!m_countApplied && !m_firstPageAhead))
        return false;
    const auto it = m_pages.constFind(row / PageSize);
    return it != m_pages.cend() && it->generation == m_generation &&
           row % PageSize < it->rows.size();
}

int LazyTableModel::findLoadedRow(qint64 accountId, const QString &recordId) const
{
    if (!m_countApplied && !m_firstPageAhead)
        return -1;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        if (it->generation != m_generation)
            continue;
        for (int i = 0; i < it->rows.size(); ++i) {
            const QVariantList &row = it->rows.at(i);
            const int at = it.key() * PageSize + i;
            if (at < m_rowCount && row.value(FieldAccountId).toLongLong() == accountId &&
                row.value(FieldRecordId).toString() == recordId)
                return at;
        }
    }
    return -1;
}

QString LazyTableModel::orderBy(bool reversed) const
{
    const bool ascending = (m_sortOrder == Qt::AscendingOrder) != reversed;
    const QString dir = ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QStringList terms;
    for (const QString &t : m_columns.value(m_sortColumn).orderTerms)
        terms << t + dir;
    terms << alias() + QStringLiteral(".id") + dir; // a stable order for equal keys
    return QStringLiteral(" ORDER BY ") + terms.join(QStringLiteral(", "));
}

void LazyTableModel::reload(bool reset)
{
    ++m_generation;
    m_liveGeneration->store(m_generation);
    m_countApplied = false;
    m_firstPageAhead = false;
    m_resetPending = reset;
    m_pendingPages.clear();
    m_inflight.clear();
    // The first screen is asked for before the count: a COUNT over a million rows takes longer
    // than the page, and the rows can be shown as soon as they are read. The count is asked
    // for once the first page is in (applyPage()): it then takes no time from that page (a
    // search runs its full-text query again to count), and a first page of fewer than
    // PageSize rows is the whole count, so none runs at all.
    m_countAfterFirstPage = reset;
    if (reset)
        requestPage(0);
    else
        postCount();
    setLoading();
}

void LazyTableModel::postCount()
{
    const SqlWhere where = whereClause();
    const QString sql =
        QStringLiteral("SELECT COUNT(*) FROM ") + tableAndAlias() + QLatin1Char(' ') + where.clause;
    const quint64 generation = m_generation;
    auto live = m_liveGeneration;
    m_worker->post(
        [this, sql, binds = where.binds, generation, live](Database *db, const QString &openError) {
            if (live->load() != generation)
                return;
            int count = 0;
            QString error = openError;
            if (db) {
                QSqlQuery q(db->connection());
                q.prepare(sql);
                bindAll(q, binds);
                if (q.exec() && q.next())
                    count = q.value(0).toInt();
                else
                    error = q.lastError().text();
            }
            QMetaObject::invokeMethod(
                this, [this, generation, count, error] { applyCount(generation, count, error); },
                Qt::QueuedConnection);
        });
}

void LazyTableModel::firstPageDone(int rows, bool complete, int total)
{
    if (!m_countAfterFirstPage)
        return;
    m_countAfterFirstPage = false;
    if (complete && (rows < PageSize || total >= rows))
        applyCount(m_generation, rows < PageSize ? rows : total, QString());
    else
        postCount();
}

void LazyTableModel::requestPage(int page) const
{
    if (m_inflight.contains(page))
        return;
    // Rows shown while a new filter or sort is counted belong to the old query: asking for
    // their pages again would only run deep OFFSETs of the new one for nothing.
    if (m_resetPending && !m_countApplied && page != 0)
        return;
    auto *self = const_cast<LazyTableModel *>(this);
    m_inflight.insert(page);
    const quint64 seq = ++m_requestSeq;
    m_latestRequest->store(seq);

    const SqlWhere where = whereClause();
    const QString order = orderBy(false);
    const QString id = alias() + QStringLiteral(".id");
    // A page in the second half is found from the end, in the reverse order: jumping to the
    // last row of a million then skips a hundred index entries, not a million. The outer
    // query puts the page's rows back in the view's order.
    qint64 limit = PageSize;
    qint64 offset = qint64(page) * PageSize;
    bool fromEnd = false;
    if (m_countApplied && offset * 2 > m_rowCount && offset < m_rowCount) {
        limit = std::min<qint64>(PageSize, m_rowCount - offset);
        offset = m_rowCount - offset - limit;
        fromEnd = true;
    }
    // The inner query walks only the sort index to find the page's ids; the outer one reads
    // the full rows (joins, sums) for those ids alone, so OFFSET never computes skipped rows.
    const QString accounts = QStringLiteral(" LEFT JOIN accounts a ON a.id = ") + alias() +
                             QStringLiteral(".account_id");
    const QString pageIds = QStringLiteral(" FROM ") + tableAndAlias() + QLatin1Char(' ') +
                            where.clause + orderBy(fromEnd) + QStringLiteral(" LIMIT ? OFFSET ?");
    // A full-text search reads and sorts all its matches for the first page anyway (the index
    // answers in row order), so that page counts them too and the count needs no second
    // full-text query: the rows carry the total as one more field.
    const bool withCount = page == 0 && m_countAfterFirstPage && m_searchCountedWithFirstPage &&
                           !m_filter.search.trimmed().isEmpty();
    const QString sql =
        withCount
            ? QStringLiteral("SELECT ") + m_selectList + QStringLiteral(", c.total FROM (SELECT ") +
                  id + QStringLiteral(" AS id, COUNT(*) OVER () AS total") + pageIds +
                  QStringLiteral(") c JOIN ") + tableAndAlias() + QStringLiteral(" ON ") + id +
                  QStringLiteral(" = c.id") + accounts + order
            : QStringLiteral("SELECT ") + m_selectList + QStringLiteral(" FROM ") +
                  tableAndAlias() + accounts + QStringLiteral(" WHERE ") + id +
                  QStringLiteral(" IN (SELECT ") + id + pageIds + QLatin1Char(')') + order;
    QVariantList binds = where.binds;
    binds << limit << offset;
    const quint64 generation = m_generation;
    auto live = m_liveGeneration;
    auto latest = m_latestRequest;
    m_worker->post([self, sql, binds, generation, page, seq, live, latest,
                    withCount](Database *db, const QString &openError) {
        if (live->load() != generation)
            return;
        if (latest->load() - seq > MaxQueuedPages) {
            QMetaObject::invokeMethod(
                self, [self, generation, page] { self->pageSkipped(generation, page); },
                Qt::QueuedConnection);
            return;
        }
        QList<QVariantList> rows;
        QString error = openError;
        int total = -1;
        if (db) {
            QSqlQuery q(db->connection());
            q.setForwardOnly(true);
            q.prepare(sql);
            bindAll(q, binds);
            if (q.exec()) {
                const int fields = q.record().count() - (withCount ? 1 : 0);
                while (q.next()) {
                    QVariantList row;
                    row.reserve(fields);
                    for (int i = 0; i < fields; ++i)
                        row << q.value(i);
                    rows << row;
                    if (withCount)
                        total = q.value(fields).toInt();
                }
            } else {
                error = q.lastError().text();
            }
        }
        QMetaObject::invokeMethod(
            self,
            [self, generation, page, rows, error, total] {
                self->applyPage(generation, page, rows, error, total);
            },
            Qt::QueuedConnection);
    });
    // Views call data() while painting; tell them about loading after the paint.
    QMetaObject::invokeMethod(
        self, [self] { self->setLoading(); }, Qt::QueuedConnection);
}

void LazyTableModel::applyCount(quint64 generation, int count, const QString &error)
{
    if (generation != m_generation)
        return; // superseded by a newer filter or sort
    if (!error.isEmpty())
        Q_EMIT errorOccurred(tr("Cannot read the cache: %1").arg(error));
    m_countApplied = true;
    m_firstPageAhead = false;
    if (m_resetPending) {
        beginResetModel();
        m_rowCount = count;
        m_pages.clear();
        for (auto it = m_pendingPages.cbegin(); it != m_pendingPages.cend(); ++it)
            storePage(it.key(), it.value());
        m_pendingPages.clear();
        endResetModel();
    } else {
        if (count > m_rowCount) {
            beginInsertRows({}, m_rowCount, count - 1);
            m_rowCount = count;
            endInsertRows();
        } else if (count < m_rowCount) {
            beginRemoveRows({}, count, m_rowCount - 1);
            m_rowCount = count;
            endRemoveRows();
        }
        for (auto it = m_pendingPages.cbegin(); it != m_pendingPages.cend(); ++it)
            storePage(it.key(), it.value());
        m_pendingPages.clear();
        // Visible rows are asked for again and re-read; hidden ones cost nothing.
        if (m_rowCount > 0)
            Q_EMIT dataChanged(index(0, 0), index(m_rowCount - 1, int(m_columns.size()) - 1));
    }
    Q_EMIT rowCountKnown(m_rowCount);
    setLoading();
}

void LazyTableModel::applyPage(quint64 generation, int page, const QList<QVariantList> &rows,
                               const QString &error, int total)
{
    if (generation != m_generation)
        return;
    m_inflight.remove(page);
    m_rowsFetched += rows.size();
    if (!error.isEmpty())
        Q_EMIT errorOccurred(tr("Cannot read the cache: %1").arg(error));
    if (!m_countApplied && m_resetPending && page == 0 && !rows.isEmpty()) {
        // The first screen of a new filter or sort, ahead of its count: shown at once with as
        // many rows as it holds; the count adds the rest (rowsInserted) when it arrives.
        beginResetModel();
        m_pages.clear();
        m_rowCount = int(rows.size());
        storePage(0, rows);
        m_resetPending = false;
        m_firstPageAhead = true;
        endResetModel();
    } else if (!m_countApplied) {
        m_pendingPages.insert(page, rows);
    } else {
        storePage(page, rows);
        const int first = page * PageSize;
        const int last = std::min(m_rowCount, first + PageSize) - 1;
        if (first <= last)
            Q_EMIT dataChanged(index(first, 0), index(last, int(m_columns.size()) - 1));
    }
    if (page == 0)
        firstPageDone(int(rows.size()), error.isEmpty(), total);
    setLoading();
}

void LazyTableModel::pageSkipped(quint64 generation, int page)
{
    if (generation != m_generation)
        return;
    m_inflight.remove(page);
    if (page == 0)
        firstPageDone(0, false, -1);
    // If the page is on screen after all, the view repaints it and asks again.
    const int first = page * PageSize;
    const int last = std::min(m_rowCount, first + PageSize) - 1;
    if (m_countApplied && first <= last)
        Q_EMIT dataChanged(index(first, 0), index(last, int(m_columns.size()) - 1));
    setLoading();
}

void LazyTableModel::storePage(int page, const QList<QVariantList> &rows)
{
    m_pages.insert(page, Page{rows, m_generation, ++m_useTick});
    while (m_pages.size() > MaxResidentPages) {
        auto oldest = m_pages.end();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it.key() != page && (oldest == m_pages.end() || it->lastUsed < oldest->lastUsed))
                oldest = it;
        }
        m_pages.erase(oldest);
    }
}

void LazyTableModel::setLoading()
{
    const bool loading = isLoading();
    if (loading != m_wasLoading) {
        m_wasLoading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

} // namespace rd
