// Tells this desktop when another one changed the team database: a connection of its own that
// LISTENs on the channel the schema's triggers notify (one notification per table and
// transaction), so new refunds, outbox entries and syncs show within a second or two without
// a manual refresh. On a SQLite cache it does nothing (one person; their own writes already
// refresh the views).
#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace rd {

class Database;

class ChangeListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeListener)

public:
    explicit ChangeListener(QObject *parent = nullptr);
    ~ChangeListener() override;

    // Opens its own connection to `address` and starts listening; false with the reason when
    // the connection or the LISTEN fails. Call on a thread with an event loop.
    bool start(const QString &address, QString *error);
    bool isListening() const;

    static QString channel();

Q_SIGNALS:
    // `table` changed: accounts, invoices, refunds, chargebacks or outbox.
    void changed(const QString &table);

private:
    std::unique_ptr<Database> m_db;
};

} // namespace rd
