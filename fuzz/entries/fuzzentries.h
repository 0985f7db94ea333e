// The fuzz targets' bodies, shared by the libFuzzer executables (clang, sanitizers, build/fuzz)
// and by the regression test that replays committed inputs in the normal test suite. Each entry
// runs one input through the real code and checks what must hold for any input; it returns an
// empty string when all held, otherwise what broke.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace rd::fuzz {

// First byte: which dialect parser and which kind of body (list page, single object, error);
// the rest is the body.
QString gatewayReply(const QByteArray &input);
// First byte: currency and sign rule; the rest is the text given to Money::parse.
QString moneyParse(const QByteArray &input);
// First byte: column kinds and text encoding; the rest is cells (0x1F) in rows (0x1E), written
// with CsvWriter and read back.
QString csvWriter(const QByteArray &input);
// First byte: UTF-8 or raw UTF-16; the rest is text for foldForSearch and searchExtra.
QString searchFold(const QByteArray &input);
// First byte: dialect (or the fault control); then "METHOD TARGET", header lines, an empty
// line and the body, as the sandbox's handlers receive them.
QString sandboxRequest(const QByteArray &input);

// The input's bytes as UTF-16 code units, as they come (lone surrogates included).
QString utf16Text(const QByteArray &bytes);

struct Target
{
    const char *name; // also the folder name under fuzz/corpus and fuzz/crashes
    QString (*run)(const QByteArray &input);
};
const QList<Target> &targets();

} // namespace rd::fuzz
