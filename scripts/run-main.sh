#!/usr/bin/env bash
# Sets up what the main job needs and runs it: examples/main_simulation, which
# writes a small simulation-like openPMD series (a 3-D field E{x,y,z} and an
# electron species over a few iterations), reads it back iteration by
# iteration and checks every value.
#
# Only what the main job needs is installed and built: the Debian packages of
# the "main" profile (scripts/install-dependencies.sh), and the library (JSON
# and serial HDF5 backends) with this one program, in a build directory of its
# own. The tests, benchmarks, MPI and the Python module are built by
# scripts/run-tests.sh.
#
# Usage: bash scripts/run-main.sh [output directory] [extension]
# The series is written to <output directory>/main_simulation.<extension>
# (defaults: <build dir>/main-output, json; h5 writes HDF5).
# Environment: MAIN_BUILD_DIR (default: build-main/ in the repository),
#              BUILD_TYPE (default: Release).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${MAIN_BUILD_DIR:-$repo/build-main}
output_dir=${1:-$build_dir/main-output}
extension=${2:-json}

bash "$repo/scripts/install-dependencies.sh" main

# Serial HDF5 even where the MPI flavour is installed too (HDF5 is found
# through the serial flavour when MPI is off).
cmake -S "$repo" -B "$build_dir" \
    -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
    -DopenPMD_USE_MPI=OFF \
    -DopenPMD_USE_HDF5=ON \
    -DopenPMD_USE_TOML=AUTO \
    -DopenPMD_USE_PYTHON=OFF \
    -DopenPMD_BUILD_TESTING=OFF \
    -DopenPMD_BUILD_EXAMPLES=ON \
    -DopenPMD_BUILD_BENCHMARKS=OFF
cmake --build "$build_dir" -j "$(nproc)" --target main_simulation
mkdir -p "$output_dir"
"$build_dir/examples/main_simulation" "$extension" "$output_dir"
