// Writes RFC 4180 CSV (UTF-8, CRLF) to any QIODevice through a buffer, with the spreadsheet
// formula guard, so exports of any size stream in constant memory.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringConverter>
#include <QStringList>

class QIODevice;

namespace rd {

class CsvWriter final
{
public:
    // Text cells get the formula guard; Number cells (amounts) are written as they are.
    enum class CellKind { Text, Number };

    // `device` must be open for writing and outlive the writer. `kinds` gives each column's
    // kind; columns beyond it are Text.
    CsvWriter(QIODevice *device, QList<CellKind> kinds);
    ~CsvWriter();
    Q_DISABLE_COPY_MOVE(CsvWriter)

    // Writes the UTF-8 byte order mark (Excel needs it to read UTF-8). Call before any row.
    bool writeBom();
    bool writeRow(const QStringList &cells);

    // A row cell by cell, for rows formatted in place (the export's SQLite lane): the same
    // rules as writeRow(), for text given as a QString or as UTF-8 bytes. `utf8` must be valid
    // UTF-8; it is copied as it is.
    void writeCell(const QString &value);
    void writeUtf8Cell(const char *utf8, qsizetype size);
    // writeUtf8Cell() for bytes that may not be UTF-8: false, and nothing written, unless they
    // are strict UTF-8 (isStrictUtf8()), which the byte scan for quoting checks on the way.
    bool writeTextCell(const char *bytes, qsizetype size);
    // writeUtf8Cell() for ASCII that holds no '"', ',', CR or LF (a formatted amount or
    // timestamp): no quoting scan.
    void writePlainCell(const char *ascii, qsizetype size);
    bool endRow();
    // Hands the buffered bytes to the device. False (with error()) when the device refused.
    bool flush();

    bool hasError() const { return !m_error.isEmpty(); }
    // Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF): exactly the
    // text that survives SQLite's UTF-16 conversion and Qt's UTF-8 encoder unchanged.
    static bool isStrictUtf8(const char *bytes, qsizetype size);
    const QString &error() const { return m_error; }
    qint64 bytesWritten() const { return m_bytesWritten; }

private:
    // Guarded if it is Text and begins with = + - @ tab or CR, then quoted if it holds '"',
    // ',', CR or LF.
    void appendField(const QString &value, CellKind kind);
    void appendUtf8(QStringView text);
    CellKind kindOf(qsizetype column) const
    {
        return column < m_kinds.size() ? m_kinds.at(column) : CellKind::Text;
    }
    void separate();
    // Room for `size` more bytes after the m_used ones; where they go.
    char *room(qsizetype size);
    void put(char c) { *room(1) = c, ++m_used; }
    // A cell of valid UTF-8 whose bytes were scanned for quoting.
    void writeScanned(const char *utf8, qsizetype size, bool quote, bool hasQuoteChar);

    QIODevice *m_device;
    QList<CellKind> m_kinds;
    QStringEncoder m_encoder;
    QByteArray m_buffer; // its size is the room; the first m_used bytes wait for flush()
    qsizetype m_used = 0;
    QString m_error;
    qint64 m_bytesWritten = 0;
    qsizetype m_cellsInRow = 0; // of the row being written cell by cell
};

} // namespace rd
