#include "syncengine.h"

#include "gateway/gatewayfactory.h"
#include "syncworker.h"

#include <QEventLoop>
#include <QThread>

namespace rd {

namespace {

Gateway *defaultGateway(const Account &account, const QString &secret, QObject *parent,
                        QString *message)
{
    std::unique_ptr<Gateway> gateway = createGateway(account, secret);
    if (!gateway) {
        *message =
            QStringLiteral("no adapter for the gateway \"%1\"").arg(dialectName(account.dialect));
        return nullptr;
    }
    gateway->setParent(parent);
    return gateway.release();
}

} // namespace

SyncEngine::SyncEngine(QString dbPath, QObject *parent)
    : QObject(parent), m_dbPath(std::move(dbPath)), m_factory(defaultGateway)
{
    qRegisterMetaType<rd::SyncProgress>();
}

SyncEngine::~SyncEngine()
{
    if (m_thread) {
        cancel();
        m_thread->quit();
        m_thread->wait();
    }
}

void SyncEngine::setGatewayFactory(GatewayFactory factory)
{
    m_factory = std::move(factory);
}

void SyncEngine::setPageSize(int pageSize)
{
    m_pageSize = std::clamp(pageSize, 1, 100);
}

void SyncEngine::start(const QList<qint64> &accountIds, bool full,
                       const QHash<qint64, QString> &secrets)
{
    if (m_thread) {
        qWarning("SyncEngine::start: a sync is already running");
        return;
    }
    m_cancel = false;
    AccountSync::Options options;
    options.full = full;
    options.pageSize = m_pageSize;
    options.sideBySide = m_sideBySide;
    auto *worker = new SyncWorker(m_dbPath, accountIds, secrets, m_factory, options, &m_cancel);
    m_worker = worker;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("refunddesk-sync"));
    worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, worker, &SyncWorker::run);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &SyncWorker::progress, this, &SyncEngine::progress);
    connect(worker, &SyncWorker::accountFinished, this, &SyncEngine::accountFinished);
    connect(worker, &SyncWorker::done, this, [this](bool ok) {
        // The worker, its adapters and its connection are gone once the thread has ended.
        m_thread->quit();
        m_thread->wait();
        m_thread->deleteLater();
        m_thread = nullptr;
        Q_EMIT finished(ok);
    });
    m_thread->start();
}

void SyncEngine::cancel()
{
    m_cancel = true;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &SyncWorker::cancelAll, Qt::QueuedConnection);
}

bool SyncEngine::runBlocking(const QList<qint64> &accountIds, bool full,
                             const QHash<qint64, QString> &secrets)
{
    QEventLoop loop;
    bool result = false;
    const auto connection = connect(this, &SyncEngine::finished, &loop, [&](bool ok) {
        result = ok;
        loop.quit();
    });
    start(accountIds, full, secrets);
    if (m_thread)
        loop.exec();
    disconnect(connection);
    return result;
}

} // namespace rd
