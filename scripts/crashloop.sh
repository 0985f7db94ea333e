#!/usr/bin/env bash
# Random-kill crash loop: the exactly-once promise under SIGKILL at any moment.
#
#   scripts/crashloop.sh [RUNS] [--seed N]   (default 200 runs, a random seed; BUILD_DIR
#                                             defaults to build/debug)
#
# Starts refunddesk-sandbox on a free loopback port (stopped on exit), then runs RUNS times:
# arm a random fault (latency, 500s on writes or reads, a dropped reply after the commit, a
# truncated reply, or none), start one refund (Stripe, WooshPay, Chargebee, ProcessOut,
# IntaSend; now and then two at once), chargeback (IntaSend) or sync (all five) with the real
# refunddesk-cli, SIGKILL it after a random 0..CRASHLOOP_MAX_KILL_MS ms (default 300, plus four
# times the injected latency) unless it finished first (then, half the time, a reconcile killed
# the same way when an operation was left open), clear the faults, run `refunddesk-cli
# reconcile` and check the cache and the sandbox (see crashloop.py). It prints its seed first: the same seed makes the same
# choices. Prints "runs N, kills K, duplicates D, lost L"; exits 1 when D or L > 0.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=200
seed=()
while (($#)); do
    case $1 in
    --seed)
        [[ $# -ge 2 ]] || { echo "crashloop: --seed needs a number" >&2; exit 2; }
        seed=(--seed "$2")
        shift 2
        ;;
    *[!0-9]* | '')
        echo "usage: scripts/crashloop.sh [RUNS] [--seed N]" >&2
        exit 2
        ;;
    *)
        runs=$1
        shift
        ;;
    esac
done
build_dir=${BUILD_DIR:-build/debug}
cli=$(find "$build_dir" -type f -name refunddesk-cli -perm -u+x | head -n 1)
sandbox=$(find "$build_dir" -type f -name refunddesk-sandbox -perm -u+x | head -n 1)
if [[ -z $cli || -z $sandbox ]]; then
    echo "crashloop: refunddesk-cli or refunddesk-sandbox is missing in $build_dir; build first" >&2
    exit 2
fi
for tool in python3 sqlite3; do
    if ! command -v "$tool" >/dev/null; then
        echo "crashloop: $tool is missing (scripts/setup.sh installs it)" >&2
        exit 2
    fi
done

work=$(mktemp -d)
sandbox_pid=
cleanup() {
    if [[ -n $sandbox_pid ]]; then
        kill "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The sandbox keeps its state in memory: every loop starts from the same seed.
"$sandbox" --host 127.0.0.1 --port 0 --memory --invoices 3 >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
base=
for _ in $(seq 1 100); do
    base=$(sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p' "$work/sandbox.out" | head -n 1)
    [[ -n $base ]] && break
    if ! kill -0 "$sandbox_pid" 2>/dev/null; then
        echo "crashloop: the sandbox did not start: $(head -c 500 "$work/sandbox.err")" >&2
        exit 2
    fi
    sleep 0.1
done
if [[ -z $base ]]; then
    echo "crashloop: the sandbox printed no listening line" >&2
    exit 2
fi

python3 scripts/crashloop.py --cli "$cli" --sandbox-url "$base" --work "$work" --runs "$runs" \
    --max-kill-ms "${CRASHLOOP_MAX_KILL_MS:-300}" "${seed[@]}"
