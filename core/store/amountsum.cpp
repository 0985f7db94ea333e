#include "amountsum.h"

#include <QSqlQuery>

namespace rd {

Result<Money> sumAmounts(QSqlQuery &q, const QString &currency, int column)
{
    Money total(0, currency);
    while (q.next()) {
        QString why;
        const auto sum = total.checkedAdd(Money(q.value(column).toLongLong(), currency), &why);
        if (!sum)
            return Error{why};
        total = *sum;
    }
    return total;
}

} // namespace rd
