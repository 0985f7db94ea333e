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
            // Refunds and chargebacks are mostly in their invoice's currency, but one whose
            // invoice the cache does not hold (older than the first sync) still has to be
            // reachable by the filter, e.g. from a clicked chart bar in its currency.
            QSqlQuery q(db->connection());
            if (q.exec(QStringLiteral("SELECT currency FROM invoices UNION SELECT currency FROM "
                                      "refunds UNION SELECT currency FROM chargebacks "
                                      "ORDER BY 1"))) {
                while (q.next())
                    codes << q.value(0).toString();
            }
        }
        QMetaObject::invokeMethod(
            this, [this, codes] { Q_EMIT loaded(codes); }, Qt::QueuedConnection);
    });
}

} // namespace rd
