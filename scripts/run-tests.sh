#!/usr/bin/env bash
# Sets everything up (dependencies, configure, build; warnings are errors)
# and runs the whole test suite with CTest, then the sanitizer leg: the same
# suite built with AddressSanitizer and UBSan (scripts/run-sanitized-tests.sh),
# then the fuzz leg: each libFuzzer target for a short while
# (scripts/run-fuzzers.sh; the long runs are done by hand).
#
# Usage: bash scripts/run-tests.sh [extra CTest arguments, given to both legs]
# Environment: BUILD_DIR, BUILD_TYPE (see build.sh); CTEST_PARALLEL_LEVEL
#              (default: the number of cores; tests write to directories
#              of their own, so they may run side by side);
#              SANITIZER_LEG=0 skips the sanitizer leg, FUZZ_LEG=0 the fuzz
#              leg (CI always runs both); FUZZ_SECONDS per target (15).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$repo/build}
# shellcheck source=scripts/environment.sh
source "$repo/scripts/environment.sh"
export CTEST_PARALLEL_LEVEL=${CTEST_PARALLEL_LEVEL:-$(nproc)}

bash "$repo/scripts/build.sh"
# A test without its own TIMEOUT may not hang CI.
ctest --test-dir "$build_dir" --output-on-failure --timeout 900 "$@"

if [[ "${SANITIZER_LEG:-1}" != 0 || "${CI:-}" == true ]]; then
    bash "$repo/scripts/run-sanitized-tests.sh" "$@"
fi

if [[ "${FUZZ_LEG:-1}" != 0 || "${CI:-}" == true ]]; then
    if [[ "${SANITIZER_LEG:-1}" != 0 || "${CI:-}" == true ]]; then
        # The sanitizer leg's build has the fuzz targets (Clang, ASan, UBSan).
        export FUZZ_BUILD_DIR=${SANITIZE_BUILD_DIR:-$repo/build-sanitize}
        export FUZZ_REUSE_BUILD=1
    fi
    bash "$repo/scripts/run-fuzzers.sh" "${FUZZ_SECONDS:-15}"
fi
