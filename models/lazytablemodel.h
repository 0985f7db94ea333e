// Base of the cache's table models: the row count comes from a COUNT query, rows are loaded
// in pages on a worker thread only when a view asks for them, and only a bounded number of
// pages stay in memory. Sort and filter are SQL; results of superseded queries are dropped.
// A new filter shows its first page before its count is known; a new sort keeps the count;
// pages nearer the end are read from the end (docs/PERFORMANCE.md).
#pragma once

#include "cacheworker.h"
#include "store/recordfilter.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QList>
#include <QSet>
#include <QVariantList>

#include <atomic>
#include <memory>

namespace rd {

class LazyTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Every subclass's SELECT list starts with these fields, in this order.
    enum BaseField {
        FieldRowId,
        FieldAccountId,
        FieldAccountName,
        FieldRecordId,
        FieldInvoiceId,
        FieldCurrency,
        FieldCreated, // seconds since the epoch
        FieldAmount,  // minor units of FieldCurrency
        FirstSubclassField
    };

    // Text cells every table shows the same way, answered by data() from the BaseFields so a
    // subclass's cell() formats only its own columns.
    enum class SharedCell { None, Created, Account, RecordId, InvoiceId, Amount };

    struct ColumnSpec
    {
        QString title;
        QStringList orderTerms; // ORDER BY terms without direction; empty: not sortable
        SharedCell shared = SharedCell::None;
    };

    static constexpr int PageSize = 100;
    static constexpr int MaxResidentPages = 40;

    ~LazyTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Sorting is offered only where an index keeps it fast on a large cache.
    bool isSortable(int column) const
    {
        return column >= 0 && column < m_columns.size() &&
               !m_columns.at(column).orderTerms.isEmpty();
    }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    void setFilter(const RecordFilter &filter);
    const RecordFilter &filter() const { return m_filter; }

    // Re-runs the current query (after a sync or a refund) keeping what is shown until the
    // fresh rows arrive.
    void refresh();

    // Whether the count or any page of the current query is still being loaded.
    bool isLoading() const { return !m_countApplied || !m_inflight.isEmpty(); }
    // Rows fetched from SQLite since the model was created, and rows held now (for benches).
    qint64 rowsFetched() const { return m_rowsFetched; }
    int residentRows() const;

    // Whether the row is in memory from the current query, answered without loading anything,
    // so a view can check its current row after a refresh without pulling in every page.
    bool isRowFresh(int row) const;
    // The row of the current query holding this record among the pages in memory, or -1.
    int findLoadedRow(qint64 accountId, const QString &recordId) const;

Q_SIGNALS:
    void rowCountKnown(int rows);
    void loadingChanged(bool loading);
    void errorOccurred(const QString &message);

protected:
    // `table` is read as `alias`, joined to accounts as `a` for the account name;
    // `selectList` starts with the BaseField expressions.
    LazyTableModel(const QString &databasePath, const QString &table, const QString &alias,
                   const QString &selectList, const QList<ColumnSpec> &columns,
                   int defaultSortColumn, Qt::SortOrder defaultOrder, QObject *parent);

    // Call at the end of the subclass constructor.
    void start();
    // For tables whose search is a full-text query (which reads every match for the first
    // page anyway): the first page of a search counts the matches too.
    void setSearchCountedWithFirstPage(bool on) { m_searchCountedWithFirstPage = on; }

    const QString &alias() const { return m_alias; }
    virtual SqlWhere whereClause() const = 0;
    // Every role of the subclass's own columns, and the non-text roles of the shared ones.
    virtual QVariant cell(const QVariantList &row, int column, int role) const = 0;

    // Columns every table has, sorted through the schema's (account, created) and
    // (state, created) indexes.
    static ColumnSpec createdColumn(const QString &alias);
    static ColumnSpec accountColumn(const QString &alias);
    static ColumnSpec stateColumn(const QString &title, const QString &alias,
                                  const QString &stateField);
    static ColumnSpec sharedColumn(const QString &title, SharedCell shared,
                                   const QStringList &orderTerms = {});

    // Text roles are DisplayRole, ToolTipRole and RawValueRole; `raw` asks for the
    // RawValueRole form (UTC time, minor units, stored text).
    static bool isTextRole(int role);
    static QVariant alignment(bool right);
    static QVariant brushOrNone(const QColor &color); // no brush for an invalid colour
    static QVariant amountCell(const QVariantList &row, bool raw);

private:
    struct Page
    {
        QList<QVariantList> rows;
        quint64 generation = 0;
        quint64 lastUsed = 0;
    };

    void reload(bool reset);
    void postCount();
    // Page 0 of a new filter or sort came back with `rows` rows (`complete`: read without an
    // error) and, for a search that counted with it, `total` (else -1); asks for the count
    // unless one of those is it (fewer rows than a page are all of them).
    void firstPageDone(int rows, bool complete, int total);
    void requestPage(int page) const;
    void applyCount(quint64 generation, int count, const QString &error);
    void applyPage(quint64 generation, int page, const QList<QVariantList> &rows,
                   const QString &error, int total);
    void pageSkipped(quint64 generation, int page);
    void storePage(int page, const QList<QVariantList> &rows);
    void setLoading();
    QString orderBy(bool reversed) const;
    static QVariant sharedCell(const QVariantList &row, SharedCell shared, bool raw);

    QString tableAndAlias() const { return m_table + QLatin1Char(' ') + m_alias; }

    std::unique_ptr<CacheWorker> m_worker;
    QString m_table;
    QString m_alias;
    QString m_selectList;
    QList<ColumnSpec> m_columns;
    RecordFilter m_filter;
    int m_sortColumn;
    Qt::SortOrder m_sortOrder;
    int m_rowCount = 0;
    quint64 m_generation = 0;
    bool m_countApplied = false;
    bool m_firstPageAhead = false;      // page 0 of the current query is shown, its count is not in
    bool m_countAfterFirstPage = false; // the count is asked for when page 0 is in
    bool m_searchCountedWithFirstPage = false;
    bool m_resetPending = false;
    bool m_wasLoading = false;
    // Shared with jobs so a queued job can tell it is stale before running its query.
    std::shared_ptr<std::atomic<quint64>> m_liveGeneration;
    std::shared_ptr<std::atomic<quint64>> m_latestRequest;

    mutable QHash<int, Page> m_pages;
    mutable QHash<int, QList<QVariantList>> m_pendingPages; // arrived before their count
    mutable QSet<int> m_inflight;
    mutable quint64 m_useTick = 0;
    mutable quint64 m_requestSeq = 0;
    qint64 m_rowsFetched = 0;
};

} // namespace rd
