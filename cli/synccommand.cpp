// refunddesk-cli sync [--account NAME] [--full]: fills and refreshes the cache from the
// gateways, with a progress bar on a terminal and plain lines otherwise.
#include "cli.h"

#include "gateway/gateway.h"
#include "secretstore.h"
#include "store/accountrepository.h"
#include "store/database.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

namespace rd {

namespace {

QString syncUsage()
{
    return QStringLiteral(
        "Usage: refunddesk-cli sync [--account NAME] [--full]\n"
        "\n"
        "Fetches invoices, refunds and chargebacks of every account (or of one) into the cache.\n"
        "After the first run only what is new or changed is fetched; --full reads everything.\n"
        "A sync that is interrupted resumes where it stopped.\n"
        "ProcessOut and IntaSend cannot list by time: an incremental sync reads their newest\n"
        "pages until one holds only objects already cached, so a change to an older object\n"
        "made outside RefundDesk is picked up by --full.\n"
        "\n"
        "  --account NAME  sync only this account\n"
        "  --full          ignore what was synced before and read every list to the end\n"
        "\n"
        "Exit codes: 0 all accounts synced; 6 authentication failed or no secret; 7 gateway\n"
        "unreachable; 4 the gateway refused the request; 1 cache error. When several accounts\n"
        "fail, the code is that of the first failing account in name order.\n");
}

int exitCodeFor(int errorKind)
{
    switch (errorKind) {
    case int(GatewayError::Kind::Auth):
        return ExitAuth;
    case int(GatewayError::Kind::Network):
    case int(GatewayError::Kind::Server):
    case int(GatewayError::Kind::RateLimited):
    case int(GatewayError::Kind::Malformed):
        return ExitUnreachable;
    case int(GatewayError::Kind::Rejected):
    case int(GatewayError::Kind::NotFound):
        return ExitRejected;
    default:
        return ExitFailure;
    }
}

QString adviceFor(int code, const QString &accountName)
{
    switch (code) {
    case ExitAuth:
        return QStringLiteral("check the account's secret (%1 or accounts set-secret)")
            .arg(SecretStore::environmentVariable(accountName));
    case ExitUnreachable:
        return QStringLiteral("nothing unfinished was stored; run sync again when the gateway "
                              "answers and it resumes where it stopped");
    case ExitRejected:
        return QStringLiteral("check the account's base URL and gateway type");
    default:
        return QStringLiteral("check the cache file and free disk space, then sync again");
    }
}

// Shows what the engine reports: on a terminal one redrawn line with a moving bar (lists do
// not say how long they are), otherwise a plain line per object kind and every few seconds.
class ProgressPrinter final
{
public:
    ProgressPrinter(QTextStream &err, bool terminal) : m_err(err), m_terminal(terminal)
    {
        m_clock.start();
    }

    void update(const SyncProgress &p)
    {
        const QString line = QStringLiteral("%1: %2 %3 fetched (%4 pages)")
                                 .arg(p.accountName, p.object)
                                 .arg(p.fetched)
                                 .arg(p.pages);
        if (m_terminal) {
            if (m_clock.elapsed() - m_lastDraw < 100)
                return;
            m_lastDraw = m_clock.elapsed();
            const int width = 20;
            const int pos = int((m_lastDraw / 100) % (2 * (width - 4)));
            const int at = pos < width - 4 ? pos : 2 * (width - 4) - pos;
            QString bar(width, QLatin1Char(' '));
            for (int i = at; i < at + 4; ++i)
                bar[i] = QLatin1Char('=');
            m_err << "\r\x1b[K[" << bar << "] " << line << Qt::flush;
            m_drawn = true;
            return;
        }
        const QString key = p.accountName + QLatin1Char('\n') + p.object;
        if (key != m_lastKey.value(p.accountId) || m_clock.elapsed() - m_lastLine >= 2000) {
            m_lastKey[p.accountId] = key;
            m_lastLine = m_clock.elapsed();
            m_err << line << Qt::endl;
        }
    }

