#!/usr/bin/env bash
# Builds the libFuzzer targets of test/fuzz with Clang, AddressSanitizer and
# UBSan into a build directory of their own, and runs each for a while from
# its seed corpus (test/fuzz/corpus/<target>). Every finding (crash, sanitizer
# report, foreign exception, broken invariant, timeout, out of memory) is kept
# as crash-*/timeout-*/oom-* in the target's work directory and attributed by
# its stack (test/fuzz/run_fuzz_target.py): one in libopenPMD makes the
# script fail; one inside HDF5 (Debian's 1.10 on a corrupted file) is counted
# and reported.
#
# Usage: bash scripts/run-fuzzers.sh [seconds per target] [target...]
#        (default: 20 seconds, every target; CI runs this briefly)
# Environment: FUZZ_BUILD_DIR (default: build-fuzz/ in the repository),
#              FUZZ_REUSE_BUILD=1 (FUZZ_BUILD_DIR is a build configured with
#              openPMD_BUILD_FUZZERS=ON, e.g. the sanitizer leg's: it is not
#              configured again, only the targets are built),
#              FUZZ_WORK_DIR (default: $FUZZ_BUILD_DIR/work: grown corpora,
#              logs and findings), FUZZ_SEED (libFuzzer's seed; default 1
#              under CI=true, so that a CI run is repeatable, else a new one),
#              FUZZ_CPU_MINUTES (fuzz each target until it has used this much
#              CPU time, whatever the wall time; for the long runs).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${FUZZ_BUILD_DIR:-$repo/build-fuzz}
work_dir=${FUZZ_WORK_DIR:-$build_dir/work}
seconds=${1:-20}
if [[ "${CI:-}" == true ]]; then
    seed=${FUZZ_SEED:-1}
else
    seed=${FUZZ_SEED:-0}
fi
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(fuzz_json_reader fuzz_hdf5_reader fuzz_options fuzz_filename_pattern
        fuzz_attribute_get)
fi

bash "$repo/scripts/install-dependencies.sh"

# Only the library and the fuzzers: no MPI (serial HDF5 is what a fuzzed file
# meets first), no Python, no tests.
[[ "${FUZZ_REUSE_BUILD:-0}" == 1 ]] || cmake -S "$repo" -B "$build_dir" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" \
    -DopenPMD_SANITIZERS=address,undefined \
    -DopenPMD_BUILD_FUZZERS=ON \
    -DopenPMD_WARNINGS_AS_ERRORS=ON \
    -DopenPMD_USE_MPI=OFF \
    -DopenPMD_USE_HDF5=ON \
    -DopenPMD_USE_TOML=ON \
    -DopenPMD_USE_PYTHON=OFF \
    -DopenPMD_BUILD_TESTING=OFF \
    -DopenPMD_BUILD_EXAMPLES=OFF \
    -DopenPMD_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}"

# HDF5 (Debian's build, not instrumented) reports from inside itself on
# corrupted files: those are HDF5's, see test/badinput/hdf5-*-suppressions.txt.
# HDF5 also asks malloc for sizes read from a corrupted file and handles a
# null result; allocator_may_return_null gives it that null, as in a normal
# build. Our own code would see std::bad_alloc, which is still a finding.
export ASAN_OPTIONS="allocator_may_return_null=1:halt_on_error=1:detect_leaks=1:suppressions=$repo/test/badinput/hdf5-asan-suppressions.txt"
export LSAN_OPTIONS="suppressions=$repo/test/badinput/hdf5-lsan-suppressions.txt:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

run_target() {
    python3 "$repo/test/fuzz/run_fuzz_target.py" "$build_dir/test/fuzz/$1" \
        "$repo/test/fuzz/corpus/$1" "$work_dir/$1" --seconds "$seconds" \
        --seed "$seed" --cpu-minutes "${FUZZ_CPU_MINUTES:-0}"
}

status=0
for target in "${targets[@]}"; do
    run_target "$target" || status=1
done
exit $status
