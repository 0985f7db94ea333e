#!/bin/sh
# The sync and ingest benchmarks alone (bench/run.sh runs them with all the others):
#   bench_ingest  ingest_objects_per_s, ingest_time_vs_sqlite3_import
#                 (20,000 invoices per dialect, all five, pages held in memory)
#   bench_sync    sync_objects_per_s, sync_peak_rss_mib (100,000 Stripe invoices),
#                 rate_limited_requests_per_s (100 ms per request, ceiling 50/s)
# Sizes can be changed: INGEST_ARGS="--invoices 5000" SYNC_ARGS="--invoices 20000".
set -eu
here=$(dirname "$0")
# shellcheck disable=SC2086
"$here/run.sh" --only bench_ingest -- ${INGEST_ARGS:-}
# shellcheck disable=SC2086
exec "$here/run.sh" --no-build --only bench_sync -- ${SYNC_ARGS:-}