    // Clears the bar before a normal line is printed.
    void clear()
    {
        if (m_drawn)
            m_err << "\r\x1b[K" << Qt::flush;
        m_drawn = false;
    }

private:
    QTextStream &m_err;
    bool m_terminal;
    QElapsedTimer m_clock;
    qint64 m_lastDraw = -1000;
    qint64 m_lastLine = -10000;
    bool m_drawn = false;
    QHash<qint64, QString> m_lastKey;
};

} // namespace

int syncCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addOption({QStringLiteral("account"), QStringLiteral("Sync only this account."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("full"), QStringLiteral("Read every list to the end.")});
    if (!parser.parse(QStringList{QStringLiteral("refunddesk-cli sync")} + args))
        return ctx.fail(ExitUsage, parser.errorText() + QStringLiteral("; see sync --help."));
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << syncUsage();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, QStringLiteral("sync takes no arguments besides --account "
                                                  "and --full; see sync --help."));
    if (!ctx.openDatabase(CacheAccess::Write))
        return ExitFailure;

    AccountRepository repo(*ctx.db);
    QList<Account> accounts;
    QString error;
    if (parser.isSet(QStringLiteral("account"))) {
        const auto account = repo.findByName(parser.value(QStringLiteral("account")));
        if (!account)
            return ctx.fail(ExitUsage, account.error() + QStringLiteral(" See accounts list."));
        accounts << *account;
    } else {
        const auto all = repo.list();
        if (!all)
            return ctx.fail(ExitFailure, all.error());
        accounts = *all;
        if (accounts.isEmpty())
            return ctx.fail(ExitUsage, QStringLiteral("no accounts to sync; add one with: "
                                                      "refunddesk-cli accounts add NAME "
                                                      "--gateway G --base-url URL"));
    }

    // Account name order decides which failure sets the exit code. Failures are printed at
    // the end: one line when one account failed, else a line per account and a summary.
    QMap<QString, int> failures;
    QMap<QString, QString> reasons;
    QHash<qint64, QString> secrets;
    QList<qint64> ids;
    QHash<qint64, QString> names;
    for (const Account &a : std::as_const(accounts)) {
        names.insert(a.id, a.name);
        const SecretStore::Result secret = ctx.secrets->readBlocking(a.name);
        if (secret.secret.isEmpty()) {
            failures.insert(a.name, ExitAuth);
            reasons.insert(a.name,
                           QStringLiteral("%1: no secret; set the environment variable %2 or run "
                                          "refunddesk-cli accounts set-secret \"%1\"%3")
                               .arg(a.name, SecretStore::environmentVariable(a.name),
                                    secret.error.isEmpty()
                                        ? QString()
                                        : QStringLiteral(" (%1)").arg(secret.error)));
            continue;
        }
        secrets.insert(a.id, secret.secret);
        ids << a.id;
    }

    if (!ids.isEmpty()) {
        // The worker has its own connection; ours stays idle meanwhile.
        SyncEngine engine(ctx.dbPath);
        ProgressPrinter printer(ctx.err, ctx.stderrIsTerminal);
        QObject::connect(&engine, &SyncEngine::progress, &engine,
                         [&printer](const SyncProgress &p) { printer.update(p); });
        QObject::connect(&engine, &SyncEngine::accountFinished, &engine,
                         [&](qint64 id, bool ok, const QString &message, int kind) {
                             printer.clear();
                             const QString name = names.value(id);
                             if (ok) {
                                 ctx.out << name << ": synced (" << message << ")" << Qt::endl;
                                 return;
                             }
                             const int code = exitCodeFor(kind);
                             failures.insert(name, code);
                             reasons.insert(name, QStringLiteral("%1: sync failed: %2; %3")
                                                      .arg(name, message, adviceFor(code, name)));
                         });
        engine.runBlocking(ids, parser.isSet(QStringLiteral("full")), secrets);
        printer.clear();
        secrets.clear();
    }
    if (failures.isEmpty())
        return ExitOk;
    if (failures.size() == 1)
        return ctx.fail(failures.first(), reasons.first());
    for (const QString &reason : std::as_const(reasons))
        ctx.err << reason << Qt::endl;
    return ctx.fail(failures.first(), QStringLiteral("%1 of %2 accounts did not sync (%3); the "
                                                     "lines above say why and what to do.")
                                          .arg(failures.size())
                                          .arg(accounts.size())
                                          .arg(failures.keys().join(QStringLiteral(", "))));
}

} // namespace rd
