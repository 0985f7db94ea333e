#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan, UBSan, build/fuzz) and runs each for
# SECONDS (default 12, so the five targets take about a minute in all). Each starts from the
# corpus fuzz/make_corpus.py builds (../shared seeds and fixtures, recorded sandbox traffic, past
# crashes) and keeps what it finds in build/fuzz/corpus/ for the next run. Fails on any crash,
# sanitizer report, broken check, timeout or out-of-memory; the input is left in
# build/fuzz/artifacts/<target>/ — copy it to fuzz/crashes/<target>/ so tests/fuzz replays it.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

seconds=${1:-12}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(gateway_reply money_parse csv_writer search_fold sandbox_request)

ensure_packages
build_preset fuzz
python3 fuzz/make_corpus.py build/fuzz/corpus >/dev/null

# Leaks are checked too (libFuzzer runs LeakSanitizer after inputs that allocate more than they
# free); Qt's lazily built global tables are reachable, so they are not reported.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
mkdir -p build/fuzz/logs
failed=()
for target in "${targets[@]}"; do
    mkdir -p "build/fuzz/artifacts/$target"
    log="build/fuzz/logs/$target.log"
    status=0
    build/fuzz/fuzz/"fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=16384 -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target/" \
        "build/fuzz/corpus/$target" >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
    echo "$target: ${seconds}s, ${execs:-?} executions, ${coverage:-no coverage line}, exit $status"
    if [ "$status" != 0 ]; then
        failed+=("$target")
        grep -E 'ERROR|SUMMARY|runtime error|: .*(broke|not|lost|gave)' "$log" | head -n 5 >&2 || true
        echo "  log: $log; input: build/fuzz/artifacts/$target/" >&2
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]}" >&2
    exit 1
fi
