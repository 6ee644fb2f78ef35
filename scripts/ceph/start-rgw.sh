#!/usr/bin/env bash
# Adds radosgw, the S3 and Swift gateway, to a cluster that start-cluster.sh
# started in DIR, on 127.0.0.1 at the port the cluster reserved for it (the
# monitor's port + 2), with one user for both APIs. Appends the S3 and Swift
# settings to DIR/env and prints them; stop-cluster.sh DIR stops radosgw
# with the rest.
#
# Usage: start-rgw.sh DIR
# Environment: RGW_START_TIMEOUT seconds until the gateway must answer (default 60)
set -Eeuo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=cluster-common.sh
source "$here/cluster-common.sh"
# shellcheck disable=SC2034  # read by log() in cluster-common.sh
log_prefix=start-rgw

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
for program in radosgw radosgw-admin; do
    command -v "$program" >/dev/null || { echo "start-rgw: $program is not installed" >&2; exit 3; }
done
dir=$(cd "$1" && pwd)
conf=$dir/ceph.conf
[[ -f $dir/env ]] || { log "$dir/env missing: start the cluster with start-cluster.sh first"; exit 2; }
trap 'log "FAILED at line $LINENO"; tail -n 20 "$dir/log/client.rgw.a.log" >&2 2>/dev/null; exit 1' ERR

monitor_port=$(sed -n 's/^mon host = \[v2:127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$conf")
port=$((monitor_port + 2))
port_is_free "$port" || { log "port $port is taken"; false; }

mkdir -p "$dir/rgw.a"
cat >>"$conf" <<CONF

[client.rgw.a]
rgw data = $dir/rgw.a
rgw frontends = beast endpoint=127.0.0.1:$port
rgw enable apis = s3, swift, swift_auth, admin
rgw thread pool size = 16
# radosgw asks for a secure monitor connection, which a cluster without
# authentication cannot give: without crc it never connects (EACCES).
ms mon client mode = secure crc
CONF

start_daemon rgw.a radosgw -n client.rgw.a
pid=$(awk '$1 == "rgw.a" { print $2 }' "$dir/pids")
gateway_answers() {
    [[ -d /proc/$pid ]] || { log "radosgw exited"; return 2; }
    http_ok "$port" 2>/dev/null
}
deadline=$((SECONDS + ${RGW_START_TIMEOUT:-60}))
until gateway_answers; do
    if [[ ! -d /proc/$pid ]] || ((SECONDS >= deadline)); then
        log "radosgw does not answer on port $port"
        false
    fi
    sleep 0.2
done

# Fresh keys per cluster; the Swift user is a subuser of the S3 user.
access_key=$(uuidgen | tr -d - | cut -c1-20)
secret_key=$(uuidgen | tr -d -)
swift_key=$(uuidgen | tr -d -)
admin=(radosgw-admin -c "$conf" -n client.rgw.a)
"${admin[@]}" user create --uid=openpmd --display-name="openPMD tests" \
    --access-key="$access_key" --secret-key="$secret_key" >"$dir/rgw.a/user.json" 2>>"$dir/log/radosgw-admin.out"
"${admin[@]}" subuser create --uid=openpmd --subuser=openpmd:swift --access=full \
    --key-type=swift --secret-key="$swift_key" >/dev/null 2>>"$dir/log/radosgw-admin.out"

cat >>"$dir/env" <<ENV
export AWS_ENDPOINT_URL=http://127.0.0.1:$port
export AWS_ACCESS_KEY_ID=$access_key
export AWS_SECRET_ACCESS_KEY=$secret_key
export AWS_DEFAULT_REGION=us-east-1
export ST_AUTH=http://127.0.0.1:$port/auth/1.0
export ST_USER=openpmd:swift
export ST_KEY=$swift_key
ENV
log "radosgw up on 127.0.0.1:$port (S3 and Swift) in ${SECONDS} s"
grep -E '^export (AWS|ST)_' "$dir/env"
