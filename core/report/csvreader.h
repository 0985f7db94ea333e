// Reads RFC 4180 CSV (as CsvWriter writes it): records of fields, quoted fields holding commas,
// doubled quotes and line breaks; CRLF or LF line ends. Blank lines are not records.
#pragma once

#include "domain/result.h"

#include <QList>
#include <QStringList>
#include <QStringView>

namespace rd {

struct CsvRecord
{
    int line = 0; // the line the record starts on, from 1
    QStringList fields;
};

// An error names the line of a quote left open or misplaced.
Result<QList<CsvRecord>> parseCsv(QStringView text);

} // namespace rd
