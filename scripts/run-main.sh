#!/usr/bin/env bash
# Sets everything up (dependencies, configure, build) and runs the main job:
# examples/json_write_read, which writes a small openPMD series as JSON
# through the IO task layer, reads it back and checks every value.
#
# Usage: bash scripts/run-main.sh [output directory]
# The series is written to <output directory>/json_write_read.json
# (default output directory: <build dir>/main-output).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$repo/build}
output_dir=${1:-$build_dir/main-output}
# shellcheck source=scripts/environment.sh
source "$repo/scripts/environment.sh"

bash "$repo/scripts/build.sh"
"$build_dir/examples/json_write_read" "$output_dir"
