#!/usr/bin/env bash
# Builds the release preset's `benchmarks` target and runs every benchmark program it finds
# (<build>/bench/*/bench_*, and executable bench/*/bench_*.sh scripts), each generating its own
# data, then prints ONE table of what they measured: figure, measured, reference, ratio,
# target, met or missed. Programs report through lines on stdout of the form
#   ROW<TAB>figure<TAB>measured<TAB>reference<TAB>ratio<TAB>target<TAB>met|missed
# (bench/common/benchrow.h); everything else they print goes to stderr as the run's log.
#
#   bench/run.sh [--small] [--only NAME] [--dir DIR] [--no-build] [--build-dir DIR] [-- ARGS]
#     --small        about 10,000 rows each (programs without --small are skipped)
#     --only NAME    run one program (e.g. bench_export); ARGS after -- go to it
#     --dir DIR      keep generated caches in DIR/<program> and reuse them next time
#     --no-build     use the binaries as they are; --build-dir picks them (default build/release)
# Exit status: 0 when every program ran (whether or not targets were met), 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

size=full
build=1
build_dir=build/release
keep_dir=
only=
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
    --small) size=small ;;
    --full) size=full ;;
    --no-build) build=0 ;;
    --build-dir) build_dir=$2; shift ;;
    --dir) keep_dir=$2; shift ;;
    --only) only=$2; shift ;;
    --) shift; extra=("$@"); break ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

if [ "$build" = 1 ]; then
    [ -f "$build_dir/CMakeCache.txt" ] || cmake --preset release >&2
    cmake --build "$build_dir" --target benchmarks >&2
fi

export QT_QPA_PLATFORM=offscreen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/rows"
notes=()
status=0

programs=()
for p in "$build_dir"/bench/*/bench_* bench/*/bench_*.sh; do
    [ -f "$p" ] && [ -x "$p" ] || continue
    name=$(basename "$p")
    [ -z "$only" ] || [ "$name" = "$only" ] || [ "$name" = "$only.sh" ] || continue
    programs+=("$p")
done
if [ ${#programs[@]} -eq 0 ]; then
    echo "bench/run.sh: no benchmark programs found under $build_dir/bench${only:+ named $only}" >&2
    exit 1
fi

for p in "${programs[@]}"; do
    name=$(basename "$p")
    help=$("$p" --help 2>&1 || true)
    args=()
    if [ "$size" = small ]; then
        if ! grep -q -- '--small' <<<"$help"; then
            notes+=("$name: skipped in the small run (it has no --small option)")
            continue
        fi
        args+=(--small)
    fi
    if [ -n "$keep_dir" ] && grep -q -- '--dir' <<<"$help"; then
        mkdir -p "$keep_dir/$name"
        args+=(--dir "$keep_dir/$name")
    fi
    args+=("${extra[@]+"${extra[@]}"}")
    echo "== $name ${args[*]+"${args[*]}"}" >&2
    if ! "$p" "${args[@]+"${args[@]}"}" >"$work/out"; then
        notes+=("$name: FAILED (exit status above); its figures are missing")
        status=1
    fi
    grep -v '^ROW	' "$work/out" >&2 || true
    if grep -q '^ROW	' "$work/out"; then
        grep '^ROW	' "$work/out" >>"$work/rows"
    else
        notes+=("$name: printed no ROW lines (see its log above)")
    fi
done

build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
ram=$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
echo
echo "RefundDesk benchmarks ($size run) on $(nproc) cores, ${ram:-? RAM}, ${build_type:-unknown} build, $(date -u +%Y-%m-%dT%H:%MZ)"
awk -F'\t' '
    { for (i = 2; i <= 7; ++i) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
    END {
        split("figure measured reference ratio target result", head, " ")
        for (i = 2; i <= 7; ++i) if (length(head[i - 1]) > w[i]) w[i] = length(head[i - 1])
        line = ""
        for (i = 2; i <= 7; ++i) line = line sprintf("%-" w[i] "s  ", head[i - 1])
        print line
        line = ""
        for (i = 2; i <= 7; ++i) { dash = sprintf("%" w[i] "s", ""); gsub(/ /, "-", dash); line = line dash "  " }
        print line
        for (r = 1; r <= NR; ++r) {
            line = ""
            for (i = 2; i <= 7; ++i) line = line sprintf("%-" w[i] "s  ", cell[r, i])
            print line
        }
    }' "$work/rows"
for n in "${notes[@]+"${notes[@]}"}"; do
    echo "note: $n"
done
exit $status
