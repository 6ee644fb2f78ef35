#!/usr/bin/env bash
# Builds the benchmark in Release and runs libopenPMD and the raw-HDF5
# baseline alternately in one run, then prints the table and the targets of
# issue 6 (see docs/performance.md).
#
# Usage: bash bench/run.sh [--quick] [--durable] [--reps R] [--dir DIR]
#                          [--bin DIR] [--tiny] [--log FILE]
#   --quick    smaller sizes, finishes in under 2 minutes on 2 cores
#   --durable  files on disk (DIR defaults to $BUILD_DIR/bench-files), every
#              write phase ends with fsync; runs the W1/W2 pairs only
#   --reps R   measured repetitions of each workload (default 3), after one
#              discarded warm-up repetition
#   --dir DIR  where the files go, in a fresh subdirectory removed at the end
#              (default /dev/shm)
#   --bin DIR  use the openpmd_bench and hdf5_baseline in DIR, do not build
#   --tiny     the smallest sizes, one repetition, no warm-up (CTest bench.quick:
#              checks every value, asserts nothing about time)
#   --log FILE keep the raw phase lines there
#   --no-connector  skip the Python connector part (W6/W3 through the
#              MemoryConnector against the C++ memory backend, plugin load)
#   --connector-only  run the Python connector part only
# Environment: BUILD_DIR (default <repo>/build-bench), JOBS (default 2).
# Exit status: non-zero only if a program failed or a value read back differed;
# a missed target is printed as MISS and never fails the run.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$repo/build-bench}
jobs=${JOBS:-2}
mode=full
durable=0
reps=3
warmup=1
dir=""
bin=""
log=""
connector=1
others=1
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) mode=quick ;;
    --tiny) mode=tiny ;;
    --durable) durable=1 ;;
    --reps) reps=$2; shift ;;
    --dir) dir=$2; shift ;;
    --bin) bin=$2; shift ;;
    --log) log=$2; shift ;;
    --no-connector) connector=0 ;;
    --connector-only) others=0 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
    shift
done
if [ "$mode" = tiny ]; then
    reps=1
    warmup=0
fi

# shellcheck source=scripts/environment.sh
source "$repo/scripts/environment.sh"

if [ -z "$bin" ]; then
    cmake -S "$repo" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
        -DopenPMD_BUILD_TESTING=OFF -DopenPMD_BUILD_EXAMPLES="$connector" \
        -DopenPMD_BUILD_BENCHMARKS=ON -DopenPMD_USE_MPI=ON -DopenPMD_USE_HDF5=ON >/dev/null
    cmake --build "$build_dir" -j"$jobs" --target openpmd_bench hdf5_baseline >/dev/null
    if [ "$connector" = 1 ]; then
        # The two plugins of the connector part; without Python they do not
        # exist and that part is skipped.
        cmake --build "$build_dir" -j"$jobs" --target plugin_load_bench \
            openPMD_plugin_memory openPMD_plugin_python openpmd_api_cxx >/dev/null 2>&1 ||
            echo "run.sh: the plugins did not build: no connector part" >&2
    fi
    bin=$build_dir/bench
fi
lib=$bin/openpmd_bench
raw=$bin/hdf5_baseline

if [ -z "$dir" ]; then
    if [ "$durable" = 1 ]; then
        dir=$build_dir/bench-files
    else
        dir=/dev/shm
    fi
fi
mkdir -p "$dir"
# Our own subdirectory, so that cleaning up never touches the user's files.
dir=$(mktemp -d "$dir/run-XXXXXX")
cleanup() { rm -rf "$dir"; }
trap cleanup EXIT
if [ -z "$log" ]; then
    log=$(mktemp /tmp/openpmd-bench-XXXXXX.log)
fi
: >"$log"

# Sizes per mode: W1 edge, W2 particles, W3 iteration counts (h5, with
# baseline; json), W4, W5 (h5; json), W6 chunk counts and elements, W7, and
# the connector part: W6 chunks CC, W3 iterations KC, plugin loads LOADS.
case "$mode" in
full)
    N=256 P=10000000 K3="100 1000" K3J="10 100" K4=200
    K5=1000,10000,100000 K5J=1000,10000,100000 C=1,100,10000 E=1000000 W5_LIMIT=300
    CC=10000 KC=100 LOADS=10 ;;
quick)
    N=128 P=2000000 K3="50 500" K3J="5 50" K4=50
    K5=500,5000 K5J=500,5000 C=1,100,10000 E=1000000 W5_LIMIT=60
    CC=10000 KC=100 LOADS=5 ;;
