#!/usr/bin/env bash
# Installs the Debian packages that building and testing libopenPMD need.
#
# Idempotent: packages already installed are skipped, and the package lists
# are only refreshed (apt-get update) when something is missing. Needs root
# (or sudo) only when something has to be installed.
#
# Usage: bash scripts/install-dependencies.sh
set -euo pipefail

packages=(
    build-essential
    cmake
    pkg-config
    nlohmann-json3-dev
    libfmt-dev
    catch2
    libhdf5-openmpi-dev
    libhdf5-dev
    libopenmpi-dev
    openmpi-bin
    libtoml11-dev
    python3-h5py
    python3-numpy
    python3-pytest
    python3-mpi4py
    python3-pandas
    pybind11-dev
    clang-format
)

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
