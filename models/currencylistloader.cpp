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
            // Refunds and chargebacks are in their invoice's currency; the index answers this.
            QSqlQuery q(db->connection());
            if (q.exec(QStringLiteral("SELECT DISTINCT currency FROM invoices ORDER BY 1"))) {
                while (q.next())
                    codes << q.value(0).toString();
            }
        }
        QMetaObject::invokeMethod(
            this, [this, codes] { Q_EMIT loaded(codes); }, Qt::QueuedConnection);
    });
}

} // namespace rd
