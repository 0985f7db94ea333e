#include "keychainjob.h"

#include <QObject>
#include <qt6keychain/keychain.h>

namespace rd::keychain {

namespace {

Answer::Status statusOf(QKeychain::Error e)
{
    switch (e) {
    case QKeychain::NoError:
        return Answer::Status::Ok;
    case QKeychain::EntryNotFound:
        return Answer::Status::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return Answer::Status::NoBackend;
    default:
        return Answer::Status::Failed;
    }
}

QKeychain::Job *jobFor(const Request &request)
{
    switch (request.operation) {
    case Operation::Read:
        return new QKeychain::ReadPasswordJob(request.service);
    case Operation::Write: {
        auto *job = new QKeychain::WritePasswordJob(request.service);
        job->setTextData(request.secret);
        return job;
    }
    case Operation::Remove:
        return new QKeychain::DeletePasswordJob(request.service);
    }
    return nullptr;
}

// Kept in this file's own namespace so that the module's entry point below calls this code,
// never a start() of the executable that loaded it.
void startJob(const Request &request, QObject *context, Done done)
{
    // Jobs have no parent: the keychain's own callback may still arrive after the window that
    // asked is closed, and must find its job alive (it deletes itself once finished). The
    // connection's context drops the answer when whoever asked is gone.
    QKeychain::Job *job = jobFor(request);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(request.key);
    const bool read = request.operation == Operation::Read;
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [read, done = std::move(done)](QKeychain::Job *j) {
                         Answer a;
                         a.status = statusOf(j->error());
                         if (a.status == Answer::Status::Ok && read)
                             a.secret = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
                         else if (a.status != Answer::Status::Ok)
                             a.error = j->errorString();
                         done(a);
                     });
    job->start();
}

} // namespace

void start(const Request &request, QObject *context, Done done)
{
    startJob(request, context, std::move(done));
}

} // namespace rd::keychain

#ifdef RD_KEYCHAIN_MODULE
// The module's one entry point (see keychainloader.cpp); the signature is StartFunction's.
extern "C" Q_DECL_EXPORT void refunddesk_keychain_start(const rd::keychain::Request &request,
                                                        QObject *context, rd::keychain::Done done)
{
    rd::keychain::startJob(request, context, std::move(done));
}
#endif
