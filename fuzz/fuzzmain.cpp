// One libFuzzer executable per entry of fuzzentries.h, chosen at build time by RD_FUZZ_TARGET.
// A broken check is a crash, so libFuzzer keeps the input.
#include "fuzzentries.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

const rd::fuzz::Target &target()
{
    for (const rd::fuzz::Target &t : rd::fuzz::targets()) {
        if (std::strcmp(t.name, RD_FUZZ_TARGET) == 0)
            return t;
    }
    std::fprintf(stderr, "no fuzz target named %s\n", RD_FUZZ_TARGET);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const rd::fuzz::Target &entry = target();
    const QString problem =
        entry.run(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "%s: %s\n", entry.name, problem.toUtf8().constData());
        std::abort();
    }
    return 0;
}
