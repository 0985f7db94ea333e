// The refunddesk-cli command dispatcher: global options, the command table, and the context
// every command gets (the open cache, stdout/stderr, the secret store).
#pragma once

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace rd {

class Database;
class SecretStore;

// Exit codes are a contract (DESIGN.md): scripts and tests depend on them.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1, // the cache could not be opened or written; nothing was sent
    ExitUsage = 2,
    ExitRefusedLocally = 3, // refused before anything was sent
    ExitRejected = 4,       // the gateway said no
    ExitUnknown = 5,        // no definite answer; kept in the outbox
    ExitAuth = 6,
    ExitUnreachable = 7,
    ExitAwaitingApproval = 8, // recorded for another person's approval; nothing was sent
};

// What a command needs from the cache; decides how it is opened (see openDatabase()).
enum class CacheAccess {
    Read,   // an existing cache, opened read-only: list, export, outbox, backup, accounts list
    Write,  // an existing cache this user can write: sync, refund, reconcile, ...
    Create, // created when missing, in an existing folder: accounts add only
};

struct CliContext
{
    QTextStream &out;
    QTextStream &err;
    QString dbPath;
    bool usingDefaultPath = false; // no --db and no REFUNDDESK_DB
    std::unique_ptr<Database> db;  // opened lazily by openDatabase()
    std::unique_ptr<SecretStore> secrets;
    bool stderrIsTerminal = false;

    CliContext(QTextStream &o, QTextStream &e);
    ~CliContext();

    // Opens and migrates the cache for `access`, printing one clear line on failure. A read
    // command on a missing file fails and creates nothing; once opening has failed, later
    // calls fail silently, so the reason is printed once.
    bool openDatabase(CacheAccess access);
    // Prints "refunddesk-cli: <message>" on stderr as one line and returns `code`. Only the
    // first failure of a run is printed: what fails after it follows from it, and scripts
    // read one line per failed run. Damaged-cache errors get what to do (exit 1).
    int fail(int code, const QString &message);
    bool hasFailed() const { return m_failed; }

private:
    // A team database that could not be opened: libpq's reason, and where the password to
    // fix is when the reason is the password.
    QString withPasswordHint(const QString &error) const;

    bool m_failed = false;
    bool m_openFailed = false;
    bool m_teamPasswordRead = false;         // the keychain was asked for the team database's
    bool m_teamPasswordFromKeychain = false; // ... and had a password for it
};

// The first line of standard input without its line ending (at most 64 KiB): how a secret
// reaches the command line without being on it, where process lists and shell histories
// would show it. Empty when there is none; nullopt, with the failure printed, when standard
// input cannot be read.
std::optional<QString> readStandardInputLine(CliContext &ctx);

// Parses a command's `args` (program name excluded) with `parser`, which gains --help. False
// with *code set when the command should stop: a usage error (exit 2, "...; see HINT.") or
// --help (the usage text on stdout, exit 0).
bool parseCommandArgs(CliContext &ctx, QCommandLineParser &parser, const QStringList &args,
                      const QString &usage, const QString &hint, int *code);

// Entry point: `args` excludes the program name.
int runCli(const QStringList &args, QTextStream &out, QTextStream &err);

// Commands, one file each under cli/. `args` starts after the command word.
int accountsCommand(CliContext &ctx, const QStringList &args);
int syncCommand(CliContext &ctx, const QStringList &args);
int refundCommand(CliContext &ctx, const QStringList &args);
// refund --from-csv FILE: called by refundCommand.
int bulkRefundCommand(CliContext &ctx, const QStringList &args);
int chargebackCommand(CliContext &ctx, const QStringList &args);
int outboxCommand(CliContext &ctx, const QStringList &args);
int reconcileCommand(CliContext &ctx, const QStringList &args);

// Resolves open outbox entries (pending after a crash, unknown after no answer) with
// ops/Reconciler. Runs at the start of every command except accounts, outbox and reconcile;
// `sync` should call it again when it has finished. Prints on stderr only when there was
// something to do; never changes the command's exit code.
void reconcileOpenOperations(CliContext &ctx);
int listCommand(CliContext &ctx, const QStringList &args);
int exportCommand(CliContext &ctx, const QStringList &args);
int backupCommand(CliContext &ctx, const QStringList &args);
int teamCommand(CliContext &ctx, const QStringList &args);
int approvalsCommand(CliContext &ctx, const QStringList &args);

} // namespace rd
