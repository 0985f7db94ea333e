#include "accountrepository.h"

#include "database.h"

#include <QHostAddress>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace rd {

namespace {

Account fromQuery(const QSqlQuery &q)
{
    Account a;
    a.id = q.value(0).toLongLong();
    a.name = q.value(1).toString();
    a.dialect = dialectFromName(q.value(2).toString()).value_or(Dialect::Stripe);
    a.baseUrl = q.value(3).toString();
    a.createdAt = QDateTime::fromSecsSinceEpoch(q.value(4).toLongLong(), Qt::UTC);
    if (!q.value(5).isNull())
        a.lastSyncAt = QDateTime::fromSecsSinceEpoch(q.value(5).toLongLong(), Qt::UTC);
    a.maxRps = q.value(6).toInt();
    return a;
}

const char *const selectColumns = "SELECT id, name, gateway, base_url, created_at, last_sync_at, "
                                  "max_rps FROM accounts ";

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

QString AccountRepository::validateName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("An account needs a name.");
    if (trimmed != name)
        return QStringLiteral("An account name must not start or end with spaces.");
    if (name.size() > 64)
        return QStringLiteral("An account name has at most 64 characters.");
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("An account name must not contain control characters.");
    }
    return QString();
}

QString AccountRepository::validateBaseUrl(const QString &text)
{
    // Checked first and never echoed back: the user info may be a secret.
    const QUrl tolerant(text, QUrl::TolerantMode);
    if (!tolerant.userInfo().isEmpty() ||
        text.section(QLatin1Char('/'), 2, 2).contains(QLatin1Char('@')))
        return QStringLiteral("A base URL must not carry a user name or password (%1); the "
                              "secret goes in the keychain or the account's environment "
                              "variable.")
            .arg(tolerant.toString(QUrl::RemoveUserInfo));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("\"%1\" is not a valid URL (for example https://api.stripe.com).")
            .arg(text);
    if (url.scheme() == QLatin1String("https"))
        return QString();
    if (url.scheme() == QLatin1String("http")) {
        const QHostAddress host(url.host());
        if (url.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback()))
            return QString();
        return QStringLiteral("Plain http is allowed only for loopback addresses; use https "
                              "for %1.")
            .arg(url.host());
    }
    return QStringLiteral("\"%1\" must start with https://.").arg(text);
}

QString AccountRepository::secretVariableName(const QString &name)
{
    QString variable = QStringLiteral("REFUNDDESK_SECRET_");
    for (const QChar c : name.toUpper()) {
        const bool alnum = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                           (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        variable.append(alnum ? c : QLatin1Char('_'));
    }
    return variable;
}

QString AccountRepository::nameConflict(const QString &name, qint64 exceptId) const
{
    const auto read = list();
    if (!read)
        return QStringLiteral("Cannot check the other account names: %1").arg(read.error());
    const QList<Account> &accounts = *read;
    const QString folded = name.toCaseFolded();
    const QString variable = secretVariableName(name);
    for (const Account &other : accounts) {
        if (other.id == exceptId)
            continue;
        if (other.name.toCaseFolded() == folded)
            return QStringLiteral("An account named \"%1\" already exists (names are compared "
                                  "without regard to case).")
                .arg(other.name);
        if (secretVariableName(other.name) == variable)
            return QStringLiteral("\"%1\" would share the secret variable %2 with the account "
                                  "\"%3\"; choose a name that differs in more than case, "
                                  "spaces or punctuation.")
                .arg(name, variable, other.name);
    }
    return QString();
}

std::optional<Account> AccountRepository::add(const QString &name, Dialect dialect,
                                              const QString &baseUrl, QString *error)
{
    QString why = validateName(name);
    if (why.isEmpty())
        why = validateBaseUrl(baseUrl);
    if (!why.isEmpty()) {
        fail(error, why);
        return std::nullopt;
    }
    // The check and the insert share one savepoint (a transaction when none is open), so two
    // programs adding clashing names at once cannot both succeed.
    // On a team database a transaction that holds the account names' lock does the same.
    const bool server = m_db.isPostgres();
    QSqlQuery sp(m_db.connection());
    if (!sp.exec(server ? QStringLiteral("BEGIN") : QStringLiteral("SAVEPOINT account_add")) ||
        (server && !sp.exec(QStringLiteral(
                       "SELECT pg_advisory_xact_lock(hashtext('refunddesk-accounts'))")))) {
        fail(error, QStringLiteral("Cannot add the account: %1").arg(sp.lastError().text()));
        if (server)
            m_db.rollback();
        return std::nullopt;
    }
    const auto rollback = [this, server] {
        QSqlQuery q(m_db.connection());
        if (server) {
            q.exec(QStringLiteral("ROLLBACK"));
            return;
        }
        q.exec(QStringLiteral("ROLLBACK TO account_add"));
        q.exec(QStringLiteral("RELEASE account_add"));
    };
    why = nameConflict(name);
    if (!why.isEmpty()) {
        rollback();
        fail(error, why);
        return std::nullopt;
    }
    QString url = baseUrl;
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO accounts (name, gateway, base_url, created_at) "
                             "VALUES (:name, :gateway, :url, :created)"));
    q.bindValue(QStringLiteral(":name"), name);
    q.bindValue(QStringLiteral(":gateway"), dialectName(dialect));
    q.bindValue(QStringLiteral(":url"), url);
    q.bindValue(QStringLiteral(":created"), QDateTime::currentSecsSinceEpoch());
    if (!q.exec()) {
        const QString sqlError = q.lastError().text();
        rollback();
        fail(error, QStringLiteral("Cannot add the account: %1").arg(sqlError));
        return std::nullopt;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    if (!sp.exec(server ? QStringLiteral("COMMIT") : QStringLiteral("RELEASE account_add"))) {
        const QString sqlError = sp.lastError().text();
        rollback();
        fail(error, QStringLiteral("Cannot add the account: %1").arg(sqlError));
        return std::nullopt;
    }
    const auto added = findById(id);
    if (!added) {
        fail(error, added.error());
        return std::nullopt;
    }
    return *added;
}

