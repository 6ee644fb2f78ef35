#!/usr/bin/env bash
# Compiles openPMD-api's published C++ examples (examples/*.cpp of a tag,
# default 0.16.0) unchanged against this repository's installed library and
# runs each one; prints a table and exits 1 if any example fails to compile,
# fails, or prints an error.
#
# Usage: bash scripts/check-openpmd-api-examples.sh [--tag TAG] [names...]
#   names   only these examples (e.g. 3b_write_resizable_particles)
#
# Environment:
#   BUILD_DIR            built tree to install from (default <repo>/build)
#   OPENPMD_API_GIT_DIR  bare git copy of openPMD-api
#                        (default /work/.mirror/openPMD+openPMD-api/repo)
#   KEEP_WORKDIR=1       keep the temporary directory
#
# How the examples are run:
# - Examples that name one file (`.h5`) run twice: as published, and with
#   every `.h5"` in the source replaced by `.json"` (the only edit made, so
#   that the JSON backend runs the same code). Examples that loop over
#   getFileExtensions() run once.
# - The reading examples (2, 2a, 4, 6) open openPMD-api's downloadable
#   git-sample series. This machine cannot download it, so
#   scripts/openpmd-api-examples/make_sample_series.cpp writes stand-ins with
#   the same paths, iterations and records.
# - MPI examples run on 2 ranks. 8b reads what 8a wrote (run 8a first).
# - A run fails on a non-zero exit and on any error printed (8a and 8b catch
#   exceptions and only print them).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$repo/build}
git_dir=${OPENPMD_API_GIT_DIR:-/work/.mirror/openPMD+openPMD-api/repo}
tag=0.16.0
names=()
while [ $# -gt 0 ]; do
    case "$1" in
        --tag) tag=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
        *) names+=("$1"); shift ;;
    esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/openpmd-api-examples.XXXXXX")
if [ "${KEEP_WORKDIR:-0}" = 1 ]; then
    echo "work directory: $work"
else
    trap 'rm -rf "$work"' EXIT
fi
prefix=$work/prefix
mkdir -p "$work/src" "$work/bin" "$work/log" "$work/run" "$work/samples" "$work/benchmarks"

cmake --install "$build_dir" --prefix "$prefix" > "$work/log/install.txt"
libdir=$(dirname "$(find "$prefix" -name 'libopenPMD.so' | head -n1)")
mpi=0
grep -q '^#define openPMD_HAVE_MPI 1' "$prefix/include/openPMD/config.hpp" && mpi=1
if [ "$mpi" = 1 ]; then cxx=${MPICXX:-mpicxx}; else cxx=${CXX:-c++}; fi
compile() { # compile <source> <binary>
    "$cxx" -std=c++17 -O1 -I"$prefix/include" "$1" -o "$2" \
        -L"$libdir" -lopenPMD -Wl,-rpath,"$libdir"
}
mpirun_2() {
    mpiexec --allow-run-as-root --oversubscribe -n 2 "$@"
}

# Stand-ins for the downloaded sample series.
compile "$repo/scripts/openpmd-api-examples/make_sample_series.cpp" "$work/bin/make_sample_series"
(cd "$work/run" && "$work/bin/make_sample_series" h5 json)

if [ ${#names[@]} -eq 0 ]; then
    mapfile -t names < <(git -C "$git_dir" ls-tree --name-only "$tag" examples/ |
        sed -n 's|^examples/\(.*\)\.cpp$|\1|p' | sort -V)
fi

failures=0
results=()
record() { # record <name> <variant> <status>
    results+=("$(printf '%-32s %-6s %s' "$1" "$2" "$3")")
    [ "$3" = ok ] || failures=$((failures + 1))
}
run_variant() { # run_variant <name> <variant> <source>
    local name=$1 variant=$2 source=$3 binary=$work/bin/$1.$2 log=$work/log/$1.$2.txt
    if ! compile "$source" "$binary" > "$log" 2>&1; then
        record "$name" "$variant" "does not compile (see below)"
        sed -n '1,15p' "$log" | sed 's/^/    /'
        return
    fi
    local args=()
    case "$name" in
        # What 8a wrote: group-based, 3-D, balanced ("b").
        8b_*) args=("../samples/8a_parallel_3Db.$variant" "m") ;;
    esac
    local status=0
    if [[ "$name" == 4_* || "$name" == 5_* || "$name" == 8* ]]; then
        (cd "$work/run" && mpirun_2 "$binary" "${args[@]}") >> "$log" 2>&1 || status=$?
    else
        (cd "$work/run" && "$binary" "${args[@]}") >> "$log" 2>&1 || status=$?
    fi
    # 8a/8b catch exceptions and print them; count that as a failure.
    if [ $status -ne 0 ] || grep -qiE '(^| )error|what\(\)|terminate called|Sanitizer' "$log"; then
        record "$name" "$variant" "fails (exit $status, see below)"
        tail -n 15 "$log" | sed 's/^/    /'
    else
        record "$name" "$variant" ok
    fi
}

for name in "${names[@]}"; do
    source=$work/src/$name.cpp
    git -C "$git_dir" show "$tag:examples/$name.cpp" > "$source"
    if [ "$mpi" = 0 ] && grep -q 'mpi.h' "$source"; then
        record "$name" "-" "skipped (library built without MPI)"
        failures=$((failures - 1))
        continue
    fi
    if grep -q '\.h5"' "$source"; then
        run_variant "$name" h5 "$source"
        sed 's/\.h5"/.json"/g' "$source" > "$work/src/$name.json.cpp"
        run_variant "$name" json "$work/src/$name.json.cpp"
    else
        run_variant "$name" all "$source"
    fi
done

echo
echo "openPMD-api $tag examples against $prefix ($(basename "$cxx"))"
printf '%s\n' "${results[@]}"
echo "failures: $failures"
[ "$failures" -eq 0 ]
