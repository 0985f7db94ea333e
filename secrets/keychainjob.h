// One request to the OS keychain, answered asynchronously. keychainjob.cpp is the only code
// that talks to QtKeychain. The desktop and the tests link it in (refunddesk_secrets);
// refunddesk-cli loads it from the refunddesk_keychain module the first time a command needs
// the keychain (keychainloader.cpp, refunddesk_secrets_loaded), so a command whose secret comes
// from the environment starts without QtKeychain, QtDBus and libdbus.
#pragma once

#include <QString>

#include <functional>

class QObject;

namespace rd::keychain {

enum class Operation { Read, Write, Remove };

struct Request
{
    Operation operation = Operation::Read;
    QString service;
    QString key;
    QString secret; // for Write
};

struct Answer
{
    // NoBackend: no keychain service here (or the module is missing); Failed: one that
    // answered with an error, such as access denied.
    enum class Status { Ok, NotFound, NoBackend, Failed };
    Status status = Status::NoBackend;
    QString secret; // what Read found
    QString error;  // the keychain's own words when not Ok
};

using Done = std::function<void(const Answer &)>;

// Starts `request`; `done` runs once on `context`'s thread, and not at all when `context` is
// gone by then. It may run before start() returns (the module could not be loaded).
void start(const Request &request, QObject *context, Done done);

// The function the refunddesk_keychain module exports under this name: start() itself.
using StartFunction = void (*)(const Request &, QObject *, Done);
inline constexpr char moduleEntry[] = "refunddesk_keychain_start";

} // namespace rd::keychain
