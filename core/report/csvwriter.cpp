#include "csvwriter.h"

#include <QIODevice>

#include <algorithm>
#include <array>
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

// What each byte of a UTF-8 cell asks of its writing: quoting (and a quote to double), or
// the strict UTF-8 check (any byte of a sequence longer than one).
enum : unsigned char { Quote = 1, QuoteChar = 2, NonAscii = 4 };

constexpr std::array<unsigned char, 256> kByteClass = [] {
    std::array<unsigned char, 256> t{};
    t['"'] = Quote | QuoteChar;
    t[','] = Quote;
    t['\r'] = Quote;
    t['\n'] = Quote;
    for (int c = 0x80; c < 256; ++c)
        t[c] = NonAscii;
    return t;
}();

unsigned classOf(const char *bytes, qsizetype size)
{
    unsigned c = 0;
    for (qsizetype i = 0; i < size; ++i)
        c |= kByteClass[static_cast<unsigned char>(bytes[i])];
    return c;
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device, QList<CellKind> kinds)
    : m_device(device), m_kinds(std::move(kinds)),
      m_encoder(QStringEncoder::Utf8, QStringConverter::Flag::Stateless)
{
    m_buffer.resize(FlushThreshold + 4096);
}

CsvWriter::~CsvWriter() = default;

bool CsvWriter::isStrictUtf8(const char *bytes, qsizetype size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes);
    qsizetype i = 0;
    while (i < size) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int more = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return false;
        }
        if (i + more >= size)
            return false;
        for (int k = 1; k <= more; ++k) {
            const unsigned char t = p[i + k];
            if ((t & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (t & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += more + 1;
    }
    return true;
}

char *CsvWriter::room(qsizetype size)
{
    // Within FlushThreshold plus a row this never grows; a longer row doubles the room.
    if (m_used + size > m_buffer.size())
        m_buffer.resize(std::max(m_used + size, 2 * m_buffer.size()));
    return m_buffer.data() + m_used;
}

bool CsvWriter::writeBom()
{
    std::memcpy(room(3), "\xEF\xBB\xBF", 3);
    m_used += 3;
    return !hasError();
}

void CsvWriter::appendUtf8(QStringView text)
{
    // Encodes straight into the buffer: no temporary per cell.
    const char *end = m_encoder.appendToBuffer(room(m_encoder.requiredSpace(text.size())), text);
    m_used = end - m_buffer.constData();
}

void CsvWriter::appendField(const QString &value, CellKind kind)
{
    const auto [quote, hasQuoteChar] = quotingOf(value.utf16(), value.size());
    if (quote)
        put('"');
    // The guard makes a spreadsheet read the cell as text instead of evaluating it.
    if (kind == CellKind::Text && needsGuard(value))
        put('\'');
    const QStringView view(value);
    qsizetype from = 0;
    while (hasQuoteChar) {
        const qsizetype at = view.indexOf(u'"', from);
        if (at < 0)
            break;
        appendUtf8(view.mid(from, at - from + 1));
        put('"'); // RFC 4180: a quote inside a quoted field is doubled
        from = at + 1;
    }
    appendUtf8(view.mid(from));
    if (quote)
        put('"');
}

bool CsvWriter::writeRow(const QStringList &cells)
{
    if (hasError())
        return false;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            put(',');
        appendField(cells.at(i), i < m_kinds.size() ? m_kinds.at(i) : CellKind::Text);
    }
    std::memcpy(room(2), "\r\n", 2);
    m_used += 2;
    if (m_used >= FlushThreshold)
        return flush();
    return true;
}

void CsvWriter::separate()
{
    if (m_cellsInRow++ > 0)
        put(',');
}

void CsvWriter::writeCell(const QString &value)
{
    separate();
    appendField(value, kindOf(m_cellsInRow - 1));
}

void CsvWriter::writeUtf8Cell(const char *utf8, qsizetype size)
{
    const unsigned c = classOf(utf8, size);
    writeScanned(utf8, size, c & Quote, c & QuoteChar);
}

bool CsvWriter::writeTextCell(const char *bytes, qsizetype size)
{
    const unsigned c = classOf(bytes, size);
    if ((c & NonAscii) && !isStrictUtf8(bytes, size))
        return false;
    writeScanned(bytes, size, c & Quote, c & QuoteChar);
    return true;
}

void CsvWriter::writePlainCell(const char *ascii, qsizetype size)
{
    writeScanned(ascii, size, false, false);
}

void CsvWriter::writeScanned(const char *utf8, qsizetype size, bool quote, bool hasQuoteChar)
{
    // appendField()'s rules, on bytes, written through one pointer into room made once: this
    // runs for every cell of a million-row export.
    const bool guard = kindOf(m_cellsInRow) == CellKind::Text && size > 0 &&
                       startsFormula(char16_t(static_cast<unsigned char>(utf8[0])));
    char *const start = room(4 + (hasQuoteChar ? 2 * size : size));
    char *out = start;
    if (m_cellsInRow++ > 0)
        *out++ = ',';
    if (quote)
        *out++ = '"';
    if (guard)
        *out++ = '\'';
    if (!hasQuoteChar) {
        if (size > 0)
            std::memcpy(out, utf8, size_t(size));
        out += size;
    } else {
        for (qsizetype i = 0; i < size; ++i) {
            *out++ = utf8[i];
            if (utf8[i] == '"')
                *out++ = '"'; // RFC 4180: a quote inside a quoted field is doubled
        }
    }
    if (quote)
        *out++ = '"';
    m_used += out - start;
}

bool CsvWriter::endRow()
{
    m_cellsInRow = 0;
    if (hasError())
        return false;
    std::memcpy(room(2), "\r\n", 2);
    m_used += 2;
    if (m_used >= FlushThreshold)
        return flush();
    return true;
}

bool CsvWriter::flush()
{
    if (hasError())
        return false;
    const char *data = m_buffer.constData();
    qint64 left = m_used;
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
    m_used = 0; // the room stays for the next batch
    return true;
}

} // namespace rd
