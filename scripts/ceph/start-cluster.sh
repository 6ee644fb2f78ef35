#!/usr/bin/env bash
# Starts a throwaway single-node Ceph cluster for the object-store tests:
# one monitor, one manager, one OSD keeping its objects in RAM (memstore),
# pools of size 1, no authentication, everything on 127.0.0.1 and every file
# in one directory. Optionally adds radosgw (S3 and Swift) with a test user.
#
# Usage: start-cluster.sh [--rgw] [DIR]
#   DIR   an empty or missing directory; default: a new one from mktemp.
#   --rgw also start radosgw (scripts/ceph/start-rgw.sh DIR).
#
# Writes DIR/ceph.conf, DIR/env (shell exports, see docs/object-stores.md)
# and DIR/pids (the daemons it started, stopped by stop-cluster.sh DIR).
# Prints the exports of DIR/env on stdout, so that
#     eval "$(scripts/ceph/start-cluster.sh --rgw)"
# points librados, the rados store and the tests at the cluster. Progress
# goes to stderr. On failure the daemons started so far are stopped and DIR
# is kept for its logs.
#
# Environment (optional):
#   CEPH_POOL              pool to create (default openpmd)
#   CEPH_MAX_OBJECT_SIZE   osd_max_object_size in bytes (default Ceph's 128 MiB)
#   CEPH_MEMSTORE_BYTES    capacity of the in-RAM OSD (default 1 GiB)
#   CEPH_START_TIMEOUT     seconds until the pool must take writes (default 60)
set -Eeuo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=cluster-common.sh
source "$here/cluster-common.sh"

with_rgw=0
if [[ ${1:-} == --rgw ]]; then
    with_rgw=1
    shift
fi
[[ $# -le 1 ]] || { echo "usage: $0 [--rgw] [DIR]" >&2; exit 2; }

for program in ceph ceph-mon ceph-mgr ceph-osd monmaptool rados uuidgen setsid flock; do
    command -v "$program" >/dev/null || { echo "start-cluster: $program is not installed" >&2; exit 3; }
done

if [[ $# -eq 1 ]]; then
    dir=$1
    if [[ -n $(ls -A "$dir" 2>/dev/null) ]]; then
        echo "start-cluster: $dir is not empty (stop-cluster.sh it first)" >&2
        exit 2
    fi
    mkdir -p "$dir"
else
    dir=$(mktemp -d "${TMPDIR:-/tmp}/openpmd-ceph.XXXXXX")
fi
dir=$(cd "$dir" && pwd)
conf=$dir/ceph.conf
pool=${CEPH_POOL:-openpmd}
timeout=${CEPH_START_TIMEOUT:-60}
# shellcheck disable=SC2034  # read by log() in cluster-common.sh
log_prefix=start-cluster

failed() {
    trap - ERR
    log "FAILED at line $1; last log lines (directory kept: $dir):"
    tail -n 15 "$dir"/log/*.log "$dir"/log/*.out >&2 2>/dev/null || true
    "$here/stop-cluster.sh" --keep "$dir" >&2 || true
    exit 1
}
trap 'failed $LINENO' ERR

mkdir -p "$dir/log" "$dir/run" "$dir/mon.a" "$dir/mgr.x" "$dir/osd.0"
: >"$dir/pids"

# Ports: every cluster owns a block of 100 ports whose first port is the
# monitor's. Blocks are aligned, so two clusters overlap only if they pick
# the same block, which the lock and the check of the monitor port prevent
# until the monitor listens.
exec 9>"${TMPDIR:-/tmp}/openpmd-ceph-ports.lock"
flock 9
base=
for _ in $(seq 100); do
    candidate=$((20000 + (RANDOM % 99) * 100))
    if port_is_free "$candidate" && port_is_free $((candidate + 1)) &&
        port_is_free $((candidate + 2)); then
        base=$candidate
        break
    fi
done
[[ -n $base ]] || { log "no free block of ports in 20000-29999"; false; }
mon_addr="[v2:127.0.0.1:$base,v1:127.0.0.1:$((base + 1))]"

fsid=$(uuidgen)
cat >"$conf" <<CONF
# Throwaway test cluster made by scripts/ceph/start-cluster.sh
# Port block $base-$((base + 99)): mon $base (v2) and $((base + 1)) (v1), radosgw $((base + 2)).
[global]
fsid = $fsid
mon host = $mon_addr
public addr = 127.0.0.1
ms bind ipv6 = false
ms bind port min = $((base + 10))
ms bind port max = $((base + 99))
auth cluster required = none
auth service required = none
auth client required = none
run dir = $dir/run
crash dir = $dir/run
log file = $dir/log/\$name.log
admin socket = $dir/run/\$name.asok
# One OSD: every pool has one copy, and radosgw's own pools stay small.
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
# A full CI disk must not stop the monitor (it shuts down below 5% free).
mon data avail warn = 1
mon data avail crit = 0
${CEPH_MAX_OBJECT_SIZE:+osd max object size = $CEPH_MAX_OBJECT_SIZE}

[mon]
mon data = $dir/mon.\$id
mon cluster log file = $dir/log/cluster.log
# Map changes (OSD boot, pool creation) commit after 0.1 s instead of 1 s.
paxos propose interval = 0.1

[mgr]
mgr data = $dir/mgr.\$id

[osd]
osd data = $dir/osd.\$id
osd objectstore = memstore
memstore device bytes = ${CEPH_MEMSTORE_BYTES:-1073741824}
CONF

monmaptool --create --fsid "$fsid" --addv a "$mon_addr" --enable-all-features \
    "$dir/monmap" >/dev/null
ceph-mon -c "$conf" -i a --mkfs --monmap "$dir/monmap" 2>>"$dir/log/mkfs.out"
start_daemon mon.a ceph-mon -i a
wait_until 20 "the monitor listens on port $base" port_is_taken "$base"
flock -u 9
exec 9>&-

start_daemon mgr.x ceph-mgr -i x

ceph_cli=(ceph -c "$conf" --connect-timeout 20)
osd_uuid=$(uuidgen)
osd_id=$("${ceph_cli[@]}" osd new "$osd_uuid")
[[ $osd_id == 0 ]] || { log "unexpected OSD id $osd_id"; false; }
ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid" 2>>"$dir/log/mkfs.out"
start_daemon osd.0 ceph-osd -i 0

"${ceph_cli[@]}" osd pool create "$pool" 8 8 replicated >/dev/null 2>&1
"${ceph_cli[@]}" osd pool application enable "$pool" openpmd >/dev/null 2>&1
wait_until "$timeout" "pool $pool takes writes" \
    timeout 10 rados -c "$conf" -p "$pool" put start-cluster-probe /dev/null
rados -c "$conf" -p "$pool" rm start-cluster-probe

cat >"$dir/env" <<ENV
export CEPH_CONF=$conf
export OPENPMD_CEPH_DIR=$dir
export OPENPMD_TEST_RADOS_POOL=$pool
ENV
log "cluster up in ${SECONDS} s: $conf, pool $pool, daemons $(tr '\n' ' ' <"$dir/pids")"

if [[ $with_rgw == 1 ]]; then
    trap - ERR
    "$here/start-rgw.sh" "$dir" >/dev/null || failed "$LINENO (start-rgw.sh)"
fi
cat "$dir/env"
