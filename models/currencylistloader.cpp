#include "currencylistloader.h"

#include "store/database.h"

#include <QSqlQuery>

namespace rd {

CurrencyListLoader::CurrencyListLoader(const QString &databasePath, QObject *parent)
    : QObject(parent),
      m_worker(std::make_unique<CacheWorker>(databasePath, QStringLiteral("currency-list")))
{}

CurrencyListLoader::~CurrencyListLoader()
{
    m_worker.reset(); // joins before the object its answers go to is gone
}

void CurrencyListLoader::load()
{
    m_worker->post([this](Database *db, const QString &) {
        QStringList codes;
        if (db) {
            // Refunds and chargebacks are mostly in their invoice's currency. DISTINCT over the
            // invoices would read all of their currency index (a million entries on a large
            // cache, competing with the first screen at start-up); stepping from one currency to
            // the next seeks the index once per currency instead.
            QSqlQuery q(db->connection());
            q.prepare(QStringLiteral("SELECT MIN(currency) FROM invoices WHERE currency > ?"));
            QString last = QStringLiteral("");
            while (true) {
                q.bindValue(0, last);
                if (!q.exec() || !q.next() || q.value(0).isNull())
                    break;
                last = q.value(0).toString();
                codes << last;
            }
            // A refund or chargeback whose invoice the cache does not hold (older than the first
            // sync) still has to be reachable by the filter, e.g. from a clicked chart bar in its
            // currency. This runs on the worker thread, after the invoices' currencies are known.
            if (q.exec(QStringLiteral("SELECT currency FROM refunds UNION SELECT currency FROM "
                                      "chargebacks"))) {
                while (q.next()) {
                    const QString code = q.value(0).toString();
                    if (!code.isEmpty() && !codes.contains(code))
                        codes << code;
                }
                codes.sort();
            }
            // The empty text sorts first and is never passed by "> ''".
            if (q.exec(QStringLiteral("SELECT 1 FROM invoices WHERE currency = '' LIMIT 1")) &&
                q.next())
                codes.prepend(QString());
        }
        QMetaObject::invokeMethod(
            this, [this, codes] { Q_EMIT loaded(codes); }, Qt::QueuedConnection);
    });
}

} // namespace rd
