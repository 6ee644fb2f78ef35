#!/usr/bin/env bash
# The CTest fixtures "ceph" and "rgw" (test/ceph/CMakeLists.txt): one
# throwaway cluster in DIR for all tests of a run that need it, made and
# removed by scripts/ceph/.
#
# Usage: fixture.sh start|start-rgw|stop DIR
# Where Ceph is not installed the start steps exit 77 (CTest: skipped) with
# a message; with the environment variable CI set they fail instead, so that
# CI never silently skips the object-store tests.
set -uo pipefail

scripts=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../scripts/ceph" && pwd)
[[ $# -eq 2 ]] || { echo "usage: $0 start|start-rgw|stop DIR" >&2; exit 2; }
action=$1 dir=$2

unavailable() {
    if [[ -n ${CI:-} ]]; then
        echo "ERROR: $1; CI is set, where the object-store tests must run" >&2
        exit 1
    fi
    echo "SKIPPED: $1; the tests that need it skip the Ceph stores" \
        "(scripts/install-dependencies.sh installs Ceph)"
    exit 77
}

require_programs() {
    for program in "$@"; do
        command -v "$program" >/dev/null || unavailable "$program is not installed"
    done
}

case $action in
start)
    require_programs ceph ceph-mon ceph-mgr ceph-osd monmaptool rados
    # A cluster that an interrupted run left behind: stopped (only its own
    # recorded daemons) and replaced.
    if [[ -e $dir ]]; then
        "$scripts/stop-cluster.sh" "$dir" || exit 1
    fi
    "$scripts/start-cluster.sh" "$dir" || exit 1
    ;;
start-rgw)
    require_programs radosgw radosgw-admin
    [[ -f $dir/env ]] || unavailable "no Ceph cluster in $dir (its fixture was skipped)"
    "$scripts/start-rgw.sh" "$dir" || exit 1
    ;;
stop)
    "$scripts/stop-cluster.sh" "$dir"
    ;;
*)
    echo "usage: $0 start|start-rgw|stop DIR" >&2
    exit 2
    ;;
esac
