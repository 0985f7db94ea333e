#include "csvwriter.h"

#include <QIODevice>

#include <cstring>

namespace rd {

namespace {

// Large enough that a 1M-row export makes few write calls, small enough to be irrelevant
// next to the process.
constexpr qsizetype FlushThreshold = 256 * 1024;

// The characters that make a cell start like a formula; all ASCII, so the first UTF-16 unit
// and the first UTF-8 byte of a cell tell the same.
bool startsFormula(char16_t first)
{
    switch (first) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r':
        return true;
    default:
        return false;
    }
}

bool needsGuard(const QString &value)
{
    return !value.isEmpty() && startsFormula(value.at(0).unicode());
}

// Whether a cell must be quoted (it holds '"', ',', CR or LF) and whether it holds a '"' to
// double, for UTF-16 units and UTF-8 bytes alike: the characters are ASCII, and no unit of a
// longer UTF-16 or UTF-8 sequence is.
struct Quoting
{
    bool quote = false;
    bool hasQuoteChar = false;
};

template <typename Unit> Quoting quotingOf(const Unit *text, qsizetype size)
{
    Quoting q;
    for (qsizetype i = 0; i < size; ++i) {
        switch (text[i]) {
        case Unit('"'):
            q.hasQuoteChar = true;
            q.quote = true;
            break;
        case Unit(','):
        case Unit('\r'):
        case Unit('\n'):
            q.quote = true;
            break;
        default:
            break;
        }
    }
    return q;
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device, QList<CellKind> kinds)
    : m_device(device), m_kinds(std::move(kinds)),
      m_encoder(QStringEncoder::Utf8, QStringConverter::Flag::Stateless)
{
    m_buffer.reserve(FlushThreshold + 4096);
}

CsvWriter::~CsvWriter() = default;

bool CsvWriter::writeBom()
{
    m_buffer.append("\xEF\xBB\xBF");
    return !hasError();
}

void CsvWriter::appendUtf8(QStringView text)
{
    // Encodes straight into the buffer: no temporary per cell. Within the reserved capacity
    // the two resizes do not reallocate.
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + m_encoder.requiredSpace(text.size()));
    const char *end = m_encoder.appendToBuffer(m_buffer.data() + old, text);
    m_buffer.resize(end - m_buffer.constData());
}

void CsvWriter::appendField(const QString &value, CellKind kind)
{
    const auto [quote, hasQuoteChar] = quotingOf(value.utf16(), value.size());
    if (quote)
        m_buffer.append('"');
    // The guard makes a spreadsheet read the cell as text instead of evaluating it.
    if (kind == CellKind::Text && needsGuard(value))
        m_buffer.append('\'');
    const QStringView view(value);
    qsizetype from = 0;
    while (hasQuoteChar) {
        const qsizetype at = view.indexOf(u'"', from);
        if (at < 0)
            break;
        appendUtf8(view.mid(from, at - from + 1));
        m_buffer.append('"'); // RFC 4180: a quote inside a quoted field is doubled
        from = at + 1;
    }
    appendUtf8(view.mid(from));
    if (quote)
        m_buffer.append('"');
}

bool CsvWriter::writeRow(const QStringList &cells)
{
    if (hasError())
        return false;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            m_buffer.append(',');
        appendField(cells.at(i), i < m_kinds.size() ? m_kinds.at(i) : CellKind::Text);
    }
    m_buffer.append("\r\n", 2);
    if (m_buffer.size() >= FlushThreshold)
        return flush();
    return true;
}

void CsvWriter::separate()
{
    if (m_cellsInRow++ > 0)
        m_buffer.append(',');
}

void CsvWriter::writeCell(const QString &value)
{
    separate();
    appendField(value, kindOf(m_cellsInRow - 1));
}

void CsvWriter::writeUtf8Cell(const char *utf8, qsizetype size)
{
    // appendField()'s rules, on bytes, written through one pointer into room made once: this
    // runs for every cell of a million-row export.
    const Quoting q = quotingOf(utf8, size);
    const bool guard = kindOf(m_cellsInRow) == CellKind::Text && size > 0 &&
                       startsFormula(char16_t(static_cast<unsigned char>(utf8[0])));
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + 4 + (q.hasQuoteChar ? 2 * size : size));
    char *out = m_buffer.data() + old;
    if (m_cellsInRow++ > 0)
        *out++ = ',';
    if (q.quote)
        *out++ = '"';
    if (guard)
        *out++ = '\'';
    if (!q.hasQuoteChar) {
        std::memcpy(out, utf8, size_t(size));
        out += size;
    } else {
        for (qsizetype i = 0; i < size; ++i) {
            *out++ = utf8[i];
            if (utf8[i] == '"')
                *out++ = '"'; // RFC 4180: a quote inside a quoted field is doubled
        }
    }
    if (q.quote)
        *out++ = '"';
    m_buffer.resize(out - m_buffer.constData());
}

bool CsvWriter::endRow()
{
    m_cellsInRow = 0;
    if (hasError())
        return false;
    m_buffer.append("\r\n", 2);
    if (m_buffer.size() >= FlushThreshold)
        return flush();
    return true;
}

bool CsvWriter::flush()
{
    if (hasError())
        return false;
    const char *data = m_buffer.constData();
    qint64 left = m_buffer.size();
    while (left > 0) {
        const qint64 n = m_device->write(data, left);
        if (n <= 0) {
            m_error = m_device->errorString();
            if (m_error.isEmpty() || m_error == QLatin1String("Unknown error"))
                m_error = QStringLiteral("the file could not be written (is the disk full?)");
            return false;
        }
        data += n;
        left -= n;
        m_bytesWritten += n;
    }
    m_buffer.resize(0); // keeps the capacity for the next batch
    return true;
}

} // namespace rd