bool AccountRepository::update(const Account &account, QString *error)
{
    QString why = validateName(account.name);
    if (why.isEmpty())
        why = validateBaseUrl(account.baseUrl);
    if (why.isEmpty())
        why = nameConflict(account.name, account.id);
    if (!why.isEmpty())
        return fail(error, why);
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE accounts SET name = :name, gateway = :gateway, "
                             "base_url = :url WHERE id = :id"));
    q.bindValue(QStringLiteral(":name"), account.name);
    q.bindValue(QStringLiteral(":gateway"), dialectName(account.dialect));
    q.bindValue(QStringLiteral(":url"), account.baseUrl);
    q.bindValue(QStringLiteral(":id"), account.id);
    if (!q.exec())
        return fail(error,
                    QStringLiteral("Cannot update the account: %1").arg(q.lastError().text()));
    return true;
}

bool AccountRepository::remove(qint64 id, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE account_id = :id AND state IN "
                             "('pending','unknown')"));
    q.bindValue(QStringLiteral(":id"), id);
    if (q.exec() && q.next() && q.value(0).toLongLong() > 0)
        return fail(error, QStringLiteral("This account has refunds whose outcome is still "
                                          "open; reconcile them before removing it."));
    q.prepare(QStringLiteral("DELETE FROM accounts WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return fail(error,
                    QStringLiteral("Cannot remove the account: %1").arg(q.lastError().text()));
    return true;
}

Result<QList<Account>> AccountRepository::list() const
{
    QList<Account> out;
    QSqlQuery q(m_db.connection());
    if (!q.exec(QString::fromLatin1(selectColumns) + QStringLiteral("ORDER BY ") +
                Database::inCodePointOrder(QStringLiteral("name"), m_db.backend())))
        return Error{QStringLiteral("Cannot read the accounts: %1").arg(q.lastError().text())};
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

Result<Account> AccountRepository::findByName(const QString &name) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QString::fromLatin1(selectColumns) + QStringLiteral("WHERE name = :name"));
    q.bindValue(QStringLiteral(":name"), name);
    if (!q.exec())
        return Error{QStringLiteral("Cannot read the accounts: %1").arg(q.lastError().text())};
    if (!q.next())
        return Error{QStringLiteral("No account named \"%1\".").arg(name)};
    return fromQuery(q);
}

Result<Account> AccountRepository::findById(qint64 id) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QString::fromLatin1(selectColumns) + QStringLiteral("WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return Error{QStringLiteral("Cannot read the accounts: %1").arg(q.lastError().text())};
    if (!q.next())
        return Error{QStringLiteral("No account with id %1.").arg(id)};
    return fromQuery(q);
}

bool AccountRepository::setLastSync(qint64 id, const QDateTime &when, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE accounts SET last_sync_at = :at WHERE id = :id"));
    q.bindValue(QStringLiteral(":at"), when.toSecsSinceEpoch());
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return fail(error, q.lastError().text());
    return true;
}

bool AccountRepository::setMaxRps(qint64 id, int maxRps, QString *error)
{
    if (maxRps < 0)
        return fail(error, QStringLiteral("The request-rate ceiling cannot be negative."));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE accounts SET max_rps = :rps WHERE id = :id"));
    q.bindValue(QStringLiteral(":rps"), maxRps);
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return fail(error, q.lastError().text());
    if (q.numRowsAffected() != 1)
        return fail(error, QStringLiteral("No account with id %1.").arg(id));
    return true;
}

} // namespace rd
