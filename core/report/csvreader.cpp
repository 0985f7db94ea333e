#include "csvreader.h"

namespace rd {

Result<QList<CsvRecord>> parseCsv(QStringView text)
{
    QList<CsvRecord> out;
    CsvRecord record;
    QString field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    int line = 1;
    record.line = 1;
    const auto endField = [&] {
        record.fields << field;
        field.clear();
        fieldWasQuoted = false;
    };
    const auto endRecord = [&] {
        endField();
        // A blank line is not a row.
        if (!(record.fields.size() == 1 && record.fields.first().isEmpty()))
            out << record;
        record = CsvRecord();
        record.line = line;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || fieldWasQuoted)
                return Error{QStringLiteral("line %1: a quote inside an unquoted field; quote the "
                                            "whole field and double the quotes in it")
                                 .arg(line)};
            quoted = true;
            fieldWasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() &&
                text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            ++line;
            endRecord();
        } else if (fieldWasQuoted) {
            return Error{QStringLiteral("line %1: text after a closing quote").arg(line)};
        } else {
            field += c;
        }
    }
    if (quoted)
        return Error{QStringLiteral("line %1: a quoted field is never closed").arg(record.line)};
    if (!field.isEmpty() || fieldWasQuoted || !record.fields.isEmpty())
        endRecord();
    return out;
}

} // namespace rd
