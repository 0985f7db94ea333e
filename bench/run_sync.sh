#!/bin/sh
# Builds the release preset and runs the sync benchmark: objects per second from a sandbox
# seeded with 100,000 invoices per dialect into an empty cache, beside a sqlite3 CSV import of
# as many rows. Extra arguments go to bench_sync (e.g. --invoices 20000 --dialects stripe).
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build build/release --target bench_sync refunddesk-sandbox
exec build/release/bench/sync/bench_sync "$@"
