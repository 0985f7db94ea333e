// Gateway pages served from memory, for the ingest benchmark: a QNetworkAccessManager whose
// replies come from the sandbox's own dialect handlers called in-process (recording), or from
// what was recorded (replaying). A sync through it parses and stores exactly what it would
// over HTTP, with no socket and no server in the time measured.
#pragma once

#include "dialects.h"
#include "seed.h"
#include "store.h"

#include <QHash>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

#include <array>
#include <memory>

namespace rdbench {

class MemoryReply final : public QNetworkReply
{
public:
    MemoryReply(QObject *parent, const QNetworkRequest &request,
                QNetworkAccessManager::Operation op, int status, QByteArray body)
        : QNetworkReply(parent), m_body(std::move(body))
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
        setRawHeader("Content-Type", "application/json");
        setHeader(QNetworkRequest::ContentLengthHeader, m_body.size());
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        // Answers later, as a network reply does, once the caller has connected.
        QTimer::singleShot(0, this, [this] {
            Q_EMIT metaDataChanged();
            Q_EMIT downloadProgress(m_body.size(), m_body.size());
            Q_EMIT readyRead();
            setFinished(true);
            Q_EMIT finished();
        });
    }
    void abort() override {}
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_body.size() - m_read + QNetworkReply::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min(maxSize, m_body.size() - m_read);
        if (n <= 0)
            return m_read >= m_body.size() ? -1 : 0;
        memcpy(data, m_body.constData() + m_read, size_t(n));
        m_read += n;
        return n;
    }

private:
    QByteArray m_body;
    qint64 m_read = 0;
};

// The sandbox's data and handlers, and every answer given so far by URL.
class PageSource final
{
public:
    PageSource(quint64 seed, int invoicesPerDialect) : m_store(seed)
    {
        rd::sandbox::seedStore(m_store, invoicesPerDialect);
        m_handlers[size_t(rd::Dialect::Stripe)] = rd::sandbox::makeStripeHandler(m_store);
        m_handlers[size_t(rd::Dialect::WooshPay)] = rd::sandbox::makeWooshPayHandler(m_store);
        m_handlers[size_t(rd::Dialect::Chargebee)] = rd::sandbox::makeChargebeeHandler(m_store);
        m_handlers[size_t(rd::Dialect::ProcessOut)] = rd::sandbox::makeProcessOutHandler(m_store);
        m_handlers[size_t(rd::Dialect::IntaSend)] = rd::sandbox::makeIntaSendHandler(m_store);
    }

    // Replaying answers only from what was recorded; an unknown URL is then a 404.
    void setReplaying(bool replaying) { m_replaying = replaying; }
    qint64 recordedBytes() const { return m_bytes; }
    qsizetype recordedPages() const { return m_pages.size(); }

    std::pair<int, QByteArray> answer(const QNetworkRequest &request, const QByteArray &method)
    {
        QMutexLocker lock(&m_mutex);
        const QByteArray key = method + ' ' + request.url().toEncoded();
        if (const auto it = m_pages.constFind(key); it != m_pages.cend())
            return *it;
        if (m_replaying)
            return {404, QByteArrayLiteral("{}")};
        QStringList segments = request.url().path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const auto dialect = rd::dialectFromName(segments.value(0));
        if (!dialect)
            return {404, QByteArrayLiteral("{}")};
        segments.removeFirst();
        rd::sandbox::Request r;
        r.method = method;
        r.segments = segments;
        r.query = QUrlQuery(request.url());
        for (const QByteArray &name : request.rawHeaderList())
            r.headers.append({name, request.rawHeader(name)});
        r.baseUrl = request.url().toString(QUrl::RemoveQuery | QUrl::RemovePath) +
                    QLatin1Char('/') + rd::dialectName(*dialect);
        rd::sandbox::Reply reply = m_handlers[size_t(*dialect)]->handle(r);
        m_handlers[size_t(*dialect)]->finish(reply, false);
        m_bytes += reply.body.size();
        m_pages.insert(key, {reply.status, reply.body});
        return {reply.status, reply.body};
    }

private:
    QMutex m_mutex;
    rd::sandbox::Store m_store;
    std::array<std::unique_ptr<rd::sandbox::DialectHandler>, 5> m_handlers;
    QHash<QByteArray, std::pair<int, QByteArray>> m_pages;
    qint64 m_bytes = 0;
    bool m_replaying = false;
};

class MemoryNetwork final : public QNetworkAccessManager
{
public:
    explicit MemoryNetwork(PageSource &source) : m_source(source) {}

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *) override
    {
        const QByteArray method =
            request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        const auto [status, body] =
            m_source.answer(request, method.isEmpty() ? QByteArrayLiteral("GET") : method);
        return new MemoryReply(this, request, op, status, body);
    }

private:
    PageSource &m_source;
};

} // namespace rdbench
