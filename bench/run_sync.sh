#!/bin/sh
# Builds the release preset and runs the sync and ingest benchmarks at full size. Each prints
# ROW<TAB>figure<TAB>measured<TAB>reference<TAB>ratio<TAB>target<TAB>met|missed lines:
#   bench_ingest  ingest_objects_per_s, ingest_time_vs_sqlite3_import
#                 (20,000 invoices per dialect, all five, pages held in memory)
#   bench_sync    sync_objects_per_s, sync_peak_rss_mib (100,000 Stripe invoices),
#                 rate_limited_requests_per_s (100 ms per request, ceiling 50/s)
# Sizes can be changed: INGEST_ARGS="--invoices 5000" SYNC_ARGS="--invoices 20000".
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build build/release --target bench_sync bench_ingest refunddesk-sandbox >/dev/null
# shellcheck disable=SC2086
build/release/bench/ingest/bench_ingest ${INGEST_ARGS:-}
# shellcheck disable=SC2086
build/release/bench/sync/bench_sync ${SYNC_ARGS:-}
