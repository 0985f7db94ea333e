// The currencies the cache holds, read on a worker so the currency filter offers only codes
// that can match a row (not every ISO code there is).
#pragma once

#include "cacheworker.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace rd {

class CurrencyListLoader final : public QObject
{
    Q_OBJECT
public:
    explicit CurrencyListLoader(const QString &databasePath, QObject *parent = nullptr);
    ~CurrencyListLoader() override;

    void load(); // asynchronous; answers with loaded()

Q_SIGNALS:
    void loaded(const QStringList &codes);

private:
    std::unique_ptr<CacheWorker> m_worker;
};

} // namespace rd
