#!/usr/bin/env bash
# Sets everything up (dependencies, configure, build; warnings are errors)
# and runs the whole test suite with CTest.
#
# Usage: bash scripts/run-tests.sh [extra CTest arguments]
# Environment: BUILD_DIR, BUILD_TYPE (see build.sh); CTEST_PARALLEL_LEVEL
#              runs tests in parallel (default: one at a time).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$repo/build}
# shellcheck source=scripts/environment.sh
source "$repo/scripts/environment.sh"

bash "$repo/scripts/build.sh"
# A test without its own TIMEOUT may not hang CI.
ctest --test-dir "$build_dir" --output-on-failure --timeout 900 "$@"
