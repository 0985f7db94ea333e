// Adds up the amounts a query returns, exactly: an overflow is an error, never a wrapped sum,
// since the totals feed what may still be refunded.
#pragma once

#include "domain/money.h"
#include "domain/result.h"

class QSqlQuery;

namespace rd {

// The sum of column `column` (minor units of `currency`) over the rows left in executed query
// `q`.
Result<Money> sumAmounts(QSqlQuery &q, const QString &currency, int column = 0);

} // namespace rd
