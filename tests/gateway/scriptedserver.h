// A loopback HTTP/1.1 server that answers from a script, for unit tests of one client class
// (HttpClient, an adapter's request sequence). It records every request it read.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <memory>

namespace rdtest {

struct Scripted
{
    // Truncate: announces the whole body, sends half of it, then drops the connection.
    // Stream: sends `body` again and again, `streamBytes` in all (< 0: until the client goes),
    // generated as the socket drains, so the server holds no more than a chunk of it.
    enum class Mode { Respond, Hang, Close, Truncate, Stream } mode = Mode::Respond;
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body = "{}";
    qint64 streamBytes = -1;
    bool announceLength = true; // Stream: a Content-Length of streamBytes (when >= 0)
};

struct Seen
{
    QByteArray method;
    QByteArray target;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

class ScriptedServer : public QObject
{
public:
    ScriptedServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QUrl base() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/gw").arg(port())); }
    void script(std::initializer_list<Scripted> s) { m_script = s; }
    // Answers every request from what it asked for instead of from the script (a client that
    // makes several requests in an order the test does not fix, e.g. a sync).
    void respondWith(std::function<Scripted(const Seen &)> responder)
    {
        m_responder = std::move(responder);
    }
    QList<Seen> seen;

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Seen req;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        req.method = first.value(0);
        req.target = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                req.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                   lines.at(i).mid(colon + 1).trimmed());
        }
        const int length = req.headers.value("content-length").toInt();
        if (buf.size() < end + 4 + length)
            return;
        req.body = buf.mid(end + 4, length);
        buf.clear();
        seen.append(req);
        const Scripted next = m_responder          ? m_responder(req)
                              : m_script.isEmpty() ? Scripted()
                                                   : m_script.takeFirst();
        if (next.mode == Scripted::Mode::Hang)
            return;
        if (next.mode == Scripted::Mode::Close) {
            s->abort();
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(next.status) + " X\r\n";
        for (const auto &h : next.headers)
            out += h.first + ": " + h.second + "\r\n";
        if (next.mode == Scripted::Mode::Stream) {
            stream(s, next, out);
            return;
        }
        out += "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
               QByteArray::number(next.body.size()) + "\r\n\r\n" + next.body;
        if (next.mode == Scripted::Mode::Truncate) {
            s->write(out.left(out.size() - next.body.size() / 2));
            s->flush();
            s->abort();
            return;
        }
        s->write(out);
        s->disconnectFromHost();
    }

    void stream(QTcpSocket *s, const Scripted &next, QByteArray head)
    {
        head += "Content-Type: application/json\r\nConnection: close\r\n";
        if (next.announceLength && next.streamBytes >= 0)
            head += "Content-Length: " + QByteArray::number(next.streamBytes) + "\r\n";
        s->write(head + "\r\n");
        auto sent = std::make_shared<qint64>(0);
        const QByteArray chunk = next.body;
        const qint64 total = next.streamBytes;
        auto topUp = [s, sent, chunk, total] {
            while (s->state() == QAbstractSocket::ConnectedState &&
                   s->bytesToWrite() < 1024 * 1024 && (total < 0 || *sent < total)) {
                const QByteArray part =
                    total < 0 ? chunk : chunk.left(qMin(qint64(chunk.size()), total - *sent));
                s->write(part);
                *sent += part.size();
            }
            if (total >= 0 && *sent >= total && s->bytesToWrite() == 0)
                s->disconnectFromHost();
        };
        connect(s, &QTcpSocket::bytesWritten, s, topUp);
        topUp();
    }

    QTcpServer m_server;
    QList<Scripted> m_script;
    std::function<Scripted(const Seen &)> m_responder;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace rdtest
