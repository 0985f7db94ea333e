// The CSV writer on any cells: what it writes reads back (RFC 4180, CRLF) to exactly the rows
// and cells it was given, with the formula guard on text cells that need it and on no others.
#include "fuzzentries.h"

#include "report/csvwriter.h"

#include <QBuffer>

namespace rd::fuzz {

namespace {

// A strict RFC 4180 reader: rows end in CRLF; a quoted field doubles its quotes. Returns
// nothing on a structural error.
std::optional<QList<QStringList>> readCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        if (text.at(i) == u'"') {
            ++i;
            for (;;) {
                if (i >= n)
                    return std::nullopt; // unterminated quote
                if (text.at(i) == u'"') {
                    if (i + 1 < n && text.at(i + 1) == u'"') {
                        field += u'"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text.at(i++);
            }
        } else {
            while (i < n && text.at(i) != u',' && text.at(i) != u'\r') {
                if (text.at(i) == u'"' || text.at(i) == u'\n')
                    return std::nullopt; // must have been quoted
                field += text.at(i++);
            }
        }
        if (i < n && text.at(i) == u',') {
            row.append(field);
            field.clear();
            ++i;
        } else if (i + 1 < n && text.at(i) == u'\r' && text.at(i + 1) == u'\n') {
            row.append(field);
            field.clear();
            rows.append(row);
            row.clear();
            i += 2;
        } else {
            return std::nullopt; // a field not followed by ',' or CRLF
        }
    }
    if (!row.isEmpty() || !field.isEmpty())
        return std::nullopt; // the last row did not end in CRLF
    return rows;
}

bool needsGuard(const QString &cell)
{
    if (cell.isEmpty())
        return false;
    const QChar c = cell.at(0);
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

} // namespace

QString csvWriter(const QByteArray &input)
{
    if (input.isEmpty())
        return QString();
    const quint8 selector = quint8(input.at(0));
    // Bits 0-3: kinds of the first four columns (1 = number); bit 4: raw UTF-16 text, which
    // may hold lone surrogates (JSON "\ud800" escapes reach exports that way).
    QList<CsvWriter::CellKind> kinds;
    for (int bit = 0; bit < 4; ++bit)
        kinds.append((selector >> bit) & 1 ? CsvWriter::CellKind::Number
                                           : CsvWriter::CellKind::Text);
    const bool rawUtf16 = selector & 0x10;
    const QByteArray rest = input.mid(1);
    const QString text = rawUtf16 ? utf16Text(rest) : QString::fromUtf8(rest);

    QList<QStringList> rows;
    for (const QString &line : text.split(QChar(0x1E)))
        rows.append(line.split(QChar(0x1F)));

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&buffer, kinds);
        for (const QStringList &row : rows) {
            if (!writer.writeRow(row))
                return QStringLiteral("writing a row to memory failed: %1").arg(writer.error());
        }
        if (!writer.flush())
            return QStringLiteral("flushing to memory failed: %1").arg(writer.error());
        if (writer.bytesWritten() != bytes.size())
            return QStringLiteral("counted %1 bytes, wrote %2")
                .arg(writer.bytesWritten())
                .arg(bytes.size());
    }

    const auto read = readCsv(QString::fromUtf8(bytes));
    if (!read)
        return QStringLiteral("the output is not RFC 4180 CSV with CRLF line ends");
    if (read->size() != rows.size())
        return QStringLiteral("wrote %1 rows, read back %2").arg(rows.size()).arg(read->size());
    // Lone surrogates cannot be written as UTF-8; there only the shape has to survive.
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QStringList &given = rows.at(r);
        const QStringList &got = read->at(r);
        if (got.size() != given.size())
            return QStringLiteral("row %1: wrote %2 cells, read back %3")
                .arg(r)
                .arg(given.size())
                .arg(got.size());
        if (rawUtf16)
            continue;
        for (qsizetype c = 0; c < given.size(); ++c) {
            const bool text = c >= kinds.size() || kinds.at(c) == CsvWriter::CellKind::Text;
            const QString expected =
                text && needsGuard(given.at(c)) ? QLatin1Char('\'') + given.at(c) : given.at(c);
            if (got.at(c) != expected)
                return QStringLiteral("row %1 cell %2 read back as \"%3\", not \"%4\"")
                    .arg(r)
                    .arg(c)
                    .arg(got.at(c), expected);
        }
    }
    return QString();
}

} // namespace rd::fuzz
