// A PostgreSQL database of its own for one test, on the server scripts/pg-test-server.sh runs
// (REFUNDDESK_TEST_PG names a superuser there; PGPASSFILE holds the password). Created empty,
// dropped with the roles the test made when the object goes. Without a server, PG_OR_SKIP()
// skips the test and says why.
#pragma once

#include "store/database.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTest>
#include <QUrl>
#include <QUuid>

namespace rdtest {

#define PG_OR_SKIP()                                                                               \
    do {                                                                                           \
        if (rdtest::PgTestDatabase::serverAddress().isEmpty())                                     \
            QSKIP("REFUNDDESK_TEST_PG is not set: no PostgreSQL test server (scripts/test.sh "     \
                  "starts one through scripts/pg-test-server.sh)");                                \
    } while (false)

class PgTestDatabase
{
public:
    static QString serverAddress() { return qEnvironmentVariable("REFUNDDESK_TEST_PG"); }

    PgTestDatabase() = default;
    Q_DISABLE_COPY_MOVE(PgTestDatabase)
    ~PgTestDatabase()
    {
        if (m_name.isEmpty())
            return;
        QSqlDatabase admin = adminConnection();
        QSqlQuery q(admin);
        q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
        for (const QString &role : std::as_const(m_roles))
            q.exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
        admin.close();
        admin = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_adminName);
    }

    // Creates the database; false with the reason in `error`.
    bool create(QString *error)
    {
        const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_adminName = QStringLiteral("pgtest-admin-") + suffix;
        QSqlDatabase admin = adminConnection();
        if (!admin.isOpen()) {
            *error = admin.lastError().text();
            return false;
        }
        m_name = QStringLiteral("rdtest_") + suffix;
        QSqlQuery q(admin);
        if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(m_name))) {
            *error = q.lastError().text();
            m_name.clear();
            return false;
        }
        return true;
    }

    // The database's address for `user` (the superuser by default).
    QString address(const QString &user = QString()) const
    {
        QUrl url(serverAddress());
        url.setPath(QLatin1Char('/') + m_name);
        if (!user.isEmpty())
            url.setUserName(user);
        return url.toString();
    }
    const QString &name() const { return m_name; }

    // A login role with the test server's one password (the one in PGPASSFILE), dropped at the
    // end. Its name is unique to this test: roles are shared by every database of a server.
    QString createLoginRole(const QString &stem, QString *error)
    {
        const QString role = QStringLiteral("%1_%2").arg(stem, m_name.mid(7));
        QSqlQuery q(adminConnection());
        if (!q.exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(role, password()))) {
            *error = q.lastError().text();
            return QString();
        }
        m_roles << role;
        return role;
    }
    // A role that team grant created: dropped at the end too.
    void forgetRoleLater(const QString &role) { m_roles << role; }

    // Runs `sql` on this database as `user` (a fresh connection); false with the server's
    // words in `error`.
    bool execAs(const QString &user, const QString &sql, QString *error) const
    {
        const QString name = QStringLiteral("pgtest-as-") + QUuid::createUuid().toString();
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            const QUrl url(serverAddress());
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(user);
            db.setDatabaseName(m_name);
            if (db.open()) {
                QSqlQuery q(db);
                ok = q.exec(sql);
                if (!ok)
                    *error = q.lastError().text();
            } else {
                *error = db.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

private:
    static QString password()
    {
        QFile f(qEnvironmentVariable("PGPASSFILE"));
        if (!f.open(QIODevice::ReadOnly))
            return QString();
        return QString::fromUtf8(f.readLine().trimmed()).section(QLatin1Char(':'), 4);
    }

    QSqlDatabase adminConnection() const
    {
        if (QSqlDatabase::contains(m_adminName))
            return QSqlDatabase::database(m_adminName);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_adminName);
        const QUrl url(serverAddress());
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setDatabaseName(url.path().mid(1));
        db.open();
        return db;
    }

    QString m_adminName;
    QString m_name;
    QStringList m_roles;
};

} // namespace rdtest
