#!/bin/sh
# Builds the release preset and runs the export benchmark: 1,000,000 refunds exported by
# RefundDesk and by `sqlite3 -csv` from the same cache. Extra arguments go to the benchmark
# (for example --rows 100000, or --dir DIR to keep the files).
set -eu
cd "$(dirname "$0")/.."
[ -d build/release ] || cmake --preset release
cmake --build build/release --target bench_export
exec build/release/bench/export/bench_export "$@"
