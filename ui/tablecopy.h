// The selected rows of a table as tab-separated text with a header row, the way spreadsheets
// and mail clients take a paste. Columns in the order the person sees them, hidden ones left out.
#pragma once

#include <QString>

class QTableView;

namespace rd {

// Empty when no row is selected.
QString selectedRowsAsTsv(const QTableView *table);

} // namespace rd