tiny)
    N=16 P=1000 K3="3 6" K3J="2 4" K4=3
    K5=10,100 K5J=10,100 C=1,10,100 E=1000 W5_LIMIT=0
    CC=100 KC=3 LOADS=1 ;;
esac
durable_flag=()
if [ "$durable" = 1 ]; then
    durable_flag=(--durable)
fi

failures=0
limit=0
# run <rep> <program> <args...>: one program run; its phase lines go to the
# log tagged with the repetition; a failure is counted, not fatal. With
# limit > 0 the run is stopped after that many seconds and logged as a timeout.
run() {
    local rep=$1
    shift
    local out status=0
    local stop=()
    if [ "$limit" -gt 0 ]; then
        stop=(timeout "$limit")
    fi
    out=$("${stop[@]}" "$@" --dir "$dir" "${durable_flag[@]}" 2>&1) || status=$?
    while IFS= read -r line; do
        case "$line" in
        workload=*) echo "$line rep=$rep" >>"$log" ;;
        ?*) echo "  $line" >&2 ;;
        esac
    done <<<"$out"
    if [ "$status" -eq 124 ] && [ "$limit" -gt 0 ]; then
        echo "timeout limit=${limit}s: ${*#"$bin/"}" >>"$log"
        echo "run.sh: stopped after ${limit} s: $*" >&2
    elif [ "$status" -eq 77 ]; then
        echo "run.sh: skipped (exit 77): $*" >&2
    elif [ "$status" -ne 0 ]; then
        echo "run.sh: FAILED (exit $status): $*" >&2
        failures=$((failures + 1))
    fi
    return 0
}

# pair <rep> <args...>: library and baseline back to back, the order
# alternating between repetitions so neither always runs on a warm cache.
pair() {
    local rep=$1
    shift
    if [ $((rep % 2)) -eq 0 ]; then
        run "$rep" "$lib" --ext h5 "$@"
        run "$rep" "$raw" "$@"
    else
        run "$rep" "$raw" "$@"
        run "$rep" "$lib" --ext h5 "$@"
    fi
}

mpi_ranks=2
# Open MPI refuses to start as root without --allow-run-as-root (containers),
# and counts cores, not hardware threads, as slots: --oversubscribe lets 2
# ranks start on a machine where it finds fewer slots.
mpi_flags=(-n "$mpi_ranks")
if mpiexec --version 2>/dev/null | grep -qi "open-\?mpi\|OpenRTE"; then
    mpi_flags+=(--oversubscribe)
    if [ "$(id -u)" -eq 0 ]; then
        mpi_flags+=(--allow-run-as-root)
    fi
fi
mpi() { mpiexec "${mpi_flags[@]}" "$@"; }

# The connector part (issue 13, part 3) runs when both plugins are there:
# the python plugin with the MemoryConnector (backend pymem) and the C++
# example memory backend (mem), loaded alike in every run of the pair.
plugins=$(cd "$bin/.." && pwd)/plugins
if [ "$connector" = 1 ] && { [ ! -e "$plugins/libopenPMD_plugin_python.so" ] ||
    [ ! -e "$plugins/libopenPMD_plugin_memory.so" ]; }; then
    echo "run.sh: no python or memory plugin in $plugins: no connector part" >&2
    connector=0
fi
[ "$durable" = 1 ] && connector=0
memory_connector=openpmd_api.connectors.memory:MemoryConnector
connector_env=(env "OPENPMD_PLUGIN_PATH=$plugins" OPENPMD_PLUGINS=memory
    "OPENPMD_PYTHON_CONNECTOR=$memory_connector" PYTHONDONTWRITEBYTECODE=1)

# cpair <rep> <args...>: the same workload on mem and pymem, alternating.
cpair() {
    local rep=$1
    shift
    if [ $((rep % 2)) -eq 0 ]; then
        run "$rep" "${connector_env[@]}" "$lib" --ext mem "$@"
        run "$rep" "${connector_env[@]}" "$lib" --ext pymem "$@"
    else
        run "$rep" "${connector_env[@]}" "$lib" --ext pymem "$@"
        run "$rep" "${connector_env[@]}" "$lib" --ext mem "$@"
    fi
}

