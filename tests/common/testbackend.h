// The store, ops, sync and report suites run against both backends. A suite whose
// initTestCase_data() calls addBackendRows() runs each test function twice: once on a SQLite
// file and once on a PostgreSQL database of its own (on the server scripts/pg-test-server.sh
// starts). TestStore hands out fresh, empty store addresses for the current row.
#pragma once

#include "pgtestdb.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

namespace rdtest {

enum class Backend { Sqlite, Postgres };

// Whether addBackendRows() made the global table (called from initTestCase_data()) rather
// than one function's own (a suite whose other functions stay SQLite-only).
inline bool &backendRowsAreGlobal()
{
    static bool global = false;
    return global;
}

inline void addBackendRows()
{
    if (qstrcmp(QTest::currentTestFunction(), "initTestCase") == 0)
        backendRowsAreGlobal() = true;
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

// The backend of the current global row; only in a suite whose initTestCase_data() called
// addBackendRows(), or in a function whose own _data() called it (a suite with functions that
// stay SQLite-only has no global rows; its other functions take the backend column instead).
inline Backend currentBackend()
{
    if (!backendRowsAreGlobal()) {
        QFETCH(QString, backend);
        return backend == QLatin1String("postgresql") ? Backend::Postgres : Backend::Sqlite;
    }
    QFETCH_GLOBAL(QString, backend);
    return backend == QLatin1String("postgresql") ? Backend::Postgres : Backend::Sqlite;
}

// Skips the PostgreSQL row, saying why, when no test server runs.
#define BACKEND_OR_SKIP()                                                                          \
    do {                                                                                           \
        if (rdtest::currentBackend() == rdtest::Backend::Postgres &&                               \
            rdtest::PgTestDatabase::serverAddress().isEmpty())                                     \
            QSKIP("REFUNDDESK_TEST_PG is not set: no PostgreSQL test server (scripts/test.sh "     \
                  "starts one through scripts/pg-test-server.sh)");                                \
    } while (false)

// Fresh stores for one test: files in a temporary folder, or databases of their own on the
// PostgreSQL test server, dropped when the object goes.
class TestStore
{
public:
    explicit TestStore(Backend backend) : m_backend(backend) {}
    Q_DISABLE_COPY_MOVE(TestStore)

    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::Postgres; }

    // The address of a new, empty store; `name` names the file on SQLite (give each store of a
    // test its own). Empty, with the reason in `error`, when none could be made.
    QString address(const QString &name, QString *error)
    {
        if (m_backend == Backend::Sqlite)
            return m_dir.filePath(name + QStringLiteral(".sqlite3"));
        auto pg = std::make_unique<PgTestDatabase>();
        if (!pg->create(error))
            return QString();
        const QString result = pg->address();
        m_pg.push_back(std::move(pg));
        return result;
    }

    // A folder for the test's other files (exports, logs), on either backend.
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    // The PostgreSQL database behind the n-th address handed out (for roles and execAs());
    // nullptr on SQLite.
    PgTestDatabase *postgres(std::size_t n = 0) const
    {
        return n < m_pg.size() ? m_pg[n].get() : nullptr;
    }

private:
    Backend m_backend;
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<PgTestDatabase>> m_pg;
};

// Stores for a suite whose tests run on both backends: one TestStore per backend, made on first
// use and kept for the suite, so later tests can read what earlier ones stored.
class BackendStores
{
public:
    // A new, empty store on the current row's backend; empty (with a warning) when none could
    // be made.
    QString address(const QString &name)
    {
        auto &store = m_stores[int(currentBackend())];
        if (!store)
            store = std::make_unique<TestStore>(currentBackend());
        QString error;
        const QString result = store->address(name, &error);
        if (result.isEmpty())
            qWarning("cannot make a store: %s", qPrintable(error));
        return result;
    }

private:
    std::unique_ptr<TestStore> m_stores[2];
};

} // namespace rdtest
