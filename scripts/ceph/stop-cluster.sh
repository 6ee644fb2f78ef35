#!/usr/bin/env bash
# Stops the daemons that start-cluster.sh (and start-rgw.sh) started for the
# cluster in DIR, and removes DIR. Only the PIDs listed in DIR/pids are
# signalled, and only while their command line still names DIR/ceph.conf;
# nothing else is ever killed.
#
# Usage: stop-cluster.sh [--keep] DIR
#   --keep  leave DIR (and its logs) in place.
# A missing DIR is not an error (nothing to stop).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=cluster-common.sh
source "$here/cluster-common.sh"
# shellcheck disable=SC2034  # read by log() in cluster-common.sh
log_prefix=stop-cluster

keep=0
if [[ ${1:-} == --keep ]]; then
    keep=1
    shift
fi
[[ $# -eq 1 ]] || { echo "usage: $0 [--keep] DIR" >&2; exit 2; }
[[ -d $1 ]] || { log "$1 does not exist: nothing to stop"; exit 0; }
dir=$(cd "$1" && pwd)
# shellcheck disable=SC2034  # read by is_our_daemon in cluster-common.sh
conf=$dir/ceph.conf

names=() pids=()
if [[ -f $dir/pids ]]; then
    while read -r name pid; do
        [[ -n ${pid:-} ]] && names+=("$name") pids+=("$pid")
    done <"$dir/pids"
fi

is_running() {
    local state
    state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
    [[ -n $state && $state != Z && $state != X ]]
}

# Newest first: radosgw and the OSD go while the monitor still answers.
# The memstore OSD would write all its objects to DIR on SIGTERM, which a
# throwaway cluster does not need: it gets SIGKILL at once.
stopped=()
for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    name=${names[i]} pid=${pids[i]}
    is_our_daemon "$pid" || continue
    signal=TERM
    [[ $name == osd.* ]] && signal=KILL
    kill -s "$signal" "$pid" 2>/dev/null
    deadline=$((SECONDS + 10))
    while is_running "$pid" && ((SECONDS < deadline)); do sleep 0.05; done
    if is_running "$pid"; then
        log "$name (pid $pid) ignored SIGTERM for 10 s: SIGKILL"
        kill -s KILL "$pid" 2>/dev/null
        deadline=$((SECONDS + 5))
        while is_running "$pid" && ((SECONDS < deadline)); do sleep 0.05; done
    fi
    stopped+=("$name=$pid")
done

status=0
for pid in "${pids[@]}"; do
    if is_our_daemon "$pid" && is_running "$pid"; then
        log "pid $pid is still running"
        status=1
    fi
done
outcome="kept $dir"
if ((status == 0 && keep == 0)); then
    rm -rf "$dir"
    outcome="removed $dir"
fi
log "stopped ${stopped[*]:-nothing}, $outcome, in $SECONDS s"
exit $status
