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
    bool endRow();
    // Hands the buffered bytes to the device. False (with error()) when the device refused.
    bool flush();

    bool hasError() const { return !m_error.isEmpty(); }
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

    QIODevice *m_device;
    QList<CellKind> m_kinds;
    QStringEncoder m_encoder;
    QByteArray m_buffer;
    QString m_error;
    qint64 m_bytesWritten = 0;
    qsizetype m_cellsInRow = 0; // of the row being written cell by cell
};

} // namespace rd
