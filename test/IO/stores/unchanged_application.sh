#!/usr/bin/env bash
# An unchanged program (the main job, examples/main_simulation) stores its
# series in an object store of the Ceph test cluster, chosen by environment
# variables alone: OPENPMD_BACKEND=zarr and OPENPMD_OPTIONS naming the store.
# main_simulation writes, reads back and checks every value itself; this
# script then checks that nothing reached the disk and that zarr-python (or
# librados) finds the data in the store.
#
# Usage: unchanged_application.sh rados|s3|swift <main_simulation> <scratch dir>
# Environment: OPENPMD_CEPH_DIR (the cluster of the CTest fixtures ceph/rgw),
#              OPENPMD_TEST_RADOS_POOL; PYTHONPATH with openpmd_api.
set -euo pipefail

kind=$1 app=$2 out=$3
env_file=${OPENPMD_CEPH_DIR:-}/env
if [[ ! -f $env_file ]]; then
    echo "SKIPPED: no Ceph test cluster ($env_file missing)"
    [[ -n ${CI:-} ]] && exit 1
    exit 77
fi
# shellcheck disable=SC1090
source "$env_file"
run="unchanged-$$"

case $kind in
rados)
    store='{"type": "rados", "pool": "'$OPENPMD_TEST_RADOS_POOL'", "namespace": "'$run'", "conf": "'$CEPH_CONF'"}'
    ;;
s3)
    store='{"type": "python", "class": "openpmd_api.stores.s3:S3Store", "args": {"bucket": "openpmd-unchanged", "prefix": "'$run'/{name}", "create_bucket": true}}'
    ;;
swift)
    store='{"type": "python", "class": "openpmd_api.stores.swift:SwiftStore", "args": {"container": "openpmd-unchanged", "prefix": "'$run'/{name}", "create_container": true}}'
    ;;
*)
    echo "unknown store kind '$kind' (rados, s3 or swift)" >&2
    exit 2
    ;;
esac

rm -rf "$out"
mkdir -p "$out"
OPENPMD_BACKEND=zarr OPENPMD_OPTIONS='{"zarr": {"store": '"$store"'}}' "$app" json "$out"

if [[ -n $(ls -A "$out") ]]; then
    echo "files reached the disk:" >&2
    ls -A "$out" >&2
    exit 1
fi

# The series is in the store, readable without libopenPMD.
case $kind in
rados)
    objects=$(rados -c "$CEPH_CONF" -p "$OPENPMD_TEST_RADOS_POOL" -N "$run" ls)
    grep -q '/main_simulation.json/data/10/fields/E/x/.zarray$' <<<"$objects" || {
        echo "no array of iteration 10 in the pool's namespace $run:" >&2
        echo "$objects" | head -20 >&2
        exit 1
    }
    ;;
s3 | swift)
    /usr/bin/python3 - "$kind" "$run" <<'PY'
import sys

import numpy as np
import zarr

kind, run = sys.argv[1:]
if kind == "s3":
    from openpmd_api.stores.s3 import S3Store as Store
    store = Store("openpmd-unchanged", prefix=run + "/main_simulation.json")
else:
    from openpmd_api.stores.swift import SwiftStore as Store
    store = Store("openpmd-unchanged", prefix=run + "/main_simulation.json")
root = zarr.open_group(store, mode="r")
for step, iteration in enumerate((0, 10, 20, 30)):
    for quantity, axis in enumerate("xyz"):
        values = root["data/{}/fields/E/{}".format(iteration, axis)][...]
        expected = 1000.0 * step + 100.0 * quantity + np.arange(24.0).reshape(2, 3, 4)
        np.testing.assert_array_equal(values, expected)
print("zarr-python read E of 4 iterations from", store.describe())
store.clear()
PY
    ;;
esac
echo "unchanged main_simulation stored into $kind and read back"
