#!/usr/bin/env bash
# The sanitizer leg of the test suite: builds libopenPMD, its tests and
# examples with AddressSanitizer and UndefinedBehaviorSanitizer into a build
# directory of its own and runs the CTest suite there (MPI tests on 2 ranks
# included). Any sanitizer report (memory error, leak, undefined behaviour)
# ends the program with a non-zero exit, so the test that caused it fails.
#
# Not in this leg: the Python module and its tests (CPython would have to be
# started with the sanitizer runtime preloaded) and the benchmarks (timings).
#
# The build uses Clang and also gives the libFuzzer targets
# (openPMD_BUILD_FUZZERS: the library gets libFuzzer's coverage
# instrumentation), which the fuzz leg of run-tests.sh runs from here: CI
# builds the library twice, not three times.
#
# Usage: bash scripts/run-sanitized-tests.sh [extra CTest arguments]
# Environment: SANITIZE_BUILD_DIR (default: build-sanitize/ in the repository),
#              CTEST_PARALLEL_LEVEL (default: the number of cores).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SANITIZE_BUILD_DIR:-$repo/build-sanitize}
# shellcheck source=scripts/environment.sh
source "$repo/scripts/environment.sh"
export CTEST_PARALLEL_LEVEL=${CTEST_PARALLEL_LEVEL:-$(nproc)}

bash "$repo/scripts/install-dependencies.sh"

# -O1 keeps the instrumented build and its run fast enough for CI; -g1 keeps
# file and line in the reports at a fraction of the full debug information.
cmake -S "$repo" -B "$build_dir" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" \
    -DopenPMD_SANITIZERS=address,undefined \
    -DopenPMD_BUILD_FUZZERS=ON \
    -DopenPMD_WARNINGS_AS_ERRORS=ON \
    -DopenPMD_USE_MPI=ON \
    -DopenPMD_USE_HDF5=ON \
    -DopenPMD_USE_TOML=ON \
    -DopenPMD_USE_PYTHON=OFF \
    -DopenPMD_BUILD_TESTING=ON \
    -DopenPMD_BUILD_EXAMPLES=ON \
    -DopenPMD_BUILD_BENCHMARKS=OFF
cmake --build "$build_dir" -j "$(nproc)"

# halt_on_error and -fno-sanitize-recover make every report fatal. The
# install test links a consumer (uninstrumented, but with the sanitizer
# runtime) against the instrumented library, which is fine once the
# link-order check is off. Leaks inside Open
# MPI's and HDF5's own start-up are not ours: see sanitizer-suppressions.txt.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:verify_asan_link_order=0:detect_stack_use_after_return=0"
export LSAN_OPTIONS="suppressions=$repo/scripts/sanitizer-suppressions.txt:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# tools.check_test_outputs validates the files the tests wrote; the normal
# leg does that for the same code, so here it would only add a minute at the
# end of the run, where it runs alone.
ctest --test-dir "$build_dir" --output-on-failure --timeout 900 \
    -E '^tools[.]check_test_outputs$' "$@"