# count_tasks <args...>: one untimed pymem run that counts the IO tasks of
# each phase (OPENPMD_VERBOSE prints one line per task, stdbuf keeps them in
# order with the phase lines) and has the connector check every write_chunk
# for a copy (check_zero_copy: a copy fails the run).
count_tasks() {
    local out status=0
    out=$(OPENPMD_VERBOSE=1 OPENPMD_OPTIONS='{"pymemory": {"check_zero_copy": true}}' \
        stdbuf -oL "${connector_env[@]}" "$lib" --ext pymem "$@" --dir "$dir" 2>&1) ||
        status=$?
    if [ "$status" -ne 0 ]; then
        grep -v '^\[libopenPMD' <<<"$out" | tail -5 >&2
        echo "run.sh: FAILED (exit $status): task count of $*" >&2
        failures=$((failures + 1))
        return 0
    fi
    awk '/^\[libopenPMD/ { n++; next }
         /^workload=/ { print "tasks " $0 " tasks=" n " zero_copy_checked=1"; n = 0 }' \
        <<<"$out" >>"$log"
}

# plugin_load <plugin> [env...]: load time in fresh processes.
plugin_load() {
    local plugin=$1 out status=0
    shift
    out=$(env "$@" "$bin/plugin_load_bench" "$plugins/libopenPMD_plugin_$plugin.so" \
        "$LOADS" 2>&1) || status=$?
    if [ "$status" -ne 0 ]; then
        echo "$out" >&2
        echo "run.sh: FAILED (exit $status): plugin load of $plugin" >&2
        failures=$((failures + 1))
        return 0
    fi
    grep '^plugin_load ' <<<"$out" >>"$log"
}

echo "bench/run.sh: mode=$mode durable=$durable reps=$reps(+$warmup warm-up) files in $dir" >&2
for ((rep = 1 - warmup; rep <= reps; rep++)); do
    echo "repetition $rep of $reps$([ "$rep" -eq 0 ] && echo ' (warm-up, discarded)')" >&2
    if [ "$others" = 1 ]; then
        pair "$rep" --workload W1 --N "$N"
        pair "$rep" --workload W2 --P "$P"
    fi
    if [ "$durable" = 0 ] && [ "$others" = 1 ]; then
        for k in $K3; do
            pair "$rep" --workload W3 --K "$k"
        done
        if command -v mpiexec >/dev/null; then
            if [ $((rep % 2)) -eq 0 ]; then
                run "$rep" mpi "$lib" --workload W7 --ext h5 --N "$N" --P "$P"
                run "$rep" mpi "$raw" --workload W7 --N "$N" --P "$P"
            else
                run "$rep" mpi "$raw" --workload W7 --N "$N" --P "$P"
                run "$rep" mpi "$lib" --workload W7 --ext h5 --N "$N" --P "$P"
            fi
        fi
        run "$rep" "$lib" --workload W6 --ext h5 --C "$C" --elements "$E"
        run "$rep" "$lib" --workload W6 --ext json --C "$C" --elements "$E"
    fi
    if [ "$connector" = 1 ]; then
        cpair "$rep" --workload W6 --C "$CC" --elements "$E"
        cpair "$rep" --workload W3 --K "$KC"
    fi
done
if [ "$connector" = 1 ]; then
    echo "connector part: task counts, zero-copy check, plugin load times" >&2
    count_tasks --workload W6 --C "$CC" --elements "$E"
    count_tasks --workload W3 --K "$KC"
    plugin_load memory
    plugin_load python "OPENPMD_PYTHON_CONNECTOR=$memory_connector"
    plugin_load python OPENPMD_PYTHON_CONNECTOR=
fi
if [ "$durable" = 0 ] && [ "$others" = 1 ]; then
    # Library-only workloads: their targets compare the library with itself.
    rep=1
    echo "library-only workloads (W3 json, W4, W5)" >&2
    for k in $K3J; do
        run "$rep" "$lib" --workload W3 --ext json --K "$k"
    done
    run "$rep" "$lib" --workload W4 --ext h5 --K "$K4"
    run "$rep" "$lib" --workload W4 --ext json --K "$K4"
    # One run per K, each with a time limit: a per-iteration cost that grows
    # with K must not stall the whole benchmark.
    limit=$W5_LIMIT
    for k in ${K5//,/ }; do
        run "$rep" "$lib" --workload W5 --ext h5 --K "$k"
    done
    for k in ${K5J//,/ }; do
        run "$rep" "$lib" --workload W5 --ext json --K "$k"
    done
    limit=0
fi

/usr/bin/python3 "$repo/bench/summarize.py" --mode "$mode" --durable "$durable" "$log"
echo "raw phase lines: $log" >&2
if [ "$failures" -ne 0 ]; then
    echo "run.sh: $failures program run(s) failed (see above)" >&2
    exit 1
fi
