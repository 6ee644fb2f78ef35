#!/usr/bin/env bash
# Installs the Debian packages that building and testing libopenPMD need.
#
# Idempotent: packages already installed are skipped, and the package lists
# are only refreshed (apt-get update) when something is missing. Needs root
# (or sudo) only when something has to be installed.
#
# Usage: bash scripts/install-dependencies.sh [main|all]
#   main  only what the main job needs: the library with its JSON and serial
#         HDF5 backends (scripts/run-main.sh)
#   all   everything the whole build and test suite needs (default)
set -euo pipefail

profile=${1:-all}

main_packages=(
    build-essential
    cmake
    pkg-config
    nlohmann-json3-dev
    libfmt-dev
    libhdf5-dev
)

all_packages=(
    "${main_packages[@]}"
    catch2
    libhdf5-openmpi-dev
    libopenmpi-dev
    openmpi-bin
    libtoml11-dev
    python3-h5py
    python3-numpy
    python3-pytest
    python3-mpi4py
    python3-pandas
    pybind11-dev
    # Python.h and libpython: the module, and the python plugin embedding it.
    python3-dev
    clang-format
    # libFuzzer targets (scripts/run-fuzzers.sh): Clang and its runtimes.
    clang
    libclang-rt-14-dev
    # Zarr backend: its codecs, and zarr-python/xarray to read what it writes.
    zlib1g-dev
    libzstd-dev
    libblosc-dev
    python3-zarr
    python3-xarray
    # The live single-node Ceph cluster of the object-store tests, librados
    # for the rados store, radosgw with S3 and Swift clients for the Python stores.
    ceph-mon
    ceph-osd
    ceph-mgr
    ceph-common
    librados-dev
    python3-rados
    radosgw
    python3-boto3
    python3-swiftclient
)

case "$profile" in
main) packages=("${main_packages[@]}") ;;
all) packages=("${all_packages[@]}") ;;
*)
    echo "install-dependencies: unknown profile '$profile' (main or all)" >&2
    exit 2
    ;;
esac

is_installed() {
    local status
    status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]]
}

missing=()
for package in "${packages[@]}"; do
    if ! is_installed "$package"; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-dependencies: all ${#packages[@]} packages are installed"
    exit 0
fi

echo "install-dependencies: installing ${missing[*]}"
as_root=()
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null; then
        echo "install-dependencies: missing packages and not root (no sudo): ${missing[*]}" >&2
        exit 1
    fi
    as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
