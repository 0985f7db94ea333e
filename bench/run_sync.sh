#!/bin/sh
# The sync benchmark alone (bench/run.sh runs it with all the others). Extra arguments go to
# bench_sync (e.g. --invoices 20000 --dialects stripe).
set -eu
exec "$(dirname "$0")/run.sh" --only bench_sync -- "$@"
