#include "csvwriter.h"

#include <QIODevice>

namespace rd {

namespace {

// Large enough that a 1M-row export makes few write calls, small enough to be irrelevant
// next to the process.
constexpr qsizetype FlushThreshold = 256 * 1024;

bool needsGuard(const QString &value)
{
    if (value.isEmpty())
        return false;
    switch (value.at(0).unicode()) {
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
    bool quote = false;
    bool hasQuoteChar = false;
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'"':
            hasQuoteChar = true;
            quote = true;
            break;
        case u',':
        case u'\r':
        case u'\n':
            quote = true;
            break;
        default:
            break;
        }
    }
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
