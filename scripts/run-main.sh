#!/usr/bin/env bash
# Sets everything up (dependencies, configure, build) and runs the main job:
# examples/main_simulation, which writes a small simulation-like openPMD
# series (a 3-D field E{x,y,z} and an electron species over a few
# iterations), reads it back iteration by iteration and checks every value.
#
# Usage: bash scripts/run-main.sh [output directory] [extension]
# The series is written to <output directory>/main_simulation.<extension>
# (defaults: <build dir>/main-output, json; h5 writes HDF5).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$repo/build}
output_dir=${1:-$build_dir/main-output}
extension=${2:-json}
# shellcheck source=scripts/environment.sh
source "$repo/scripts/environment.sh"

bash "$repo/scripts/build.sh"
mkdir -p "$output_dir"
"$build_dir/examples/main_simulation" "$extension" "$output_dir"
